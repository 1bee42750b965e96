// Runs connection jobs (connections.md §5): a pg-boss message names a job; the handler takes the
// job's lease (kept alive by a heartbeat), runs its unfinished steps through the institution's
// connector and records each outcome through the domain's JobRecorder. Waits (pause, spacing,
// MFA, a busy login) end the run; the dispatcher sends the job again when it is due.
import {
  ConnectorError,
  wallSleep,
  type ReasonCode,
  type Connector,
  type ConnectorContext,
  type ConnectorCredentials,
  type ConnectorMethod,
  type ConnectorProfile,
  type ConnectorSession,
  type HttpClient,
} from '../connectors/connector.ts';
import type {
  Account,
  Connection,
  ConnectionJob,
  JobTrigger,
} from '../domain/connections/connection-types.ts';
import type { StoredCredentials } from '../domain/connections/connections-service.ts';
import { transactionWindow } from '../domain/connections/connection-rules.ts';
import {
  JobEndedError,
  type ChangeCounts,
  type JobRecorder,
} from '../domain/connections/job-recorder.ts';
import type { InstitutionHealth } from '../domain/connections/institution-health.ts';
import type { InstitutionRegistry } from '../domain/institutions/institution-registry.ts';
import type { JobHandler, JobQueue, QueueDefinition } from '../domain/jobs/job-queue.ts';
import type { Store } from '../domain/store/store.ts';
import type { Clock } from '../kernel/clock.ts';
import { UnreadableSecretError, type SecretBox } from '../kernel/crypto.ts';
import type { Logger } from '../kernel/logger.ts';

export interface ConnectionJobData {
  jobId: string;
}

export interface ConnectionJobSettings {
  jobLeaseS: number;
  jobTimeoutS: number;
  initialHistoryDays: number;
  refreshOverlapDays: number;
}

/** pg-boss's own expiry stays out of the way: the job's lease (heartbeat) is what counts. */
export function connectionJobsQueue(settings: ConnectionJobSettings): QueueDefinition {
  return {
    name: 'connection-job',
    retryLimit: 0,
    retryDelayS: 1,
    leaseS: settings.jobTimeoutS + 300,
  };
}

export interface ConnectionJobDeps {
  store: Store;
  recorder: JobRecorder;
  clock: Clock;
  secretBox: SecretBox;
  institutions: InstitutionRegistry;
  connector: (institutionId: string, method: ConnectorMethod) => Connector | undefined;
  http: HttpClient;
  logger: Logger;
  settings: ConnectionJobSettings;
  workerName: string;
  /** Sends the job again at `resumeAt` (clock) when it ends a run waiting. */
  resendAt: (jobId: string, resumeAt: Date) => void;
  /** The institutions' circuit breakers (§9.4). */
  health: InstitutionHealth;
  /** Monotonic wall time in ms, which a job's time limit counts (§5.5); `performance.now`. */
  wallMs?: () => number;
  /** Told of the bank work, for the metrics of §9.3. */
  observer?: BankWorkObserver;
}

/** Which bank a job or request went to: metric labels, never ids. */
export interface BankLabels {
  institution: string;
  method: ConnectorMethod;
}

/** How a request to a bank ended: its status class, or no answer. */
export type BankRequestOutcome = '2xx' | '3xx' | '4xx' | '5xx' | 'timeout' | 'error';

/** What the worker tells of its bank work (connections.md §9.3). */
export interface BankWorkObserver {
  /** A job contacted its bank for the first time. */
  jobStarted(labels: BankLabels & { trigger: JobTrigger }): void;
  /** A job was written finished; `bankSeconds` from its first contact, null when it had none. */
  jobFinished(
    labels: BankLabels & { trigger: JobTrigger },
    result: 'success' | 'failed',
    bankSeconds: number | null,
  ): void;
  bankRequest(labels: BankLabels, outcome: BankRequestOutcome): void;
}

/** A failure that is Tributary's own decision, not the bank's (§12). */
class JobFailure extends Error {
  constructor(
    readonly code: ReasonCode,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'JobFailure';
  }
}

/** Why a run stopped without finishing the job. */
class Paused extends Error {
  constructor() {
    super('paused');
    this.name = 'Paused';
  }
}

