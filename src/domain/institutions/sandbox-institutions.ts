import type { CdrHolderFacts, InstitutionDefinition, WebLoginForm } from './institutions-types.ts';

/** The CDR scopes the sandbox data holders support: every scope of open-banking.md §4.2. */
export const sandboxCdrScopes: readonly string[] = [
  'bank:accounts.basic:read',
  'bank:accounts.detail:read',
  'bank:transactions:read',
  'common:customer.basic:read',
  'common:customer.detail:read',
];

/** The web login of a sandbox bank (sandbox.md §1: Login ID and Password, nothing else). */
function sandboxWeb(slug: string, authorization: WebLoginForm['authorization']): WebLoginForm {
  return {
    authorization,
    loginIdCaption: 'Login ID',
    passwordCaption: 'Password',
    secondaryLoginIdCaption: null,
    securityCodeCaption: null,
    userTokenCaption: null,
    forgottenPasswordUrl: `/sandbox/web/${slug}/forgot`,
  };
}

/**
 * A sandbox CDR holder. Its brand id (`sandbox-{slug}`, open-banking.md §10.1) stands in for the
 * provider number; a fictional bank has no ABN and publishes no CDR policy, so those are null
 * rather than invented values that could name a real business.
 */
function sandboxHolder(slug: string): CdrHolderFacts {
  return {
    cdrProviderNumber: `sandbox-${slug}`,
    abn: null,
    cdrPolicy: null,
    scopes: sandboxCdrScopes,
  };
}

const common = {
  institutionType: 'Test Bank',
  country: 'Australia',
  serviceName: 'Personal Online Banking',
  serviceType: 'Test',
  tier: '4',
  stage: 'live',
  isSandbox: true,
} as const;

/** The four sandbox institutions of sandbox.md §1. */
export const sandboxInstitutions: readonly InstitutionDefinition[] = [
  {
    ...common,
    id: 'AU00000',
    name: 'Hooli',
    shortName: 'Hooli',
    primaryColor: '#1F6FEB',
    web: sandboxWeb('hooli', 'user'),
    openBanking: sandboxHolder('hooli'),
  },
  {
    ...common,
    id: 'AU00002',
    name: 'Pied Piper',
    shortName: 'Pied Piper',
    primaryColor: '#2E7D32',
    web: sandboxWeb('pied-piper', 'user-mfa'),
    openBanking: null,
  },
  {
    ...common,
    id: 'AU00003',
    name: 'Nucleus',
    shortName: 'Nucleus',
    primaryColor: '#6A1B9A',
    web: sandboxWeb('nucleus', 'user-mfa-intermittent'),
    openBanking: null,
  },
  {
    ...common,
    id: 'ZZ00001',
    name: 'Endframe Test Bank',
    shortName: 'Endframe',
    primaryColor: '#C2410C',
    web: sandboxWeb('endframe', 'user'),
    openBanking: sandboxHolder('endframe'),
  },
];
