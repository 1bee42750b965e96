// The wire shapes of connections, jobs, accounts, transactions and purge receipts
// (connections.md §1, §5, §10.2; api.md §9–§10). Links are absolute on `{base}`.
import type {
  ConnectionSnapshot,
  JobSnapshot,
} from '../../domain/connections/connection-snapshots.ts';
import type {
  Account,
  Connection,
  ConnectionJob,
  ConnectionProfile,
  ConnectionReason,
  JobStep,
  StepResult,
  Transaction,
} from '../../domain/connections/connection-types.ts';
import type { PurgeReceipt } from '../../domain/connections/connections-service.ts';
import { toWireTime } from './time.ts';

const time = (at: Date | null) => (at ? toWireTime(at) : null);
const timeText = (at: string | null) => (at ? toWireTime(new Date(at)) : null);

function institutionRef(base: string, id: string) {
  return { id, type: 'institution', links: { self: `${base}/institutions/${id}` } };
}

function connectionLinks(base: string, userId: string, id: string, institutionId: string) {
  const user = `${base}/users/${userId}`;
  const filter = `filter=connection.id.eq('${id}')`;
  return {
    self: `${user}/connections/${id}`,
    accounts: `${user}/accounts?${filter}`,
    transactions: `${user}/transactions?${filter}`,
    institution: `${base}/institutions/${institutionId}`,
    user,
    jobs: `${user}/jobs?${filter}`,
  };
}

/** What a connection shows beyond its row (computed by the service). */
export interface ConnectionExtras {
  budget: { limit: number; remaining: number; resetsAt: Date | null };
  resumeAt: Date | null;
  smartCache: { eligible: boolean; nextScheduledAt: Date | null; ineligibleReason: string | null };
}

// Reasons, step results and profiles are stored as JSON, whose keys the database reorders: they
// are shown with their fields in the spec's order.

function reasonOf(connection: Pick<Connection, 'reason'>) {
  const reason = connection.reason;
  return reason ? presentReason(reason, toWireTime(reason.occurredAt)) : null;
}

function presentReason(reason: Omit<ConnectionReason, 'occurredAt'>, occurredAt: string | null) {
  return {
    code: reason.code,
    title: reason.title,
    detail: reason.detail,
    nextAction: reason.nextAction,
    retryable: reason.retryable,
    occurredAt,
    jobId: reason.jobId,
  };
}

/** The list form (§1): without `accounts` and `profile`. */
export function presentConnectionInList(
  base: string,
  connection: Connection,
  extras: ConnectionExtras,
) {
  return {
    type: 'connection',
    id: connection.id,
    method: connection.method,
    status: connection.status,
    createdDate: toWireTime(connection.createdAt),
    lastUsed: time(connection.lastUsed),
    expiryDate: null,
    mfaEnabled: connection.mfaEnabled,
    institution: institutionRef(base, connection.institutionId),
    reason: reasonOf(connection),
    resumeAt: time(extras.resumeAt),
    lastSuccessAt: time(connection.lastSuccessAt),
    dataAsOf: time(connection.dataAsOf),
    refresh: {
      limit: extras.budget.limit,
      remaining: extras.budget.remaining,
      resetsAt: time(extras.budget.resetsAt),
    },
    smartCache: {
      eligible: extras.smartCache.eligible,
      nextScheduledAt: time(extras.smartCache.nextScheduledAt),
      ineligibleReason: extras.smartCache.ineligibleReason,
    },
    links: connectionLinks(base, connection.userId, connection.id, connection.institutionId),
  };
}

/** The one-connection form (§1), with account summaries and the profile. */
export function presentConnection(
  base: string,
  connection: Connection,
  accounts: readonly Account[],
  extras: ConnectionExtras,
) {
  const listed = presentConnectionInList(base, connection, extras);
  const { links, ...rest } = listed;
  return {
    ...rest,
    accounts: {
      type: 'list',
      count: accounts.length,
      data: accounts.map((account) => ({
        type: 'account',
        id: account.id,
        name: account.name,
        accountNo: account.accountNo,
        balance: account.balance,
        availableFunds: account.availableFunds,
        currency: account.currency,
        class: { type: account.classType, product: account.product },
        lastUpdated: toWireTime(account.lastUpdated),
        status: account.status,
        links: accountLinks(base, account),
      })),
    },
    profile: presentProfile(connection.profile),
    links,
  };
}