/** Where a run stands: its latest job row, whether it reached the bank, its bank session. */
interface Progress {
  job: ConnectionJob;
  /** `job` with its run time (this run's included) brought up to now, for a write. */
  timed: (job: ConnectionJob) => ConnectionJob;
  contacted: boolean;
  /** The bank session as it stands now (set by `runSteps`), to end should a step fail. */
  session?: () => ConnectorSession | null;
  /** Set by `runSteps` once the job is written successful. */
  finished?: boolean;
  /** Whether another job of the login was talking to the bank when this run claimed the job. */
  credentialsBusy: boolean;
}

export function createConnectionJobHandler(deps: ConnectionJobDeps): JobHandler<ConnectionJobData> {
  const { store, settings } = deps;
  return async ({ data, signal }) => {
    const jobId = data.jobId;
    if (typeof jobId !== 'string') return;
    const claimed = await store.jobs.claim(jobId, deps.workerName, settings.jobLeaseS);
    if (claimed === null) return;
    const heartbeat = setInterval(
      () => {
        store.jobs
          .renewLease(jobId, deps.workerName, settings.jobLeaseS)
          .catch((error: unknown) => {
            deps.logger.warn({ err: error, jobId }, 'job lease renewal failed');
          });
      },
      Math.max(200, (settings.jobLeaseS * 1000) / 3),
    );
    heartbeat.unref();
    let finished = false;
    try {
      finished = await runClaimed(deps, claimed, signal);
    } finally {
      clearInterval(heartbeat);
      // A job written finished gave its lease up in that write.
      if (!finished) {
        await store.jobs.releaseLease(jobId, deps.workerName).catch((error: unknown) => {
          deps.logger.warn({ err: error, jobId }, 'job lease release failed');
        });
      }
    }
  };
}

/** Runs a claimed job's unfinished steps; true when it wrote the job finished. */
async function runClaimed(
  deps: ConnectionJobDeps,
  claimed: { job: ConnectionJob; connection: Connection; credentialsBusy: boolean },
  shutdown: AbortSignal,
): Promise<boolean> {
  const { clock, logger } = deps;
  const { job, connection, credentialsBusy } = claimed;
  const jobId = job.id;
  if (connection.status === 'deleted') return false;
  const labels = { institution: job.institutionId, method: connection.method };
  const fail = async (
    failed: ConnectionJob,
    code: ReasonCode,
    detail: string,
    counts?: ChangeCounts,
  ): Promise<boolean> => {
    const written = await deps.recorder.fail(failed, code, detail, counts);
    if (written) toldFinished(deps, connection.method, failed, 'failed');
    return written;
  };
  const log = logger.child({
    jobId,
    connectionId: connection.id,
    institutionId: job.institutionId,
  });

  const now = clock.now();
  const mfaStep = job.steps.find((s) => s.title === 'mfa-challenge' && s.status === 'in-progress');
  if (mfaStep && job.mfaAnswer === null) {
    if (job.resumeAt !== null && job.resumeAt > now) return false;
    if (job.trigger !== 'smart-cache') {
      return fail(job, 'mfa-timeout', 'No answer to the MFA challenge arrived before it expired.');
    }
  }
  if (!mfaStep && job.contactedAt === null && job.resumeAt !== null && job.resumeAt > now) {
    deps.resendAt(job.id, job.resumeAt);
    return false;
  }

  const connector = deps.connector(job.institutionId, connection.method);
  const institution = deps.institutions.get(job.institutionId);
  if (!connector || !institution || !institution.isEnabled) {
    return fail(
      job,
      'institution-disabled',
      `Institution ${job.institutionId} is not available on this deployment.`,
    );
  }

  // The job's wall-time limit, waits excluded (§5.5): its earlier runs' time is on the row, and
  // every write of this run adds this run's so far (a run ends in a write, or in a crash).
  const wallMs = deps.wallMs ?? (() => performance.now());
  const started = wallMs();
  const timed = (current: ConnectionJob): ConnectionJob => ({
    ...current,
    runMs: job.runMs + Math.ceil(wallMs() - started),
  });
  const remainingMs = Math.max(1, deps.settings.jobTimeoutS * 1000 - job.runMs);
  const timeout = AbortSignal.timeout(remainingMs);
  const signal = AbortSignal.any([shutdown, timeout]);
  const ctx: ConnectorContext = {
    clock,
    logger: log,
    signal,
    http: observedHttp(deps, labels),
    sleep: wallSleep,
  };
  const counts: ChangeCounts = { added: 0, modified: 0, removed: 0 };
  const progress: Progress = { job, timed, contacted: job.contactedAt !== null, credentialsBusy };
  // The breaker learns a job's outcome before anyone can see the job finished, so that the next
  // job is admitted (or refused) knowing it; a success is recorded where runSteps finishes.
  const outcome = async (code: ReasonCode | null, detail = ''): Promise<boolean> => {
    if (code === null) return progress.finished === true;
    if (progress.contacted) await deps.health.record(progress.job, connection.method, code);
    return fail(timed(progress.job), code, detail, counts);
  };
  try {
    await runSteps(deps, progress, connection, connector, ctx, counts);
    return await outcome(null);
  } catch (error) {
    if (error instanceof Paused) return false;
    const session = progress.session?.() ?? null;
    if (session !== null) await endAfterFailure(connector, ctx, session, error);
    if (error instanceof JobEndedError) return false;
    if (shutdown.aborted) throw error;
    if (timeout.aborted) {
      return outcome('job-timed-out', `The job ran longer than ${deps.settings.jobTimeoutS} s.`);
    }
    if (error instanceof ConnectorError) return outcome(error.kind, error.detail);
    if (error instanceof JobFailure) return outcome(error.code, error.detail);
    log.error({ err: error }, 'connection job failed unexpectedly');
    return outcome(
      'unknown-error',
      'An unexpected internal failure stopped the job; it has been logged.',
    );
  }
}

