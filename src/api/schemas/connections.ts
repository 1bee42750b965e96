import { Type, type TSchema } from '@sinclair/typebox';
import type { ErrorCode } from '../../kernel/errors.ts';
import {
  authenticatedErrors,
  errorResponses,
  listLinks,
  listOf,
  Nullable,
  serverSecurity,
  Uuid,
} from './common.ts';

const Link = Type.String({ format: 'uri' });
const Time = Type.String({ format: 'date-time' });
const Money = Type.String({ pattern: '^-?[0-9]+\\.[0-9]{2}$' });
const InstitutionRef = Type.Object({
  id: Type.String(),
  type: Type.Literal('institution'),
  links: Type.Object({ self: Link }),
});

const Reason = Type.Object({
  code: Type.String(),
  title: Type.String(),
  detail: Type.String(),
  nextAction: Type.String(),
  retryable: Type.Boolean(),
  occurredAt: Time,
  jobId: Uuid,
});

const connectionCore = {
  type: Type.Literal('connection'),
  id: Uuid,
  method: Type.Union([Type.Literal('web'), Type.Literal('open-banking')]),
  status: Type.String({ description: 'pending, pre-init, init, active, invalid, deleted' }),
  createdDate: Time,
  lastUsed: Nullable(Time),
  expiryDate: Nullable(Time),
  mfaEnabled: Type.Boolean(),
  institution: InstitutionRef,
  reason: Nullable(Reason),
  resumeAt: Nullable(Time),
  lastSuccessAt: Nullable(Time),
  dataAsOf: Nullable(Time),
  refresh: Type.Object({
    limit: Type.Integer(),
    remaining: Type.Integer(),
    resetsAt: Nullable(Time),
  }),
  smartCache: Type.Object({
    eligible: Type.Boolean(),
    nextScheduledAt: Nullable(Time),
    ineligibleReason: Nullable(Type.String()),
  }),
  links: Type.Object({
    self: Link,
    accounts: Link,
    transactions: Link,
    institution: Link,
    user: Link,
    jobs: Link,
  }),
};

export const ConnectionInListSchema = Type.Object(connectionCore, { $id: 'ConnectionInList' });
export const ConnectionSchema = Type.Object(
  {
    ...connectionCore,
    accounts: Type.Object({
      type: Type.Literal('list'),
      count: Type.Integer(),
      data: Type.Array(Type.Object({}, { additionalProperties: true })),
    }),
    profile: Nullable(
      Type.Object(
        {
          fullName: Type.String(),
          firstName: Type.String(),
          middleName: Type.String(),
          lastName: Type.String(),
          emailAddresses: Type.Array(Type.String()),
          phoneNumbers: Type.Array(Type.String()),
          physicalAddresses: Type.Array(Type.String()),
        },
        {
          description:
            'The bank customer as the bank shows them; null when the bank shows none. Read with new credentials and while the connection has none; removed on delete and purge.',
        },
      ),
    ),
  },
  { $id: 'Connection' },
);

export const JobReferenceSchema = Type.Object(
  { type: Type.Literal('job'), id: Uuid, links: Type.Object({ self: Link }) },
  { $id: 'JobReference' },
);

const Step = Type.Object({
  title: Type.String({
    description: 'verify-credentials, mfa-challenge, retrieve-accounts, retrieve-transactions',
  }),
  status: Type.String({ description: 'pending, in-progress, success, failed' }),
  result: Nullable(Type.Object({}, { additionalProperties: true })),
  startedAt: Nullable(Time),
  finishedAt: Nullable(Time),
});

export const JobSchema = Type.Object(
  {
    type: Type.Literal('job'),
    id: Uuid,
    jobType: Type.Literal('connection'),
    created: Time,
    updated: Time,
    status: Type.String({ description: 'in-progress, success, failed' }),
    institution: InstitutionRef,
    steps: Type.Array(Step),
    trigger: Type.String(),
    connection: Uuid,
    resumeAt: Nullable(Time),
    waitReason: Nullable(Type.String()),
    window: Nullable(Type.Object({ from: Type.String(), to: Type.String() })),
    links: Type.Object({ self: Link, source: Link }),
  },
  { $id: 'Job' },
);

