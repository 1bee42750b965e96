/**
 * Reads the configuration once at start (operations.md §7.1): the environment, then the optional
 * `TRIBUTARY_CONFIG_FILE` beneath it, then `NAME_FILE` for secrets; validates every setting of
 * `schema.ts`, collects every problem, and returns a deeply frozen, typed object. It never
 * creates or inspects the data directory: the caller does that once the configuration is valid.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileVariant, knownNames, settings as settingList } from './schema.ts';
import type {
  FallbackContext,
  HolderDescriptor,
  InstitutionLimits,
  LogLevel,
  PrivateKeyFile,
  SettingGroup,
  SettingName,
  SettingValue,
  TimeWindow,
} from './schema.ts';

export type SettingSource = 'env' | 'file' | 'default' | 'generated';

/** One setting as `tributary config` shows it, before redaction. */
export interface SettingEntry {
  readonly name: string;
  readonly group: SettingGroup;
  /** The effective raw value (paths resolved to absolute), or null when unset. */
  readonly value: string | null;
  readonly source: SettingSource;
  readonly secret: boolean;
}

/** The validated configuration; every duration carries its unit in the name. */
export interface Config {
  /** `NODE_ENV` as set, null when unset. */
  readonly nodeEnv: string | null;
  readonly production: boolean;
  /** Absolute path of `TRIBUTARY_CONFIG_FILE`, null when none. */
  readonly configFile: string | null;
  readonly server: {
    readonly port: number;
    readonly host: string;
    /** `{base}`: no trailing slash. */
    readonly publicUrl: string;
    readonly trustProxy: boolean | string[];
    readonly shutdownGraceS: number;
    readonly logLevel: LogLevel;
    readonly metricsToken: string | null;
  };
  readonly database: {
    readonly mode: 'embedded' | 'postgres';
    readonly url: string | null;
    readonly poolMax: number;
  };
  /** Absolute; not created or checked by the loader. */
  readonly dataDir: string;
  readonly worker: {
    readonly enabled: boolean;
    readonly concurrency: number;
    readonly pollS: number;
  };
  readonly security: {
    readonly apiKey: string | null;
    readonly adminToken: string | null;
    /** 32 bytes; null ⇒ use (or generate) `{data}/master.key` outside production. */
    readonly encryptionKey: Buffer | null;
    /** Newest first; used only to decrypt. */
    readonly previousKeys: Buffer[];
  };
  readonly sandbox: {
    readonly enabled: boolean;
    readonly baseUrl: string;
    /** 0 = unlimited. */
    readonly maxConnections: number;
    readonly sessionIdleS: number;
    readonly sessionMaxS: number;
    readonly cdrAccessTokenTtlS: number;
    readonly cdrThresholds: boolean;
    /** null ⇒ generated and stored encrypted. */
    readonly cdrHolderKey: PrivateKeyFile | null;
  };
  readonly connections: {
    readonly sameCredentialsPauseS: number;
    readonly mfaTimeoutS: number;
    readonly refreshLimitWebPerDay: number;
    readonly refreshLimitObPerDay: number;
    readonly refreshBulkPerDay: number;
    readonly bulkRefreshSpacingS: number;
    readonly initialHistoryDays: number;
    readonly refreshOverlapDays: number;
    readonly bankTimeoutS: number;
    readonly bankRetries: number;
    readonly bankRetryAfterMaxS: number;
    readonly jobTimeoutS: number;
    readonly jobLeaseS: number;
    readonly staleAfterS: number;
  };
  readonly smartCache: {
    readonly enabled: boolean;
    readonly intervalS: number;
    readonly jitterS: number;
    readonly minAgeS: number;
    readonly tickS: number;
  };
  /** Per-institution limits and breakers (connections.md §9.1); apply to every job kind. */
  readonly bankLoad: {
    readonly maxConcurrency: number;
    readonly startsPerMinute: number;
    readonly hourlyBudget: number;
    readonly reserve: number;
    readonly disabledInstitutions: string[];
    readonly institutionLimits: InstitutionLimits;
    readonly breakerThreshold: number;
    readonly breakerOpenS: number;
  };
  readonly openBanking: {
    readonly clientId: string;
    /** null ⇒ generated and stored encrypted. */
    readonly signingKey: PrivateKeyFile | null;
    /** Absolute path of `TRIBUTARY_CDR_HOLDERS_FILE`, null when none. */
    readonly holdersFile: string | null;
    readonly holders: HolderDescriptor[];
    readonly pageSize: number;
    readonly pendingLookbackDays: number;
    readonly unattendedSessionsPerDay: number;
    /** Australia/Sydney. */
    readonly smartCacheWindow: TimeWindow;
    readonly authorisationTtlS: number;
    readonly consentSessionTtlS: number;
    readonly consentRedirectUrl: string | null;
    readonly consentWarningDays: number;
    readonly consentReminderDays: number;
    readonly authLinkTtlDays: number;
  };
  readonly webhooks: {
    readonly allowPrivate: boolean;
    readonly timeoutS: number;
    /** Delay before each attempt, in seconds; its length is the number of attempts. */
    readonly retryScheduleS: number[];
    readonly secretOverlapS: number;
  };
  readonly retention: {
    readonly jobDays: number;
    readonly eventDays: number;
    readonly changeFeedDays: number;
    readonly bankLedgerDays: number;
  };
  readonly api: {
    readonly tokenTtlS: number;
    readonly idempotencyTtlS: number;
    readonly rateLimitPerMinute: number;
    readonly clientRateLimitPerMinute: number;
    readonly tokenRateLimitPer5Min: number;
    readonly corsOrigins: '*' | string[];
    readonly bodyLimitBytes: number;
    readonly requestTimeoutS: number;
    readonly pendingMatchDays: number;
  };
  /** For `tributary config`: every setting of §7.2 with its effective raw value and source. */
  readonly settings: ReadonlyArray<SettingEntry>;
}