async function runSteps(
  deps: ConnectionJobDeps,
  progress: Progress,
  connection: Connection,
  connector: Connector,
  ctx: ConnectorContext,
  counts: ChangeCounts,
): Promise<void> {
  const { recorder, secretBox, store } = deps;
  const { timed } = progress;
  let job = progress.job;
  let session: ConnectorSession | null = null;
  if (job.session !== null) {
    try {
      session = JSON.parse(secretBox.open(job.session, `session:${job.id}`)) as ConnectorSession;
    } catch (error) {
      if (!(error instanceof UnreadableSecretError)) throw error;
    }
  }
  const unchangedAccounts = new Set<string>();
  // Accounts this run created: their transactions are inserted, not upserted (job-recorder.ts).
  const newAccounts = new Set<string>();
  // The accounts as this run stored them; a run that resumes at retrieve-transactions reads them.
  let stored: readonly Account[] | null = null;
  // The customer's profile as this run read it; null leaves the stored one.
  let profile: ConnectorProfile | null = null;
  const seal = (value: ConnectorSession) =>
    secretBox.seal(JSON.stringify(value), `session:${job.id}`);
  const must = (next: ConnectionJob | null) => {
    if (next === null) throw new JobEndedError(job.id);
    progress.job = next;
    return next;
  };
  progress.session = () => session;

  for (;;) {
    const step = job.steps.find((s) => s.status !== 'success');
    if (!step) break;
    switch (step.title) {
      case 'verify-credentials': {
        if (job.contactedAt === null) {
          // Beyond the pause: one job per login talks to the bank at a time (§7).
          if (progress.credentialsBusy) {
            await recorder.wait(
              timed(job),
              'credentials-busy',
              job.waitReason === 'same-credentials-pause' ? job.resumeAt : null,
            );
            throw new Paused();
          }
          // The institution's breaker (§9.4): refused, held back, or let through.
          const admission = await deps.health.admit(job, connection.method);
          if (admission.kind === 'refuse') {
            throw new JobFailure(
              'institution-not-available',
              `Tributary paused requests to ${job.institutionId} after repeated failures; try again later.`,
            );
          }
          if (admission.kind === 'wait') {
            await recorder.wait(timed(job), 'institution-capacity', admission.until);
            deps.resendAt(job.id, admission.until);
            throw new Paused();
          }
        }
        const first = job.contactedAt === null;
        job = must(await recorder.beginVerification(timed(job)));
        progress.contacted = true;
        if (first) {
          deps.observer?.jobStarted({
            institution: job.institutionId,
            method: connection.method,
            trigger: job.trigger,
          });
        }
        const verified = await connector.verifyCredentials(
          ctx,
          credentialsOf(deps, connection),
          keptSessionOf(deps, connection, job),
        );
        session = verified.session;
        if (verified.mfa) {
          const unattended = job.trigger === 'smart-cache';
          job = must(
            await recorder.mfaRequested(timed(job), verified.mfa, seal(session), unattended),
          );
          if (unattended) {
            throw new ConnectorError(
              'user-action-required',
              'The institution asked for a second factor during a background refresh; refresh while the user is present.',
            );
          }
          deps.resendAt(job.id, job.resumeAt ?? deps.clock.now());
          throw new Paused();
        }
        job = must(
          await recorder.completeStep(
            timed(job),
            'verify-credentials',
            seal(session),
            'retrieve-accounts',
          ),
        );
        break;
      }
      case 'mfa-challenge': {
        if (job.mfaAnswer === null || session === null) {
          throw new ConnectorError(
            'mfa-timeout',
            'No answer to the MFA challenge arrived before it expired.',
          );
        }
        const answers = JSON.parse(secretBox.open(job.mfaAnswer, `mfa:${job.id}`)) as string[];
        job = must(await recorder.startStep(timed(job), 'mfa-challenge'));
        await connector.answerMfa(ctx, session, answers);
        job = must(
          await recorder.completeStep(
            timed(job),
            'mfa-challenge',
            seal(session),
            'retrieve-accounts',
          ),
        );
        break;
      }
      case 'retrieve-accounts': {
        session ??= await relogin(deps, job, connection, connector, ctx);
        if (step.status !== 'in-progress') {
          job = must(await recorder.startStep(timed(job), 'retrieve-accounts'));
        }
        const listed = await connector.listAccounts(ctx, session);
        // The customer's profile is read with new credentials, and while the connection has none.
        if (
          connector.readProfile !== undefined &&
          (job.trigger === 'create' ||
            job.trigger === 'credentials-update' ||
            connection.profile === null)
        ) {
          profile = await connector.readProfile(ctx, session);
        }
        const result = await recorder.storeAccounts(timed(job), listed, seal(session));
        job = must(result.job);
        stored = result.accounts;
        const { before } = result;
        for (const account of listed) {
          const stored = before.get(account.bankAccountId);
          if (stored === undefined) newAccounts.add(account.bankAccountId);
          if (
            stored?.status === 'available' &&
            stored.balance === account.balance &&
            stored.availableFunds === account.availableFunds
          ) {
            unchangedAccounts.add(account.bankAccountId);
          }
        }
        break;
      }
      case 'retrieve-transactions': {
        session ??= await relogin(deps, job, connection, connector, ctx);
        // The connection as this run read it: its window moves only with a job's success, and
        // a purge waits for the running job.
        const window = transactionWindow(connection, deps.clock.now(), deps.settings);
        // Same bank day and the same balances: the bank has nothing new to list for the account
        // (the next day's window re-reads the overlap anyway), so it is not asked again.
        const sameDay = connection.windowEnd === window.to;
        const accounts = (stored ?? (await store.accounts.listForConnection(connection.id))).filter(
          (account) =>
            account.status === 'available' && !(sameDay && unchangedAccounts.has(account.bankKey)),
        );
        // With nothing to list the step is written once, done, with the job's success.
        job =
          accounts.length > 0
            ? must(await recorder.startStep(timed(job), 'retrieve-transactions', window))
            : recorder.withWindow(job, window);
        const writer = recorder.transactionWriter(job);
        try {
          for (const account of accounts) {
            const listing = writer.account(account, { fresh: newAccounts.delete(account.bankKey) });
            for await (const rows of connector.transactionPages(
              ctx,
              session,
              account.bankKey,
              window,
            )) {
              await listing.add(rows);
            }
            await listing.end();
          }
        } catch (error) {
          await writer.abandon();
          throw error;
        }
        const changed = await writer.finish();
        counts.added += changed.added;
        counts.modified += changed.modified;
        counts.removed += changed.removed;
        job = must(await recorder.completeStep(timed(job), 'retrieve-transactions', null));
        break;
      }
    }
  }
  // The bank session is kept for the connection's next job rather than logged out.
  const kept = session && ((await connector.endSession?.(ctx, session, { keep: true })) ?? null);
  const sealed = kept && secretBox.seal(JSON.stringify(kept), bankSessionData(connection));
  if (progress.contacted) await deps.health.record(job, connection.method, null);
  progress.finished = await recorder.succeed(timed(job), connection, counts, {
    bankSession: sealed,
    profile,
  });
  if (progress.finished) toldFinished(deps, connection.method, job, 'success');
  if (!progress.finished && kept) await endQuietly(connector, ctx, kept);
}

