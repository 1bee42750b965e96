// The connection, job, account and transaction records (connections.md §1, §5; api.md §9–§10) and
// the repository ports that store them. Presenters add links and the wire spelling.
import type {
  AccountClassType,
  ConnectorMethod,
  ConnectorProfile,
  NextAction,
  ReasonCode,
} from '../../connectors/connector.ts';
import type { Filter } from '../filters/filter.ts';
import type { DomainEvent } from '../events/events-types.ts';

export type ConnectionStatus = 'pending' | 'pre-init' | 'init' | 'active' | 'invalid' | 'deleted';

/** Why the latest finished job failed (connections.md §1 `reason`). */
export interface ConnectionReason {
  code: ReasonCode;
  title: string;
  detail: string;
  nextAction: NextAction;
  retryable: boolean;
  occurredAt: Date;
  jobId: string;
}

/** The bank customer as the bank shows them (connections.md §1 `profile`). */
export type ConnectionProfile = ConnectorProfile;

export interface Connection {
  id: string;
  applicationId: string;
  userId: string;
  institutionId: string;
  method: ConnectorMethod;
  status: ConnectionStatus;
  createdAt: Date;
  /** Sealed credentials; null once wiped (delete) or for open banking. */
  credentials: string | null;
  credentialKey: string | null;
  credentialsHash: string | null;
  /** The login id sealed under the installation's own key, for repairs after a lost key. */
  loginIdSealed: string | null;
  /**
   * The bank session the last successful job kept for the next one (connector.ts "kept
   * session"), sealed; null when none. A secret: never presented, never logged. Read only by
   * `findById(…, { bankSession: true })` (null otherwise) and written only by
   * `update(…, { bankSession: true })`.
   */
  bankSession: string | null;
  /** When the bank session was kept (clock); null with it, and loaded with it. */
  bankSessionAt: Date | null;
  mfaEnabled: boolean;
  profile: ConnectionProfile | null;
  reason: ConnectionReason | null;
  lastUsed: Date | null;
  lastSuccessAt: Date | null;
  dataAsOf: Date | null;
  /** `YYYY-MM-DD` end of the last successful transaction window; null before one (or after purge). */
  windowEnd: string | null;
  ordinal: number;
  smartCacheNext: Date | null;
  smartCacheRetries: number;
  staleReported: boolean;
}

export type JobTrigger =
  | 'create'
  | 'credentials-update'
  | 'manual-refresh'
  | 'bulk-refresh'
  | 'smart-cache'
  | 'authorisation';

export const jobTriggers: readonly JobTrigger[] = [
  'create',
  'credentials-update',
  'manual-refresh',
  'bulk-refresh',
  'smart-cache',
  'authorisation',
];

export type StepTitle =
  'verify-credentials' | 'mfa-challenge' | 'retrieve-accounts' | 'retrieve-transactions';

export type StepStatus = 'pending' | 'in-progress' | 'success' | 'failed';

/** A failed step's result (connections.md §5.1). */
export interface StepFailure {
  code: ReasonCode;
  title: string;
  detail: string;
  details: string;
  nextAction: NextAction;
  retryable: boolean;
}

/** An MFA challenge shown on the `mfa-challenge` step (§5.3); `links.response` is added on output. */
export interface StepMfa {
  type: 'mfa';
  method: 'token' | 'security-questions';
  description: string;
  input: string[];
  expiryMs: number;
}

export type StepResult = { type: 'link'; url: string } | StepFailure | StepMfa | null;

export interface JobStep {
  title: StepTitle;
  status: StepStatus;
  result: StepResult;
  /** ISO instants (stored as JSON). */
  startedAt: string | null;
  finishedAt: string | null;
}

export type WaitReason =
  | 'same-credentials-pause'
  | 'credentials-busy'
  | 'bulk-spacing'
  | 'institution-capacity'
  | 'mfa-response';

/** waiting: queued or waiting; running: a worker holds it; then one of the two outcomes. */
export type JobState = 'waiting' | 'running' | 'success' | 'failed';

