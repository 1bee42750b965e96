// The explicit list of connectors (ARCHITECTURE §3.1: no filesystem discovery). One line per
// institution and method; an institution that offers a method with no line here is reported by
// `missingConnectors` so the start fails instead of silently falling back.
import type { Connector, ConnectorMethod } from './connector.ts';
import { createWebConnector } from './web/web-connector.ts';

/** The settings connectors are built with; `main.ts` passes them from the loaded config. */
export interface ConnectorRegistrySettings {
  /**
   * TRIBUTARY_SANDBOX_BASE_URL when the sandbox is on; null when it is off, and then no sandbox
   * connector is registered (sandbox.md §6.4: their jobs fail with `institution-disabled`).
   */
  readonly sandboxBaseUrl: string | null;
  /** Bank request limits of connections.md "Settings" (the names of `config.connections`). */
  readonly bank: {
    readonly bankTimeoutS: number;
    readonly bankRetries: number;
    readonly bankRetryAfterMaxS: number;
  };
  /**
   * The sandbox web bank's session limits (TRIBUTARY_SANDBOX_SESSION_IDLE_S, _MAX_S): sandbox
   * connectors try a kept bank session only well within them. Absent: the profiles' windows.
   */
  readonly sandboxSessions?: { readonly idleS: number; readonly maxS: number };
}

/** One line of the list: which institution, which method, and how to build its connector. */
interface Registration {
  readonly institutionId: string;
  readonly method: ConnectorMethod;
  /** Null when the connector is switched off by the settings. */
  readonly build: (settings: ConnectorRegistrySettings) => Connector | null;
}

/** The sandbox web bank of one institution: `{S}/sandbox/web/{slug}` (sandbox.md §1). */
function sandboxWeb(institutionId: string, slug: string): Registration {
  return {
    institutionId,
    method: 'web',
    build: (settings) =>
      settings.sandboxBaseUrl === null
        ? null
        : createWebConnector({
            institutionId,
            baseUrl: `${settings.sandboxBaseUrl.replace(/\/+$/, '')}/sandbox/web/${slug}`,
            timeoutMs: settings.bank.bankTimeoutS * 1_000,
            retries: settings.bank.bankRetries,
            retryAfterMaxMs: settings.bank.bankRetryAfterMaxS * 1_000,
            ...(settings.sandboxSessions === undefined
              ? {}
              : { bankSessionLimits: settings.sandboxSessions }),
          }),
  };
}

const registrations: readonly Registration[] = [
  sandboxWeb('AU00000', 'hooli'),
  sandboxWeb('AU00002', 'pied-piper'),
  sandboxWeb('AU00003', 'nucleus'),
  sandboxWeb('ZZ00001', 'endframe'),
];

/** The connectors of one deployment, by institution and method. */
export interface ConnectorRegistry {
  /** The connector for an institution and method, or undefined when none is registered. */
  get(institutionId: string, method: ConnectorMethod): Connector | undefined;
  /** Every registered connector, in list order. */
  list(): readonly Connector[];
}

/**
 * Builds every connector of the list with the deployment's settings. Throws, listing every
 * problem at once, when a connector's settings are invalid (ARCHITECTURE §4.3).
 */
export function createConnectorRegistry(settings: ConnectorRegistrySettings): ConnectorRegistry {
  const byKey = new Map<string, Connector>();
  const problems: string[] = [];
  for (const registration of registrations) {
    const connector = registration.build(settings);
    if (connector === null) continue;
    const key = `${registration.institutionId}/${registration.method}`;
    if (byKey.has(key)) throw new Error(`Two connectors registered for ${key}.`);
    for (const problem of connector.validateConfig()) problems.push(`${key}: ${problem}`);
    byKey.set(key, connector);
  }
  if (problems.length > 0) {
    throw new Error(`Connector settings are not valid:\n${problems.join('\n')}`);
  }
  const all = [...byKey.values()];
  return {
    get: (institutionId, method) => byKey.get(`${institutionId}/${method}`),
    list: () => all,
  };
}

/**
 * The `institution/method` pairs that institutions offer but no connector serves; `main.ts`
 * refuses to start while this is not empty (ARCHITECTURE §3.1).
 */
export function missingConnectors(
  registry: ConnectorRegistry,
  institutions: readonly { readonly id: string; readonly methods: readonly ConnectorMethod[] }[],
): string[] {
  return institutions.flatMap((institution) =>
    institution.methods
      .filter((method) => registry.get(institution.id, method) === undefined)
      .map((method) => `${institution.id}/${method}`),
  );
}
