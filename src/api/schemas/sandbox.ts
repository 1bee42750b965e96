import { Type } from '@sinclair/typebox';
import { authenticatedErrors, errorResponses, listOf, Nullable, serverSecurity } from './common.ts';

const tags = ['Sandbox'];

const InstitutionId = Type.String({ pattern: '^[A-Z]{2}[0-9]{5}$', examples: ['AU00000'] });
const Money = Type.String({ pattern: '^-?[0-9]+\\.[0-9]{2}$', examples: ['-124.69'] });
const CalendarDate = Type.String({ format: 'date', examples: ['2026-11-23'] });
const Surface = Type.Union([Type.Literal('web'), Type.Literal('cdr'), Type.Literal('both')]);
const Mode = Type.Union([
  Type.Literal('none'),
  Type.Literal('maintenance'),
  Type.Literal('error-5xx'),
  Type.Literal('timeout'),
  Type.Literal('broken-layout'),
]);

/** The fault object of sandbox.md §6.2. */
const FaultSchema = Type.Object(
  {
    institution: InstitutionId,
    surface: Surface,
    mode: Mode,
    until: Nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'SandboxFault' },
);

/** The sandbox clock's reading (sandbox.md §5). */
const ClockSchema = Type.Object(
  {
    now: Type.String({ format: 'date-time', examples: ['2026-11-24T09:15:02Z'] }),
    offsetSeconds: Type.Integer({
      minimum: 0,
      description: 'Seconds the clock runs ahead of wall time; only grows',
      examples: [86400],
    }),
  },
  { $id: 'SandboxClock' },
);

const personaCore = {
  loginId: Type.String(),
  personaNumber: Type.Integer(),
  memberNumber: Nullable(Type.String()),
  historyDays: Nullable(Type.Integer()),
};
const counts = { postedCount: Type.Integer(), pendingCount: Type.Integer() };

const PersonaSummarySchema = Type.Object({
  ...personaCore,
  accounts: Type.Integer({ description: 'How many accounts the persona has' }),
  ...counts,
});

const GroundTruthAccountSchema = Type.Object({
  id: Type.String({ description: 'The bank account id' }),
  name: Type.String(),
  type: Type.String(),
  product: Type.String(),
  bsb: Nullable(Type.String()),
  number: Type.String(),
  balance: Money,
  availableFunds: Money,
  creditLimit: Nullable(Money),
  ...counts,
  firstPostDate: Nullable(CalendarDate),
  lastPostDate: Nullable(CalendarDate),
});

const PersonaDetailSchema = Type.Object(
  { ...personaCore, ...counts, accounts: Type.Array(GroundTruthAccountSchema) },
  { $id: 'SandboxPersona' },
);

const GroundTruthTransactionSchema = Type.Object({
  id: Nullable(Type.String()),
  status: Type.Union([Type.Literal('posted'), Type.Literal('pending')]),
  date: CalendarDate,
  time: Type.String({ pattern: '^[0-9]{2}:[0-9]{2}$' }),
  description: Type.String(),
  amount: Money,
  class: Type.String(),
  balance: Nullable(Money),
  becomes: Nullable(Type.String({ description: 'Pending: the posted id it becomes, or released' })),
});

const personaParams = Type.Object({ loginId: Type.String() });
const transactionParams = Type.Object({ loginId: Type.String(), accountId: Type.String() });
const DateQuery = Type.String({ description: 'YYYY-MM-DD or an RFC 3339 time (its date is used)' });

/** Route schemas of the sandbox control routes (sandbox.md §6). */
export const sandboxSchemas = {
  getClock: {
    tags,
    summary: 'Read the sandbox clock',
    security: serverSecurity,
    response: {
      200: ClockSchema,
      ...errorResponses([...authenticatedErrors, 'resource-not-found']),
    },
  },
  setClock: {
    tags,
    summary: 'Move the sandbox clock forward',
    description:
      'Either `advance` (an ISO 8601 duration of W, D, H, M and S parts, more than zero and at most P3650D) or `to` (an RFC 3339 time not earlier than now). The clock never moves back; every process sees the move within a second, and work that became due runs at once.',
    security: serverSecurity,
    body: Type.Union([
      Type.Object({
        advance: Type.String({
          pattern: '^P(?:[0-9]+W)?(?:[0-9]+D)?(?:T(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+S)?)?$',
          examples: ['P1D', 'PT6M', 'P1DT2H'],
        }),
      }),
      Type.Object({ to: Type.String({ format: 'date-time', examples: ['2026-12-01T00:00:00Z'] }) }),
    ]),
    response: {
      200: ClockSchema,
      ...errorResponses([
        ...authenticatedErrors,
        'parameter-not-valid',
        'invalid-content',
        'unsupported-content-type',
        'request-too-large',
        'resource-not-found',
      ]),
    },
  },
  reset: {
    tags,
    summary: 'Reset the sandbox banks',
    description:
      'Clears sessions, lockouts, accepted notices, MFA counters and faults; not the clock or stored data.',
    security: serverSecurity,
    response: {
      204: Type.Null({ description: 'Reset' }),
      ...errorResponses([...authenticatedErrors, 'resource-not-found']),
    },
  },
  setFault: {
    tags,
    summary: "Set or clear a sandbox institution's fault",
    security: serverSecurity,
    params: Type.Object({ institutionId: InstitutionId }),
    body: Type.Object({
      surface: Surface,
      mode: Mode,
      until: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    }),
    response: {
      200: FaultSchema,
      ...errorResponses([
        ...authenticatedErrors,
        'parameter-not-supplied',
        'parameter-not-valid',
        'invalid-content',
        'unsupported-content-type',
        'request-too-large',
        'resource-not-found',
      ]),
    },
  },
  listFaults: {
    tags,
    summary: 'List the faults in force',
    security: serverSecurity,
    response: {
      200: listOf(FaultSchema),
      ...errorResponses([...authenticatedErrors, 'resource-not-found']),
    },
  },
  listPersonas: {
    tags,
    summary: 'List the sandbox personas with their counts for today',
    security: serverSecurity,
    response: {
      200: listOf(PersonaSummarySchema),
      ...errorResponses([...authenticatedErrors, 'resource-not-found']),
    },
  },
  getPersona: {
    tags,
    summary: 'Read a persona and its accounts for today (ground truth)',
    security: serverSecurity,
    params: personaParams,
    response: {
      200: PersonaDetailSchema,
      ...errorResponses([...authenticatedErrors, 'resource-not-found']),
    },
  },
  listTransactions: {
    tags,
    summary: "List an account's transactions for today (ground truth)",
    security: serverSecurity,
    params: transactionParams,
    querystring: Type.Object({
      from: Type.Optional(DateQuery),
      to: Type.Optional(DateQuery),
      offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    }),
    response: {
      200: Type.Object({ data: Type.Array(GroundTruthTransactionSchema), total: Type.Integer() }),
      ...errorResponses([...authenticatedErrors, 'parameter-not-valid', 'resource-not-found']),
    },
  },
};
