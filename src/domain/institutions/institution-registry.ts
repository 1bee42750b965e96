import {
  accountFeatureNames,
  institutionMethods,
  institutionStatuses,
  profileFeatureNames,
  transactionFeatureNames,
  type AccountFeature,
  type Connector,
  type FeatureSources,
  type Institution,
  type InstitutionDefinition,
  type InstitutionFeatures,
  type InstitutionMethod,
  type InstitutionMethodState,
  type InstitutionObserver,
  type InstitutionStatus,
  type MethodHealth,
  type ProfileFeature,
  type StepDurations,
  type TransactionFeature,
} from './institutions-types.ts';
import { sandboxInstitutions } from './sandbox-institutions.ts';

/** Institution ids (api.md §1). */
export const institutionIdPattern = /^[A-Z]{2}[0-9]{5}$/;

const colorPattern = /^#[0-9A-Fa-f]{6}$/;

/** A healthy method with nothing observed: the breaker closed, every statistic null. */
export const unobservedHealth: MethodHealth = {
  breaker: 'closed',
  successRate1h: null,
  p50DurationMs: null,
  p95DurationMs: null,
  nextProbeAt: null,
};

export const unobservedDurations: StepDurations = {
  verifyCredentials: null,
  retrieveAccounts: null,
  retrieveTransactions: null,
  retrieveMeta: null,
  total: null,
};

/** The observer until the circuit breaker and job statistics exist: nothing observed. */
export const noObservations: InstitutionObserver = {
  health: () => unobservedHealth,
  averageDurations: () => unobservedDurations,
};

/**
 * Which attributes each method can supply. Web: what the sandbox web bank's pages show
 * (sandbox.md §4.4; no product meta, no middle name or addresses). Open banking: the CDR mapping
 * (open-banking.md §8; no running balance on transactions).
 */
const methodSupplies: Record<
  InstitutionMethod,
  {
    accounts: readonly AccountFeature[];
    transactions: readonly TransactionFeature[];
    profile: readonly ProfileFeature[];
  }
> = {
  web: {
    accounts: [
      'accountNo',
      'name',
      'balance',
      'availableFunds',
      'currency',
      'accountHolder',
      'lastUpdated',
    ],
    transactions: ['status', 'description', 'date', 'amount', 'balance', 'class'],
    profile: ['fullName', 'firstName', 'lastName', 'emailAddresses', 'phoneNumbers'],
  },
  'open-banking': {
    accounts: accountFeatureNames,
    transactions: ['status', 'description', 'date', 'amount', 'class'],
    profile: profileFeatureNames,
  },
};

function sourcesOf<K extends string>(
  names: readonly K[],
  methods: readonly InstitutionMethod[],
  supplies: (method: InstitutionMethod) => readonly K[],
): Record<K, FeatureSources> {
  const out = {} as Record<K, FeatureSources>;
  for (const name of names) out[name] = methods.filter((m) => supplies(m).includes(name));
  return out;
}

/** Basiq's `features` of an institution: per attribute, the offered methods that supply it. */
export function institutionFeatures(definition: InstitutionDefinition): InstitutionFeatures {
  const methods = methodsOf(definition);
  const authorization = definition.web?.authorization;
  // Only a web login can stop for a one-time code; the CDR holder asks at its own pages.
  const asksForMfa = authorization === 'user-mfa' || authorization === 'user-mfa-intermittent';
  return {
    login: methods,
    mfaChallenge: asksForMfa ? ['web'] : [],
    accounts: sourcesOf(accountFeatureNames, methods, (m) => methodSupplies[m].accounts),
    transactions: sourcesOf(
      transactionFeatureNames,
      methods,
      (m) => methodSupplies[m].transactions,
    ),
    profile: sourcesOf(profileFeatureNames, methods, (m) => methodSupplies[m].profile),
  };
}

/** The methods a definition offers, in `institutionMethods` order. */
export function methodsOf(definition: InstitutionDefinition): InstitutionMethod[] {
  return institutionMethods.filter((method) =>
    method === 'web' ? definition.web !== null : definition.openBanking !== null,
  );
}

/**
 * A method's status (connections.md §9.3): `under-maintenance` when the operator disabled the
 * institution; `major-outage` while the breaker is open, `partial-outage` while half-open;
 * `degraded-performance` below 90 % success in the last hour; else `operational`.
 */
export function methodStatus(health: MethodHealth, isEnabled: boolean): InstitutionStatus {
  if (!isEnabled) return 'under-maintenance';
  switch (health.breaker) {
    case 'open':
      return 'major-outage';
    case 'half-open':
      return 'partial-outage';
    case 'closed':
      break;
  }
  return health.successRate1h !== null && health.successRate1h < 0.9
    ? 'degraded-performance'
    : 'operational';
}

/** The worse of statuses, by `institutionStatuses` order; `operational` for none. */
export function worstStatus(statuses: readonly InstitutionStatus[]): InstitutionStatus {
  let worst: InstitutionStatus = 'operational';
  for (const status of statuses) {
    if (institutionStatuses.indexOf(status) > institutionStatuses.indexOf(worst)) worst = status;
  }
  return worst;
}

