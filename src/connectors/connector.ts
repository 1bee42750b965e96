// The connector contract (ARCHITECTURE §3.4): what the jobs' steps ask of a bank, the normalised
// shapes a bank's data comes back in, and the one error a connector throws. Types and data only,
// plus `ConnectorError` and the reason table of connections.md §12, so the domain and the worker
// can import it without pulling in any HTTP or HTML code.
import { setTimeout as wallTimeout } from 'node:timers/promises';
import type { Clock } from '../kernel/clock.ts';

// ---------------------------------------------------------------------------------------------
// Reason codes (connections.md §12)

/** What the user or operator should do after a failure (connections.md §12, closed list). */
export type NextAction =
  | 'update-credentials'
  | 'contact-institution'
  | 'resolve-at-institution'
  | 'retry-with-user'
  | 'reconsent'
  | 'retry-later'
  | 'contact-support'
  | 'none';

/**
 * The connection's status after a refresh of an `active` connection failed with this code; null
 * where §12 says "—" (`authorization-failed`: the connection keeps whatever status it had). On a
 * first job every failure gives `invalid` (§12), which is the worker's rule, not the table's.
 */
export type StatusOnRefresh = 'active' | 'invalid' | 'deleted' | null;

/** One row of the reason table. */
export interface ReasonCodeFacts {
  /** The fixed `title` sent with the code (exact text of §12). */
  readonly title: string;
  /** The "Meaning" column: when the code is used. */
  readonly meaning: string;
  readonly statusOnRefresh: StatusOnRefresh;
  /** Whether retrying later may succeed without anyone changing anything (§12 "Retryable"). */
  readonly retryable: boolean;
  readonly nextAction: NextAction;
}

/**
 * The reason table of connections.md §12 as data: every code a failed step or a connection's
 * `reason` can carry. The worker and the presenters read titles, retryability, statuses and next
 * actions from here rather than from `if`s spread over the code (ARCHITECTURE §4.2).
 */