export interface ConnectionJob {
  id: string;
  connectionId: string;
  userId: string;
  applicationId: string;
  institutionId: string;
  trigger: JobTrigger;
  state: JobState;
  steps: JobStep[];
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  contactedAt: Date | null;
  resumeAt: Date | null;
  waitReason: WaitReason | null;
  windowFrom: string | null;
  windowTo: string | null;
  credentialKey: string | null;
  credentialsHash: string | null;
  bulkId: string | null;
  session: string | null;
  mfaAnswer: string | null;
  mfaAnswerHash: string | null;
  mfaAnsweredAt: Date | null;
  relogins: number;
  runMs: number;
}

export type AccountStatus = 'available' | 'unavailable';

export interface Account {
  id: string;
  applicationId: string;
  userId: string;
  connectionId: string;
  institutionId: string;
  bankKey: string;
  name: string;
  accountNo: string;
  maskedNumber: string | null;
  bsb: string | null;
  unmaskedAccNum: string | null;
  accountHolder: string | null;
  classType: AccountClassType;
  product: string | null;
  currency: string;
  balance: string | null;
  availableFunds: string | null;
  creditLimit: string | null;
  status: AccountStatus;
  createdAt: Date;
  lastUpdated: Date;
  txFrom: string | null;
  txTo: string | null;
}