/** The profile's fields in the spec's order (the database keeps JSON keys in an order of its own). */
function presentProfile(profile: ConnectionProfile | null) {
  if (profile === null) return null;
  return {
    fullName: profile.fullName,
    firstName: profile.firstName,
    middleName: profile.middleName,
    lastName: profile.lastName,
    emailAddresses: profile.emailAddresses,
    phoneNumbers: profile.phoneNumbers,
    physicalAddresses: profile.physicalAddresses,
  };
}

/** The connection list item an event carries (events-webhooks.md §2). */
export function presentConnectionSnapshot(base: string, snapshot: ConnectionSnapshot) {
  const user = `${base}/users/${snapshot.userId}`;
  return {
    type: 'connection',
    id: snapshot.id,
    method: snapshot.method,
    status: snapshot.status,
    createdDate: timeText(snapshot.createdAt),
    lastUsed: timeText(snapshot.lastUsed),
    expiryDate: null,
    mfaEnabled: snapshot.mfaEnabled,
    institution: institutionRef(base, snapshot.institutionId),
    reason: snapshot.reason
      ? presentReason(snapshot.reason, timeText(snapshot.reason.occurredAt))
      : null,
    links: { self: `${user}/connections/${snapshot.id}` },
  };
}

/** The job an event carries, from its commit-time snapshot. */
export function presentJobSnapshot(base: string, snapshot: JobSnapshot) {
  return {
    type: 'job',
    id: snapshot.id,
    jobType: 'connection',
    created: timeText(snapshot.createdAt),
    updated: timeText(snapshot.updatedAt),
    status: jobStatus({ state: snapshot.state as ConnectionJob['state'] }),
    institution: institutionRef(base, snapshot.institutionId),
    steps: snapshot.steps.map((step) => presentStep(base, snapshot.id, step)),
    trigger: snapshot.trigger,
    connection: snapshot.connectionId,
    links: {
      self: `${base}/jobs/${snapshot.id}`,
      source: `${base}/users/${snapshot.userId}/connections/${snapshot.connectionId}`,
    },
  };
}

/** The short job form of 202 answers (§3). */
export function presentJobReference(base: string, job: Pick<ConnectionJob, 'id'>) {
  return { type: 'job', id: job.id, links: { self: `${base}/jobs/${job.id}` } };
}

function jobStatus(job: Pick<ConnectionJob, 'state'>): string {
  return job.state === 'success' ? 'success' : job.state === 'failed' ? 'failed' : 'in-progress';
}

function presentStep(base: string, jobId: string, step: JobStep) {
  return {
    title: step.title,
    status: step.status,
    result: presentResult(base, jobId, step.result),
    startedAt: timeText(step.startedAt),
    finishedAt: timeText(step.finishedAt),
  };
}

function presentResult(base: string, jobId: string, result: StepResult) {
  if (result === null) return null;
  if (!('type' in result)) {
    return {
      code: result.code,
      title: result.title,
      detail: result.detail,
      details: result.details,
      nextAction: result.nextAction,
      retryable: result.retryable,
    };
  }
  if (result.type === 'link') return { type: result.type, url: result.url };
  return {
    type: result.type,
    method: result.method,
    description: result.description,
    input: result.input,
    expiryMs: result.expiryMs,
    links: { response: `${base}/jobs/${jobId}/mfa` },
  };
}

/** The job object (§5.1). */
export function presentJob(base: string, job: ConnectionJob) {
  return {
    type: 'job',
    id: job.id,
    jobType: 'connection',
    created: toWireTime(job.createdAt),
    updated: toWireTime(job.updatedAt),
    status: jobStatus(job),
    institution: institutionRef(base, job.institutionId),
    steps: job.steps.map((step) => presentStep(base, job.id, step)),
    trigger: job.trigger,
    connection: job.connectionId,
    resumeAt: job.finishedAt === null ? time(job.resumeAt) : null,
    waitReason: job.finishedAt === null ? job.waitReason : null,
    window: job.windowFrom && job.windowTo ? { from: job.windowFrom, to: job.windowTo } : null,
    links: {
      self: `${base}/jobs/${job.id}`,
      source: `${base}/users/${job.userId}/connections/${job.connectionId}`,
    },
  };
}

