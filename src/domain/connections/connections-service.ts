// What the API asks of connections (connections.md §3–§6, §10–§11): create, credential update,
// refresh (one and bulk), MFA answers, delete, purge and the reads. Every change and its events
// commit in one transaction; jobs are handed to the worker through the `JobWaker` port after it.
import { createHash } from 'node:crypto';
import type { ConnectorMethod } from '../../connectors/connector.ts';
import type { Clock } from '../../kernel/clock.ts';
import { UnreadableSecretError, type SecretBox } from '../../kernel/crypto.ts';
import { AppError, type ErrorItem } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Filter } from '../filters/filter.ts';
import type { InstitutionRegistry } from '../institutions/institution-registry.ts';
import type { Store } from '../store/store.ts';
import { recordConnectionEvent, recordJobEvent, recordPurgeEvent } from './connection-events.ts';
import {
  addSeconds,
  credentialKey,
  credentialsHash,
  newSteps,
  nextSmartCacheSlot,
  refreshBudget,
  type RefreshBudget,
  smartCacheIneligibility,
  endedJob,
  stepFailure,
} from './connection-rules.ts';
import type {
  Account,
  Connection,
  ConnectionJob,
  JobPosition,
  JobTrigger,
  StepMfa,
  Transaction,
  TransactionPosition,
} from './connection-types.ts';

/** Hands jobs to the worker once their transaction committed. */
export interface JobWaker {
  /** `inserted`: the jobs were just inserted, so their rows are marked dispatched already. */
  wake(jobIds: readonly string[], options?: { inserted?: boolean }): void;
}

export interface ConnectionSettings {
  sameCredentialsPauseS: number;
  mfaTimeoutS: number;
  refreshLimitWebPerDay: number;
  refreshLimitObPerDay: number;
  refreshBulkPerDay: number;
  bulkRefreshSpacingS: number;
  sandboxMaxConnections: number;
  staleAfterS: number;
  smartCache: { enabled: boolean; intervalS: number; jitterS: number; minAgeS: number };
}

/** The credentials as sealed in the connection (never logged, never returned). */
export interface StoredCredentials {
  loginId: string;
  password: string;
  securityCode?: string;
  secondaryLoginId?: string;
}

export interface PurgeReceipt {
  id: string;
  connectionId: string;
  institutionId: string;
  purgedAt: Date;
  accounts: number;
  transactions: number;
}

type Body = Record<string, unknown>;

const mfaRepeatWindowS = 60;

function problem(pointer: string, detail: string, code: ErrorItem['code']): ErrorItem {
  return { code, detail, source: { pointer } };
}

function throwFirst(problems: ErrorItem[]): void {
  const [first, ...rest] = problems;
  if (first)
    throw new AppError(first.code, first.detail, { source: first.source ?? null, extra: rest });
}

function asBody(body: unknown, what: string): Body {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('invalid-content', `Posted ${what} is not in valid format.`, {
      source: { pointer: '/' },
    });
  }
  return body as Body;
}

/** A string field: absent (undefined), or its value; wrong types and lengths are reported. */
function textField(
  body: Body,
  field: string,
  pointer: string,
  limits: { max: number; trim: boolean; required: boolean; emptyIsAbsent?: boolean },
  problems: ErrorItem[],
): string | undefined {
  const raw = body[field];
  if (raw === undefined || raw === null || (raw === '' && limits.emptyIsAbsent)) {
    if (limits.required) {
      problems.push(
        problem(pointer, `Parameter '${field}' is required.`, 'parameter-not-supplied'),
      );
    }
    return undefined;
  }
  if (typeof raw !== 'string') {
    problems.push(
      problem(pointer, `Parameter '${field}' must be a string.`, 'parameter-not-valid'),
    );
    return undefined;
  }
  const value = limits.trim ? raw.trim() : raw;
  if (value === '') {
    problems.push(problem(pointer, `Parameter '${field}' is required.`, 'parameter-not-supplied'));
    return undefined;
  }
  if (value.length > limits.max) {
    problems.push(
      problem(
        pointer,
        `Parameter '${field}' is longer than ${limits.max} characters.`,
        'parameter-not-valid',
      ),
    );
    return undefined;
  }
  return value;
}

