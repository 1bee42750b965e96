import { Type, type TSchema } from '@sinclair/typebox';
import {
  institutionAuthorizations,
  institutionCountries,
  institutionStages,
  institutionStatuses,
  institutionTiers,
  institutionTypes,
} from '../../domain/institutions/institutions-types.ts';
import {
  authenticatedErrors,
  errorResponses,
  listLinks,
  listOf,
  Nullable,
  serverSecurity,
} from './common.ts';

const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

const InstitutionId = Type.String({ pattern: '^[A-Z]{2}[0-9]{5}$', examples: ['AU00000'] });
const Method = literals(['web', 'open-banking']);
const Sources = Type.Array(Method);
const sourcesOf = (names: readonly string[]) =>
  Type.Object(Object.fromEntries(names.map((name) => [name, Sources])));

const Logo = Type.Object({
  type: Type.Literal('image'),
  colors: Type.Object({ primary: Type.String({ pattern: '^#[0-9A-Fa-f]{6}$' }) }),
  links: Type.Object({
    square: Type.String({ description: '{base}/assets/institutions/{id}/square.svg' }),
    full: Type.String({ description: '{base}/assets/institutions/{id}/full.svg' }),
  }),
});

const Stats = Type.Object({
  averageDurationMs: Type.Object({
    verifyCredentials: Nullable(Type.Integer()),
    retrieveAccounts: Nullable(Type.Integer()),
    retrieveTransactions: Nullable(Type.Integer()),
    retrieveMeta: Type.Null(),
    total: Nullable(Type.Integer()),
  }),
});

const Health = Type.Object({
  breaker: literals(['closed', 'open', 'half-open']),
  successRate1h: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
  p50DurationMs: Nullable(Type.Integer()),
  p95DurationMs: Nullable(Type.Integer()),
  nextProbeAt: Nullable(Type.String({ format: 'date-time' })),
});

const Tier = literals(institutionTiers);
const Status = literals(institutionStatuses);
const Stage = literals(institutionStages);
const Country = literals(institutionCountries);
const Kind = literals(institutionTypes);

/** The institution object of api.md §8.1. */
export const InstitutionSchema = Type.Object(
  {
    type: Type.Literal('institution'),
    id: InstitutionId,
    name: Type.String(),
    shortName: Type.String(),
    institutionType: Kind,
    country: Country,
    serviceName: Nullable(Type.String()),
    serviceType: Nullable(Type.String()),
    loginIdCaption: Nullable(Type.String()),
    passwordCaption: Nullable(Type.String()),
    secondaryLoginIdCaption: Type.Optional(
      Type.String({ description: 'absent when the bank does not ask for it' }),
    ),
    securityCodeCaption: Type.Optional(
      Type.String({ description: 'absent when the bank does not ask for it' }),
    ),
    userTokenCaption: Type.Optional(
      Type.String({ description: 'absent when the bank does not ask for it' }),
    ),
    forgottenPasswordUrl: Nullable(Type.String()),
    tier: Tier,
    authorization: Nullable(literals(institutionAuthorizations)),
    stage: Stage,
    status: Status,
    methods: Type.Array(Method, { description: 'ext' }),
    health: Type.Object(
      { web: Type.Optional(Health), 'open-banking': Type.Optional(Health) },
      { description: 'ext: one entry per offered method' },
    ),
    stats: Stats,
    logo: Logo,
    features: Type.Object({
      login: Sources,
      mfaChallenge: Sources,
      accounts: sourcesOf([
        'accountNo',
        'name',
        'balance',
        'availableFunds',
        'currency',
        'accountHolder',
        'lastUpdated',
        'meta',
      ]),
      transactions: sourcesOf(['status', 'description', 'date', 'amount', 'balance', 'class']),
      profile: sourcesOf([
        'fullName',
        'firstName',
        'middleName',
        'lastName',
        'emailAddresses',
        'phoneNumbers',
        'physicalAddresses',
      ]),
    }),
    links: Type.Object({ self: Type.String() }),
  },
  { $id: 'Institution' },
);

