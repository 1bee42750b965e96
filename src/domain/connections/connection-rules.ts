// The rules of connections.md as pure functions: steps, reasons, statuses after a job, the refresh
// budget, the Smart Cache slot and the bank's calendar. No storage, no clock reads: callers pass
// "now", so tests can drive every rule.
import { createHash, createHmac } from 'node:crypto';
import { reasonCodes, type ReasonCode } from '../../connectors/connector.ts';
import type {
  Connection,
  ConnectionJob,
  ConnectionReason,
  ConnectionStatus,
  JobStep,
  JobTrigger,
  StepFailure,
  StepTitle,
} from './connection-types.ts';

export const canonicalSteps: readonly StepTitle[] = [
  'verify-credentials',
  'retrieve-accounts',
  'retrieve-transactions',
];

/** The three canonical steps, all pending (§5.1). */
export function newSteps(): JobStep[] {
  return canonicalSteps.map((title) => ({
    title,
    status: 'pending',
    result: null,
    startedAt: null,
    finishedAt: null,
  }));
}

/** A job to change without changing the caller's (its steps are copied too). */
export function copyOfJob(job: ConnectionJob): ConnectionJob {
  return { ...job, steps: job.steps.map((step) => ({ ...step })) };
}

/**
 * A copy of the job ended at `now`: `success`, or `failed` with its current step (the one in
 * progress, else the first pending one) failed with `failure`. Its secrets and wait are cleared.
 */
export function endedJob(
  job: ConnectionJob,
  now: Date,
  failure: StepFailure | null = null,
): ConnectionJob {
  const ended = copyOfJob(job);
  const at = now.toISOString();
  if (failure !== null) {
    const step =
      ended.steps.find((s) => s.status === 'in-progress') ??
      ended.steps.find((s) => s.status === 'pending');
    if (step) {
      step.status = 'failed';
      step.result = failure;
      step.startedAt ??= at;
      step.finishedAt = at;
    }
  }
  ended.state = failure === null ? 'success' : 'failed';
  ended.finishedAt = now;
  ended.updatedAt = now;
  ended.session = null;
  ended.mfaAnswer = null;
  ended.waitReason = null;
  ended.resumeAt = null;
  return ended;
}

/** A failed step's result (§5.1): `detail` and `details` carry the same text. */
export function stepFailure(code: ReasonCode, detail: string): StepFailure {
  const facts = reasonCodes[code];
  return {
    code,
    title: facts.title,
    detail,
    details: detail,
    nextAction: facts.nextAction,
    retryable: facts.retryable,
  };
}

export function connectionReason(failure: StepFailure, jobId: string, at: Date): ConnectionReason {
  return {
    code: failure.code,
    title: failure.title,
    detail: failure.detail,
    nextAction: failure.nextAction,
    retryable: failure.retryable,
    occurredAt: at,
    jobId,
  };
}

/**
 * The connection's status after a failed job (§2 T6–T10, §12): a first job's failure always
 * invalidates; on an active connection the code's table row decides; invalid stays invalid.
 */
export function statusAfterFailure(status: ConnectionStatus, code: ReasonCode): ConnectionStatus {
  if (status === 'deleted') return 'deleted';
  if (status === 'pending' || status === 'init' || status === 'invalid') return 'invalid';
  if (status === 'pre-init') return 'pre-init';
  const after = reasonCodes[code].statusOnRefresh;
  return after === 'invalid' ? 'invalid' : 'active';
}

/** Jobs whose user is present (§9.1); the others are background work. */
export function isUserPresent(trigger: JobTrigger): boolean {
  return trigger !== 'smart-cache' && trigger !== 'bulk-refresh';
}

export interface RefreshBudget {
  limit: number;
  remaining: number;
  resetsAt: Date | null;
}

/**
 * The ad-hoc budget as the connection shows it (§6.5), from the counted jobs in the window: how
 * many, and when the oldest was made.
 */