export const reasonCodes = {
  'invalid-credentials': {
    title: 'Cannot login to target institution, check credentials.',
    meaning: 'the bank rejected the login ID, password or security code',
    statusOnRefresh: 'invalid',
    retryable: false,
    nextAction: 'update-credentials',
  },
  'account-locked': {
    title: 'Account is locked',
    meaning: 'the bank reports the login locked or suspended',
    statusOnRefresh: 'invalid',
    retryable: false,
    nextAction: 'contact-institution',
  },
  'account-not-accessible-requires-user-action': {
    title: 'Action required at the institution',
    meaning:
      'the bank needs the user to log in to its site and do something (accept terms, read a notice, change password)',
    statusOnRefresh: 'invalid',
    retryable: false,
    nextAction: 'resolve-at-institution',
  },
  'user-action-required': {
    title: 'User presence required',
    meaning:
      'the bank asked for a second factor during a job with no user present (Smart Cache); the connection becomes `mfaEnabled`',
    statusOnRefresh: 'invalid',
    retryable: false,
    nextAction: 'retry-with-user',
  },
  'invalid-mfa-response': {
    title: 'Incorrect MFA response',
    meaning: 'the bank rejected the MFA answer',
    statusOnRefresh: 'active',
    retryable: false,
    nextAction: 'retry-with-user',
  },
  'mfa-timeout': {
    title: 'MFA challenge expired',
    meaning: 'no MFA answer before the challenge expired',
    statusOnRefresh: 'active',
    retryable: false,
    nextAction: 'retry-with-user',
  },
  'authorization-failed': {
    title: 'Authorisation failed',
    meaning:
      'open banking: authorisation at the holder denied, cancelled or failed (the connection keeps its status)',
    statusOnRefresh: null,
    retryable: false,
    nextAction: 'reconsent',
  },
  'consent-expired': {
    title: 'Consent expired',
    meaning: 'open banking: the sharing arrangement expired',
    statusOnRefresh: 'invalid',
    retryable: false,
    nextAction: 'reconsent',
  },
  'consent-revoked': {
    title: 'Consent revoked',
    meaning: 'open banking: the arrangement was revoked at the holder',
    statusOnRefresh: 'invalid',
    retryable: false,
    nextAction: 'reconsent',
  },
  'service-unavailable': {
    title: 'Institution unavailable',
    meaning: 'the bank did not answer, answered with errors or timed out after retries',
    statusOnRefresh: 'active',
    retryable: true,
    nextAction: 'retry-later',
  },
  maintenance: {
    title: 'Institution under maintenance',
    meaning: 'the bank says it is down for maintenance',
    statusOnRefresh: 'active',
    retryable: true,
    nextAction: 'retry-later',
  },
  'institution-not-available': {
    title: 'Institution temporarily paused',
    meaning: 'Tributary did not contact the bank: its circuit breaker is open',
    statusOnRefresh: 'active',
    retryable: true,
    nextAction: 'retry-later',
  },
  'connector-error': {
    title: 'Institution response not understood',
    meaning: "the bank's pages or responses were not understood (layout or format change)",
    statusOnRefresh: 'active',
    retryable: true,
    nextAction: 'contact-support',
  },
  'job-timed-out': {
    title: 'Job timed out',
    meaning: 'the job exceeded its time limit',
    statusOnRefresh: 'active',
    retryable: true,
    nextAction: 'retry-later',
  },
  'institution-disabled': {
    title: 'Institution disabled',
    meaning: 'the operator disabled the institution',
    statusOnRefresh: 'invalid',
    retryable: false,
    nextAction: 'contact-support',
  },
  'connection-deleted': {
    title: 'Connection deleted',
    meaning: 'the job was cancelled because the connection was deleted',
    statusOnRefresh: 'deleted',
    retryable: false,
    nextAction: 'none',
  },
  'unknown-error': {
    title: 'Unexpected error',
    meaning: 'an unexpected internal failure (logged with the correlation id)',
    statusOnRefresh: 'active',
    retryable: true,
    nextAction: 'contact-support',
  },
} as const satisfies Record<string, ReasonCodeFacts>;

/** Every reason code of connections.md §12. */
export type ReasonCode = keyof typeof reasonCodes;

/**
 * The reason codes a bank can cause, spelt as §12 spells them (ARCHITECTURE §4.2). The others
 * (`institution-not-available`, `job-timed-out`, `institution-disabled`, `connection-deleted`,
 * `unknown-error`) are Tributary's own outcomes and never come out of a connector.
 * `user-action-required` is here because a bank can ask for a second factor again when a session
 * is re-established mid-job, where no answer can be given.
 */
export type ConnectorErrorKind = Extract<
  ReasonCode,
  | 'invalid-credentials'
  | 'account-locked'
  | 'account-not-accessible-requires-user-action'
  | 'user-action-required'
  | 'invalid-mfa-response'
  | 'mfa-timeout'
  | 'authorization-failed'
  | 'consent-expired'
  | 'consent-revoked'
  | 'service-unavailable'
  | 'maintenance'
  | 'connector-error'
>;

/** The kinds as a list, in §12 order; a kind missing here fails to compile. */
export const connectorErrorKinds = [
  'invalid-credentials',
  'account-locked',
  'account-not-accessible-requires-user-action',
  'user-action-required',
  'invalid-mfa-response',
  'mfa-timeout',
  'authorization-failed',
  'consent-expired',
  'consent-revoked',
  'service-unavailable',
  'maintenance',
  'connector-error',
] as const satisfies readonly ConnectorErrorKind[];

// A kind added to the union but not to the list above is a compile error here.
type MissingKinds = Exclude<ConnectorErrorKind, (typeof connectorErrorKinds)[number]>;
const _everyKindListed: [MissingKinds] extends [never] ? true : MissingKinds = true;