export type LoadResult =
  { ok: true; config: Config; warnings: string[] } | { ok: false; problems: string[] };

export interface LoadOptions {
  /** Where relative paths start; defaults to `process.cwd()`. */
  cwd?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

interface Layer {
  readonly source: 'env' | 'file';
  readonly values: ReadonlyMap<string, string>;
}

interface Resolved {
  readonly raw: string;
  readonly source: 'env' | 'file';
  /** Set when the value was read from `NAME_FILE`. */
  readonly fromFile: string | null;
}

const CONFIG_FILE = 'TRIBUTARY_CONFIG_FILE';

/** The stderr block of operations.md §7.1 (no trailing newline). */
export function formatProblems(problems: readonly string[]): string {
  const count = problems.length;
  const header = `tributary: invalid configuration (${count} ${count === 1 ? 'problem' : 'problems'})`;
  return [header, ...problems.map((problem) => `  ${problem}`)].join('\n');
}

export function loadConfig(env: Env, options: LoadOptions = {}): LoadResult {
  const cwd = options.cwd ?? process.cwd();
  const problems: { index: number; text: string }[] = [];
  const indexOf = (name: string): number => settingList.findIndex((s) => s.name === name);
  const report = (name: string, text: string): void => {
    problems.push({ index: indexOf(name), text });
  };

  // Empty values count as unset: `X=` is how compose files pass an absent variable.
  const envLayer: Layer = { source: 'env', values: nonEmpty(Object.entries(env)) };
  const layers: Layer[] = [envLayer];
  let configFile: string | null = null;
  const configFileRaw = envLayer.values.get(CONFIG_FILE);
  if (configFileRaw !== undefined) {
    configFile = resolve(cwd, configFileRaw);
    const read = readConfigFile(configFile);
    for (const problem of read.problems) report(CONFIG_FILE, `${CONFIG_FILE}: ${problem}`);
    layers.push({ source: 'file', values: read.values });
  }

  const warnings = unknownSettingWarnings(env, layers[1]?.values);

  const resolved = new Map<string, Resolved>();
  for (const setting of settingList) {
    const found = resolveSetting(setting.name, setting.secret, layers, cwd);
    if (found === null) continue;
    if ('problem' in found) report(setting.name, found.problem);
    else resolved.set(setting.name, found);
  }

  const nodeEnv = resolved.get('NODE_ENV')?.raw ?? null;
  const production = nodeEnv === 'production';
  const embedded = !resolved.has('DATABASE_URL');
  const fallbackContext: FallbackContext = {
    port: portForDefaults(resolved.get('PORT')?.raw, cwd),
    embedded,
    production,
  };

  const values = new Map<string, unknown>();
  const entries: SettingEntry[] = [];
  for (const setting of settingList) {
    const found = resolved.get(setting.name);
    const raw = found?.raw ?? setting.fallback?.(fallbackContext) ?? null;
    let display = raw;
    if (raw === null) {
      values.set(setting.name, null);
    } else {
      const parsed = setting.parse(raw, { cwd });
      if (parsed.ok) {
        values.set(setting.name, parsed.value);
        // Paths are shown as the loader resolved them.
        const isPath = setting.name === 'TRIBUTARY_DATA_DIR' || setting.name === CONFIG_FILE;
        if (isPath && typeof parsed.value === 'string') display = parsed.value;
      } else {
        const via = found?.fromFile ? ` (read from ${found.fromFile})` : '';
        const text = `${setting.name}: ${parsed.problem}${via}`;
        report(setting.name, setting.secret ? redactValue(text, raw) : text);
      }
    }
    entries.push({
      name: setting.name,
      group: setting.group,
      value: display,
      source: found?.source ?? 'default',
      secret: setting.secret,
    });
  }

  // The production rule (§8.1): nothing secret is generated in production.
  if (production) {
    for (const name of ['TRIBUTARY_ENCRYPTION_KEY', 'TRIBUTARY_ADMIN_TOKEN']) {
      if (!resolved.has(name) && !problems.some((p) => p.index === indexOf(name))) {
        report(name, `${name}: required when NODE_ENV=production`);
      }
    }
  }
  if (embedded && values.get('TRIBUTARY_WORKER') === false) {
    report(
      'TRIBUTARY_WORKER',
      'TRIBUTARY_WORKER: off needs DATABASE_URL; in embedded mode no other process could run the jobs',
    );
  }

  if (problems.length > 0) {
    // Settings-table order; Array.prototype.sort is stable, so one setting's lines keep their order.
    problems.sort((a, b) => a.index - b.index);
    return { ok: false, problems: problems.map((p) => p.text) };
  }

  // The admin token of an embedded, non-production process is generated at each start (§6).
  const settingsView = entries.map((entry) =>
    entry.name === 'TRIBUTARY_ADMIN_TOKEN' && entry.value === null && embedded && !production
      ? { ...entry, source: 'generated' as const }
      : entry,
  );

  const config = buildConfig(
    <N extends SettingName>(name: N): SettingValue<N> => values.get(name) as SettingValue<N>,
    { nodeEnv, production, configFile, settings: settingsView },
  );
  return { ok: true, config: deepFreeze(config), warnings };
}

function nonEmpty(entries: [string, string | undefined][]): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of entries) {
    if (value !== undefined && value !== '') map.set(name, value);
  }
  return map;
}