/** The connector object of api.md §8.2. */
export const ConnectorSchema = Type.Object(
  {
    type: Type.Literal('connector'),
    id: InstitutionId,
    method: Method,
    stage: Stage,
    status: Status,
    institution: Type.Object({
      type: Kind,
      name: Type.String(),
      shortName: Type.String(),
      tier: Tier,
      country: Country,
      logo: Logo,
      cdrProviderNumber: Nullable(Type.String()),
      abn: Nullable(Type.String()),
      cdrPolicy: Nullable(Type.String()),
    }),
    scopes: Type.Array(Type.String(), { description: 'CDR scopes; [] for web' }),
    authorization: Type.Object({
      type: literals(institutionAuthorizations),
      meta: Type.Object({
        login_id_caption: Nullable(Type.String()),
        password_caption: Nullable(Type.String()),
        secondary_login_id_caption: Nullable(Type.String()),
        security_code_caption: Nullable(Type.String()),
        forgotten_password_url: Nullable(Type.String()),
      }),
    }),
    stats: Stats,
    links: Type.Object({ self: Type.String() }),
  },
  { $id: 'Connector' },
);

const ConnectorListSchema = Type.Object({
  type: Type.Literal('list'),
  count: Type.Integer(),
  size: Type.Integer(),
  totalCount: Type.Integer({ description: '= size' }),
  data: Type.Array(ConnectorSchema),
  links: listLinks,
});

const institutionFilter = Type.Optional(
  Type.String({
    description:
      'institution.id, .country, .tier, .authorization, .serviceType, .institutionType, .stage, ' +
      '.status, .method (eq, ne, in); v2: institution.openBankingSource.eq, ' +
      'institution.connectorStatus.eq; comma = AND',
  }),
);
const connectorFilter = Type.Optional(
  Type.String({
    description:
      'connector.id, .method, .stage, .status, .authorization.type, .institution.country, ' +
      '.institution.tier, .institution.type, .scopes (eq, ne, in); comma = AND',
  }),
);
const institutionParams = Type.Object({ institutionId: InstitutionId });
const connectorParams = Type.Object({
  institutionId: InstitutionId,
  method: literals(['web', 'open-banking', 'openbanking']),
});

const publicErrors = ['parameter-not-valid', 'service-unavailable'] as const;
const clientErrors = [...authenticatedErrors, 'parameter-not-valid'] as const;

interface Variant {
  security: { bearerAuth: never[] }[];
  errors: readonly (typeof clientErrors)[number][];
  prefix: string;
}

function routeSchemas(variant: Variant) {
  const { security, errors, prefix } = variant;
  const found = (ok: TSchema) => ({
    200: ok,
    ...errorResponses([...errors, 'resource-not-found']),
  });
  return {
    listInstitutions: {
      tags: ['Institutions'],
      summary: `List institutions${prefix}`,
      security,
      querystring: Type.Object({ filter: institutionFilter }),
      response: { 200: listOf(InstitutionSchema), ...errorResponses([...errors]) },
    },
    getInstitution: {
      tags: ['Institutions'],
      summary: `Read an institution${prefix}`,
      security,
      params: institutionParams,
      response: found(InstitutionSchema),
    },
    listConnectors: {
      tags: ['Connectors'],
      summary: `List connectors${prefix}`,
      security,
      querystring: Type.Object({ filter: connectorFilter }),
      response: { 200: ConnectorListSchema, ...errorResponses([...errors]) },
    },
    getConnector: {
      tags: ['Connectors'],
      summary: `Read a connector${prefix}`,
      security,
      params: connectorParams,
      response: found(ConnectorSchema),
    },
  };
}

/** Schemas of the token routes (`GET /institutions`, …): SERVER_ACCESS or CLIENT_ACCESS. */
export const institutionSchemas = routeSchemas({
  security: serverSecurity,
  errors: clientErrors,
  prefix: '',
});

/** Schemas of the public routes (`GET /public/institutions`, …): no token. */
export const publicInstitutionSchemas = routeSchemas({
  security: [],
  errors: publicErrors,
  prefix: ' (public)',
});

/** `GET /assets/institutions/{id}/{square,full}.svg`: public generated logos. */
export function logoSchema(variant: 'square' | 'full') {
  return {
    tags: ['Institutions'],
    summary: `An institution's ${variant} logo (SVG)`,
    security: [],
    params: institutionParams,
    response: {
      200: {
        description: 'image/svg+xml',
        content: { 'image/svg+xml': { schema: { type: 'string' } } },
      },
      ...errorResponses([...publicErrors, 'resource-not-found']),
    },
  };
}