/** A stable colour for an institution without one: a hue from a hash of its id. */
export function derivedColor(id: string): string {
  // FNV-1a: tiny, deterministic, and spreads similar ids apart.
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hslToHex(hash % 360, 0.55, 0.4);
}

function hslToHex(hue: number, saturation: number, lightness: number): string {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const x = chroma * (1 - Math.abs(((hue / 60) % 2) - 1));
  const m = lightness - chroma / 2;
  const sector = Math.floor(hue / 60);
  const [r, g, b] =
    sector === 0
      ? [chroma, x, 0]
      : sector === 1
        ? [x, chroma, 0]
        : sector === 2
          ? [0, chroma, x]
          : sector === 3
            ? [0, x, chroma]
            : sector === 4
              ? [x, 0, chroma]
              : [chroma, 0, x];
  const hex = (v: number) =>
    Math.round((v + m) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${hex(r)}${hex(g)}${hex(b)}`.toUpperCase();
}

/** Code-point order, so the list order never depends on the host's locale (names compare lowercased). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface InstitutionRegistryOptions {
  /** `TRIBUTARY_SANDBOX`: off hides the sandbox institutions entirely (operations.md A26). */
  sandboxEnabled: boolean;
  /** `TRIBUTARY_DISABLED_INSTITUTIONS`: listed, but `under-maintenance` and not connectable. */
  disabledInstitutions: readonly string[];
  /** The institutions to serve; the sandbox's by default. */
  definitions?: readonly InstitutionDefinition[];
  /** Breaker state and job statistics; nothing observed by default. */
  observer?: InstitutionObserver;
}

/** Refuses a registry that would serve something ill-formed: a start-up error, not a 500 later. */
function checkDefinitions(definitions: readonly InstitutionDefinition[]): void {
  const seen = new Set<string>();
  for (const definition of definitions) {
    if (!institutionIdPattern.test(definition.id)) {
      throw new Error(`institution id "${definition.id}" is not of the form AA00000`);
    }
    if (seen.has(definition.id)) throw new Error(`institution ${definition.id} is defined twice`);
    seen.add(definition.id);
    if (definition.web === null && definition.openBanking === null) {
      throw new Error(`institution ${definition.id} offers no method`);
    }
    if (definition.primaryColor !== null && !colorPattern.test(definition.primaryColor)) {
      throw new Error(`institution ${definition.id} has a primary colour that is not #rrggbb`);
    }
  }
}

/**
 * The one registry of institutions (api.md §8): an explicit list of definitions, filtered by the
 * sandbox switch, with the operator's disabled list and the observer's health applied on read.
 */
export class InstitutionRegistry {
  private readonly definitions: readonly InstitutionDefinition[];
  private readonly disabled: ReadonlySet<string>;
  private readonly observer: InstitutionObserver;

  constructor(options: InstitutionRegistryOptions) {
    const all = options.definitions ?? sandboxInstitutions;
    checkDefinitions(all);
    this.definitions = all
      .filter((definition) => options.sandboxEnabled || !definition.isSandbox)
      .slice()
      .sort(
        (a, b) =>
          compareText(a.tier, b.tier) ||
          compareText(a.name.toLowerCase(), b.name.toLowerCase()) ||
          compareText(a.id, b.id),
      );
    this.disabled = new Set(options.disabledInstitutions);
    this.observer = options.observer ?? noObservations;
  }

  /** Every served institution, ordered by tier, then name (api.md §8.1). */
  list(): Institution[] {
    return this.definitions.map((definition) => this.resolve(definition));
  }

  /** A served institution by id; null when unknown or hidden (sandbox off). */
  get(id: string): Institution | null {
    const definition = this.definitions.find((candidate) => candidate.id === id);
    return definition ? this.resolve(definition) : null;
  }

  /** Every connector: each institution's methods, in institution order. */
  listConnectors(): Connector[] {
    return this.list().flatMap((institution) =>
      institution.methodStates.map((state) => ({ institution, state })),
    );
  }

  /** One connector; null when the institution is unknown or does not offer the method. */
  getConnector(id: string, method: InstitutionMethod): Connector | null {
    const institution = this.get(id);
    const state = institution?.methodStates.find((candidate) => candidate.method === method);
    return institution && state ? { institution, state } : null;
  }

  private resolve(definition: InstitutionDefinition): Institution {
    const isEnabled = !this.disabled.has(definition.id);
    const methods = methodsOf(definition);
    const methodStates: InstitutionMethodState[] = methods.map((method) => {
      const health = this.observer.health(definition.id, method);
      return {
        method,
        status: methodStatus(health, isEnabled),
        health,
        stats: this.observer.averageDurations(definition.id, method),
      };
    });
    return {
      definition,
      methods,
      methodStates,
      isEnabled,
      status: worstStatus(methodStates.map((state) => state.status)),
      stats: this.observer.averageDurations(definition.id, null),
      features: institutionFeatures(definition),
      primaryColor: definition.primaryColor ?? derivedColor(definition.id),
    };
  }
}

/** Builds the registry `main.ts` passes to the API (and, later, to the connections service). */
export function createInstitutionRegistry(
  options: InstitutionRegistryOptions,
): InstitutionRegistry {
  return new InstitutionRegistry(options);
}