export interface Transaction {
  id: string;
  userId: string;
  accountId: string;
  connectionId: string;
  institutionId: string;
  bankKey: string;
  status: 'posted' | 'pending';
  description: string;
  amount: string;
  currency: string;
  balance: string | null;
  class: string | null;
  transactionDate: string | null;
  postDate: string | null;
  paymentDetails: Record<string, unknown> | null;
  pendingTransactionId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A row to upsert: the stored identity and values, without the times the repository decides. */
export type TransactionInput = Omit<Transaction, 'createdAt' | 'updatedAt'>;

/** {@link TransactionsRepository.writeJobBatch} met a row stored already. */
export class TransactionsAlreadyStored extends Error {
  constructor(cause: unknown) {
    super('a transaction of the batch is stored already', { cause });
    this.name = 'TransactionsAlreadyStored';
  }
}

/** What one batch upsert did. */
export interface UpsertCounts {
  added: number;
  modified: number;
}

/** Keyset position in the transactions order of api.md §3. */
export interface TransactionPosition {
  accountCreatedAt: string;
  accountId: string;
  status: 'pending' | 'posted';
  sortDate: string | null;
  id: string;
}

/** Keyset position in the jobs order (`created` descending, then `id`). */
export interface JobPosition {
  createdAt: string;
  id: string;
}

export interface ConnectionsRepository {
  insert(connection: Connection): Promise<void>;
  /** Writes the connection; its bank session only with `bankSession: true`. */
  update(connection: Connection, options?: { bankSession?: boolean }): Promise<void>;
  /** Locks the row for the rest of the transaction. */
  find(userId: string, id: string, options?: { lock?: boolean }): Promise<Connection | null>;
  /** `bankSession: true` reads the kept bank session too (the worker, at a job's start). */
  findById(
    id: string,
    options?: { lock?: boolean; bankSession?: boolean },
  ): Promise<Connection | null>;
  listForUser(userId: string, filter: Filter): Promise<Connection[]>;
  /** Not-deleted connections of the user at the institution. */
  listLive(userId: string, institutionId: string): Promise<Connection[]>;
  countLiveAt(applicationId: string, institutionIds: readonly string[]): Promise<number>;
  nextOrdinal(institutionId: string, method: ConnectorMethod): Promise<number>;
  /** Active connections whose Smart Cache slot is due. */
  listSmartCacheDue(now: Date, limit: number): Promise<Connection[]>;
  /** Active connections whose last success (or creation) is older than `before`, not yet reported. */
  listStale(before: Date, limit: number): Promise<Connection[]>;
}

export interface JobsRepository {
  /** Inserts a new job, marked dispatched: its creator wakes it once the insert commits. */
  insert(job: ConnectionJob): Promise<void>;
  update(job: ConnectionJob): Promise<void>;
  /**
   * Writes the state of a job that has not finished, in one statement (a running job's worker
   * is its only writer besides a delete, which finishes it); false when it had finished. A job
   * written finished gives up its lease too. `session: false` leaves the stored session as it
   * is (it is large: written only when it changed). `connectionUsedAt` moves the connection's
   * `lastUsed` in the same statement (locking the connection first, as a delete does), and
   * nothing is written when the connection is deleted. `wakeCredentialWaiters`: jobs of the same
   * credential key waiting for this one to leave the bank become dispatchable.
   * `retrievedAccounts`: these accounts' `lastUpdated` moves to `at` in the same statement
   * (the connection locked first; nothing is written when it is deleted).
   */
  updateUnfinished(
    job: ConnectionJob,
    options?: {
      session?: boolean;
      connectionUsedAt?: Date;
      wakeCredentialWaiters?: boolean;
      retrievedAccounts?: { ids: readonly string[]; at: Date };
    },
  ): Promise<boolean>;
  /**
   * A job succeeded (connections.md §8), in one statement: the connection is locked first, as a
   * delete locks it; the job's copy is written when the job is unfinished; then the connection
   * becomes `active` with no reason, its last success and data time move, its window ends at
   * `windowEnd` (kept when null), the Smart Cache retries reset and its next slot is set, the
   * kept bank session replaced, the profile replaced when the job read one; the jobs of its login
   * waiting for it become dispatchable, and
   * `event`, when given, is written. Resolves with the connection as written (bank session not
   * read); null, with nothing written, when the connection is deleted or the job had ended.
   */
  finishWithSuccess(
    job: ConnectionJob,
    success: {
      at: Date;
      dataAsOf: Date;
      windowEnd: string | null;
      smartCacheNext: Date | null;
      bankSession: string | null;
      /** The profile the job read; null keeps the stored one. */
      profile: ConnectionProfile | null;
    },
    event?: DomainEvent,
  ): Promise<Connection | null>;
  /** Moves `updated` of an unfinished job (one statement); false when it had finished. */
  touchUnfinished(id: string, at: Date): Promise<boolean>;
  /**
   * `secrets: false` leaves `session` and `mfaAnswer` out (null): what the API shows of a job,
   * and never to be written back with `update`.
   */
  find(id: string, options?: { lock?: boolean; secrets?: boolean }): Promise<ConnectionJob | null>;
  findUnfinished(
    connectionId: string,
    options?: { lock?: boolean; secrets?: boolean },
  ): Promise<ConnectionJob | null>;
  /** Whether any job with this credential key (any user, any application) is unfinished. */
  hasUnfinished(credentialKey: string): Promise<boolean>;
  /** Jobs of `credentialKey` that failed with one of `codes` at or after `since`. */
  recentFailure(credentialKey: string, codes: readonly string[], since: Date): Promise<boolean>;
  /**
   * The user's connection, its unfinished job (secrets left out) and its budget-counted jobs
   * created after `since`: how many, and the oldest one's creation. One read for a refresh's
   * checks (§6.3); null when the user has no such connection.
   */
  refreshState(
    of: { userId: string; connectionId: string },
    since: Date,
  ): Promise<{
    connection: Connection;
    running: ConnectionJob | null;
    counted: { count: number; oldest: Date | null };
  } | null>;
  /**
   * Inserts a job as `insert` does, unless its connection is deleted or already has an
   * unfinished job (one statement, no transaction needed); false when it was not inserted.
   */
  insertIfLive(job: ConnectionJob): Promise<boolean>;
  /** Distinct bulk requests of a user since `since`, oldest first (their first job's time). */
  bulkRequestsSince(userId: string, since: Date): Promise<Date[]>;
  list(
    userId: string,
    filter: Filter,
    after: JobPosition | null,
    limit: number,
  ): Promise<{ rows: ConnectionJob[]; size: number }>;
  /**
   * Unfinished jobs that may run now: due, not leased, and not dispatched in the last
   * `redispatchS` nor only before they became due (clock `now`).
   */
  listDispatchable(now: Date, redispatchS: number, limit: number): Promise<string[]>;
  markDispatched(ids: readonly string[]): Promise<void>;
  /**
   * Takes the job's lease (wall time) when it is free and the job unfinished, resolving with the
   * job, its connection (kept bank session included) and whether another unfinished job of its
   * credential key has reached the bank (§7); null when another worker holds it (or it finished).
   */
  claim(
    id: string,
    owner: string,
    leaseS: number,
  ): Promise<{ job: ConnectionJob; connection: Connection; credentialsBusy: boolean } | null>;
  renewLease(id: string, owner: string, leaseS: number): Promise<boolean>;
  releaseLease(id: string, owner: string): Promise<void>;
  /** Frees every lease (embedded start: the one process that held them is gone). */
  releaseAllLeases(): Promise<number>;
  /** Makes jobs whose `resumeAt` has passed dispatchable at once (a clock advance). */
  clearDispatched(now: Date): Promise<void>;
  /** Jobs waiting because another job of the key was talking to the bank. */
  wakeCredentialWaiters(credentialKey: string): Promise<void>;
}

export interface AccountsRepository {
  listForUser(userId: string, filter: Filter): Promise<Account[]>;
  find(userId: string, id: string): Promise<Account | null>;
  listForConnection(connectionId: string): Promise<Account[]>;
  insert(account: Account): Promise<void>;
  update(account: Account): Promise<void>;
  /** `lastUpdated` of the accounts moves to `at`, nothing else (balances retrieved unchanged). */
  markRetrieved(ids: readonly string[], at: Date): Promise<void>;
  markUnavailable(connectionId: string, exceptIds: readonly string[]): Promise<void>;
  deleteForConnection(connectionId: string): Promise<number>;
}

export interface TransactionsRepository {
  /**
   * Upserts one account's rows on (account, bank key); unchanged rows are left alone. Rows of an
   * account that no longer exists are not written.
   */
  upsert(rows: readonly TransactionInput[], at: Date): Promise<UpsertCounts>;
  /**
   * A running job's batch of one account's rows, in one statement that commits on its own
   * (without waiting for the disk: the job's success, committed durably later, flushes it) and
   * touches the job's `updated`; null, with nothing written, when the job has ended. `fresh`: the
   * rows are new (the account's first listing), inserted without an upsert's conflict checks;
   * rejects with {@link TransactionsAlreadyStored}, nothing written, when one is stored already.
   */
  writeJobBatch(
    rows: readonly TransactionInput[],
    options: { at: Date; jobId: string; fresh: boolean },
  ): Promise<UpsertCounts | null>;
  /** The account's stored pending rows. */
  listPending(accountId: string): Promise<Transaction[]>;
  /** Posted rows of the account that no pending row claims yet, posted on or after `since`. */
  listUnlinkedPosted(accountId: string, since: string): Promise<Transaction[]>;
  linkPending(postedId: string, pendingId: string, at: Date): Promise<void>;
  /** Removes pending rows, recording what replaced each (null: released). */
  removePending(
    userId: string,
    removals: readonly { pendingId: string; postedId: string | null }[],
    at: Date,
  ): Promise<void>;
  find(userId: string, id: string): Promise<Transaction | null>;
  findReplacement(userId: string, pendingId: string): Promise<{ postedId: string | null } | null>;
  list(
    userId: string,
    filter: Filter,
    after: TransactionPosition | null,
    limit: number,
  ): Promise<{ rows: (Transaction & { accountCreatedAt: Date })[]; size: number }>;
  deleteForConnection(connectionId: string): Promise<number>;
  countForConnection(connectionId: string): Promise<number>;
  /** Dates covered by the account's stored transactions. */
  interval(accountId: string): Promise<{ from: string | null; to: string | null }>;
}
