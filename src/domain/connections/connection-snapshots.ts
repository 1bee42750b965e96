// What events store of connections, accounts and jobs: plain JSON written at commit time, rendered
// by the API's presenters (events-webhooks.md §2). Times are ISO strings here.
import type { Account, Connection, ConnectionJob } from './connection-types.ts';

export interface ConnectionSnapshot {
  id: string;
  userId: string;
  method: string;
  status: string;
  createdAt: string;
  lastUsed: string | null;
  mfaEnabled: boolean;
  institutionId: string;
  reason: (Omit<NonNullable<Connection['reason']>, 'occurredAt'> & { occurredAt: string }) | null;
}

export function connectionSnapshot(connection: Connection): ConnectionSnapshot {
  return {
    id: connection.id,
    userId: connection.userId,
    method: connection.method,
    status: connection.status,
    createdAt: connection.createdAt.toISOString(),
    lastUsed: connection.lastUsed?.toISOString() ?? null,
    mfaEnabled: connection.mfaEnabled,
    institutionId: connection.institutionId,
    reason: connection.reason
      ? { ...connection.reason, occurredAt: connection.reason.occurredAt.toISOString() }
      : null,
  };
}

export function readConnectionSnapshot(data: Record<string, unknown>): ConnectionSnapshot | null {
  const snapshot = data.connectionSnapshot;
  return snapshot && typeof snapshot === 'object' ? (snapshot as ConnectionSnapshot) : null;
}

export type AccountSnapshot = Omit<Account, 'createdAt' | 'lastUpdated'> & {
  createdAt: string;
  lastUpdated: string;
};

export function accountSnapshot(account: Account): AccountSnapshot {
  return {
    ...account,
    createdAt: account.createdAt.toISOString(),
    lastUpdated: account.lastUpdated.toISOString(),
  };
}

export function readAccountSnapshot(data: Record<string, unknown>): Account | null {
  const snapshot = data.accountSnapshot as AccountSnapshot | undefined;
  if (!snapshot || typeof snapshot !== 'object') return null;
  return {
    ...snapshot,
    createdAt: new Date(snapshot.createdAt),
    lastUpdated: new Date(snapshot.lastUpdated),
  };
}

export interface JobSnapshot {
  id: string;
  userId: string;
  connectionId: string;
  institutionId: string;
  trigger: string;
  state: string;
  steps: ConnectionJob['steps'];
  createdAt: string;
  updatedAt: string;
}

export function jobSnapshot(job: ConnectionJob): JobSnapshot {
  return {
    id: job.id,
    userId: job.userId,
    connectionId: job.connectionId,
    institutionId: job.institutionId,
    trigger: job.trigger,
    state: job.state,
    steps: job.steps,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
  };
}

export function readJobSnapshot(data: Record<string, unknown>): JobSnapshot | null {
  const snapshot = data.jobSnapshot;
  return snapshot && typeof snapshot === 'object' ? (snapshot as JobSnapshot) : null;
}