export const AccountSchema = Type.Object(
  {
    type: Type.Literal('account'),
    id: Uuid,
    name: Type.String(),
    displayName: Nullable(Type.String()),
    accountNo: Type.String(),
    maskedNumber: Nullable(Type.String()),
    bsb: Nullable(Type.String()),
    unmaskedAccNum: Nullable(Type.String()),
    accountHolder: Nullable(Type.String()),
    accountOwnership: Type.String(),
    isOwned: Type.Boolean(),
    balance: Nullable(Money),
    availableFunds: Nullable(Money),
    creditLimit: Nullable(Money),
    amortisedLimit: Nullable(Money),
    depositRate: Nullable(Type.String()),
    lendingRate: Nullable(Type.String()),
    bundleName: Nullable(Type.String()),
    creationDate: Nullable(Type.String()),
    purses: Type.Array(Type.Object({ amount: Money, currency: Type.String() })),
    class: Type.Object({ type: Type.String(), product: Nullable(Type.String()) }),
    currency: Type.String(),
    connection: Uuid,
    institution: Type.String(),
    lastUpdated: Time,
    status: Type.String({ description: 'available or unavailable' }),
    transactionIntervals: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
    meta: Nullable(Type.Object({}, { additionalProperties: true })),
    links: Type.Object({ self: Link, transactions: Link, connection: Link, institution: Link }),
  },
  { $id: 'Account' },
);

export const TransactionSchema = Type.Object(
  {
    type: Type.Literal('transaction'),
    id: Uuid,
    status: Type.String({ description: 'posted or pending' }),
    description: Type.String(),
    reference: Nullable(Type.String()),
    amount: Money,
    currency: Type.String(),
    balance: Nullable(Money),
    direction: Type.String({ description: 'credit or debit' }),
    class: Nullable(Type.String()),
    subClass: Nullable(Type.Object({ code: Type.String(), title: Type.String() })),
    transactionDate: Nullable(Type.String()),
    postDate: Nullable(Type.String()),
    paymentDetails: Nullable(Type.Object({}, { additionalProperties: true })),
    enrich: Type.Null(),
    merchant: Nullable(Type.Object({ name: Type.String(), categoryCode: Nullable(Type.String()) })),
    account: Uuid,
    connection: Uuid,
    institution: Type.String(),
    pendingTransactionId: Nullable(Uuid),
    createdDate: Time,
    updatedDate: Time,
    links: Type.Object({ self: Link, account: Link, institution: Link, connection: Link }),
  },
  { $id: 'Transaction' },
);

const PurgeReceiptSchema = Type.Object(
  {
    type: Type.Literal('purge-receipt'),
    id: Uuid,
    connection: Uuid,
    institution: Type.String(),
    purgedAt: Time,
    accounts: Type.Integer(),
    transactions: Type.Integer(),
    links: Type.Object({ connection: Link }),
  },
  { $id: 'PurgeReceipt' },
);

const userParams = Type.Object({ userId: Uuid });
const connectionParams = Type.Object({ userId: Uuid, connectionId: Uuid });
const filterQuery = Type.Object({ filter: Type.Optional(Type.String()) });
const pageQuery = Type.Object({
  filter: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  next: Type.Optional(Type.String()),
});
const bodyErrors: ErrorCode[] = [
  'invalid-content',
  'unsupported-content-type',
  'request-too-large',
];
const idempotencyErrors: ErrorCode[] = ['idempotency-key-in-use', 'idempotency-key-mismatch'];

function route(
  tags: string[],
  summary: string,
  success: Record<number, TSchema>,
  errors: ErrorCode[],
  extra: Record<string, unknown> = {},
) {
  return {
    tags,
    summary,
    security: serverSecurity,
    ...extra,
    response: {
      ...success,
      ...errorResponses([...authenticatedErrors, 'parameter-not-valid', ...errors]),
    },
  };
}

const tags = ['Connections'];
const jobTags = ['Jobs'];
const shortList = (item: TSchema) =>
  Type.Object({
    type: Type.Literal('list'),
    count: Type.Integer(),
    size: Type.Integer(),
    data: Type.Array(item),
    links: listLinks,
  });

