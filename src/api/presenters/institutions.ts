import type {
  Connector,
  Institution,
  InstitutionAuthorization,
  InstitutionMethod,
  MethodHealth,
  StepDurations,
} from '../../domain/institutions/institutions-types.ts';
import { toWireTime } from './time.ts';

/** A registry URL made absolute: paths beginning with `/` live under the public URL. */
function absoluteUrl(base: string, url: string | null): string | null {
  if (url === null) return null;
  return url.startsWith('/') ? `${base}${url}` : url;
}

function presentStats(durations: StepDurations) {
  return {
    averageDurationMs: {
      verifyCredentials: durations.verifyCredentials,
      retrieveAccounts: durations.retrieveAccounts,
      retrieveTransactions: durations.retrieveTransactions,
      retrieveMeta: durations.retrieveMeta,
      total: durations.total,
    },
  };
}

function presentHealth(health: MethodHealth) {
  return {
    breaker: health.breaker,
    successRate1h: health.successRate1h,
    p50DurationMs: health.p50DurationMs,
    p95DurationMs: health.p95DurationMs,
    nextProbeAt: health.nextProbeAt ? toWireTime(health.nextProbeAt) : null,
  };
}

/** The logo object (api.md §8.1): links to the generated SVGs, absolute on `base`. */
export function presentLogo(base: string, institution: Institution) {
  const assets = `${base}/assets/institutions/${institution.definition.id}`;
  return {
    type: 'image',
    colors: { primary: institution.primaryColor },
    links: { square: `${assets}/square.svg`, full: `${assets}/full.svg` },
  };
}

/**
 * The three captions known login forms turn into inputs: present only when the bank asks for
 * them (api.md §8.1, the one exception to "null, never absent").
 */
function optionalCaptions(institution: Institution) {
  const web = institution.definition.web;
  if (web === null) return {};
  const { secondaryLoginIdCaption, securityCodeCaption, userTokenCaption } = web;
  return {
    ...(secondaryLoginIdCaption !== null ? { secondaryLoginIdCaption } : {}),
    ...(securityCodeCaption !== null ? { securityCodeCaption } : {}),
    ...(userTokenCaption !== null ? { userTokenCaption } : {}),
  };
}

/** The institution object of api.md §8.1, fields in the spec's order. */
export function presentInstitution(base: string, institution: Institution) {
  const { definition } = institution;
  const web = definition.web;
  const health: Partial<Record<InstitutionMethod, ReturnType<typeof presentHealth>>> = {};
  for (const state of institution.methodStates) health[state.method] = presentHealth(state.health);
  return {
    type: 'institution',
    id: definition.id,
    name: definition.name,
    shortName: definition.shortName,
    institutionType: definition.institutionType,
    country: definition.country,
    serviceName: definition.serviceName,
    serviceType: definition.serviceType,
    loginIdCaption: web?.loginIdCaption ?? null,
    passwordCaption: web?.passwordCaption ?? null,
    ...optionalCaptions(institution),
    forgottenPasswordUrl: absoluteUrl(base, web?.forgottenPasswordUrl ?? null),
    tier: definition.tier,
    authorization: web?.authorization ?? null,
    stage: definition.stage,
    status: institution.status,
    methods: [...institution.methods],
    health,
    stats: presentStats(institution.stats),
    logo: presentLogo(base, institution),
    features: {
      login: [...institution.features.login],
      mfaChallenge: [...institution.features.mfaChallenge],
      accounts: institution.features.accounts,
      transactions: institution.features.transactions,
      profile: institution.features.profile,
    },
    links: { self: `${base}/institutions/${definition.id}` },
  };
}

/**
 * A connector's `authorization.type`: the web login's kind; `other` for open banking, whose
 * consent happens at the holder's own pages, where none of the web kinds applies.
 */
export function connectorAuthorizationType(connector: Connector): InstitutionAuthorization {
  const web = connector.state.method === 'web' ? connector.institution.definition.web : null;
  return web?.authorization ?? 'other';
}

/**
 * The connector object of api.md §8.2. The nested institution's `type` is its institution type
 * (`Test Bank`), as Basiq sends it and as `connector.institution.type` filters it.
 */
export function presentConnector(base: string, connector: Connector) {
  const { institution, state } = connector;
  const { definition } = institution;
  const isWeb = state.method === 'web';
  const web = isWeb ? definition.web : null;
  const holder = isWeb ? null : definition.openBanking;
  return {
    type: 'connector',
    id: definition.id,
    method: state.method,
    stage: definition.stage,
    status: state.status,
    institution: {
      type: definition.institutionType,
      name: definition.name,
      shortName: definition.shortName,
      tier: definition.tier,
      country: definition.country,
      logo: presentLogo(base, institution),
      cdrProviderNumber: holder?.cdrProviderNumber ?? null,
      abn: holder?.abn ?? null,
      cdrPolicy: holder?.cdrPolicy ?? null,
    },
    scopes: holder ? [...holder.scopes] : [],
    authorization: {
      type: connectorAuthorizationType(connector),
      meta: {
        login_id_caption: web?.loginIdCaption ?? null,
        password_caption: web?.passwordCaption ?? null,
        secondary_login_id_caption: web?.secondaryLoginIdCaption ?? null,
        security_code_caption: web?.securityCodeCaption ?? null,
        forgotten_password_url: absoluteUrl(base, web?.forgottenPasswordUrl ?? null),
      },
    },
    stats: presentStats(state.stats),
    links: { self: `${base}/connectors/${definition.id}/${state.method}` },
  };
}