/** Whether a string is a connector error kind (for reading stored step results back). */
export function isConnectorErrorKind(value: string): value is ConnectorErrorKind {
  return (connectorErrorKinds as readonly string[]).includes(value);
}

/**
 * What a bank did, in Tributary's terms: the only error a connector throws (ARCHITECTURE §4.2).
 * `detail` is specific to the occurrence (the bank's own message when it gave one, e.g. "Account
 * is locked") and never contains credentials; `cause` is for logs only.
 */
export class ConnectorError extends Error {
  readonly kind: ConnectorErrorKind;
  readonly detail: string;
  /** How long the bank asked us to wait before trying again (`Retry-After`), when it said. */
  readonly retryAfterMs: number | null;

  constructor(
    kind: ConnectorErrorKind,
    detail: string,
    options: { retryAfterMs?: number | null; cause?: unknown } = {},
  ) {
    super(`${kind}: ${detail}`, { cause: options.cause });
    this.name = 'ConnectorError';
    this.kind = kind;
    this.detail = detail;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }

  /** The fixed title of the kind (§12). */
  get title(): string {
    return reasonCodes[this.kind].title;
  }

  get retryable(): boolean {
    return reasonCodes[this.kind].retryable;
  }

  get nextAction(): NextAction {
    return reasonCodes[this.kind].nextAction;
  }
}

// ---------------------------------------------------------------------------------------------
// The context every call receives

/** A JSON value: what a session may hold, so that a worker can store it (encrypted) and resume. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * The logger a connector writes to: a subset of pino's, already redacting secrets (kernel
 * logger). A connector never logs credentials, cookies, MFA answers or page bodies.
 */
export interface ConnectorLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** The bank customer as the bank shows them; a field the bank does not show is empty. */
export interface ConnectorProfile {
  fullName: string;
  firstName: string;
  middleName: string;
  lastName: string;
  emailAddresses: string[];
  phoneNumbers: string[];
  physicalAddresses: string[];
}

/** One HTTP request to a bank. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  /** Absolute URL. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Aborts the request: the step's signal combined with the per-request timeout. */
  readonly signal: AbortSignal;
}

/** A bank's answer, read in full. */
export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case; a repeated header (`set-cookie`) as an array. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: string;
}

/**
 * The HTTP client a connector uses. It must not follow redirects (connectors read them: a web
 * bank's 303 says where the login went) and rejects on network errors and aborts.
 */
export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>;

/**
 * What every connector call receives (ARCHITECTURE §3.4). Nothing in a connector reads the
 * environment, the database or `Date.now()`: time, logs, cancellation, the network and waiting
 * all come from here, so tests drive them through the same injection points as production.
 */