/**
 * `NAME=value` lines, `#` comment lines, optional double quotes around the value. A `#` after a
 * value is part of it: passwords may contain one. Problems never quote a value.
 */
function readConfigFile(path: string): { values: Map<string, string>; problems: string[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { values: new Map(), problems: [`cannot read ${path} (${errorCode(error)})`] };
  }
  const values = new Map<string, string>();
  const problems: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `${path}: line ${index + 1}`;
    const eq = line.indexOf('=');
    const name = eq < 0 ? '' : line.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      problems.push(`${where}: expected NAME=value`);
      continue;
    }
    let value = line.slice(eq + 1).trim();
    if (value.startsWith('"')) {
      if (value.length < 2 || !value.endsWith('"')) {
        problems.push(`${where}: the value of ${name} has no closing double quote`);
        continue;
      }
      value = value.slice(1, -1);
    }
    if (name === CONFIG_FILE) {
      problems.push(`${where}: ${CONFIG_FILE} can only be set in the environment`);
      continue;
    }
    if (value === '') values.delete(name);
    else values.set(name, value);
  }
  return { values, problems };
}

/**
 * The first layer that sets `name` (or, for a secret, `name_FILE`) wins as a whole, so an
 * environment `X_FILE` overrides a file's `X` instead of conflicting with it.
 */