/** Tells the observer that `job` was written finished. */
function toldFinished(
  deps: ConnectionJobDeps,
  method: ConnectorMethod,
  job: ConnectionJob,
  result: 'success' | 'failed',
): void {
  if (deps.observer === undefined) return;
  const contactedAt = job.contactedAt;
  const seconds =
    contactedAt === null
      ? null
      : Math.max(0, deps.clock.now().getTime() - contactedAt.getTime()) / 1_000;
  deps.observer.jobFinished(
    { institution: job.institutionId, method, trigger: job.trigger },
    result,
    seconds,
  );
}

/** The HTTP client of a run: every request to the bank is told to the observer. */
function observedHttp(deps: ConnectionJobDeps, labels: BankLabels): HttpClient {
  const { http, observer } = deps;
  if (observer === undefined) return http;
  return async (request) => {
    try {
      const response = await http(request);
      const outcome = (['2xx', '3xx', '4xx', '5xx'] as const)[
        Math.floor(response.status / 100) - 2
      ];
      observer.bankRequest(labels, outcome ?? 'error');
      return response;
    } catch (error) {
      observer.bankRequest(labels, request.signal.aborted ? 'timeout' : 'error');
      throw error;
    }
  };
}

/** The associated data a connection's kept bank session is sealed with (`reencrypt.ts` too). */
function bankSessionData(connection: Connection): string {
  return `bank-session:${connection.id}`;
}

