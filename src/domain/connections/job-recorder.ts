// What a running job writes (connections.md §2, §5, §8, §13): step transitions, the connection's
// status after the job, accounts and transactions applied idempotently, and the events of each,
// every change with its events in one transaction. The worker (src/jobs) decides when to call
// what; the rules live here.
import { createHash } from 'node:crypto';
import type {
  ConnectorAccount,
  ConnectorTransaction,
  MfaChallenge,
  ReasonCode,
} from '../../connectors/connector.ts';
import type { Clock } from '../../kernel/clock.ts';
import { newId } from '../../kernel/ids.ts';
import { newEvent } from '../events/events-service.ts';
import type { Store } from '../store/store.ts';
import {
  jobEvent,
  recordAccountEvent,
  recordConnectionEvent,
  recordJobEvent,
  recordTransactionsEvent,
} from './connection-events.ts';
import {
  addSeconds,
  connectionReason,
  nextSmartCacheSlot,
  shiftDate,
  smartCacheIneligibility,
  statusAfterFailure,
  copyOfJob,
  endedJob,
  stepFailure,
} from './connection-rules.ts';
import {
  TransactionsAlreadyStored,
  type Account,
  type Connection,
  type ConnectionProfile,
  type ConnectionJob,
  type JobStep,
  type StepMfa,
  type StepTitle,
  type Transaction,
  type TransactionInput,
  type UpsertCounts,
} from './connection-types.ts';

export interface RecorderSettings {
  mfaTimeoutS: number;
  pendingMatchDays: number;
  smartCache: { enabled: boolean; intervalS: number; jitterS: number; minAgeS: number };
}

/** Rows written per statement and transaction (PGlite pays per statement, ARCHITECTURE §3.5). */
export const transactionBatchSize = 2_000;

/** Batches a transaction listing may have queued for writing before its reader waits. */
const writesAhead = 4;

/**
 * A job's transaction listings being stored as the bank's pages arrive, account after account
 * ({@link JobRecorder.transactionWriter}).
 */
export interface TransactionWriter {
  /** Starts an account's listing (the previous one has ended). */
  account(account: Account, options?: { fresh?: boolean }): AccountListing;
  /** Waits for every write queued; what the listings changed. */
  finish(): Promise<ChangeCounts>;
  /** A listing failed: waits for the writes queued, whatever their outcome. */
  abandon(): Promise<void>;
}

/** One account's listing being stored page by page. */
export interface AccountListing {
  /** Takes a page of the listing; queues a batch when enough posted rows are waiting. */
  add(rows: readonly ConnectorTransaction[]): Promise<void>;
  /** Queues what is left and the replacement of the account's pending set. */
  end(): Promise<void>;
}

/** Counts of what a retrieval changed, for `transactions.updated`. */
export interface ChangeCounts {
  added: number;
  modified: number;
  removed: number;
}

const iso = (at: Date) => at.toISOString();

/** Smart Cache retry delays after a retryable failure (§9.2), clock seconds. */
const smartCacheRetryDelaysS = [7_200, 14_400, 28_800];

/** Upper case, letters, digits and single spaces (api.md §10.3). */
export function normaliseDescription(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, '')
    .replace(/ +/g, ' ')
    .trim();
}

