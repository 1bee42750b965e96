/** The ways Tributary reaches a bank (api.md §8): its website, or a CDR data holder. */
export type InstitutionMethod = 'web' | 'open-banking';

/** Every method, in the order lists show them. */
export const institutionMethods: readonly InstitutionMethod[] = ['web', 'open-banking'];

/** How a bank's web login behaves (api.md §8.1 `authorization`). */
export type InstitutionAuthorization =
  'user' | 'user-mfa' | 'user-mfa-intermittent' | 'token' | 'other';

export const institutionAuthorizations: readonly InstitutionAuthorization[] = [
  'user',
  'user-mfa',
  'user-mfa-intermittent',
  'token',
  'other',
];

/** Basiq's institution types (api.md §8.1 `institutionType`). */
export type InstitutionType =
  | 'Bank'
  | 'Bank (Foreign)'
  | 'Test Bank'
  | 'Credit Union'
  | 'Financial Services'
  | 'Superannuation'
  | 'Building Society'
  | 'Government';

export const institutionTypes: readonly InstitutionType[] = [
  'Bank',
  'Bank (Foreign)',
  'Test Bank',
  'Credit Union',
  'Financial Services',
  'Superannuation',
  'Building Society',
  'Government',
];

export type InstitutionCountry = 'Australia' | 'New Zealand';

export const institutionCountries: readonly InstitutionCountry[] = ['Australia', 'New Zealand'];

/** A string on the wire, as Basiq sends it. */
export type InstitutionTier = '1' | '2' | '3' | '4';

export const institutionTiers: readonly InstitutionTier[] = ['1', '2', '3', '4'];

export type InstitutionStage = 'live' | 'beta' | 'alpha';

export const institutionStages: readonly InstitutionStage[] = ['live', 'beta', 'alpha'];

/** Ordered from best to worst: the institution reports the worst of its methods. */
export type InstitutionStatus =
  'operational' | 'degraded-performance' | 'partial-outage' | 'major-outage' | 'under-maintenance';

export const institutionStatuses: readonly InstitutionStatus[] = [
  'operational',
  'degraded-performance',
  'partial-outage',
  'major-outage',
  'under-maintenance',
];

/** The per-institution, per-method circuit breaker's state (connections.md §9.4). */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** The web login form a bank presents; null captions are fields the bank does not ask for. */
export interface WebLoginForm {
  authorization: InstitutionAuthorization;
  loginIdCaption: string | null;
  passwordCaption: string | null;
  secondaryLoginIdCaption: string | null;
  securityCodeCaption: string | null;
  userTokenCaption: string | null;
  /**
   * Where a user resets the bank password: an absolute URL, or a path beginning with `/` that
   * lives under Tributary's own public URL (the sandbox banks' pages).
   */
  forgottenPasswordUrl: string | null;
}

/** What the CDR register says of a data holder, and the scopes it supports. */
export interface CdrHolderFacts {
  cdrProviderNumber: string | null;
  abn: string | null;
  /** URL of the holder's CDR policy. */
  cdrPolicy: string | null;
  /** CDR scope names (`bank:accounts.basic:read`, …) the holder can grant (open-banking.md §4.2). */
  scopes: readonly string[];
}

/** One institution of the registry, as configured: data, not behaviour. */
export interface InstitutionDefinition {
  /** `^[A-Z]{2}[0-9]{5}$`. */
  id: string;
  name: string;
  shortName: string;
  institutionType: InstitutionType;
  country: InstitutionCountry;
  serviceName: string | null;
  serviceType: string | null;
  tier: InstitutionTier;
  stage: InstitutionStage;
  /** `#rrggbb` for the logo; null lets the registry derive one from the id. */
  primaryColor: string | null;
  /** Sandbox banks are served only while the sandbox is on (operations.md A26). */
  isSandbox: boolean;
  /** The web method, or null when the institution offers none. */
  web: WebLoginForm | null;
  /** The open-banking method, or null when the institution offers none. */
  openBanking: CdrHolderFacts | null;
}

/** The health of one method of one institution (connections.md §9.3). */
export interface MethodHealth {
  breaker: BreakerState;
  /** 0–1; null with no jobs in the last hour. */
  successRate1h: number | null;
  p50DurationMs: number | null;
  p95DurationMs: number | null;
  /** While the breaker is open, when it next lets a probe through; else null. */
  nextProbeAt: Date | null;
}

/** Mean durations of the successful jobs of the last 7 days, in milliseconds; null with none. */
export interface StepDurations {
  verifyCredentials: number | null;
  retrieveAccounts: number | null;
  retrieveTransactions: number | null;
  /** Basiq's name for a step Tributary does not have: always null. */
  retrieveMeta: null;
  total: number | null;
}

/** What Tributary has observed of the banks: the circuit breaker and job statistics. */
export interface InstitutionObserver {
  health(institutionId: string, method: InstitutionMethod): MethodHealth;
  /** `method` null: over every method of the institution. */
  averageDurations(institutionId: string, method: InstitutionMethod | null): StepDurations;
}

/** Per attribute, the methods able to supply it (Basiq's `features`). */
export type FeatureSources = readonly InstitutionMethod[];

export const accountFeatureNames = [
  'accountNo',
  'name',
  'balance',
  'availableFunds',
  'currency',
  'accountHolder',
  'lastUpdated',
  'meta',
] as const;

export const transactionFeatureNames = [
  'status',
  'description',
  'date',
  'amount',
  'balance',
  'class',
] as const;

export const profileFeatureNames = [
  'fullName',
  'firstName',
  'middleName',
  'lastName',
  'emailAddresses',
  'phoneNumbers',
  'physicalAddresses',
] as const;

export type AccountFeature = (typeof accountFeatureNames)[number];
export type TransactionFeature = (typeof transactionFeatureNames)[number];
export type ProfileFeature = (typeof profileFeatureNames)[number];

export interface InstitutionFeatures {
  login: FeatureSources;
  mfaChallenge: FeatureSources;
  accounts: Record<AccountFeature, FeatureSources>;
  transactions: Record<TransactionFeature, FeatureSources>;
  profile: Record<ProfileFeature, FeatureSources>;
}

/** One method of an institution as served now. */
export interface InstitutionMethodState {
  method: InstitutionMethod;
  status: InstitutionStatus;
  health: MethodHealth;
  stats: StepDurations;
}

/** An institution as served: its definition plus what Tributary knows of it now. */
export interface Institution {
  definition: InstitutionDefinition;
  /** The methods it offers, in `institutionMethods` order. */
  methods: readonly InstitutionMethod[];
  /** One entry per offered method, in the same order. */
  methodStates: readonly InstitutionMethodState[];
  /** False when the operator switched it off (`TRIBUTARY_DISABLED_INSTITUTIONS`). */
  isEnabled: boolean;
  /** The worst of its methods' statuses. */
  status: InstitutionStatus;
  stats: StepDurations;
  features: InstitutionFeatures;
  /** `#rrggbb`: the configured colour or one derived from the id. */
  primaryColor: string;
}

/** One connector: an institution reached by one of its methods (api.md §8.2). */
export interface Connector {
  institution: Institution;
  state: InstitutionMethodState;
}