/**
 * The bank session the connection's last successful job kept (connector.ts), for this job's
 * verification; null when there is none to try. A job that brings new credentials (create,
 * credential update) never uses one: it is there to check them at the bank.
 */
function keptSessionOf(
  deps: ConnectionJobDeps,
  connection: Connection,
  job: ConnectionJob,
): ConnectorSession | null {
  if (connection.bankSession === null) return null;
  if (job.trigger === 'create' || job.trigger === 'credentials-update') return null;
  try {
    return JSON.parse(
      deps.secretBox.open(connection.bankSession, bankSessionData(connection)),
    ) as ConnectorSession;
  } catch (error) {
    // Sealed under a key that is gone: the job simply logs in.
    if (error instanceof UnreadableSecretError) return null;
    throw error;
  }
}

/**
 * Logs a failed job's bank session out, best effort (the failure drops any kept session too).
 * Not when the job was stopped, nor when the bank is down or in maintenance: the logout would
 * only wait for its timeout.
 */
async function endAfterFailure(
  connector: Connector,
  ctx: ConnectorContext,
  session: ConnectorSession,
  error: unknown,
): Promise<void> {
  if (ctx.signal.aborted) return;
  if (
    error instanceof ConnectorError &&
    (error.kind === 'service-unavailable' || error.kind === 'maintenance')
  ) {
    return;
  }
  await endQuietly(connector, ctx, session);
}

async function endQuietly(
  connector: Connector,
  ctx: ConnectorContext,
  session: ConnectorSession,
): Promise<void> {
  try {
    await connector.endSession?.(ctx, session);
  } catch (error) {
    if (ctx.signal.aborted) return;
    ctx.logger.warn({ err: error }, 'ending a bank session failed; ignored');
  }
}

/** A job taken over after its worker died has no session: log in again (no MFA possible). */
async function relogin(
  deps: ConnectionJobDeps,
  job: ConnectionJob,
  connection: Connection,
  connector: Connector,
  ctx: ConnectorContext,
): Promise<ConnectorSession> {
  const verified = await connector.verifyCredentials(ctx, credentialsOf(deps, connection));
  if (verified.mfa) {
    throw new ConnectorError(
      'user-action-required',
      `The institution asked for a second factor again while job ${job.id} resumed; refresh while the user is present.`,
    );
  }
  return verified.session;
}

