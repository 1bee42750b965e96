// The events of connections.md §13.1, built in one place and written in the caller's transaction.
import type { Clock } from '../../kernel/clock.ts';
import { recordEvent } from '../events/events-service.ts';
import type { DomainEvent } from '../events/events-types.ts';
import type { Store } from '../store/store.ts';
import { accountSnapshot, connectionSnapshot, jobSnapshot } from './connection-snapshots.ts';
import type { Account, Connection, ConnectionJob } from './connection-types.ts';

export type ConnectionEventType =
  | 'connection.created'
  | 'connection.updated'
  | 'connection.activated'
  | 'connection.invalidated'
  | 'connection.deleted'
  | 'connection.stale';

export function recordConnectionEvent(
  store: Store,
  clock: Clock,
  type: ConnectionEventType,
  connection: Connection,
): Promise<void> {
  return recordEvent(store, clock, {
    applicationId: connection.applicationId,
    type,
    entity: 'connection',
    entityId: connection.id,
    userId: connection.userId,
    data: { connectionSnapshot: connectionSnapshot(connection) },
  });
}

type JobEventType = 'job.completed' | 'job.failed' | 'job.mfa-required';

export function jobEvent(
  type: JobEventType,
  job: ConnectionJob,
): Omit<DomainEvent, 'id' | 'createdAt'> {
  return {
    applicationId: job.applicationId,
    type,
    entity: 'job',
    entityId: job.id,
    userId: job.userId,
    data: { connectionId: job.connectionId, jobSnapshot: jobSnapshot(job) },
  };
}

export function recordJobEvent(
  store: Store,
  clock: Clock,
  type: JobEventType,
  job: ConnectionJob,
): Promise<void> {
  return recordEvent(store, clock, jobEvent(type, job));
}

export function recordAccountEvent(
  store: Store,
  clock: Clock,
  type: 'account.created' | 'account.updated',
  account: Account,
): Promise<void> {
  return recordEvent(store, clock, {
    applicationId: account.applicationId,
    type,
    entity: 'account',
    entityId: account.id,
    userId: account.userId,
    data: { connectionId: account.connectionId, accountSnapshot: accountSnapshot(account) },
  });
}

export function recordTransactionsEvent(
  store: Store,
  clock: Clock,
  connection: Connection,
  counts: { added: number; modified: number; removed: number; jobId: string },
): Promise<void> {
  return recordEvent(store, clock, {
    applicationId: connection.applicationId,
    type: 'transactions.updated',
    entity: 'transactions',
    entityId: connection.id,
    userId: connection.userId,
    data: { connectionId: connection.id, ...counts },
  });
}

export function recordPurgeEvent(
  store: Store,
  clock: Clock,
  connection: Connection,
  receipt: Record<string, unknown>,
): Promise<void> {
  return recordEvent(store, clock, {
    applicationId: connection.applicationId,
    type: 'connection.purged',
    entity: 'connection',
    entityId: connection.id,
    userId: connection.userId,
    data: { connectionId: connection.id, receipt: { ...receipt, reason: 'purge' } },
  });
}