function accountLinks(base: string, account: Account) {
  const user = `${base}/users/${account.userId}`;
  return {
    self: `${user}/accounts/${account.id}`,
    transactions: `${user}/transactions?filter=account.id.eq('${account.id}')`,
    connection: `${user}/connections/${account.connectionId}`,
    institution: `${base}/institutions/${account.institutionId}`,
  };
}

/** The account object (api.md §9): every field present, null when unknown. */
export function presentAccount(base: string, account: Account) {
  return {
    type: 'account',
    id: account.id,
    name: account.name,
    displayName: null,
    accountNo: account.accountNo,
    maskedNumber: account.maskedNumber,
    bsb: account.bsb,
    unmaskedAccNum: account.unmaskedAccNum,
    accountHolder: account.accountHolder,
    accountOwnership: 'UNKNOWN',
    isOwned: true,
    balance: account.balance,
    availableFunds: account.availableFunds,
    creditLimit: account.creditLimit,
    amortisedLimit: null,
    depositRate: null,
    lendingRate: null,
    bundleName: null,
    creationDate: null,
    purses: [],
    class: { type: account.classType, product: account.product },
    currency: account.currency,
    connection: account.connectionId,
    institution: account.institutionId,
    lastUpdated: toWireTime(account.lastUpdated),
    status: account.status,
    transactionIntervals:
      account.txFrom && account.txTo ? [{ from: account.txFrom, to: account.txTo }] : [],
    meta: null,
    links: accountLinks(base, account),
  };
}

/** The transaction object (api.md §10.1): every field present, null when unknown. */
function presentPaymentDetails(details: Transaction['paymentDetails']) {
  if (details === null) return null;
  const bpay = details.bpay as Record<string, unknown> | null | undefined;
  return {
    bpay: bpay ? { billerCode: bpay.billerCode, billerName: bpay.billerName, crn: bpay.crn } : null,
    apcaNumber: details.apcaNumber ?? null,
  };
}

export function presentTransaction(base: string, transaction: Transaction) {
  const user = `${base}/users/${transaction.userId}`;
  const amount = Number(transaction.amount);
  return {
    type: 'transaction',
    id: transaction.id,
    status: transaction.status,
    description: transaction.description,
    reference: null,
    amount: transaction.amount,
    currency: transaction.currency,
    balance: transaction.status === 'posted' ? transaction.balance : null,
    direction: amount > 0 ? 'credit' : 'debit',
    class: transaction.class,
    subClass: null,
    transactionDate: transaction.transactionDate,
    postDate: transaction.status === 'posted' ? transaction.postDate : null,
    paymentDetails: presentPaymentDetails(transaction.paymentDetails),
    enrich: null,
    merchant: null,
    account: transaction.accountId,
    connection: transaction.connectionId,
    institution: transaction.institutionId,
    pendingTransactionId: transaction.pendingTransactionId,
    createdDate: toWireTime(transaction.createdAt),
    updatedDate: toWireTime(transaction.updatedAt),
    links: {
      self: `${user}/transactions/${transaction.id}`,
      account: `${user}/accounts/${transaction.accountId}`,
      institution: `${base}/institutions/${transaction.institutionId}`,
      connection: `${user}/connections/${transaction.connectionId}`,
    },
  };
}

/** The purge receipt (§10.2). */
export function presentPurgeReceipt(base: string, userId: string, receipt: PurgeReceipt) {
  return {
    type: 'purge-receipt',
    id: receipt.id,
    connection: receipt.connectionId,
    institution: receipt.institutionId,
    purgedAt: toWireTime(receipt.purgedAt),
    accounts: receipt.accounts,
    transactions: receipt.transactions,
    links: { connection: `${base}/users/${userId}/connections/${receipt.connectionId}` },
  };
}