export const connectionSchemas = {
  list: route(
    tags,
    "List a user's connections",
    { 200: shortList(ConnectionInListSchema) },
    ['resource-not-found'],
    {
      params: userParams,
      querystring: filterQuery,
    },
  ),
  create: route(
    tags,
    'Create a web connection (credentials); answers with its job',
    { 202: JobReferenceSchema },
    [
      ...bodyErrors,
      ...idempotencyErrors,
      'parameter-not-supplied',
      'institution-not-supported',
      'institution-disabled',
      'resource-not-found',
      'connection-method-conflict',
      'too-many-sandbox-connections',
    ],
    {
      params: userParams,
      body: Type.Object({
        institution: Type.Object({ id: Type.String({ pattern: '^[A-Z]{2}[0-9]{5}$' }) }),
        loginId: Type.String({ minLength: 1, maxLength: 128 }),
        password: Type.String({ minLength: 1, maxLength: 256 }),
        securityCode: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
        secondaryLoginId: Type.Optional(Nullable(Type.String({ maxLength: 128 }))),
        method: Type.Optional(Type.String({ description: 'web (default)' })),
      }),
    },
  ),
  get: route(tags, 'Read a connection', { 200: ConnectionSchema }, ['resource-not-found'], {
    params: connectionParams,
  }),
  update: route(
    tags,
    'Update the credentials of a web connection; answers with the new job',
    { 202: JobReferenceSchema },
    [
      ...bodyErrors,
      ...idempotencyErrors,
      'parameter-not-supplied',
      'resource-not-found',
      'connection-deleted',
      'job-in-progress',
    ],
    {
      params: connectionParams,
      body: Type.Object({
        password: Type.String({ minLength: 1, maxLength: 256 }),
        securityCode: Type.Optional(Nullable(Type.String())),
        secondaryLoginId: Type.Optional(Nullable(Type.String())),
      }),
    },
  ),
  delete: route(
    tags,
    'Delete a connection (its accounts and transactions stay with the user)',
    { 204: Type.Null({ description: 'Deleted' }) },
    ['resource-not-found', ...idempotencyErrors],
    { params: connectionParams },
  ),
  refresh: route(
    tags,
    'Refresh one connection',
    { 202: JobReferenceSchema },
    [
      'resource-not-found',
      'connection-deleted',
      'connection-not-ready',
      'invalid-credentials',
      'reconsent-required',
      'refresh-limit-reached',
      'institution-disabled',
      ...idempotencyErrors,
    ],
    { params: connectionParams },
  ),
  refreshAll: route(
    tags,
    "Refresh all of a user's connections, spread out",
    {
      202: Type.Object({
        type: Type.Literal('list'),
        count: Type.Integer(),
        size: Type.Integer(),
        data: Type.Array(JobReferenceSchema),
        skipped: Type.Array(
          Type.Object({ connection: Uuid, code: Type.String(), detail: Type.String() }),
        ),
        links: listLinks,
      }),
    },
    ['resource-not-found', 'refresh-limit-reached', ...idempotencyErrors],
    { params: userParams },
  ),
  purge: route(
    tags,
    "Purge a connection's accounts and transactions (Prefer: return=representation for the receipt)",
    { 200: PurgeReceiptSchema, 204: Type.Null({ description: 'Purged' }) },
    ['resource-not-found', 'connection-deleted', 'job-in-progress', ...idempotencyErrors],
    { params: connectionParams },
  ),
  listJobs: route(
    jobTags,
    "List a user's jobs, newest first",
    { 200: listOf(JobSchema) },
    ['resource-not-found'],
    {
      params: userParams,
      querystring: pageQuery,
    },
  ),
  listConnectionJobs: route(
    jobTags,
    "List a connection's jobs, newest first",
    { 200: listOf(JobSchema) },
    ['resource-not-found'],
    { params: connectionParams, querystring: pageQuery },
  ),
  getJob: route(jobTags, 'Read a job', { 200: JobSchema }, ['resource-not-found'], {
    params: Type.Object({ jobId: Uuid }),
  }),
  answerMfa: route(
    jobTags,
    "Answer a job's MFA challenge",
    { 202: JobReferenceSchema },
    [...bodyErrors, ...idempotencyErrors, 'resource-not-found', 'mfa-not-requested'],
    {
      params: Type.Object({ jobId: Uuid }),
      body: Type.Object({
        'mfa-response': Type.Array(Type.String({ minLength: 1, maxLength: 256 })),
      }),
    },
  ),
};

const accountTags = ['Accounts'];
const transactionTags = ['Transactions'];
export const accountSchemas = {
  list: route(
    accountTags,
    "List a user's accounts",
    { 200: shortList(AccountSchema) },
    ['resource-not-found'],
    {
      params: userParams,
      querystring: filterQuery,
    },
  ),
  get: route(accountTags, 'Read an account', { 200: AccountSchema }, ['resource-not-found'], {
    params: Type.Object({ userId: Uuid, accountId: Uuid }),
  }),
  listTransactions: route(
    transactionTags,
    "List a user's transactions",
    { 200: listOf(TransactionSchema) },
    ['resource-not-found'],
    { params: userParams, querystring: pageQuery },
  ),
  getTransaction: route(
    transactionTags,
    'Read a transaction',
    { 200: TransactionSchema },
    ['resource-not-found'],
    {
      params: Type.Object({ userId: Uuid, transactionId: Uuid }),
    },
  ),
};