function fingerprint(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/**
 * The stored identity of listed transactions (§13): the bank's id, else a fingerprint with the
 * occurrence number of identical tuples, so identical rows stay distinct and a repeat maps the same.
 * A bank id listed twice is kept once. One keyer reads one account's listing, page after page.
 */
export class TransactionKeyer {
  readonly #seen = new Set<string>();
  /** Bank ids of posted rows seen, by themselves: the common case, without making a key first. */
  readonly #seenPosted = new Set<string>();
  readonly #occurrences = new Map<string, number>();

  constructor(private readonly accountKey: string) {}

  /** The row's key, or null when the listing already had it. */
  key(row: ConnectorTransaction): string | null {
    const pending = row.status === 'pending';
    if (!pending && row.bankTransactionId !== null) {
      if (this.#seenPosted.has(row.bankTransactionId)) return null;
      this.#seenPosted.add(row.bankTransactionId);
      return `b:${row.bankTransactionId}`;
    }
    let key: string;
    if (row.bankTransactionId !== null) {
      key = `${pending ? 'pb' : 'b'}:${row.bankTransactionId}`;
    } else {
      const date = (pending ? row.transactionDate : row.postDate) ?? '';
      const tuple = [this.accountKey, date, row.amount, normaliseDescription(row.description)];
      const tupleKey = `${pending ? 'p' : ''}${tuple.join('|')}`;
      const n = this.#occurrences.get(tupleKey) ?? 0;
      this.#occurrences.set(tupleKey, n + 1);
      key = `${pending ? 'pf' : 'f'}:${fingerprint([...tuple, String(n)])}`;
    }
    if (this.#seen.has(key)) return null;
    this.#seen.add(key);
    return key;
  }
}

/** {@link TransactionKeyer} over a whole listing at once. */
export function transactionKeys(
  accountKey: string,
  listed: readonly ConnectorTransaction[],
): { key: string; row: ConnectorTransaction }[] {
  const keyer = new TransactionKeyer(accountKey);
  const out: { key: string; row: ConnectorTransaction }[] = [];
  for (const row of listed) {
    const key = keyer.key(row);
    if (key !== null) out.push({ key, row });
  }
  return out;
}

function descriptionScore(pending: string, posted: string): number {
  const a = normaliseDescription(pending);
  const b = normaliseDescription(posted);
  if (a === b) return 3;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (shorter.length >= 8 && longer.startsWith(shorter)) return 2;
  const firstA = a.split(' ')[0] ?? '';
  const firstB = b.split(' ')[0] ?? '';
  if (firstA.length >= 4 && firstA === firstB) return 1;
  return 0;
}

const cents = (money: string) => Math.round(Number(money) * 100);

function amountScore(pending: string, posted: string): number {
  const p = cents(pending);
  const q = cents(posted);
  if (Math.sign(p) !== Math.sign(q)) return 0;
  if (p === q) return 3;
  const pm = Math.abs(p);
  const qm = Math.abs(q);
  return qm > pm && qm <= pm * 1.25 ? 1 : 0;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * The pending → posted matcher of api.md §10.3: pending rows oldest first, each posted row used
 * once; highest score wins, ties to the nearest date, the smallest amount difference, the lowest id.
 */
export function matchPending(
  gone: readonly Transaction[],
  candidates: readonly Transaction[],
  matchDays: number,
): Map<string, string | null> {
  const used = new Set<string>();
  const result = new Map<string, string | null>();
  const ordered = [...gone].sort(
    (a, b) =>
      (a.transactionDate ?? '').localeCompare(b.transactionDate ?? '') || a.id.localeCompare(b.id),
  );
  for (const pending of ordered) {
    const pendingDate = pending.transactionDate ?? pending.postDate ?? '';
    let best: { id: string; score: number; distance: number; difference: number } | null = null;
    for (const posted of candidates) {
      if (used.has(posted.id) || posted.postDate === null) continue;
      const distance = dayNumber(posted.postDate) - dayNumber(pendingDate);
      if (pendingDate === '' || distance < 0 || distance > matchDays) continue;
      const d = descriptionScore(pending.description, posted.description);
      const m = amountScore(pending.amount, posted.amount);
      if (d === 0 || m === 0) continue;
      const candidate = {
        id: posted.id,
        score: d + m,
        distance,
        difference: Math.abs(cents(posted.amount) - cents(pending.amount)),
      };
      if (
        best === null ||
        candidate.score > best.score ||
        (candidate.score === best.score &&
          (candidate.distance < best.distance ||
            (candidate.distance === best.distance &&
              (candidate.difference < best.difference ||
                (candidate.difference === best.difference && candidate.id < best.id)))))
      ) {
        best = candidate;
      }
    }
    if (best) used.add(best.id);
    result.set(pending.id, best?.id ?? null);
  }
  return result;
}

/** The job ended (cancelled by a delete) while a worker was still writing for it. */
export class JobEndedError extends Error {
  constructor(jobId: string) {
    super(`job ${jobId} has ended`);
    this.name = 'JobEndedError';
  }
}

/** The attributes of an account as the bank lists them (§13). */
function attributesOf(bank: ConnectorAccount) {
  return {
    name: bank.name,
    accountNo: bank.accountNo,
    maskedNumber: bank.maskedNumber,
    bsb: bank.bsb,
    unmaskedAccNum: bank.unmaskedAccNum,
    accountHolder: bank.accountHolder,
    classType: bank.classType,
    product: bank.product,
    currency: bank.currency,
  };
}

function sameAttributes(stored: Account, bank: ConnectorAccount): boolean {
  const fields = attributesOf(bank);
  return (Object.keys(fields) as (keyof typeof fields)[]).every(
    (field) => stored[field] === fields[field],
  );
}

function sameBalances(stored: Account, bank: ConnectorAccount): boolean {
  return (
    stored.balance === bank.balance &&
    stored.availableFunds === bank.availableFunds &&
    stored.creditLimit === bank.creditLimit
  );
}

/**
 * The stored accounts in the bank's order when the bank lists exactly what is stored (same
 * attributes and balances, all available, none missing); null when anything is to be written.
 */
function unchangedListing(
  existing: ReadonlyMap<string, Account>,
  listed: readonly ConnectorAccount[],
): Account[] | null {
  const same: Account[] = [];
  for (const bank of listed) {
    const stored = existing.get(bank.bankAccountId);
    if (
      stored?.status !== 'available' ||
      !sameAttributes(stored, bank) ||
      !sameBalances(stored, bank)
    ) {
      return null;
    }
    same.push(stored);
  }
  const listedKeys = new Set(listed.map((bank) => bank.bankAccountId));
  for (const stored of existing.values()) {
    if (stored.status !== 'unavailable' && !listedKeys.has(stored.bankKey)) return null;
  }
  return same;
}

export class JobRecorder {
  constructor(private readonly deps: { store: Store; clock: Clock; settings: RecorderSettings }) {}

  /** Saves a job's wait (before the bank was contacted, or a credentials-busy wait). */
  async wait(job: ConnectionJob, reason: ConnectionJob['waitReason'], resumeAt: Date | null) {
    const current = copyOfJob(job);
    current.waitReason = reason;
    current.resumeAt = resumeAt;
    current.updatedAt = this.deps.clock.now();
    await this.save(this.deps.store, current, { session: false });
  }

  /** The first contact with the bank: `verify-credentials` starts and `lastUsed` moves (§8). */
  async beginVerification(job: ConnectionJob): Promise<ConnectionJob | null> {
    const now = this.deps.clock.now();
    const current = copyOfJob(job);
    current.state = 'running';
    current.waitReason = null;
    current.resumeAt = null;
    current.contactedAt ??= now;
    current.updatedAt = now;
    const step = this.step(current, 'verify-credentials');
    step.status = 'in-progress';
    step.startedAt = iso(now);
    step.finishedAt = null;
    step.result = null;
    // `lastUsed` moves in the same statement; connection, then job: a delete's lock order too.
    return this.save(this.deps.store, current, { session: false, connectionUsedAt: now });
  }

  /** A copy of the job with its transaction window set, not written. */
  withWindow(job: ConnectionJob, window: { from: string; to: string }): ConnectionJob {
    const current = copyOfJob(job);
    current.windowFrom = window.from;
    current.windowTo = window.to;
    return current;
  }

  async startStep(job: ConnectionJob, title: StepTitle, window?: { from: string; to: string }) {
    const current = copyOfJob(job);
    this.begin(current, title, this.deps.clock.now());
    if (window) {
      current.windowFrom = window.from;
      current.windowTo = window.to;
    }
    return this.save(this.deps.store, current, { session: false });
  }

  /**
   * A step succeeded; `next`, when given, starts in the same write (the step that follows it
   * needs nothing from the database to start). The job's last step is not written here: its
   * completion is written with the job's success (`succeed`, the worker's next write), so the
   * job row is written once for both.
   */
  async completeStep(
    job: ConnectionJob,
    title: StepTitle,
    session: string | null,
    next?: StepTitle,
  ) {
    const current = this.completed(job, title, session, this.deps.clock.now());
    if (next !== undefined) this.begin(current, next, current.updatedAt);
    const last = next === undefined && current.steps.every((s) => s.status === 'success');
    if (last && session === null) return current;
    return this.save(this.deps.store, current, { session: session !== null });
  }

  /**
   * The bank asked for a second factor (§5.3): `verify-credentials` succeeds, `mfa-challenge` is
   * inserted after it, in progress, and the job waits for the answer until the challenge expires.
   * In a Smart Cache job nobody can answer: the step fails at once with `user-action-required`.
   */
  async mfaRequested(
    job: ConnectionJob,
    challenge: MfaChallenge,
    session: string,
    responseUnattended: boolean,
  ) {
    return this.deps.store.transaction(async (store) => {
      const connection = await store.connections.findById(job.connectionId, { lock: true });
      const current = copyOfJob(job);
      const now = this.deps.clock.now();
      const verify = this.step(current, 'verify-credentials');
      verify.status = 'success';
      verify.finishedAt = iso(now);
      verify.result = { type: 'link', url: this.stepLink(current, 'verify-credentials') };
      const mfa: StepMfa = {
        type: 'mfa',
        method: challenge.method,
        description:
          challenge.description ??
          (challenge.method === 'token'
            ? 'Enter the one-time code your bank sent you.'
            : 'Answer the security questions set up with your bank.'),
        input: [...challenge.input],
        expiryMs: this.deps.settings.mfaTimeoutS * 1000,
      };
      const index = current.steps.findIndex((s) => s.title === 'verify-credentials');
      if (!current.steps.some((s) => s.title === 'mfa-challenge')) {
        current.steps.splice(index + 1, 0, {
          title: 'mfa-challenge',
          status: 'in-progress',
          result: mfa,
          startedAt: iso(now),
          finishedAt: null,
        });
      }
      current.updatedAt = now;
      if (!responseUnattended) {
        current.session = session;
        current.state = 'waiting';
        current.waitReason = 'mfa-response';
        current.resumeAt = addSeconds(now, this.deps.settings.mfaTimeoutS);
        current.mfaAnswer = null;
        current.mfaAnswerHash = null;
        current.mfaAnsweredAt = null;
      }
      if (!(await this.save(store, current, { session: !responseUnattended }))) return null;
      if (connection && !connection.mfaEnabled) {
        connection.mfaEnabled = true;
        await store.connections.update(connection);
      }
      if (!responseUnattended) {
        await recordJobEvent(store, this.deps.clock, 'job.mfa-required', current);
      }
      return current;
    });
  }

  /**
   * Applies the accounts the bank lists (§13): upserted on the bank's account key, new ones get
   * `account.created`, changed attributes `account.updated`; unlisted ones become unavailable.
   * `retrieve-accounts` succeeds in the same transaction (`session`: the sealed session to keep
   * on the job). Resolves with the job, the stored accounts and, by bank key, the connection's
   * accounts as they were before; rejects with JobEndedError (nothing stored) when the job ended
   * meanwhile.
   */
  async storeAccounts(
    job: ConnectionJob,
    listed: readonly ConnectorAccount[],
    session: string | null,
  ): Promise<{ job: ConnectionJob; accounts: Account[]; before: ReadonlyMap<string, Account> }> {
    const now = this.deps.clock.now();
    // Only this job writes the connection's accounts while it runs: read once, before writing.
    const existing = new Map(
      (await this.deps.store.accounts.listForConnection(job.connectionId)).map((a) => [
        a.bankKey,
        a,
      ]),
    );
    const unchanged = unchangedListing(existing, listed);
    if (unchanged !== null) {
      // The bank lists exactly what is stored: the step completes and `lastUpdated` moves, in
      // one statement.
      const completed = this.completed(job, 'retrieve-accounts', session, now);
      const saved = await this.save(this.deps.store, completed, {
        session: session !== null,
        retrievedAccounts: { ids: unchanged.map((a) => a.id), at: now },
      });
      if (!saved) throw new JobEndedError(job.id);
      const accounts = unchanged.map((a) => ({ ...a, lastUpdated: now }));
      return { job: completed, accounts, before: existing };
    }
    return this.deps.store.transaction(async (store) => {
      // A new account row refers to the connection (a key-share lock): the connection is then
      // locked first, in the order a delete takes its locks (connection, then job).
      if (listed.some((bank) => !existing.has(bank.bankAccountId))) {
        await store.connections.findById(job.connectionId, { lock: true });
      }
      // The step completes with what it stored; a job that ended meanwhile stores nothing.
      const completed = this.completed(job, 'retrieve-accounts', session, now);
      if (!(await this.save(store, completed, { session: session !== null }))) {
        throw new JobEndedError(job.id);
      }
      const kept: Account[] = [];
      // Accounts the bank lists exactly as stored: only `lastUpdated` moves, in one statement.
      const retrieved: string[] = [];
      for (const bank of listed) {
        const previous = existing.get(bank.bankAccountId);
        const fields = attributesOf(bank);
        if (previous) {
          const changed = !sameAttributes(previous, bank) || previous.status !== 'available';
          const account: Account = {
            ...previous,
            ...fields,
            balance: bank.balance,
            availableFunds: bank.availableFunds,
            creditLimit: bank.creditLimit,
            status: 'available',
            lastUpdated: now,
          };
          if (!changed && sameBalances(previous, bank)) {
            retrieved.push(account.id);
          } else {
            await store.accounts.update(account);
          }
          if (changed) await recordAccountEvent(store, this.deps.clock, 'account.updated', account);
          kept.push(account);
        } else {
          const account: Account = {
            id: newId(),
            applicationId: job.applicationId,
            userId: job.userId,
            connectionId: job.connectionId,
            institutionId: job.institutionId,
            bankKey: bank.bankAccountId,
            ...fields,
            balance: bank.balance,
            availableFunds: bank.availableFunds,
            creditLimit: bank.creditLimit,
            status: 'available',
            createdAt: now,
            lastUpdated: now,
            txFrom: null,
            txTo: null,
          };
          await store.accounts.insert(account);
          await recordAccountEvent(store, this.deps.clock, 'account.created', account);
          kept.push(account);
        }
      }
      await store.accounts.markRetrieved(retrieved, now);
      const keptIds = new Set(kept.map((a) => a.id));
      if ([...existing.values()].some((a) => a.status !== 'unavailable' && !keptIds.has(a.id))) {
        await store.accounts.markUnavailable(job.connectionId, [...keptIds]);
      }
      return { job: completed, accounts: kept, before: existing };
    });
  }

  /**
   * Applies a job's listings (§13) as the bank's pages arrive: posted rows upserted in batches of
   * {@link transactionBatchSize}, written while the next pages are read (each batch one
   * transaction, so a crash loses at most the batches in hand and a re-run duplicates nothing);
   * at an account's end its pending set is replaced — rows that left are linked to the posted
   * row that replaced them (api.md §10.3) or recorded as released. Writes of all accounts form
   * one queue, so the next account's pages are read while the last one's writes finish. `fresh`:
   * the account was created by this job, so its batches are plain inserts until one meets a
   * stored row (a re-run).
   */
  transactionWriter(job: ConnectionJob): TransactionWriter {
    const counts: ChangeCounts = { added: 0, modified: 0, removed: 0 };
    const transactions = this.deps.store.transactions;
    // The reader waits only when `writesAhead` writes are already queued, which bounds the
    // memory held.
    let writing: Promise<void> = Promise.resolve();
    const queued: Promise<void>[] = [];
    const enqueue = async (write: () => Promise<void>) => {
      writing = writing.then(write);
      // Awaited below, by `finish` or by `abandon`; meanwhile not an unhandled rejection.
      writing.catch(() => undefined);
      queued.push(writing);
      while (queued.length > writesAhead) await queued.shift();
    };
    /** Writes a batch; whether it went in as a plain insert (else it was upserted). */
    const writeBatch = async (
      batch: readonly TransactionInput[],
      fresh: boolean,
    ): Promise<boolean> => {
      const at = this.deps.clock.now();
      let written: UpsertCounts | null = null;
      let inserted = fresh;
      try {
        written = await transactions.writeJobBatch(batch, { at, jobId: job.id, fresh });
      } catch (error) {
        if (!(error instanceof TransactionsAlreadyStored)) throw error;
        inserted = false;
        written = await transactions.writeJobBatch(batch, { at, jobId: job.id, fresh: false });
      }
      // A job that ended meanwhile (the connection was deleted) writes nothing more.
      if (written === null) throw new JobEndedError(job.id);
      counts.added += written.added;
      counts.modified += written.modified;
      return inserted;
    };
    return {
      account: (account, options = {}) => {
        const keyer = new TransactionKeyer(account.bankKey);
        let fresh = options.fresh === true;
        let posted: TransactionInput[] = [];
        const pending: TransactionInput[] = [];
        const toInput = (key: string, row: ConnectorTransaction): TransactionInput => ({
          id: newId(),
          userId: account.userId,
          accountId: account.id,
          connectionId: account.connectionId,
          institutionId: account.institutionId,
          bankKey: key,
          status: row.status,
          description: row.description,
          amount: row.amount,
          currency: row.currency,
          balance: row.status === 'posted' ? row.balance : null,
          class: row.class,
          transactionDate: row.transactionDate,
          postDate: row.status === 'posted' ? row.postDate : null,
          paymentDetails: row.bpay ? { bpay: { ...row.bpay }, apcaNumber: null } : null,
          pendingTransactionId: null,
        });
        const flush = async () => {
          const batch = posted;
          posted = [];
          if (batch.length === 0) return;
          await enqueue(async () => {
            fresh = await writeBatch(batch, fresh);
          });
        };
        return {
          add: async (rows) => {
            for (const row of rows) {
              const key = keyer.key(row);
              if (key === null) continue;
              if (row.status === 'pending') pending.push(toInput(key, row));
              else posted.push(toInput(key, row));
            }
            if (posted.length >= transactionBatchSize) await flush();
          },
          end: async () => {
            await flush();
            await enqueue(() => this.#replacePending(job, account, pending, counts));
          },
        };
      },
      finish: async () => {
        await writing;
        return counts;
      },
      abandon: async () => {
        await writing.catch(() => undefined);
      },
    };
  }

  async #replacePending(
    job: ConnectionJob,
    account: Account,
    pending: readonly TransactionInput[],
    counts: ChangeCounts,
  ): Promise<void> {
    await this.deps.store.transaction(async (store) => {
      const now = this.deps.clock.now();
      const incoming = new Set(pending.map((p) => p.bankKey));
      const before = await store.transactions.listPending(account.id);
      const gone = before.filter((row) => !incoming.has(row.bankKey));
      if (pending.length > 0) {
        const result = await store.transactions.upsert(pending, now);
        counts.added += result.added;
        counts.modified += result.modified;
      }
      if (gone.length > 0) {
        const earliest = gone
          .map((row) => row.transactionDate ?? shiftDate(now.toISOString().slice(0, 10), -1))
          .sort()[0];
        const candidates = await store.transactions.listUnlinkedPosted(
          account.id,
          earliest ?? '1970-01-01',
        );
        const matches = matchPending(gone, candidates, this.deps.settings.pendingMatchDays);
        const removals = gone.map((row) => ({
          pendingId: row.id,
          postedId: matches.get(row.id) ?? null,
        }));
        for (const removal of removals) {
          if (removal.postedId)
            await store.transactions.linkPending(removal.postedId, removal.pendingId, now);
        }
        await store.transactions.removePending(account.userId, removals, now);
        counts.removed += removals.length;
      }
      const interval = await store.transactions.interval(account.id);
      const current = await store.accounts.find(account.userId, account.id);
      if (current && (current.txFrom !== interval.from || current.txTo !== interval.to)) {
        await store.accounts.update({ ...current, txFrom: interval.from, txTo: interval.to });
      }
      await this.touch(store, job.id);
    });
  }

  /**
   * The job succeeded (§2 T5, T9; §8). `connection` is the row as this run read it: while a job
   * runs nothing else changes the connection's status but a delete, and the fields a success
   * writes are its own. `kept.bankSession` is the sealed session the connector kept for the
   * connection's next job, `kept.profile` the customer's profile the job read. False when the
   * job had ended meanwhile (deleted connection): nothing was written, and the caller ends the
   * kept session itself.
   */
  async succeed(
    job: ConnectionJob,
    connection: Connection,
    counts: ChangeCounts,
    kept: { bankSession?: string | null; profile?: ConnectionProfile | null } = {},
  ): Promise<boolean> {
    const { clock } = this.deps;
    const now = clock.now();
    const current = endedJob(job, now);
    const retrieve = current.steps.find((s) => s.title === 'retrieve-transactions');
    const active: Connection = { ...connection, status: 'active', lastSuccessAt: now };
    const success = {
      at: now,
      dataAsOf: retrieve?.finishedAt ? new Date(retrieve.finishedAt) : now,
      windowEnd: current.windowTo,
      smartCacheNext: this.nextSlot(active, now),
      bankSession: kept.bankSession ?? null,
      profile: kept.profile ?? null,
    };
    const changed = counts.added + counts.modified + counts.removed > 0;
    if (connection.status === 'active' && !changed) {
      // The usual refresh: `job.completed` is its one event, written in the same statement.
      const completed = newEvent(clock, jobEvent('job.completed', current));
      return (await this.deps.store.jobs.finishWithSuccess(current, success, completed)) !== null;
    }
    return this.deps.store.transaction(async (store) => {
      const updated = await store.jobs.finishWithSuccess(current, success);
      if (updated === null) return false;
      if (connection.status !== 'active') {
        await recordConnectionEvent(store, clock, 'connection.activated', updated);
      }
      if (changed) {
        await recordTransactionsEvent(store, clock, updated, { ...counts, jobId: current.id });
      }
      await recordJobEvent(store, clock, 'job.completed', current);
      return true;
    });
  }

  /**
   * The job failed with `code` at its current step (§2 T4–T10, §12): the step and the job fail,
   * the connection takes the status the table gives, with `reason` set. False when the job had
   * ended meanwhile and nothing was written.
   */
  async fail(
    job: ConnectionJob,
    code: ReasonCode,
    detail: string,
    counts?: ChangeCounts,
  ): Promise<boolean> {
    return this.deps.store.transaction(async (store) => {
      const connection = await store.connections.findById(job.connectionId, { lock: true });
      const now = this.deps.clock.now();
      const failure = stepFailure(code, detail);
      const current = endedJob(job, now, failure);
      if (!(await this.save(store, current, { wakeCredentialWaiters: true }))) return false;
      if (connection && connection.status !== 'deleted') {
        const before = connection.status;
        const previousCode = connection.reason?.code ?? null;
        connection.status = statusAfterFailure(before, code);
        connection.reason = connectionReason(failure, current.id, now);
        // A failed job never hands its bank session on (the worker logs it out where it can).
        connection.bankSession = null;
        connection.bankSessionAt = null;
        if (code === 'user-action-required') connection.mfaEnabled = true;
        this.rescheduleAfterFailure(connection, current, now, failure.retryable);
        await store.connections.update(connection, { bankSession: true });
        if (connection.status === 'invalid' && before !== 'invalid') {
          await recordConnectionEvent(store, this.deps.clock, 'connection.invalidated', connection);
        } else if (before === 'invalid' && previousCode !== code) {
          await recordConnectionEvent(store, this.deps.clock, 'connection.updated', connection);
        }
        if (counts && counts.added + counts.modified + counts.removed > 0) {
          await recordTransactionsEvent(store, this.deps.clock, connection, {
            ...counts,
            jobId: current.id,
          });
        }
      }
      await recordJobEvent(store, this.deps.clock, 'job.failed', current);
      return true;
    });
  }

  /** The slot after now, or null when the connection is not eligible (§9.2). */
  nextSlot(connection: Connection, now: Date): Date | null {
    if (smartCacheIneligibility(connection, this.deps.settings.smartCache.enabled) !== null)
      return null;
    return nextSmartCacheSlot(connection, now, this.deps.settings.smartCache);
  }

  private rescheduleAfterFailure(
    connection: Connection,
    job: ConnectionJob,
    now: Date,
    retryable: boolean,
  ) {
    const regular = this.nextSlot(connection, now);
    if (job.trigger === 'smart-cache' && retryable && regular !== null) {
      const delay = smartCacheRetryDelaysS[connection.smartCacheRetries];
      if (delay !== undefined) {
        const retryAt = addSeconds(now, delay);
        connection.smartCacheRetries += 1;
        connection.smartCacheNext = retryAt < regular ? retryAt : regular;
        return;
      }
    }
    connection.smartCacheRetries = 0;
    connection.smartCacheNext = regular;
  }

  /**
   * Moves `updated` on inside a batch's transaction, and refuses to write for a job that ended
   * meanwhile (the connection was deleted): the batch then rolls back.
   */
  private async touch(store: Store, jobId: string) {
    if (!(await store.jobs.touchUnfinished(jobId, this.deps.clock.now()))) {
      throw new JobEndedError(jobId);
    }
  }

  /**
   * Writes the worker's new state of its job: one statement, and null when the job ended
   * meanwhile (a delete finished it). The worker is the only other writer of a running job, so
   * its copy is the row as stored; what touches the connection too runs in a transaction that
   * locks the connection first, as a delete does.
   */
  private async save(
    store: Store,
    job: ConnectionJob,
    options: Parameters<Store['jobs']['updateUnfinished']>[1] = {},
  ): Promise<ConnectionJob | null> {
    return (await store.jobs.updateUnfinished(job, options)) ? job : null;
  }

  /** A copy of the job with the step succeeded (and the session to keep on it, when given). */
  private completed(
    job: ConnectionJob,
    title: StepTitle,
    session: string | null,
    now: Date,
  ): ConnectionJob {
    const current = copyOfJob(job);
    const step = this.step(current, title);
    step.status = 'success';
    step.finishedAt = iso(now);
    step.startedAt ??= iso(now);
    step.result = { type: 'link', url: this.stepLink(current, title) };
    current.updatedAt = now;
    if (title === 'mfa-challenge') current.mfaAnswer = null;
    if (session !== null) current.session = session;
    return current;
  }

  /** Marks a step in progress (and the job running). */
  private begin(job: ConnectionJob, title: StepTitle, now: Date) {
    job.state = 'running';
    job.waitReason = null;
    job.resumeAt = null;
    job.updatedAt = now;
    const step = this.step(job, title);
    if (step.status !== 'in-progress') {
      step.status = 'in-progress';
      step.startedAt = iso(now);
    }
  }

  private step(job: ConnectionJob, title: StepTitle): JobStep {
    const step = job.steps.find((s) => s.title === title);
    if (!step) throw new Error(`job ${job.id} has no step ${title}`);
    return step;
  }

  private stepLink(job: ConnectionJob, title: StepTitle): string {
    const user = `/users/${job.userId}`;
    switch (title) {
      case 'verify-credentials':
      case 'mfa-challenge':
        return `${user}/connections/${job.connectionId}`;
      case 'retrieve-accounts':
        return `${user}/accounts?filter=connection.id.eq('${job.connectionId}')`;
      case 'retrieve-transactions':
        return `${user}/transactions?filter=connection.id.eq('${job.connectionId}')`;
    }
  }
}