export function refreshBudget(
  counted: { count: number; oldest: Date | null },
  limit: number,
): RefreshBudget {
  const remaining = Math.max(0, limit - counted.count);
  return {
    limit,
    remaining,
    resetsAt:
      remaining === limit || counted.oldest === null ? null : addSeconds(counted.oldest, 86_400),
  };
}

export function addSeconds(at: Date, seconds: number): Date {
  return new Date(at.getTime() + seconds * 1000);
}

/**
 * The credential key of §7: a keyed hash of institution and login (and the application at sandbox
 * institutions), so the pause can compare logins without keeping them.
 */
export function credentialKey(
  secret: Buffer,
  parts: {
    institutionId: string;
    loginId: string;
    secondaryLoginId: string | null;
    applicationId: string | null;
  },
): string {
  const text = [
    parts.institutionId,
    parts.loginId.trim().toLowerCase(),
    (parts.secondaryLoginId ?? '').trim().toLowerCase(),
  ].join('\n');
  const scoped = parts.applicationId === null ? text : `${text}\n${parts.applicationId}`;
  return createHmac('sha256', secret).update(scoped).digest('hex');
}

/** A keyed hash of every credential value: an identical re-post is recognised without them. */
export function credentialsHash(secret: Buffer, values: readonly (string | null)[]): string {
  return createHmac('sha256', secret).update(JSON.stringify(values)).digest('hex');
}

const sydneyDates = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Australia/Sydney',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** "Today" at the institution (§6.2: Australia/Sydney for the sandbox banks), `YYYY-MM-DD`. */
export function institutionToday(now: Date): string {
  return sydneyDates.format(now);
}

/** `date` ± `days`, calendar arithmetic on `YYYY-MM-DD`. */
export function shiftDate(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The transaction window of a job (§6.2). */
export function transactionWindow(
  connection: Pick<Connection, 'windowEnd'>,
  now: Date,
  settings: { initialHistoryDays: number; refreshOverlapDays: number },
): { from: string; to: string } {
  const to = institutionToday(now);
  const firstBound = shiftDate(to, -settings.initialHistoryDays);
  if (connection.windowEnd === null) return { from: firstBound, to };
  const from = shiftDate(connection.windowEnd, -settings.refreshOverlapDays);
  return { from: from < firstBound ? firstBound : from, to };
}

const goldenRatioFraction = 0.6180339887498949;

/**
 * The Smart Cache slot of §9.2: the first candidate `m × I + φ + j` later than both `now` and
 * `lastSuccessAt + minAge`, rounded down to the second.
 */
export function nextSmartCacheSlot(
  connection: Pick<Connection, 'id' | 'ordinal' | 'lastSuccessAt'>,
  now: Date,
  settings: { intervalS: number; jitterS: number; minAgeS: number },
): Date {
  const interval = settings.intervalS;
  const phase = ((connection.ordinal * goldenRatioFraction) % 1) * interval;
  const notBefore = Math.max(
    now.getTime() / 1000,
    connection.lastSuccessAt ? connection.lastSuccessAt.getTime() / 1000 + settings.minAgeS : 0,
  );
  const jitter = (cycle: number) => {
    const digest = createHash('sha256').update(`${connection.id}:${cycle}`).digest();
    return (digest.readUInt32BE(0) % (2 * settings.jitterS + 1)) - settings.jitterS;
  };
  let cycle = Math.floor((notBefore - phase) / interval) - 1;
  for (;;) {
    const candidate = cycle * interval + phase + jitter(cycle);
    if (candidate > notBefore) return new Date(Math.floor(candidate) * 1000);
    cycle++;
  }
}

/** Why a connection is not eligible for the Smart Cache (§1 `smartCache.ineligibleReason`). */
export function smartCacheIneligibility(
  connection: Pick<Connection, 'status' | 'mfaEnabled' | 'method'>,
  enabled: boolean,
): 'disabled' | 'status' | 'requires-user-presence' | null {
  if (!enabled) return 'disabled';
  if (connection.status !== 'active') return 'status';
  if (connection.method === 'web' && connection.mfaEnabled) return 'requires-user-presence';
  return null;
}