function resolveSetting(
  name: string,
  secret: boolean,
  layers: readonly Layer[],
  cwd: string,
): Resolved | { problem: string } | null {
  const fileName = fileVariant(name);
  for (const layer of layers) {
    const direct = layer.values.get(name);
    const viaFile = secret ? layer.values.get(fileName) : undefined;
    if (direct !== undefined && viaFile !== undefined) {
      return { problem: `${name}: both ${name} and ${fileName} are set; set only one` };
    }
    if (direct !== undefined) return { raw: direct, source: layer.source, fromFile: null };
    if (viaFile === undefined) continue;
    const path = resolve(cwd, viaFile);
    let contents: string;
    try {
      contents = readFileSync(path, 'utf8');
    } catch (error) {
      return { problem: `${fileName}: cannot read ${path} (${errorCode(error)})` };
    }
    const raw = contents.replace(/\r?\n$/, '');
    if (raw === '') return { problem: `${fileName}: ${path} is empty` };
    return { raw, source: layer.source, fromFile: fileName };
  }
  return null;
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error;
    if (typeof code === 'string') return code;
  }
  return 'unreadable';
}

/** PORT feeds the defaults of two URLs; an invalid PORT is reported on its own line. */
function portForDefaults(raw: string | undefined, cwd: string): number {
  const port = settingList.find((s) => s.name === 'PORT');
  if (raw === undefined || port === undefined) return 8080;
  const parsed = port.parse(raw, { cwd });
  return parsed.ok ? parsed.value : 8080;
}

/** A last guard: a secret's value never reaches a problem line, whatever a parser wrote. */
function redactValue(text: string, secret: string): string {
  return secret.length >= 4 ? text.split(secret).join('[redacted]') : text;
}

function unknownSettingWarnings(
  env: Env,
  fileValues: ReadonlyMap<string, string> | undefined,
): string[] {
  const warnings: string[] = [];
  const warned = new Set<string>();
  for (const name of Object.keys(env).sort()) {
    if (name.startsWith('TRIBUTARY_') && !knownNames.has(name)) {
      warned.add(name);
      warnings.push(unknownSetting(name, ''));
    }
  }
  // Everything in the file is meant for Tributary, so any unknown name there is worth a warning.
  for (const name of [...(fileValues?.keys() ?? [])].sort()) {
    if (!knownNames.has(name) && !warned.has(name)) {
      warnings.push(unknownSetting(name, ` in ${CONFIG_FILE}`));
    }
  }
  return warnings;
}

function unknownSetting(name: string, where: string): string {
  const near = nearestName(name);
  return `unknown setting ${name}${where}${near === null ? '' : ` (did you mean ${near}?)`}`;
}

/** The known name closest by edit distance, when it is close enough to be a typo. */
export function nearestName(name: string): string | null {
  const bare = name.startsWith('TRIBUTARY_') ? name.slice('TRIBUTARY_'.length) : null;
  if (bare !== null && knownNames.has(bare)) return bare; // TRIBUTARY_PORT ⇒ PORT
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 5)));
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of knownNames) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

type Get = <N extends SettingName>(name: N) => SettingValue<N>;