export interface ConnectorContext {
  /** Business time (the sandbox clock): dates such as "today" at the bank. */
  readonly clock: Clock;
  readonly logger: ConnectorLogger;
  /** Aborted when the job is cancelled or out of time; the call then rejects with its reason. */
  readonly signal: AbortSignal;
  readonly http: HttpClient;
  /**
   * Waits `ms` of wall time (back-off between retries of one request, connections.md §5.5);
   * rejects when `signal` aborts. Production passes {@link wallSleep}.
   */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** The production `sleep`: a wall-clock timer that an abort cuts short. */
export async function wallSleep(ms: number, signal: AbortSignal): Promise<void> {
  await wallTimeout(ms, undefined, { signal });
}

// ---------------------------------------------------------------------------------------------
// Normalised data (api.md §9–§10)

/**
 * Money as the API writes it: a decimal string with exactly two decimals, `-` for negative
 * (`"-1234.56"`, `"0.00"`). Never a float.
 */
export type Money = string;

/** A calendar date `YYYY-MM-DD`, in the bank's own calendar (Australia/Sydney for the sandbox). */
export type CalendarDate = string;

/** Account class types (api.md §9 `class.type`). */
export type AccountClassType =
  | 'transaction'
  | 'savings'
  | 'credit-card'
  | 'mortgage'
  | 'loan'
  | 'investment'
  | 'term-deposit'
  | 'insurance'
  | 'foreign'
  | 'unknown';

export const accountClassTypes: readonly AccountClassType[] = [
  'transaction',
  'savings',
  'credit-card',
  'mortgage',
  'loan',
  'investment',
  'term-deposit',
  'insurance',
  'foreign',
  'unknown',
];

/** Transaction classes (api.md §10.1 `class`). */
export type TransactionClass =
  | 'payment'
  | 'cash-withdrawal'
  | 'transfer'
  | 'bank-fee'
  | 'interest'
  | 'loan-interest'
  | 'loan-repayment'
  | 'refund'
  | 'direct-credit';

export const transactionClasses: readonly TransactionClass[] = [
  'payment',
  'cash-withdrawal',
  'transfer',
  'bank-fee',
  'interest',
  'loan-interest',
  'loan-repayment',
  'refund',
  'direct-credit',
];

/** An account as the bank lists it, normalised to api.md §9's fields. */
export interface ConnectorAccount {
  /** The bank's own id of the account: the account's identity across refreshes (§13). */
  readonly bankAccountId: string;
  readonly name: string;
  /** BSB digits + `-` + account number; for cards the masked number (api.md §9). */
  readonly accountNo: string;
  /** The number as the bank masks it (cards); null when the bank shows it in full. */
  readonly maskedNumber: string | null;
  /** Digits only; null for cards. */
  readonly bsb: string | null;
  /** Digits only; null for cards and masked numbers. */
  readonly unmaskedAccNum: string | null;
  readonly accountHolder: string | null;
  readonly classType: AccountClassType;
  /** The product name (`class.product`). */
  readonly product: string | null;
  /** ISO 4217. */
  readonly currency: string;
  /** Current balance excluding pending. */
  readonly balance: Money | null;
  readonly availableFunds: Money | null;
  readonly creditLimit: Money | null;
}

/** BPAY details of a transaction (api.md §10.1 `paymentDetails.bpay`). */
export interface ConnectorBpay {
  readonly billerCode: string;
  readonly billerName: string | null;
  readonly crn: string;
}

/** A transaction as the bank lists it, normalised to api.md §10's fields. */
export interface ConnectorTransaction {
  readonly status: 'posted' | 'pending';
  /**
   * The bank's transaction id, the identity of a posted transaction (§13); null when the bank
   * gives none (the sandbox web bank shows no id on pending rows).
   */
  readonly bankTransactionId: string | null;
  readonly description: string;
  /** Negative for money leaving the account. */
  readonly amount: Money;
  readonly currency: string;
  /** Running balance after this transaction when the bank shows it; null for pending. */
  readonly balance: Money | null;
  /** `credit` when `amount` > 0, else `debit` (api.md §10.1). */
  readonly direction: 'credit' | 'debit';
  /** Null when the bank gives no class Tributary knows. */
  readonly class: TransactionClass | null;
  /** The date the bank shows for the transaction (the day it was made), when it shows one. */
  readonly transactionDate: CalendarDate | null;
  /** The posting date; null exactly when `status` is `pending`. */
  readonly postDate: CalendarDate | null;
  readonly bpay: ConnectorBpay | null;
}

// ---------------------------------------------------------------------------------------------
// The connector

/** How Tributary reaches the bank (api.md §8). */
export type ConnectorMethod = 'web' | 'open-banking';

/** What a connector can do, for the worker and the institution views. */
export interface ConnectorCapabilities {
  /** Whether the bank lists pending transactions. */
  readonly pendingTransactions: boolean;
  /** Whether posted transactions carry the bank's id (else the §13 fingerprint identifies them). */
  readonly postedTransactionIds: boolean;
  /** Whether pending transactions carry the bank's id. */
  readonly pendingTransactionIds: boolean;
  /** Whether posted transactions carry a running balance. */
  readonly runningBalances: boolean;
  /**
   * How many days back the connector can read; null when it reads whatever the bank lists (the
   * worker's window, TRIBUTARY_INITIAL_HISTORY_DAYS, then decides).
   */
  readonly historyDays: number | null;
  /** Whether the bank may ask for a second factor during verification. */
  readonly mfa: 'never' | 'always' | 'sometimes';
  /**
   * Ad-hoc refreshes per rolling 24 h that the bank tolerates; null when Tributary's own limits
   * (connections.md §6.5) apply unchanged.
   */
  readonly refreshesPerDay: number | null;
}

/** What the user gives to connect a web login (api.md §8.1 captions). */
export interface ConnectorCredentials {
  readonly loginId: string;
  readonly password: string;
  readonly secondaryLoginId?: string;
  readonly securityCode?: string;
}

/**
 * A logged-in session at the bank, made by `verifyCredentials` and owned by the connector that
 * made it. It is JSON so that a worker may persist it between steps, and it holds secrets
 * (session cookies, and for web connectors the credentials needed to log in again when the bank
 * ends the session mid-job, connections.md §5.5): store it only encrypted, never log it. The
 * connector may update it in place (new cookies after a re-login).
 *
 * A **kept** session is what `endSession(…, { keep: true })` returns at the end of a successful
 * job: the bank session left open (and whatever the connector wants to remember about the
 * accounts), without the credentials. The worker stores it encrypted with the connection and
 * hands it to the connection's next `verifyCredentials`, which uses it when the bank still
 * honours it. It is as secret as any session.
 */
export interface ConnectorSession {
  /** `Connector.id` of the connector that made it; another connector refuses it. */
  readonly connectorId: string;
  /** The institution it was made at. */
  readonly institutionId: string;
  /** Connector-private state. */
  state: { [key: string]: JsonValue };
}

/** A second factor the bank asked for (connections.md §5.3). */
export interface MfaChallenge {
  /** `token`: a one-time code (`input` is `["OTP Password"]`); `security-questions`: one per question. */
  readonly method: 'token' | 'security-questions';
  /** The bank's explanation, when it gives one. */
  readonly description: string | null;
  /** The prompts, in the order the answers must be given. */
  readonly input: readonly string[];
}

/** The outcome of a successful verification. */
export interface VerifiedSession {
  readonly session: ConnectorSession;
  /** Present when the bank asked for a second factor: answer it with `answerMfa` before use. */
  readonly mfa?: MfaChallenge;
  /** True when the kept session was still live and no login was needed (never with `mfa`). */
  readonly resumed?: boolean;
}

/** How `endSession` ends a job's use of a session. */
export interface EndSessionOptions {
  /**
   * Keep the bank session for the connection's next job instead of ending it at the bank: the
   * worker asks this after a successful job only. Absent or false: log out.
   */
  readonly keep?: boolean;
}

/** A transaction window: calendar dates, both inclusive, `from` ≤ `to`. */
export interface TransactionWindow {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

/**
 * One bank reached one way. The methods follow the job's steps (connections.md §5):
 * `verify-credentials` → `verifyCredentials` (then `answerMfa` for `mfa-challenge`),
 * `retrieve-accounts` → `listAccounts`, `retrieve-transactions` → `listTransactions` per account.
 * Every method throws only {@link ConnectorError}, except that an aborted `ctx.signal` rejects
 * with the signal's reason (the caller's own cancellation). Inputs that break the contract (a
 * malformed window, a session of another connector) are bugs and throw `TypeError`/`RangeError`.
 */
export interface Connector {
  /** The implementation's id (`web`, `cdr`): names it in logs, READMEs and stored sessions. */
  readonly id: string;
  /** The institution this instance talks to (`AU00000`). */
  readonly institutionId: string;
  readonly method: ConnectorMethod;
  readonly capabilities: ConnectorCapabilities;