const notFound = (what: string, parameter: string) =>
  new AppError('resource-not-found', `Requested ${what} is not found.`, { source: { parameter } });

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export class ConnectionsService {
  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      institutions: InstitutionRegistry;
      secretBox: SecretBox;
      /** Seals the login id under the installation's own key (operations.md §8.4). */
      loginIdBox: SecretBox;
      /** Server key of the credential key (§7). */
      credentialSecret: Buffer;
      settings: ConnectionSettings;
      waker: JobWaker;
    },
  ) {}

  // ------------------------------------------------------------------------------------------
  // Creation and credential updates

  /** `POST /users/{u}/connections` (§3): the job of the new (or same-login) connection. */
  async create(applicationId: string, userId: string, rawBody: unknown): Promise<ConnectionJob> {
    const body = asBody(rawBody, 'connection');
    const problems: ErrorItem[] = [];
    const method = this.readMethod(body, problems);
    const institutionId = this.readInstitutionId(body, problems);
    if (method === 'open-banking') {
      throwFirst(problems);
      await this.requireUser(applicationId, userId);
      await this.checkMethodConflict(this.deps.store, userId, institutionId ?? '', 'open-banking');
      throw new AppError(
        'institution-not-supported',
        'Open-banking connections are created through the consent flow, which this deployment does not offer yet.',
        { source: { pointer: '/method' } },
      );
    }
    const loginId = textField(
      body,
      'loginId',
      '/loginId',
      { max: 128, trim: true, required: true },
      problems,
    );
    const password = textField(
      body,
      'password',
      '/password',
      { max: 256, trim: false, required: true },
      problems,
    );
    throwFirst(problems);
    const institution = this.requireInstitution(institutionId ?? '');
    const form = institution.definition.web;
    const securityCode = textField(
      body,
      'securityCode',
      '/securityCode',
      {
        max: 64,
        trim: false,
        required: form?.securityCodeCaption != null,
        emptyIsAbsent: true,
      },
      problems,
    );
    const secondaryLoginId = textField(
      body,
      'secondaryLoginId',
      '/secondaryLoginId',
      {
        max: 128,
        trim: true,
        required: form?.secondaryLoginIdCaption != null,
        emptyIsAbsent: true,
      },
      problems,
    );
    throwFirst(problems);
    await this.requireUser(applicationId, userId);
    if (form === null) {
      throw new AppError(
        'institution-not-supported',
        `Institution ${institution.definition.id} does not offer web connections.`,
        {
          source: { pointer: '/institution/id' },
        },
      );
    }
    if (!institution.isEnabled) {
      throw new AppError(
        'institution-disabled',
        `Institution ${institution.definition.id} is disabled by the operator.`,
        {
          source: { pointer: '/institution/id' },
        },
      );
    }
    const credentials: StoredCredentials = {
      loginId: loginId ?? '',
      password: password ?? '',
      ...(securityCode ? { securityCode } : {}),
      ...(secondaryLoginId ? { secondaryLoginId } : {}),
    };
    const key = credentialKey(this.deps.credentialSecret, {
      institutionId: institution.definition.id,
      loginId: credentials.loginId,
      secondaryLoginId: credentials.secondaryLoginId ?? null,
      applicationId: institution.definition.isSandbox ? applicationId : null,
    });
    const hash = this.hashCredentials(key, credentials);
    const job = await this.deps.store.transaction(async (store) => {
      const live = await store.connections.listLive(userId, institution.definition.id);
      await this.checkMethodConflict(store, userId, institution.definition.id, 'web', live);
      const same = live.find((c) => c.method === 'web' && c.credentialKey === key);
      if (same) return this.replaceCredentials(store, same, credentials, hash, 'create');
      if (institution.definition.isSandbox && this.deps.settings.sandboxMaxConnections > 0) {
        const sandboxIds = this.deps.institutions
          .list()
          .filter((i) => i.definition.isSandbox)
          .map((i) => i.definition.id);
        const count = await store.connections.countLiveAt(applicationId, sandboxIds);
        if (count >= this.deps.settings.sandboxMaxConnections) {
          throw new AppError(
            'too-many-sandbox-connections',
            'Limit reached for sandbox connections.',
          );
        }
      }
      const now = this.deps.clock.now();
      const connection: Connection = {
        id: newId(),
        applicationId,
        userId,
        institutionId: institution.definition.id,
        method: 'web',
        status: 'pending',
        createdAt: now,
        credentials: null,
        credentialKey: key,
        credentialsHash: hash,
        loginIdSealed: null,
        bankSession: null,
        bankSessionAt: null,
        mfaEnabled: form.authorization === 'user-mfa',
        profile: null,
        reason: null,
        lastUsed: null,
        lastSuccessAt: null,
        dataAsOf: null,
        windowEnd: null,
        ordinal: await store.connections.nextOrdinal(institution.definition.id, 'web'),
        smartCacheNext: null,
        smartCacheRetries: 0,
        staleReported: false,
      };
      connection.credentials = this.sealCredentials(connection.id, credentials);
      connection.loginIdSealed = this.deps.loginIdBox.seal(
        credentials.loginId,
        `login:${connection.id}`,
      );
      const paused = await this.mustPause(store, key, now);
      await store.connections.insert(connection);
      const created = this.newJob(connection, 'create', now, hash);
      if (paused) {
        created.resumeAt = addSeconds(now, this.deps.settings.sameCredentialsPauseS);
        created.waitReason = 'same-credentials-pause';
      }
      await store.jobs.insert(created);
      await recordConnectionEvent(store, this.deps.clock, 'connection.created', connection);
      return created;
    });
    this.deps.waker.wake([job.id]);
    return job;
  }

  /** `POST /users/{u}/connections/{c}` (§4). */
  async updateCredentials(
    applicationId: string,
    userId: string,
    connectionId: string,
    rawBody: unknown,
  ): Promise<ConnectionJob> {
    const body = asBody(rawBody, 'credentials');
    const problems: ErrorItem[] = [];
    const password = textField(
      body,
      'password',
      '/password',
      { max: 256, trim: false, required: true },
      problems,
    );
    const loginId = textField(
      body,
      'loginId',
      '/loginId',
      { max: 128, trim: true, required: false },
      problems,
    );
    const securityCode = textField(
      body,
      'securityCode',
      '/securityCode',
      { max: 64, trim: false, required: false, emptyIsAbsent: true },
      problems,
    );
    const secondaryLoginId = textField(
      body,
      'secondaryLoginId',
      '/secondaryLoginId',
      { max: 128, trim: true, required: false, emptyIsAbsent: true },
      problems,
    );
    throwFirst(problems);
    await this.requireUser(applicationId, userId);
    const job = await this.deps.store.transaction(async (store) => {
      const connection = await store.connections.find(userId, connectionId, { lock: true });
      if (!connection) throw notFound('connection', 'connectionId');
      if (connection.method !== 'web') {
        throw new AppError('parameter-not-valid', 'Connection type is not Web', {
          source: { pointer: '/' },
        });
      }
      if (connection.status === 'deleted') {
        throw new AppError('connection-deleted', `Connection ${connection.id} is deleted.`);
      }
      const stored = this.openCredentials(connection) ?? {
        loginId: loginId ?? this.openLoginId(connection) ?? '',
        password: '',
      };
      if (stored.loginId === '') {
        throw new AppError(
          'parameter-not-supplied',
          'Stored credentials could not be read; send the loginId with the password.',
          { source: { pointer: '/loginId' } },
        );
      }
      if (loginId !== undefined && loginId.toLowerCase() !== stored.loginId.trim().toLowerCase()) {
        throw new AppError(
          'parameter-not-valid',
          'A different loginId is a different login: create a new connection for it.',
          { source: { pointer: '/loginId' } },
        );
      }
      const credentials: StoredCredentials = {
        loginId: stored.loginId,
        password: password ?? '',
        ...((securityCode ?? stored.securityCode)
          ? { securityCode: securityCode ?? stored.securityCode }
          : {}),
        ...((secondaryLoginId ?? stored.secondaryLoginId)
          ? { secondaryLoginId: secondaryLoginId ?? stored.secondaryLoginId }
          : {}),
      };
      const hash = this.hashCredentials(connection.credentialKey ?? '', credentials);
      return this.replaceCredentials(store, connection, credentials, hash, 'update');
    });
    this.deps.waker.wake([job.id]);
    return job;
  }

  /**
   * Same login re-posted (§3) or a credential update (§4): an unfinished job of identical values
   * is returned; another unfinished job answers 409 for an update, itself for a create.
   */
  private async replaceCredentials(
    store: Store,
    connection: Connection,
    credentials: StoredCredentials,
    hash: string,
    via: 'create' | 'update',
  ): Promise<ConnectionJob> {
    const running = await store.jobs.findUnfinished(connection.id, { lock: true });
    if (running) {
      const identical =
        (running.trigger === 'create' || running.trigger === 'credentials-update') &&
        running.credentialsHash === hash;
      if (identical || via === 'create') return running;
      throw new AppError(
        'job-in-progress',
        `A job of connection ${connection.id} is in progress: ${running.id}.`,
      );
    }
    const now = this.deps.clock.now();
    connection.credentials = this.sealCredentials(connection.id, credentials);
    connection.credentialsHash = hash;
    // A bank session kept under the old credentials never stands in for the new ones.
    connection.bankSession = null;
    connection.bankSessionAt = null;
    await store.connections.update(connection, { bankSession: true });
    const job = this.newJob(connection, 'credentials-update', now, hash);
    await store.jobs.insert(job);
    await recordConnectionEvent(store, this.deps.clock, 'connection.updated', connection);
    return job;
  }

  // ------------------------------------------------------------------------------------------
  // Refresh

  /**
   * `POST /users/{u}/connections/{c}/refresh` (§6.1). No transaction: one read for the checks,
   * then an insert that no deleted connection and no unfinished job of the connection lets
   * through; when it is refused, the checks run again on what refused it.
   */
  async refresh(
    applicationId: string,
    userId: string,
    connectionId: string,
  ): Promise<ConnectionJob> {
    const { store, clock } = this.deps;
    for (let attempt = 1; ; attempt++) {
      const now = clock.now();
      const state = await this.refreshState(store, { userId, id: connectionId }, now);
      const connection = state?.connection;
      // A connection row implies its user (deleting a user deletes them): the user is asked
      // for only when the connection is not found, to answer its 404 first.
      if (!state || connection?.applicationId !== applicationId) {
        await this.requireUser(applicationId, userId);
        throw notFound('connection', 'connectionId');
      }
      if (connection.status === 'deleted') {
        throw new AppError('connection-deleted', `Connection ${connection.id} is deleted.`);
      }
      if (state.running) return state.running;
      const refusal = this.refusal(connection, state.budget, now);
      if (refusal) throw refusal;
      const created = this.newJob(connection, 'manual-refresh', now, connection.credentialsHash);
      if (await store.jobs.insertIfLive(created)) {
        this.deps.waker.wake([created.id], { inserted: true });
        return created;
      }
      // Another request's job (or a delete) came first; a job that also finished meanwhile
      // makes the next read find room again, which cannot go on.
      if (attempt === 3) throw new Error(`refresh of ${connectionId} kept meeting other jobs`);
    }
  }

  /** `POST /users/{u}/connections/refresh` (§6.4). */
  async refreshAll(
    applicationId: string,
    userId: string,
  ): Promise<{
    jobs: ConnectionJob[];
    skipped: { connection: string; code: string; detail: string }[];
  }> {
    await this.requireUser(applicationId, userId);
    const outcome = await this.deps.store.transaction(async (store) => {
      const now = this.deps.clock.now();
      const connections = (await store.connections.listForUser(userId, [])).sort(
        (a, b) =>
          (a.lastSuccessAt?.getTime() ?? -Infinity) - (b.lastSuccessAt?.getTime() ?? -Infinity) ||
          a.createdAt.getTime() - b.createdAt.getTime(),
      );
      const jobs: ConnectionJob[] = [];
      const fresh: ConnectionJob[] = [];
      const skipped: { connection: string; code: string; detail: string }[] = [];
      const bulkId = newId();
      for (const connection of connections) {
        const state = await this.refreshState(store, connection, now);
        if (!state) continue;
        const { running, budget } = state;
        if (running) {
          jobs.push(running);
          continue;
        }
        const refusal = this.refusal(connection, budget, now);
        if (refusal) {
          skipped.push({ connection: connection.id, code: refusal.code, detail: refusal.detail });
          continue;
        }
        const job = this.newJob(connection, 'bulk-refresh', now, connection.credentialsHash);
        job.bulkId = bulkId;
        const k = fresh.length;
        if (k > 0) {
          job.resumeAt = addSeconds(now, k * this.deps.settings.bulkRefreshSpacingS);
          job.waitReason = 'bulk-spacing';
        }
        fresh.push(job);
        jobs.push(job);
      }
      if (fresh.length > 0) {
        const earlier = await store.jobs.bulkRequestsSince(userId, addSeconds(now, -86_400));
        if (earlier.length >= this.deps.settings.refreshBulkPerDay) {
          const oldest = earlier[0] ?? now;
          const retryAfterS = Math.max(
            1,
            Math.ceil((oldest.getTime() + 86_400_000 - now.getTime()) / 1000),
          );
          throw new AppError(
            'refresh-limit-reached',
            `User ${userId} has made ${earlier.length} bulk refreshes in the last 24 hours; the next one is allowed at ${new Date(oldest.getTime() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z')}.`,
            { source: { parameter: 'userId' }, retryAfterS },
          );
        }
        for (const job of fresh) await store.jobs.insert(job);
      }
      return { jobs, fresh, skipped };
    });
    this.deps.waker.wake(
      outcome.fresh.map((job) => job.id),
      { inserted: true },
    );
    return { jobs: outcome.jobs, skipped: outcome.skipped };
  }

  /** The refusals of §6.3 after the in-progress check, in table order; null when none applies. */
  private refusal(connection: Connection, budget: RefreshBudget, now: Date): AppError | null {
    const path = `/users/${connection.userId}/connections/${connection.id}`;
    if (connection.status === 'deleted') {
      return new AppError('connection-deleted', `Connection ${connection.id} is deleted.`);
    }
    if (connection.status === 'pre-init') {
      return new AppError(
        'connection-not-ready',
        `Connection ${connection.id} has not completed authorisation; complete it first.`,
      );
    }
    const code = connection.reason?.code;
    if (
      connection.status === 'invalid' &&
      code === 'invalid-credentials' &&
      connection.method === 'web'
    ) {
      return new AppError(
        'invalid-credentials',
        `The institution rejected the stored credentials of connection ${connection.id}; send the new password with POST ${path} instead of refreshing.`,
        { source: { parameter: 'connectionId' } },
      );
    }
    if (
      connection.status === 'invalid' &&
      (code === 'consent-expired' || code === 'consent-revoked')
    ) {
      return new AppError(
        'reconsent-required',
        `Connection ${connection.id} needs the user to consent again.`,
      );
    }
    if (budget.remaining === 0 && budget.resetsAt) {
      const retryAfterS = Math.max(
        1,
        Math.ceil((budget.resetsAt.getTime() - now.getTime()) / 1000),
      );
      return new AppError(
        'refresh-limit-reached',
        `Connection ${connection.id} has used its ${budget.limit} refreshes in the last 24 hours; the next one is allowed at ${budget.resetsAt.toISOString().replace(/\.\d{3}Z$/, 'Z')}.`,
        { source: { parameter: 'connectionId' }, retryAfterS },
      );
    }
    const institution = this.deps.institutions.get(connection.institutionId);
    if (!institution || !institution.isEnabled) {
      return new AppError(
        'institution-disabled',
        `Institution ${connection.institutionId} is disabled.`,
      );
    }
    return null;
  }

  /**
   * The user's connection as it stands, its unfinished job (secrets left out) and its ad-hoc
   * refresh budget (§6.5), in one read; null when the user has no such connection.
   */
  private async refreshState(
    store: Store,
    connection: Pick<Connection, 'userId' | 'id'>,
    now: Date,
  ): Promise<{
    connection: Connection;
    running: ConnectionJob | null;
    budget: RefreshBudget;
  } | null> {
    const state = await store.jobs.refreshState(
      { userId: connection.userId, connectionId: connection.id },
      addSeconds(now, -86_400),
    );
    if (state === null) return null;
    const limit =
      state.connection.method === 'web'
        ? this.deps.settings.refreshLimitWebPerDay
        : this.deps.settings.refreshLimitObPerDay;
    return {
      connection: state.connection,
      running: state.running,
      budget: refreshBudget(state.counted, limit),
    };
  }

  // ------------------------------------------------------------------------------------------
  // MFA

  /** `POST /jobs/{j}/mfa` (§5.3). */
  async answerMfa(
    applicationId: string,
    jobId: string,
    boundUserId: string | null,
    rawBody: unknown,
  ): Promise<ConnectionJob> {
    const body = asBody(rawBody, 'MFA response');
    const answers = body['mfa-response'];
    const invalid = (detail: string) =>
      new AppError('parameter-not-valid', detail, { source: { pointer: '/mfa-response' } });
    if (!Array.isArray(answers) || answers.length === 0) {
      throw invalid("Parameter 'mfa-response' must be an array of strings.");
    }
    for (const answer of answers) {
      if (typeof answer !== 'string' || answer === '' || answer.length > 256) {
        throw invalid("Every 'mfa-response' entry must be a string of 1 to 256 characters.");
      }
    }
    const texts = answers as string[];
    const hash = sha256(JSON.stringify(texts));
    const outcome = await this.deps.store.transaction(async (store) => {
      const job = await store.jobs.find(jobId, { lock: true });
      if (!job || job.applicationId !== applicationId) throw notFound('job', 'jobId');
      if (boundUserId !== null && job.userId !== boundUserId) {
        throw new AppError(
          'forbidden-access',
          'This CLIENT_ACCESS token may only act on its own user.',
        );
      }
      const now = this.deps.clock.now();
      const step = job.steps.find((s) => s.title === 'mfa-challenge');
      if (job.mfaAnswerHash !== null && job.mfaAnsweredAt !== null) {
        const recent = now.getTime() - job.mfaAnsweredAt.getTime() <= mfaRepeatWindowS * 1000;
        if (job.mfaAnswerHash === hash && (step?.status === 'in-progress' || recent)) {
          return { job, woke: false };
        }
      }
      if (
        !step ||
        step.status !== 'in-progress' ||
        job.finishedAt !== null ||
        job.mfaAnswerHash !== null
      ) {
        throw new AppError('mfa-not-requested', `Job ${jobId} is not waiting for an MFA response.`);
      }
      const challenge = step.result as StepMfa | null;
      const expiresAt = step.startedAt
        ? new Date(step.startedAt).getTime() + (challenge?.expiryMs ?? 0)
        : 0;
      if (now.getTime() >= expiresAt) {
        throw new AppError('mfa-not-requested', `The MFA challenge of job ${jobId} has expired.`);
      }
      if (challenge && texts.length !== challenge.input.length) {
        throw invalid(`Expected ${challenge.input.length} answer(s), got ${texts.length}.`);
      }
      job.mfaAnswer = this.deps.secretBox.seal(JSON.stringify(texts), `mfa:${job.id}`);
      job.mfaAnswerHash = hash;
      job.mfaAnsweredAt = now;
      job.resumeAt = null;
      job.updatedAt = now;
      await store.jobs.update(job);
      return { job, woke: true };
    });
    if (outcome.woke) this.deps.waker.wake([outcome.job.id]);
    return outcome.job;
  }

  // ------------------------------------------------------------------------------------------
  // Delete and purge

  /** `DELETE /users/{u}/connections/{c}` (§10.1); repeated deletes succeed. */
  async delete(applicationId: string, userId: string, connectionId: string): Promise<void> {
    await this.requireUser(applicationId, userId);
    await this.deps.store.transaction(async (store) => {
      const connection = await store.connections.find(userId, connectionId, { lock: true });
      if (!connection) throw notFound('connection', 'connectionId');
      if (connection.status === 'deleted') return;
      await this.deleteWithin(store, connection);
    });
  }

  /** Deletes inside the caller's transaction (also used when the user is deleted). */
  async deleteWithin(store: Store, connection: Connection): Promise<void> {
    const now = this.deps.clock.now();
    const unfinished = await store.jobs.findUnfinished(connection.id, { lock: true });
    if (unfinished) {
      const ended = endedJob(
        unfinished,
        now,
        stepFailure('connection-deleted', `Connection ${connection.id} was deleted.`),
      );
      await store.jobs.update(ended);
      await recordJobEvent(store, this.deps.clock, 'job.failed', ended);
      if (ended.credentialKey) await store.jobs.wakeCredentialWaiters(ended.credentialKey);
    }
    connection.status = 'deleted';
    connection.credentials = null;
    connection.bankSession = null;
    connection.bankSessionAt = null;
    connection.profile = null;
    connection.smartCacheNext = null;
    await store.connections.update(connection, { bankSession: true });
    await store.accounts.markUnavailable(connection.id, []);
    await recordConnectionEvent(store, this.deps.clock, 'connection.deleted', connection);
  }

  /** `POST /users/{u}/connections/{c}/purge` (§10.2). */
  async purge(applicationId: string, userId: string, connectionId: string): Promise<PurgeReceipt> {
    await this.requireUser(applicationId, userId);
    return this.deps.store.transaction(async (store) => {
      const connection = await store.connections.find(userId, connectionId, { lock: true });
      if (!connection) throw notFound('connection', 'connectionId');
      if (connection.status === 'deleted') {
        throw new AppError(
          'connection-deleted',
          `Connection ${connection.id} is deleted: purge works only while the connection is not deleted; data of a deleted connection stays with the user until the user is deleted.`,
        );
      }
      const running = await store.jobs.findUnfinished(connection.id);
      if (running) {
        throw new AppError(
          'job-in-progress',
          `Job ${running.id} of connection ${connection.id} is in progress; purge once it has finished.`,
        );
      }
      const now = this.deps.clock.now();
      const transactions = await store.transactions.deleteForConnection(connection.id);
      const accounts = await store.accounts.deleteForConnection(connection.id);
      connection.profile = null;
      connection.dataAsOf = null;
      connection.windowEnd = null;
      // The next job is a first retrieval again: nothing remembered about the accounts stays.
      connection.bankSession = null;
      connection.bankSessionAt = null;
      await store.connections.update(connection, { bankSession: true });
      const receipt: PurgeReceipt = {
        id: newId(),
        connectionId: connection.id,
        institutionId: connection.institutionId,
        purgedAt: now,
        accounts,
        transactions,
      };
      if (accounts + transactions > 0) {
        await recordPurgeEvent(store, this.deps.clock, connection, {
          type: 'purge-receipt',
          id: receipt.id,
          connection: connection.id,
          institution: connection.institutionId,
          purgedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
          accounts,
          transactions,
        });
      }
      return receipt;
    });
  }

  // ------------------------------------------------------------------------------------------
  // Background work: Smart Cache slots and staleness (§8, §9.2)

  /**
   * Starts a `smart-cache` job for every connection whose slot has passed; a connection busy with
   * another job skips the slot. Returns how many jobs were started.
   */
  async runSmartCache(limit = 200): Promise<number> {
    if (!this.deps.settings.smartCache.enabled) return 0;
    const now = this.deps.clock.now();
    const due = await this.deps.store.connections.listSmartCacheDue(now, limit);
    const started: string[] = [];
    for (const candidate of due) {
      const jobId = await this.deps.store.transaction(async (store) => {
        const connection = await store.connections.findById(candidate.id, { lock: true });
        if (!connection || connection.status !== 'active' || !connection.smartCacheNext)
          return null;
        if (connection.smartCacheNext > now) return null;
        const institution = this.deps.institutions.get(connection.institutionId);
        const running = await store.jobs.findUnfinished(connection.id);
        const eligible =
          institution?.isEnabled === true &&
          !(connection.method === 'web' && connection.mfaEnabled);
        if (running || !eligible) {
          connection.smartCacheNext = eligible
            ? nextSmartCacheSlot(connection, addSeconds(now, 1), this.deps.settings.smartCache)
            : null;
          await store.connections.update(connection);
          return null;
        }
        connection.smartCacheNext = null;
        await store.connections.update(connection);
        const job = this.newJob(connection, 'smart-cache', now, connection.credentialsHash);
        await store.jobs.insert(job);
        return job.id;
      });
      if (jobId) started.push(jobId);
    }
    this.deps.waker.wake(started, { inserted: true });
    return started.length;
  }

  /** `connection.stale` once per episode for active connections without a recent success (§8). */
  async reportStale(limit = 200): Promise<number> {
    const now = this.deps.clock.now();
    const stale = await this.deps.store.connections.listStale(
      addSeconds(now, -this.deps.settings.staleAfterS),
      limit,
    );
    for (const candidate of stale) {
      await this.deps.store.transaction(async (store) => {
        const connection = await store.connections.findById(candidate.id, { lock: true });
        if (!connection || connection.status !== 'active' || connection.staleReported) return;
        connection.staleReported = true;
        await store.connections.update(connection);
        await recordConnectionEvent(store, this.deps.clock, 'connection.stale', connection);
      });
    }
    return stale.length;
  }

  // ------------------------------------------------------------------------------------------
  // Reads

  async listConnections(
    applicationId: string,
    userId: string,
    filter: Filter,
  ): Promise<Connection[]> {
    await this.requireUser(applicationId, userId);
    return this.deps.store.connections.listForUser(userId, filter);
  }

  async getConnection(
    applicationId: string,
    userId: string,
    connectionId: string,
  ): Promise<{ connection: Connection; accounts: Account[] }> {
    await this.requireUser(applicationId, userId);
    const connection = await this.deps.store.connections.find(userId, connectionId);
    if (!connection) throw notFound('connection', 'connectionId');
    const accounts = await this.deps.store.accounts.listForConnection(connection.id);
    return { connection, accounts };
  }

  /** What a connection shows beyond its row: budget, its job's wait, Smart Cache (§1). */
  async connectionState(connection: Connection) {
    const now = this.deps.clock.now();
    const state = await this.refreshState(this.deps.store, connection, now);
    // Gone since it was read: its user was deleted meanwhile.
    if (!state) throw notFound('connection', 'connectionId');
    const { running, budget } = state;
    const institution = this.deps.institutions.get(connection.institutionId);
    const ineligibleReason = smartCacheIneligibility(
      connection,
      this.deps.settings.smartCache.enabled && institution?.isEnabled === true,
    );
    return {
      budget,
      resumeAt: running && running.waitReason !== 'mfa-response' ? running.resumeAt : null,
      smartCache: {
        eligible: ineligibleReason === null,
        nextScheduledAt: ineligibleReason === null ? connection.smartCacheNext : null,
        ineligibleReason,
      },
    };
  }

  async getJob(
    applicationId: string,
    jobId: string,
    boundUserId: string | null,
  ): Promise<ConnectionJob> {
    const job = await this.deps.store.jobs.find(jobId, { secrets: false });
    if (!job || job.applicationId !== applicationId) throw notFound('job', 'jobId');
    if (boundUserId !== null && job.userId !== boundUserId) {
      throw new AppError(
        'forbidden-access',
        'This CLIENT_ACCESS token may only act on its own user.',
      );
    }
    return job;
  }

  async listJobs(
    applicationId: string,
    userId: string,
    filter: Filter,
    after: JobPosition | null,
    limit: number,
  ) {
    await this.requireUser(applicationId, userId);
    return this.deps.store.jobs.list(userId, filter, after, limit);
  }

  async requireConnection(
    applicationId: string,
    userId: string,
    connectionId: string,
  ): Promise<Connection> {
    await this.requireUser(applicationId, userId);
    const connection = await this.deps.store.connections.find(userId, connectionId);
    if (!connection) throw notFound('connection', 'connectionId');
    return connection;
  }

  async listAccounts(applicationId: string, userId: string, filter: Filter): Promise<Account[]> {
    await this.requireUser(applicationId, userId);
    return this.deps.store.accounts.listForUser(userId, filter);
  }

  async getAccount(applicationId: string, userId: string, accountId: string): Promise<Account> {
    await this.requireUser(applicationId, userId);
    const account = await this.deps.store.accounts.find(userId, accountId);
    if (!account) throw notFound('account', 'accountId');
    return account;
  }

  async listTransactions(
    applicationId: string,
    userId: string,
    filter: Filter,
    after: TransactionPosition | null,
    limit: number,
  ) {
    await this.requireUser(applicationId, userId);
    return this.deps.store.transactions.list(userId, filter, after, limit);
  }

  async getTransaction(
    applicationId: string,
    userId: string,
    transactionId: string,
  ): Promise<Transaction> {
    await this.requireUser(applicationId, userId);
    const transaction = await this.deps.store.transactions.find(userId, transactionId);
    if (transaction) return transaction;
    const replaced = await this.deps.store.transactions.findReplacement(userId, transactionId);
    if (replaced) {
      throw new AppError(
        'resource-not-found',
        replaced.postedId
          ? `Pending transaction ${transactionId} was replaced by posted transaction ${replaced.postedId}.`
          : `Pending transaction ${transactionId} was released by the bank without being posted.`,
        { source: { parameter: 'transactionId' } },
      );
    }
    throw notFound('transaction', 'transactionId');
  }

  // ------------------------------------------------------------------------------------------
  // Helpers

  private readMethod(body: Body, problems: ErrorItem[]): ConnectorMethod {
    const raw = body.method;
    if (raw === undefined || raw === null || raw === 'web') return 'web';
    if (raw === 'open-banking' || raw === 'openbanking') return 'open-banking';
    problems.push(
      problem(
        '/method',
        "Parameter 'method' must be 'web' or 'open-banking'.",
        'parameter-not-valid',
      ),
    );
    return 'web';
  }

  private readInstitutionId(body: Body, problems: ErrorItem[]): string | undefined {
    const institution = body.institution;
    if (institution === undefined || institution === null) {
      problems.push(
        problem(
          '/institution/id',
          "Parameter 'institution.id' is required.",
          'parameter-not-supplied',
        ),
      );
      return undefined;
    }
    if (typeof institution !== 'object' || Array.isArray(institution)) {
      problems.push(
        problem(
          '/institution',
          "Parameter 'institution' must be an object with an id.",
          'parameter-not-valid',
        ),
      );
      return undefined;
    }
    const id = (institution as Body).id;
    if (id === undefined || id === null || id === '') {
      problems.push(
        problem(
          '/institution/id',
          "Parameter 'institution.id' is required.",
          'parameter-not-supplied',
        ),
      );
      return undefined;
    }
    if (typeof id !== 'string' || !/^[A-Z]{2}[0-9]{5}$/.test(id)) {
      problems.push(
        problem('/institution/id', 'Provided institution id is not valid.', 'parameter-not-valid'),
      );
      return undefined;
    }
    return id;
  }

  private requireInstitution(id: string) {
    const institution = this.deps.institutions.get(id);
    if (!institution) {
      throw new AppError('parameter-not-valid', 'Requested institution does not exist.', {
        source: { pointer: '/institution/id' },
      });
    }
    return institution;
  }

  private async requireUser(applicationId: string, userId: string): Promise<void> {
    const user = await this.deps.store.users.find(applicationId, userId);
    if (!user) throw notFound('user', 'userId');
  }

  /** §11: a web and an open-banking connection to one institution may not both be live. */
  private async checkMethodConflict(
    store: Store,
    userId: string,
    institutionId: string,
    wanted: ConnectorMethod,
    live?: Connection[],
  ): Promise<void> {
    const connections = live ?? (await store.connections.listLive(userId, institutionId));
    const other = connections.find((c) => c.method !== wanted);
    if (!other) return;
    const path = `/users/${userId}/connections/${other.id}`;
    const target = wanted === 'web' ? 'web' : 'open banking';
    throw new AppError(
      'connection-method-conflict',
      `User ${userId} already has ${other.method === 'web' ? 'a web' : 'an open-banking'} connection ${other.id} to ${institutionId} (status ${other.status}). To switch to ${target}: purge its data if it should go (POST ${path}/purge), delete it (DELETE ${path}), then create the ${target} connection.`,
      { source: { pointer: '/institution/id' } },
    );
  }

  /** §7: another job of the key is unfinished, or one failed at the bank's door lately. */
  private async mustPause(store: Store, key: string, now: Date): Promise<boolean> {
    if (await store.jobs.hasUnfinished(key)) return true;
    return store.jobs.recentFailure(
      key,
      ['invalid-credentials', 'account-locked'],
      addSeconds(now, -this.deps.settings.sameCredentialsPauseS),
    );
  }

  private newJob(
    connection: Connection,
    trigger: JobTrigger,
    now: Date,
    hash: string | null,
  ): ConnectionJob {
    return {
      id: newId(),
      connectionId: connection.id,
      userId: connection.userId,
      applicationId: connection.applicationId,
      institutionId: connection.institutionId,
      trigger,
      state: 'waiting',
      steps: newSteps(),
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
      contactedAt: null,
      resumeAt: null,
      waitReason: null,
      windowFrom: null,
      windowTo: null,
      credentialKey: connection.credentialKey,
      credentialsHash: hash,
      bulkId: null,
      session: null,
      mfaAnswer: null,
      mfaAnswerHash: null,
      mfaAnsweredAt: null,
      relogins: 0,
      runMs: 0,
    };
  }

  private hashCredentials(key: string, credentials: StoredCredentials): string {
    return credentialsHash(this.deps.credentialSecret, [
      key,
      credentials.password,
      credentials.securityCode ?? null,
      credentials.secondaryLoginId ?? null,
    ]);
  }

  private sealCredentials(connectionId: string, credentials: StoredCredentials): string {
    return this.deps.secretBox.seal(JSON.stringify(credentials), `credentials:${connectionId}`);
  }

  private openLoginId(connection: Connection): string | null {
    if (connection.loginIdSealed === null) return null;
    try {
      return this.deps.loginIdBox.open(connection.loginIdSealed, `login:${connection.id}`);
    } catch (error) {
      if (error instanceof UnreadableSecretError) return null;
      throw error;
    }
  }

  /** The stored credentials; null when the key that sealed them is gone (operations.md §8.4). */
  private openCredentials(connection: Connection): StoredCredentials | null {
    if (connection.credentials === null) return null;
    try {
      return JSON.parse(
        this.deps.secretBox.open(connection.credentials, `credentials:${connection.id}`),
      ) as StoredCredentials;
    } catch (error) {
      if (error instanceof UnreadableSecretError) return null;
      throw error;
    }
  }
}