function credentialsOf(deps: ConnectionJobDeps, connection: Connection): ConnectorCredentials {
  if (connection.credentials === null) {
    throw new ConnectorError(
      'invalid-credentials',
      'No credentials are stored for this connection.',
    );
  }
  let opened: string;
  try {
    opened = deps.secretBox.open(connection.credentials, `credentials:${connection.id}`);
  } catch (error) {
    // A lost or changed encryption key (operations.md §8.4): never a crash, the user re-sends.
    if (error instanceof UnreadableSecretError) {
      throw new ConnectorError(
        'invalid-credentials',
        'Stored credentials could not be read; send the credentials again.',
      );
    }
    throw error;
  }
  const stored = JSON.parse(opened) as StoredCredentials;
  return {
    loginId: stored.loginId,
    password: stored.password,
    ...(stored.securityCode ? { securityCode: stored.securityCode } : {}),
    ...(stored.secondaryLoginId ? { secondaryLoginId: stored.secondaryLoginId } : {}),
  };
}

/**
 * Hands due jobs to the queue (ARCHITECTURE §3.6: pg-boss carries the work; the job row says when
 * it may run). New and answered jobs are sent at once; waiting ones at their `resumeAt`; a tick
 * re-sends what a lost message or a dead worker left behind, and a clock advance makes every job
 * that became due runnable at once (sandbox.md §5).
 */
export interface DispatcherDeps {
  queue: JobQueue;
  store: Store;
  clock: Clock;
  logger: Logger;
  queueName: string;
  /** Pokes this process's poll loop so a sent job is claimed without waiting for the poll. */
  poke: () => void;
}

export class ConnectionJobDispatcher {
  readonly #deps: DispatcherDeps;
  #timer: NodeJS.Timeout | null = null;
  #ticking: Promise<void> | null = null;
  /** Seconds after which a dispatched but unclaimed job is sent again. */
  static readonly redispatchS = 30;

  constructor(deps: DispatcherDeps) {
    this.#deps = deps;
  }

  wake(jobIds: readonly string[], options: { inserted?: boolean } = {}): void {
    if (jobIds.length === 0) return;
    void this.#send(jobIds, options.inserted !== true).catch((error: unknown) =>
      this.#deps.logger.warn(
        { err: error },
        'dispatching connection jobs failed; the tick will retry',
      ),
    );
  }

  resendAt(jobId: string, resumeAt: Date): void {
    const delayMs = Math.max(0, resumeAt.getTime() - this.#deps.clock.now().getTime());
    const startAfter = new Date(Date.now() + delayMs);
    void this.#deps.queue
      .send(this.#deps.queueName, { jobId }, { startAfter })
      .catch((error: unknown) =>
        this.#deps.logger.warn({ err: error, jobId }, 'delayed dispatch failed'),
      );
  }

  /** Sends every due, unclaimed job (safety net and clock advances). */
  async tick(): Promise<void> {
    if (this.#ticking) return this.#ticking;
    this.#ticking = (async () => {
      const ids = await this.#deps.store.jobs.listDispatchable(
        this.#deps.clock.now(),
        ConnectionJobDispatcher.redispatchS,
        200,
      );
      await this.#send(ids);
    })().finally(() => {
      this.#ticking = null;
    });
    return this.#ticking;
  }

  /** The sandbox clock moved forward: whatever became due runs now. */
  async clockAdvanced(): Promise<void> {
    await this.#deps.store.jobs.clearDispatched(this.#deps.clock.now());
    await this.tick();
  }

  start(intervalMs: number): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.tick().catch((error: unknown) =>
        this.#deps.logger.warn({ err: error }, 'connection job tick failed'),
      );
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** `mark`: the rows are not marked dispatched yet (inserted jobs are, by their insert). */
  async #send(ids: readonly string[], mark = true): Promise<void> {
    if (ids.length === 0) return;
    if (mark) await this.#deps.store.jobs.markDispatched(ids);
    for (const jobId of ids) await this.#deps.queue.send(this.#deps.queueName, { jobId });
    this.#deps.poke();
  }
}