  /**
   * Problems with the settings this instance was built with (base URL, limits), all at once;
   * empty when it can run. The registry refuses to start with any (ARCHITECTURE §4.3).
   */
  validateConfig(): readonly string[];

  /**
   * Logs in. Resolves with a session, and with the bank's second-factor challenge when it asked
   * for one. Rejects with `invalid-credentials` (detail: the bank's message), `account-locked`,
   * `account-not-accessible-requires-user-action`, `service-unavailable`, `maintenance` or
   * `connector-error`.
   *
   * `kept`, when given, is the session a previous `endSession(…, { keep: true })` of the same
   * connection returned. The connector first checks, without a request, whether the bank may
   * still honour it (e.g. its idle timeout has not passed); if so it proves it live with one
   * request and resolves with it (`resumed: true`), otherwise, or when the bank has ended it, it
   * logs in with `credentials` as without one, so that a wrong password still rejects here with
   * the same kinds. A kept session it cannot use (another connector's, malformed) is ignored.
   * The caller passes one only for the connection it was kept for and only while that
   * connection's credentials are unchanged.
   */
  verifyCredentials(
    ctx: ConnectorContext,
    credentials: ConnectorCredentials,
    kept?: ConnectorSession | null,
  ): Promise<VerifiedSession>;

  /**
   * Sends the answers to the challenge `verifyCredentials` returned, one per `input` entry, in
   * order. Resolves when the bank accepted them (the session is then usable); rejects with
   * `invalid-mfa-response` or `mfa-timeout` (the bank ended the session), or as
   * `verifyCredentials` does.
   */
  answerMfa(
    ctx: ConnectorContext,
    session: ConnectorSession,
    answers: readonly string[],
  ): Promise<void>;