function buildConfig(
  get: Get,
  base: Pick<Config, 'nodeEnv' | 'production' | 'configFile' | 'settings'>,
): Config {
  const url = get('DATABASE_URL');
  const holders = get('TRIBUTARY_CDR_HOLDERS_FILE');
  return {
    nodeEnv: base.nodeEnv,
    production: base.production,
    configFile: base.configFile,
    server: {
      port: get('PORT'),
      host: get('HOST'),
      publicUrl: get('TRIBUTARY_PUBLIC_URL'),
      trustProxy: get('TRIBUTARY_TRUST_PROXY'),
      shutdownGraceS: get('TRIBUTARY_SHUTDOWN_GRACE_S'),
      logLevel: get('TRIBUTARY_LOG_LEVEL'),
      metricsToken: get('TRIBUTARY_METRICS_TOKEN'),
    },
    database: {
      mode: url === null ? 'embedded' : 'postgres',
      url,
      poolMax: get('TRIBUTARY_DB_POOL_MAX'),
    },
    dataDir: get('TRIBUTARY_DATA_DIR'),
    worker: {
      enabled: get('TRIBUTARY_WORKER'),
      concurrency: get('TRIBUTARY_WORKER_CONCURRENCY'),
      pollS: get('TRIBUTARY_WORKER_POLL_S'),
    },
    security: {
      apiKey: get('TRIBUTARY_API_KEY'),
      adminToken: get('TRIBUTARY_ADMIN_TOKEN'),
      encryptionKey: get('TRIBUTARY_ENCRYPTION_KEY'),
      previousKeys: get('TRIBUTARY_ENCRYPTION_PREVIOUS_KEYS') ?? [],
    },
    sandbox: {
      enabled: get('TRIBUTARY_SANDBOX'),
      baseUrl: get('TRIBUTARY_SANDBOX_BASE_URL'),
      maxConnections: get('TRIBUTARY_SANDBOX_MAX_CONNECTIONS'),
      sessionIdleS: get('TRIBUTARY_SANDBOX_SESSION_IDLE_S'),
      sessionMaxS: get('TRIBUTARY_SANDBOX_SESSION_MAX_S'),
      cdrAccessTokenTtlS: get('TRIBUTARY_SANDBOX_CDR_ACCESS_TOKEN_TTL_S'),
      cdrThresholds: get('TRIBUTARY_SANDBOX_CDR_THRESHOLDS'),
      cdrHolderKey: get('TRIBUTARY_SANDBOX_CDR_HOLDER_KEY_FILE'),
    },
    connections: {
      sameCredentialsPauseS: get('TRIBUTARY_SAME_CREDENTIALS_PAUSE_S'),
      mfaTimeoutS: get('TRIBUTARY_MFA_TIMEOUT_S'),
      refreshLimitWebPerDay: get('TRIBUTARY_REFRESH_LIMIT_WEB_PER_DAY'),
      refreshLimitObPerDay: get('TRIBUTARY_REFRESH_LIMIT_OB_PER_DAY'),
      refreshBulkPerDay: get('TRIBUTARY_REFRESH_BULK_PER_DAY'),
      bulkRefreshSpacingS: get('TRIBUTARY_BULK_REFRESH_SPACING_S'),
      initialHistoryDays: get('TRIBUTARY_INITIAL_HISTORY_DAYS'),
      refreshOverlapDays: get('TRIBUTARY_REFRESH_OVERLAP_DAYS'),
      bankTimeoutS: get('TRIBUTARY_BANK_TIMEOUT_S'),
      bankRetries: get('TRIBUTARY_BANK_RETRIES'),
      bankRetryAfterMaxS: get('TRIBUTARY_BANK_RETRY_AFTER_MAX_S'),
      jobTimeoutS: get('TRIBUTARY_JOB_TIMEOUT_S'),
      jobLeaseS: get('TRIBUTARY_JOB_LEASE_S'),
      staleAfterS: get('TRIBUTARY_STALE_AFTER_S'),
    },
    smartCache: {
      enabled: get('TRIBUTARY_SMART_CACHE'),
      intervalS: get('TRIBUTARY_SMART_CACHE_INTERVAL_S'),
      jitterS: get('TRIBUTARY_SMART_CACHE_JITTER_S'),
      minAgeS: get('TRIBUTARY_SMART_CACHE_MIN_AGE_S'),
      tickS: get('TRIBUTARY_SMART_CACHE_TICK_S'),
    },
    bankLoad: {
      maxConcurrency: get('TRIBUTARY_INSTITUTION_MAX_CONCURRENCY'),
      startsPerMinute: get('TRIBUTARY_INSTITUTION_STARTS_PER_MINUTE'),
      hourlyBudget: get('TRIBUTARY_INSTITUTION_HOURLY_BUDGET'),
      reserve: get('TRIBUTARY_INSTITUTION_RESERVE'),
      disabledInstitutions: get('TRIBUTARY_DISABLED_INSTITUTIONS') ?? [],
      institutionLimits: get('TRIBUTARY_INSTITUTION_LIMITS') ?? {},
      breakerThreshold: get('TRIBUTARY_BREAKER_THRESHOLD'),
      breakerOpenS: get('TRIBUTARY_BREAKER_OPEN_S'),
    },
    openBanking: {
      clientId: get('TRIBUTARY_CDR_CLIENT_ID'),
      signingKey: get('TRIBUTARY_CDR_SIGNING_KEY_FILE'),
      holdersFile: holders?.path ?? null,
      holders: holders?.holders ?? [],
      pageSize: get('TRIBUTARY_CDR_PAGE_SIZE'),
      pendingLookbackDays: get('TRIBUTARY_CDR_PENDING_LOOKBACK_DAYS'),
      unattendedSessionsPerDay: get('TRIBUTARY_CDR_UNATTENDED_SESSIONS_PER_DAY'),
      smartCacheWindow: get('TRIBUTARY_CDR_SMART_CACHE_WINDOW'),
      authorisationTtlS: get('TRIBUTARY_OB_AUTHORISATION_TTL_S'),
      consentSessionTtlS: get('TRIBUTARY_CONSENT_SESSION_TTL_S'),
      consentRedirectUrl: get('TRIBUTARY_CONSENT_REDIRECT_URL'),
      consentWarningDays: get('TRIBUTARY_CONSENT_WARNING_DAYS'),
      consentReminderDays: get('TRIBUTARY_CONSENT_REMINDER_DAYS'),
      authLinkTtlDays: get('TRIBUTARY_AUTH_LINK_TTL_DAYS'),
    },
    webhooks: {
      allowPrivate: get('TRIBUTARY_WEBHOOKS_ALLOW_PRIVATE'),
      timeoutS: get('TRIBUTARY_WEBHOOK_TIMEOUT_S'),
      retryScheduleS: get('TRIBUTARY_WEBHOOK_RETRY_SCHEDULE'),
      secretOverlapS: get('TRIBUTARY_WEBHOOK_SECRET_OVERLAP_S'),
    },
    retention: {
      jobDays: get('TRIBUTARY_JOB_RETENTION_DAYS'),
      eventDays: get('TRIBUTARY_EVENT_RETENTION_DAYS'),
      changeFeedDays: get('TRIBUTARY_CHANGE_FEED_RETENTION_DAYS'),
      bankLedgerDays: get('TRIBUTARY_BANK_LEDGER_RETENTION_DAYS'),
    },
    api: {
      tokenTtlS: get('TRIBUTARY_TOKEN_TTL_S'),
      idempotencyTtlS: get('TRIBUTARY_IDEMPOTENCY_TTL_S'),
      rateLimitPerMinute: get('TRIBUTARY_RATE_LIMIT_PER_MINUTE'),
      clientRateLimitPerMinute: get('TRIBUTARY_CLIENT_RATE_LIMIT_PER_MINUTE'),
      tokenRateLimitPer5Min: get('TRIBUTARY_TOKEN_RATE_LIMIT_PER_5MIN'),
      corsOrigins: get('TRIBUTARY_CORS_ORIGINS'),
      bodyLimitBytes: get('TRIBUTARY_BODY_LIMIT_BYTES'),
      requestTimeoutS: get('TRIBUTARY_REQUEST_TIMEOUT_S'),
      pendingMatchDays: get('TRIBUTARY_PENDING_MATCH_DAYS'),
    },
    settings: base.settings,
  };
}

/** Freezes every nested object and array; Buffers cannot be frozen and are left as they are. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