  /**
   * Every account the login can see, in the bank's order, with balances. An empty list is a
   * valid answer (a login without accounts). Rejects with `connector-error` when the pages or
   * responses are not understood, and with the transient kinds.
   */
  listAccounts(ctx: ConnectorContext, session: ConnectorSession): Promise<ConnectorAccount[]>;

  /**
   * The bank customer as the bank shows them (connections.md §1 `profile`); null when the bank
   * shows none. Optional: a connector whose bank has no such page leaves it out.
   */
  readProfile?(ctx: ConnectorContext, session: ConnectorSession): Promise<ConnectorProfile | null>;

  /**
   * The account's transactions in the window, page by page as the bank gives them, so that the
   * worker stores one page while the next is read: pending ones first (only when the window
   * reaches the bank's today), then posted ones newest first, each posted bank id once even when
   * the bank lists a row twice. Posted rows all have `postDate` within the window. A page may be
   * empty. Stopping the iteration early (`return`) leaves the session usable.
   */
  transactionPages(
    ctx: ConnectorContext,
    session: ConnectorSession,
    bankAccountId: string,
    window: TransactionWindow,
  ): AsyncIterable<readonly ConnectorTransaction[]>;

  /**
   * Ends the job's use of the session; `session` must not be used afterwards. Without `keep` it
   * ends the session at the bank (a web logout), best effort, and resolves null. With
   * `keep: true` it may instead leave the bank session open and resolve with the session to
   * keep for the connection's next job (see {@link ConnectorSession}), holding no credentials;
   * null when nothing is worth keeping. Never rejects for a bank failure, since the data is
   * already read. Optional: a connector without it keeps nothing and needs no ending.
   */
  endSession?(
    ctx: ConnectorContext,
    session: ConnectorSession,
    options?: EndSessionOptions,
  ): Promise<ConnectorSession | null>;
}

/** Every page of {@link Connector.transactionPages}, in order, as one list. */
export async function listTransactions(
  connector: Pick<Connector, 'transactionPages'>,
  ctx: ConnectorContext,
  session: ConnectorSession,
  bankAccountId: string,
  window: TransactionWindow,
): Promise<ConnectorTransaction[]> {
  const all: ConnectorTransaction[] = [];
  for await (const page of connector.transactionPages(ctx, session, bankAccountId, window)) {
    all.push(...page);
  }
  return all;
}
