/**
 * Every setting of operations.md §7.2, declared once. This is the only file that knows setting
 * names: the loader (`load.ts`), `tributary config` and the README table all read this list.
 */
import { createPrivateKey } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';

/** The headings of operations.md §7.2, in the spec's order. */
export const settingGroups = [
  'Server and process',
  'Storage and worker',
  'Security and access',
  'Sandbox',
  'Connections, jobs and refresh',
  'Smart Cache and bank load governance',
  'Open banking and consent',
  'Events and webhooks',
  'Retention',
  'HTTP API',
] as const;

export type SettingGroup = (typeof settingGroups)[number];

/** The outcome of parsing one raw value; `problem` is the text after `NAME: ` and never holds a secret. */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export interface ParseContext {
  /** Directory that relative paths are resolved against (the working directory). */
  readonly cwd: string;
}

/** What a computed default may depend on (the defaults of §7.2 that name other settings). */
export interface FallbackContext {
  readonly port: number;
  readonly embedded: boolean;
  readonly production: boolean;
}

export type Parser<T> = (raw: string, ctx: ParseContext) => Parsed<T>;

/** One row of §7.2. `V` is the typed value, including `null` for settings with no default. */
export interface SettingDefinition<N extends string = string, V = unknown> {
  readonly name: N;
  readonly group: SettingGroup;
  /** The spec's Default column as plain text, e.g. `8080` or `(empty)`. */
  readonly default: string;
  /** 🔒: redacted in `tributary config`, accepts `NAME_FILE`, never echoed in a problem. */
  readonly secret: boolean;
  /** The spec's meaning, one line of Markdown. */
  readonly description: string;
  /** The raw value used when nothing sets the variable; null = unset (typed value null). */
  readonly fallback: ((ctx: FallbackContext) => string) | null;
  readonly parse: Parser<V>;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** `false` = off, `true` = trust any hop, or the proxy addresses/CIDRs to trust. */
export type TrustProxy = boolean | string[];

/** A private key read from a file named by a setting (a JWK in JSON, or PEM). */
export interface PrivateKeyFile {
  /** Absolute path of the file. */
  readonly path: string;
  readonly format: 'pem' | 'jwk';
  /** The file's contents, as read. */
  readonly text: string;
}

/** Per-institution overrides of connections.md §9.1. */
export interface InstitutionLimit {
  readonly maxConcurrentJobs?: number;
  readonly maxStartsPerMinute?: number;
  readonly hourlyBudget?: number;
}

export type InstitutionLimits = Readonly<Record<string, InstitutionLimit>>;

/** Minutes after midnight (Australia/Sydney); `endMinute` < `startMinute` wraps past midnight. */
export interface TimeWindow {
  readonly startMinute: number;
  readonly endMinute: number;
}

/** A real data holder of open-banking.md §9; relative file paths are resolved against the file's folder. */
export interface HolderDescriptor {
  readonly institutionId: string;
  readonly institution: {
    readonly name: string;
    readonly shortName: string;
    readonly tier: string;
    readonly institutionType: string;
    readonly country: string;
    readonly logoSvgFile: string | null;
    readonly primaryColor: string | null;
  } | null;
  readonly issuer: string;
  readonly resourceBaseUrl: string;
  readonly brandId: string;
  readonly clientId: string;
  readonly tls: {
    readonly certFile: string;
    readonly keyFile: string;
    readonly caFile: string;
  } | null;
}

export interface HoldersFile {
  readonly path: string;
  readonly holders: HolderDescriptor[];
}

const INSTITUTION_ID = /^[A-Z]{2}[0-9]{5}$/;

// ---------------------------------------------------------------------------------------------
// Parsers. Each returns the problem text without the name; the loader prefixes `NAME: `.

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

function fail<T>(problem: string): Parsed<T> {
  return { ok: false, problem };
}

/** Quotes a non-secret raw value for a problem line; long values are cut so a line stays a line. */
export function quote(raw: string): string {
  return JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw);
}

function integer(min: number, max?: number): Parser<number> {
  const expected =
    max === undefined
      ? `must be an integer of at least ${min}`
      : `must be an integer from ${min} to ${max}`;
  return (raw) => {
    if (!/^-?[0-9]+$/.test(raw)) return fail(`${expected}, got ${quote(raw)}`);
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < min || (max !== undefined && value > max)) {
      return fail(`${expected}, got ${quote(raw)}`);
    }
    return ok(value);
  };
}

function decimal(min: number, max: number): Parser<number> {
  const expected = `must be a number from ${min} to ${max}`;
  return (raw) => {
    if (!/^[0-9]+(\.[0-9]+)?$/.test(raw)) return fail(`${expected}, got ${quote(raw)}`);
    const value = Number(raw);
    if (value < min || value > max) return fail(`${expected}, got ${quote(raw)}`);
    return ok(value);
  };
}

const onOff: Parser<boolean> = (raw) => {
  if (raw === 'on') return ok(true);
  if (raw === 'off') return ok(false);
  return fail(`must be on or off, got ${quote(raw)}`);
};

function oneOf<const T extends string>(values: readonly T[]): Parser<T> {
  return (raw) => {
    const found = values.find((v) => v === raw);
    return found === undefined
      ? fail(`must be one of ${values.join(', ')}, got ${quote(raw)}`)
      : ok(found);
  };
}

const PRINTABLE = /^[\x21-\x7e]+$/;

/** A bearer secret; the problem states the rule and the length, never the value. */
function token(min: number, max: number): Parser<string> {
  return (raw) => {
    if (raw.length >= min && raw.length <= max && PRINTABLE.test(raw)) return ok(raw);
    const spaces = PRINTABLE.test(raw) ? '' : ' including a space or non-printable character';
    return fail(
      `must be ${min} to ${max} printable ASCII characters (0x21-0x7E, no spaces), got ${raw.length} characters${spaces}`,
    );
  };
}

/** Any non-empty value without whitespace (host names, client ids). */
function word(what: string): Parser<string> {
  return (raw) => (/^\S+$/.test(raw) ? ok(raw) : fail(`must be ${what}, got ${quote(raw)}`));
}

function tryUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** An http(s) origin plus an optional path, no trailing slash, query or fragment. */
const baseUrl: Parser<string> = (raw) => {
  const expected =
    'must be an http:// or https:// origin with an optional path and no trailing slash';
  const url = tryUrl(raw);
  if (
    url === null ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username !== '' ||
    url.password !== '' ||
    url.search !== '' ||
    url.hash !== '' ||
    raw.includes('?') ||
    raw.includes('#') ||
    raw.endsWith('/')
  ) {
    return fail(`${expected}, got ${quote(raw)}`);
  }
  return ok(url.pathname === '/' ? url.origin : `${url.origin}${url.pathname}`);
};

/** An absolute http(s) URL (query allowed), as a consent redirect. */
const absoluteUrl: Parser<string> = (raw) => {
  const url = tryUrl(raw);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    return fail(`must be an absolute http:// or https:// URL, got ${quote(raw)}`);
  }
  return ok(raw);
};

/** Comma lists: items are trimmed and empty items (a trailing comma) ignored. */
function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Nothing of the URL is echoed: it may hold a password. */
const databaseUrl: Parser<string> = (raw) => {
  if (!/^postgres(ql)?:\/\//.test(raw)) {
    return fail('must be empty or a URL starting with postgres:// or postgresql://');
  }
  const url = tryUrl(raw);
  if (url === null || url.hostname === '') {
    return fail('is not a valid URL (expected postgres://user:password@host:port/database)');
  }
  return ok(raw);
};

/** Replaces the password of a database URL with `[redacted]` (operations.md §7.4, §10.3). */
export function redactDatabaseUrl(url: string): string {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd < 0) return '[redacted]';
  const rest = url.slice(schemeEnd + 3);
  // WHATWG: the authority ends at the first `/`, `?` or `#`; its user info ends at the last `@`.
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at < 0) return url;
  const userInfo = authority.slice(0, at);
  const colon = userInfo.indexOf(':');
  if (colon < 0) return url;
  const redacted = `${userInfo.slice(0, colon)}:[redacted]${authority.slice(at)}`;
  return `${url.slice(0, schemeEnd + 3)}${redacted}${rest.slice(authority.length)}`;
}

/** Decodes base64 (standard or url-safe, padding optional) of exactly 32 bytes, or null. */
export function decodeKey(raw: string): Buffer | null {
  const standard = /^[A-Za-z0-9+/]{43}(=)?$/;
  const urlSafe = /^[A-Za-z0-9_-]{43}(=)?$/;
  if (!standard.test(raw) && !urlSafe.test(raw)) return null;
  const bytes = Buffer.from(raw, 'base64');
  return bytes.length === 32 ? bytes : null;
}

const KEY_RULE = 'must be base64 (standard or url-safe) of exactly 32 bytes';

function describeKeyLength(raw: string): string {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) return 'got a value that is not base64';
  return `got ${Buffer.from(raw, 'base64').length} bytes`;
}

const encryptionKey: Parser<Buffer> = (raw) => {
  const key = decodeKey(raw);
  return key === null ? fail(`${KEY_RULE}, ${describeKeyLength(raw)}`) : ok(key);
};

const encryptionKeyList: Parser<Buffer[]> = (raw) => {
  const items = splitList(raw);
  const keys: Buffer[] = [];
  for (const [index, item] of items.entries()) {
    const key = decodeKey(item);
    if (key === null) {
      return fail(
        `key ${index + 1} of ${items.length} ${KEY_RULE}, ${describeKeyLength(item)} (comma list, newest first)`,
      );
    }
    keys.push(key);
  }
  return ok(keys);
};

function isCidr(item: string): boolean {
  const slash = item.indexOf('/');
  if (slash < 0) return isIP(item) !== 0;
  const version = isIP(item.slice(0, slash));
  const bits = item.slice(slash + 1);
  if (version === 0 || !/^[0-9]{1,3}$/.test(bits)) return false;
  return Number(bits) <= (version === 4 ? 32 : 128);
}

const trustProxy: Parser<TrustProxy> = (raw) => {
  if (raw === 'off') return ok(false);
  if (raw === 'on') return ok(true);
  const items = splitList(raw);
  const bad = items.find((item) => !isCidr(item));
  if (items.length === 0 || bad !== undefined) {
    return fail(
      `must be off, on or a comma list of IP addresses or CIDRs, got ${quote(bad ?? raw)}`,
    );
  }
  return ok(items);
};

const corsOrigins: Parser<'*' | string[]> = (raw) => {
  if (raw === '*') return ok('*');
  const items = splitList(raw);
  const bad = items.find((item) => {
    const url = tryUrl(item);
    return (
      url === null || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== item
    );
  });
  if (items.length === 0 || bad !== undefined) {
    return fail(
      `must be * or a comma list of origins like https://app.example.com (no path, no trailing slash), got ${quote(bad ?? raw)}`,
    );
  }
  return ok(items);
};

const DURATION_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `0s,5s,5m,30m,2h` ⇒ seconds. */
const durationList: Parser<number[]> = (raw) => {
  const items = raw.split(',').map((item) => item.trim());
  const seconds: number[] = [];
  for (const item of items) {
    const match = /^([0-9]+)([smhd])$/.exec(item);
    const unit = match?.[2] === undefined ? undefined : DURATION_UNITS[match[2]];
    if (match?.[1] === undefined || unit === undefined) {
      return fail(
        `must be a comma list of durations such as 0s,5s,5m,30m,2h (units s, m, h, d), got ${quote(item)}`,
      );
    }
    seconds.push(Number(match[1]) * unit);
  }
  return ok(seconds);
};

const timeWindow: Parser<TimeWindow> = (raw) => {
  const match = /^([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-3]|24):([0-5][0-9])$/.exec(raw);
  const expected = 'must be a window HH:MM-HH:MM (24-hour clock, start and end differ)';
  if (match === null) return fail(`${expected}, got ${quote(raw)}`);
  const [, sh, sm, eh, em] = match.map(Number);
  if (sh === undefined || sm === undefined || eh === undefined || em === undefined) {
    return fail(`${expected}, got ${quote(raw)}`);
  }
  const startMinute = sh * 60 + sm;
  const endMinute = eh * 60 + em;
  if ((eh === 24 && em !== 0) || startMinute === endMinute) {
    return fail(`${expected}, got ${quote(raw)}`);
  }
  return ok({ startMinute, endMinute });
};

const institutionIds: Parser<string[]> = (raw) => {
  const items = splitList(raw);
  const bad = items.find((item) => !INSTITUTION_ID.test(item));
  if (bad !== undefined) {
    return fail(`must be a comma list of institution ids like AU00000, got ${quote(bad)}`);
  }
  return ok(items);
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const LIMIT_KEYS = ['maxConcurrentJobs', 'maxStartsPerMinute', 'hourlyBudget'] as const;

const institutionLimits: Parser<InstitutionLimits> = (raw) => {
  const expected =
    'must be a JSON object keyed by institution id, e.g. {"AU00000":{"maxConcurrentJobs":4}}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return fail(`${expected}; it is not valid JSON`);
  }
  if (!isRecord(parsed)) return fail(`${expected}; it is not an object`);
  const limits: Record<string, InstitutionLimit> = {};
  for (const [id, entry] of Object.entries(parsed)) {
    if (!INSTITUTION_ID.test(id)) return fail(`${expected}; ${quote(id)} is not an institution id`);
    if (!isRecord(entry)) return fail(`${expected}; the value of ${id} is not an object`);
    const limit: Record<string, number> = {};
    for (const [key, value] of Object.entries(entry)) {
      if (!LIMIT_KEYS.some((k) => k === key)) {
        return fail(`${id}.${key} is not one of ${LIMIT_KEYS.join(', ')}`);
      }
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
        return fail(`${id}.${key} must be an integer of at least 1`);
      }
      limit[key] = value;
    }
    limits[id] = limit;
  }
  return ok(limits);
};

function readText(path: string): { ok: true; text: string } | { ok: false; reason: string } {
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (error) {
    const code = isRecord(error) && typeof error.code === 'string' ? error.code : 'unreadable';
    return { ok: false, reason: code };
  }
}

/**
 * A private RSA key for PS256 (open-banking.md §9, §10.1), as a private JWK or PEM. `showPath`
 * is false for a secret setting, whose value is the path itself.
 */
function privateKeyFile(showPath: boolean): Parser<PrivateKeyFile> {
  return (raw, ctx) => {
    const path = resolve(ctx.cwd, raw);
    const where = showPath ? `${path}: ` : '';
    const read = readText(path);
    if (!read.ok) return fail(`${where}cannot read the file (${read.reason})`);
    const text = read.text;
    const format = text.trimStart().startsWith('{') ? 'jwk' : 'pem';
    try {
      const key =
        format === 'jwk'
          ? createPrivateKey({ key: JSON.parse(text) as JsonWebKey, format: 'jwk' })
          : createPrivateKey(text);
      const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
      if ((key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') || bits < 2048) {
        return fail(`${where}must hold an RSA private key of at least 2048 bits (PS256)`);
      }
    } catch {
      return fail(`${where}must hold a private key as a JWK or PEM`);
    }
    return ok({ path, format, text });
  };
}

function stringField(
  record: Record<string, unknown>,
  key: string,
  required: boolean,
): string | null | undefined {
  const value = record[key];
  if (value === undefined || value === null) return required ? undefined : null;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isHttpUrl(value: string): boolean {
  const url = tryUrl(value);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:');
}

const HOLDER_KEYS = [
  'institutionId',
  'institution',
  'issuer',
  'resourceBaseUrl',
  'brandId',
  'clientId',
  'tls',
];
const INSTITUTION_KEYS = [
  'name',
  'shortName',
  'tier',
  'institutionType',
  'country',
  'logoSvgFile',
  'primaryColor',
];
const TLS_KEYS = ['certFile', 'keyFile', 'caFile'];

function unknownKey(record: Record<string, unknown>, known: readonly string[]): string | undefined {
  return Object.keys(record).find((key) => !known.includes(key));
}

function parseHolder(entry: unknown, folder: string): HolderDescriptor | string {
  if (!isRecord(entry)) return 'is not an object';
  const extra = unknownKey(entry, HOLDER_KEYS);
  if (extra !== undefined) return `has an unknown field ${quote(extra)}`;
  const institutionId = stringField(entry, 'institutionId', true);
  if (typeof institutionId !== 'string' || !INSTITUTION_ID.test(institutionId)) {
    return 'institutionId must be an institution id like AU00000';
  }
  const issuer = stringField(entry, 'issuer', true);
  if (typeof issuer !== 'string' || !isHttpUrl(issuer)) return 'issuer must be an http(s) URL';
  const resourceBaseUrl = stringField(entry, 'resourceBaseUrl', true);
  if (typeof resourceBaseUrl !== 'string' || !isHttpUrl(resourceBaseUrl)) {
    return 'resourceBaseUrl must be an http(s) URL';
  }
  const brandId = stringField(entry, 'brandId', true);
  if (typeof brandId !== 'string') return 'brandId must be a non-empty string';
  const clientId = stringField(entry, 'clientId', true);
  if (typeof clientId !== 'string') return 'clientId must be a non-empty string';

  let institution: HolderDescriptor['institution'] = null;
  if (entry.institution !== undefined && entry.institution !== null) {
    const raw = entry.institution;
    if (!isRecord(raw)) return 'institution must be an object';
    const extraField = unknownKey(raw, INSTITUTION_KEYS);
    if (extraField !== undefined) return `institution has an unknown field ${quote(extraField)}`;
    const fields: Record<string, string | null> = {};
    for (const key of INSTITUTION_KEYS) {
      const optional = key === 'logoSvgFile' || key === 'primaryColor';
      const value = stringField(raw, key, !optional);
      if (value === undefined) return `institution.${key} must be a non-empty string`;
      fields[key] = value;
    }
    const req = (key: string): string => fields[key] ?? '';
    const logo = fields.logoSvgFile ?? null;
    institution = {
      name: req('name'),
      shortName: req('shortName'),
      tier: req('tier'),
      institutionType: req('institutionType'),
      country: req('country'),
      logoSvgFile: logo === null ? null : resolve(folder, logo),
      primaryColor: fields.primaryColor ?? null,
    };
  }

  let tls: HolderDescriptor['tls'] = null;
  if (entry.tls !== undefined && entry.tls !== null) {
    const raw = entry.tls;
    if (!isRecord(raw)) return 'tls must be an object';
    const extraField = unknownKey(raw, TLS_KEYS);
    if (extraField !== undefined) return `tls has an unknown field ${quote(extraField)}`;
    const certFile = stringField(raw, 'certFile', true);
    const keyFile = stringField(raw, 'keyFile', true);
    const caFile = stringField(raw, 'caFile', true);
    if (typeof certFile !== 'string') return 'tls.certFile must be a non-empty string';
    if (typeof keyFile !== 'string') return 'tls.keyFile must be a non-empty string';
    if (typeof caFile !== 'string') return 'tls.caFile must be a non-empty string';
    tls = {
      certFile: resolve(folder, certFile),
      keyFile: resolve(folder, keyFile),
      caFile: resolve(folder, caFile),
    };
  }

  return { institutionId, institution, issuer, resourceBaseUrl, brandId, clientId, tls };
}

/** The JSON array of holder descriptors of open-banking.md §9. */
const holdersFile: Parser<HoldersFile> = (raw, ctx) => {
  const path = resolve(ctx.cwd, raw);
  const read = readText(path);
  if (!read.ok) return fail(`${path}: cannot read the file (${read.reason})`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.text);
  } catch {
    return fail(`${path}: is not valid JSON`);
  }
  if (!Array.isArray(parsed)) return fail(`${path}: must be a JSON array of holder descriptors`);
  const holders: HolderDescriptor[] = [];
  for (const [index, entry] of parsed.entries()) {
    const holder = parseHolder(entry, dirname(path));
    if (typeof holder === 'string') return fail(`${path}: holder ${index + 1} ${holder}`);
    holders.push(holder);
  }
  return ok({ path, holders });
};

/** A path, resolved against the working directory; whether it exists is the caller's business. */
const absolutePath: Parser<string> = (raw, ctx) => ok(resolve(ctx.cwd, raw));

// ---------------------------------------------------------------------------------------------
// The table.

interface CommonFields<N extends string> {
  readonly name: N;
  readonly group: SettingGroup;
  readonly default: string;
  readonly secret?: boolean;
  readonly description: string;
}

/** A setting with a default: its value is never null. */
function withDefault<const N extends string, T>(
  fields: CommonFields<N> & {
    fallback: string | ((ctx: FallbackContext) => string);
    parse: Parser<T>;
  },
): SettingDefinition<N, T> {
  const { fallback } = fields;
  return {
    name: fields.name,
    group: fields.group,
    default: fields.default,
    secret: fields.secret ?? false,
    description: fields.description,
    fallback: typeof fallback === 'string' ? () => fallback : fallback,
    parse: fields.parse,
  };
}

/** A setting that may be unset: its value is null then. */
function optional<const N extends string, T>(
  fields: CommonFields<N> & { parse: Parser<T> },
): SettingDefinition<N, T | null> {
  return {
    name: fields.name,
    group: fields.group,
    default: fields.default,
    secret: fields.secret ?? false,
    description: fields.description,
    fallback: null,
    parse: fields.parse,
  };
}

const anyText: Parser<string> = (raw) => ok(raw);

const S = 'Server and process';
const W = 'Storage and worker';
const K = 'Security and access';
const X = 'Sandbox';
const C = 'Connections, jobs and refresh';
const G = 'Smart Cache and bank load governance';
const O = 'Open banking and consent';
const E = 'Events and webhooks';
const R = 'Retention';
const A = 'HTTP API';

/** Every setting of operations.md §7.2, in the spec's order. */
export const settings = [
  // Server and process
  withDefault({
    name: 'PORT',
    group: S,
    default: '8080',
    description: 'TCP port the process listens on',
    fallback: '8080',
    parse: integer(1, 65535),
  }),
  withDefault({
    name: 'HOST',
    group: S,
    default: '127.0.0.1 (0.0.0.0 in the image)',
    description: 'bind address',
    fallback: '127.0.0.1',
    parse: word('an address or host name without spaces'),
  }),
  withDefault({
    name: 'TRIBUTARY_PUBLIC_URL',
    group: S,
    default: 'http://localhost:{PORT}',
    description:
      'origin + optional path that every absolute link in responses starts with; no trailing slash',
    fallback: (ctx) => `http://localhost:${ctx.port}`,
    parse: baseUrl,
  }),
  withDefault({
    name: 'TRIBUTARY_TRUST_PROXY',
    group: S,
    default: 'off',
    description:
      '`off`, `on` (trust `X-Forwarded-*` from any hop) or a comma list of proxy addresses/CIDRs to trust',
    fallback: 'off',
    parse: trustProxy,
  }),
  optional({
    name: 'NODE_ENV',
    group: S,
    default: '(unset)',
    description: '`production` makes secrets mandatory, disables generated secrets and pretty logs',
    parse: anyText,
  }),
  optional({
    name: 'TRIBUTARY_CONFIG_FILE',
    group: S,
    default: '(empty)',
    description: 'optional file of `NAME=value` lines under the environment',
    parse: absolutePath,
  }),
  withDefault({
    name: 'TRIBUTARY_SHUTDOWN_GRACE_S',
    group: S,
    default: '25',
    description: 'time in-flight requests and steps get after SIGTERM/SIGINT',
    fallback: '25',
    parse: integer(0),
  }),
  withDefault({
    name: 'TRIBUTARY_LOG_LEVEL',
    group: S,
    default: 'info',
    description: '`fatal`, `error`, `warn`, `info`, `debug` or `trace`',
    fallback: 'info',
    parse: oneOf<LogLevel>(['fatal', 'error', 'warn', 'info', 'debug', 'trace']),
  }),
  optional({
    name: 'TRIBUTARY_METRICS_TOKEN',
    group: S,
    default: '(empty)',
    secret: true,
    description: 'when set, `/metrics` requires `Authorization: Bearer` this token',
    parse: token(1, 256),
  }),

  // Storage and worker
  withDefault({
    name: 'TRIBUTARY_DATA_DIR',
    group: W,
    default: './.tributary',
    description: 'data directory, relative to the working directory',
    fallback: './.tributary',
    parse: absolutePath,
  }),
  optional({
    name: 'DATABASE_URL',
    group: W,
    default: '(empty)',
    secret: true,
    description: '`postgres://…` switches to PostgreSQL mode; the password part is redacted',
    parse: databaseUrl,
  }),
  withDefault({
    name: 'TRIBUTARY_DB_POOL_MAX',
    group: W,
    default: '10',
    description: 'PostgreSQL connections per process (1–100)',
    fallback: '10',
    parse: integer(1, 100),
  }),
  withDefault({
    name: 'TRIBUTARY_WORKER',
    group: W,
    default: 'on',
    description: '`off`: `serve` runs no worker (PostgreSQL mode only)',
    fallback: 'on',
    parse: onOff,
  }),
  withDefault({
    name: 'TRIBUTARY_WORKER_CONCURRENCY',
    group: W,
    default: '4',
    description: 'jobs one worker process runs at once (1–64)',
    fallback: '4',
    parse: integer(1, 64),
  }),
  withDefault({
    name: 'TRIBUTARY_WORKER_POLL_S',
    group: W,
    default: '1',
    description: 'seconds between queue polls when idle (0.5–60, wall)',
    fallback: '1',
    parse: decimal(0.5, 60),
  }),

  // Security and access
  optional({
    name: 'TRIBUTARY_API_KEY',
    group: K,
    default: '(empty)',
    secret: true,
    description:
      'key of the default application, created or added at start; 32–256 printable ASCII characters',
    parse: token(32, 256),
  }),
  optional({
    name: 'TRIBUTARY_ADMIN_TOKEN',
    group: K,
    default: '(empty; generated per start in embedded mode)',
    secret: true,
    description: 'bearer token of `/admin/…`; 32–256 printable ASCII characters',
    parse: token(32, 256),
  }),
  optional({
    name: 'TRIBUTARY_ENCRYPTION_KEY',
    group: K,
    default: '(empty; master.key generated outside production)',
    secret: true,
    description: '32 bytes, base64: encrypts stored secrets',
    parse: encryptionKey,
  }),
  optional({
    name: 'TRIBUTARY_ENCRYPTION_PREVIOUS_KEYS',
    group: K,
    default: '(empty)',
    secret: true,
    description: 'comma list of earlier keys, used only to decrypt',
    parse: encryptionKeyList,
  }),

  // Sandbox
  withDefault({
    name: 'TRIBUTARY_SANDBOX',
    group: X,
    default: 'on',
    description: 'serve the sandbox banks, clock and control routes',
    fallback: 'on',
    parse: onOff,
  }),
  withDefault({
    name: 'TRIBUTARY_SANDBOX_BASE_URL',
    group: X,
    default: 'http://127.0.0.1:{PORT}',
    description: 'base through which connectors reach the sandbox banks',
    fallback: (ctx) => `http://127.0.0.1:${ctx.port}`,
    parse: baseUrl,
  }),
  withDefault({
    name: 'TRIBUTARY_SANDBOX_MAX_CONNECTIONS',
    group: X,
    default: '500',
    description: 'not-deleted sandbox connections per application; 0 = unlimited',
    fallback: '500',
    parse: integer(0),
  }),
  withDefault({
    name: 'TRIBUTARY_SANDBOX_SESSION_IDLE_S',
    group: X,
    default: '300',
    description: 'web bank session idle timeout (clock)',
    fallback: '300',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_SANDBOX_SESSION_MAX_S',
    group: X,
    default: '1800',
    description: 'web bank session lifetime (clock)',
    fallback: '1800',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_SANDBOX_CDR_ACCESS_TOKEN_TTL_S',
    group: X,
    default: '600',
    description: 'sandbox holder access-token life (clock)',
    fallback: '600',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_SANDBOX_CDR_THRESHOLDS',
    group: X,
    default: 'on',
    description: 'sandbox holder enforces unattended-call thresholds',
    fallback: 'on',
    parse: onOff,
  }),
  optional({
    name: 'TRIBUTARY_SANDBOX_CDR_HOLDER_KEY_FILE',
    group: X,
    default: '(empty)',
    secret: true,
    description: 'private key the sandbox holders sign with; empty ⇒ generated, stored encrypted',
    parse: privateKeyFile(false),
  }),

  // Connections, jobs and refresh
  withDefault({
    name: 'TRIBUTARY_SAME_CREDENTIALS_PAUSE_S',
    group: C,
    default: '360',
    description: 'pause of a new web connection with known credentials',
    fallback: '360',
    parse: integer(0),
  }),
  withDefault({
    name: 'TRIBUTARY_MFA_TIMEOUT_S',
    group: C,
    default: '120',
    description: 'MFA challenge wait (clock)',
    fallback: '120',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_REFRESH_LIMIT_WEB_PER_DAY',
    group: C,
    default: '20',
    description: 'ad-hoc refreshes per web connection per 24 h',
    fallback: '20',
    parse: integer(0),
  }),
  withDefault({
    name: 'TRIBUTARY_REFRESH_LIMIT_OB_PER_DAY',
    group: C,
    default: '20',
    description: 'ad-hoc refreshes per open-banking connection per 24 h',
    fallback: '20',
    parse: integer(0),
  }),
  withDefault({
    name: 'TRIBUTARY_REFRESH_BULK_PER_DAY',
    group: C,
    default: '4',
    description: 'job-creating bulk refreshes per user per 24 h',
    fallback: '4',
    parse: integer(0),
  }),
  withDefault({
    name: 'TRIBUTARY_BULK_REFRESH_SPACING_S',
    group: C,
    default: '15',
    description: 'spacing between the jobs of one bulk refresh',
    fallback: '15',
    parse: integer(0),
  }),
  withDefault({
    name: 'TRIBUTARY_INITIAL_HISTORY_DAYS',
    group: C,
    default: '730',
    description: "history read by a web connection's first retrieval",
    fallback: '730',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_REFRESH_OVERLAP_DAYS',
    group: C,
    default: '7',
    description: "days re-read before the last successful window's end",
    fallback: '7',
    parse: integer(0),
  }),
  withDefault({
    name: 'TRIBUTARY_BANK_TIMEOUT_S',
    group: C,
    default: '30',
    description: "one bank request's timeout (wall)",
    fallback: '30',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_BANK_RETRIES',
    group: C,
    default: '3',
    description: 'retries of a failed bank request inside a step',
    fallback: '3',
    parse: integer(0),
  }),
  withDefault({
    name: 'TRIBUTARY_BANK_RETRY_AFTER_MAX_S',
    group: C,
    default: '30',
    description: 'longest bank `Retry-After` waited for inside a step (wall)',
    fallback: '30',
    parse: integer(0),
  }),
  withDefault({
    name: 'TRIBUTARY_JOB_TIMEOUT_S',
    group: C,
    default: '1800',
    description: 'job wall-time limit, waits excluded',
    fallback: '1800',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_JOB_LEASE_S',
    group: C,
    default: '30',
    description: 'heartbeat lease after which another worker takes a job over',
    fallback: '30',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_STALE_AFTER_S',
    group: C,
    default: '172800',
    description: 'age of `lastSuccessAt` that makes a connection stale',
    fallback: '172800',
    parse: integer(1),
  }),

  // Smart Cache and bank load governance
  withDefault({
    name: 'TRIBUTARY_SMART_CACHE',
    group: G,
    default: 'on',
    description: 'background refresh on or off',
    fallback: 'on',
    parse: onOff,
  }),
  withDefault({
    name: 'TRIBUTARY_SMART_CACHE_INTERVAL_S',
    group: G,
    default: '86400',
    description: 'cadence per connection',
    fallback: '86400',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_SMART_CACHE_JITTER_S',
    group: G,
    default: '300',
    description: '± jitter around a slot',
    fallback: '300',
    parse: integer(0),
  }),
  withDefault({
    name: 'TRIBUTARY_SMART_CACHE_MIN_AGE_S',
    group: G,
    default: '43200',
    description: 'skip a slot when the last success is younger',
    fallback: '43200',
    parse: integer(0),
  }),
  withDefault({
    name: 'TRIBUTARY_SMART_CACHE_TICK_S',
    group: G,
    default: '60',
    description: 'scheduler tick (clock)',
    fallback: '60',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_INSTITUTION_MAX_CONCURRENCY',
    group: G,
    default: '8',
    description: 'concurrent jobs per institution and method',
    fallback: '8',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_INSTITUTION_STARTS_PER_MINUTE',
    group: G,
    default: '60',
    description: 'job starts per institution and method per minute',
    fallback: '60',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_INSTITUTION_HOURLY_BUDGET',
    group: G,
    default: '1200',
    description: 'job starts per institution and method per hour',
    fallback: '1200',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_INSTITUTION_RESERVE',
    group: G,
    default: '0.2',
    description: 'share kept for user-present jobs (0–1)',
    fallback: '0.2',
    parse: decimal(0, 1),
  }),
  optional({
    name: 'TRIBUTARY_DISABLED_INSTITUTIONS',
    group: G,
    default: '(empty)',
    description: 'institution ids switched off by the operator (comma list)',
    parse: institutionIds,
  }),
  optional({
    name: 'TRIBUTARY_INSTITUTION_LIMITS',
    group: G,
    default: '(empty)',
    description: 'JSON overrides per institution id: `{"AU00000":{"maxConcurrentJobs":4}}`',
    parse: institutionLimits,
  }),
  withDefault({
    name: 'TRIBUTARY_BREAKER_THRESHOLD',
    group: G,
    default: '5',
    description: 'consecutive counted failures that open a breaker',
    fallback: '5',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_BREAKER_OPEN_S',
    group: G,
    default: '300',
    description: 'first open duration (doubles, max 3600)',
    fallback: '300',
    parse: integer(1, 3600),
  }),

  // Open banking and consent
  withDefault({
    name: 'TRIBUTARY_CDR_CLIENT_ID',
    group: O,
    default: 'tributary',
    description: 'client id at the sandbox holders; default for descriptors',
    fallback: 'tributary',
    parse: word('a client id without spaces'),
  }),
  optional({
    name: 'TRIBUTARY_CDR_SIGNING_KEY_FILE',
    group: O,
    default: '(empty)',
    description: 'private JWK/PEM; empty ⇒ generated, stored encrypted',
    parse: privateKeyFile(true),
  }),
  optional({
    name: 'TRIBUTARY_CDR_HOLDERS_FILE',
    group: O,
    default: '(empty)',
    description: 'JSON file of real holder descriptors',
    parse: holdersFile,
  }),
  withDefault({
    name: 'TRIBUTARY_CDR_PAGE_SIZE',
    group: O,
    default: '1000',
    description: '`page-size` asked of holders (1–1000)',
    fallback: '1000',
    parse: integer(1, 1000),
  }),
  withDefault({
    name: 'TRIBUTARY_CDR_PENDING_LOOKBACK_DAYS',
    group: O,
    default: '31',
    description: 'minimum look-back of every transaction read',
    fallback: '31',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_CDR_UNATTENDED_SESSIONS_PER_DAY',
    group: O,
    default: '20',
    description: 'unattended sessions per arrangement per Sydney day',
    fallback: '20',
    parse: integer(0),
  }),
  withDefault({
    name: 'TRIBUTARY_CDR_SMART_CACHE_WINDOW',
    group: O,
    default: '00:00-06:00',
    description: 'Sydney-time window for open-banking Smart Cache slots',
    fallback: '00:00-06:00',
    parse: timeWindow,
  }),
  withDefault({
    name: 'TRIBUTARY_OB_AUTHORISATION_TTL_S',
    group: O,
    default: '900',
    description: 'life of an authorisation attempt (clock)',
    fallback: '900',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_CONSENT_SESSION_TTL_S',
    group: O,
    default: '1800',
    description: 'life of a consent UI session (clock)',
    fallback: '1800',
    parse: integer(1),
  }),
  optional({
    name: 'TRIBUTARY_CONSENT_REDIRECT_URL',
    group: O,
    default: '(empty)',
    description: "`redirectUrl` of the default application's first policy",
    parse: absoluteUrl,
  }),
  withDefault({
    name: 'TRIBUTARY_CONSENT_WARNING_DAYS',
    group: O,
    default: '7',
    description: 'days before expiry for `consent.warning`',
    fallback: '7',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_CONSENT_REMINDER_DAYS',
    group: O,
    default: '90',
    description: 'interval of `consent.reminder`',
    fallback: '90',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_AUTH_LINK_TTL_DAYS',
    group: O,
    default: '7',
    description: 'auth link validity',
    fallback: '7',
    parse: integer(1),
  }),

  // Events and webhooks
  withDefault({
    name: 'TRIBUTARY_WEBHOOKS_ALLOW_PRIVATE',
    group: E,
    default: 'on if DATABASE_URL unset and NODE_ENV ≠ production, else off',
    description: 'allow loopback/private destinations',
    fallback: (ctx) => (ctx.embedded && !ctx.production ? 'on' : 'off'),
    parse: onOff,
  }),
  withDefault({
    name: 'TRIBUTARY_WEBHOOK_TIMEOUT_S',
    group: E,
    default: '15',
    description: 'one delivery attempt (wall)',
    fallback: '15',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_WEBHOOK_RETRY_SCHEDULE',
    group: E,
    default: '0s,5s,5m,30m,2h,5h,10h,10h',
    description: 'delays before each attempt (clock)',
    fallback: '0s,5s,5m,30m,2h,5h,10h,10h',
    parse: durationList,
  }),
  withDefault({
    name: 'TRIBUTARY_WEBHOOK_SECRET_OVERLAP_S',
    group: E,
    default: '86400',
    description: 'how long a rotated-out secret still signs',
    fallback: '86400',
    parse: integer(0),
  }),

  // Retention (whole days ≥ 1, §7.3)
  withDefault({
    name: 'TRIBUTARY_JOB_RETENTION_DAYS',
    group: R,
    default: '90',
    description: 'jobs stay readable',
    fallback: '90',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_EVENT_RETENTION_DAYS',
    group: R,
    default: '90',
    description: 'events and the webhook message log stay readable',
    fallback: '90',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_CHANGE_FEED_RETENTION_DAYS',
    group: R,
    default: '90',
    description: 'change-feed positions stay usable',
    fallback: '90',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_BANK_LEDGER_RETENTION_DAYS',
    group: R,
    default: '30',
    description: 'bank request ledger kept',
    fallback: '30',
    parse: integer(1),
  }),

  // HTTP API
  withDefault({
    name: 'TRIBUTARY_TOKEN_TTL_S',
    group: A,
    default: '3600',
    description: 'access-token lifetime (`expires_in`), wall time',
    fallback: '3600',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_IDEMPOTENCY_TTL_S',
    group: A,
    default: '86400',
    description: 'how long an `Idempotency-Key` is remembered',
    fallback: '86400',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_RATE_LIMIT_PER_MINUTE',
    group: A,
    default: '6000',
    description: 'requests per application per minute per process',
    fallback: '6000',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_CLIENT_RATE_LIMIT_PER_MINUTE',
    group: A,
    default: '600',
    description: 'requests per client token per minute per process',
    fallback: '600',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_TOKEN_RATE_LIMIT_PER_5MIN',
    group: A,
    default: '1500',
    description: '`POST /token` per application per 5 minutes',
    fallback: '1500',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_CORS_ORIGINS',
    group: A,
    default: '*',
    description: 'allowed CORS origins (comma list)',
    fallback: '*',
    parse: corsOrigins,
  }),
  withDefault({
    name: 'TRIBUTARY_BODY_LIMIT_BYTES',
    group: A,
    default: '1048576',
    description: 'request body limit',
    fallback: '1048576',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_REQUEST_TIMEOUT_S',
    group: A,
    default: '30',
    description: 'time to answer a request',
    fallback: '30',
    parse: integer(1),
  }),
  withDefault({
    name: 'TRIBUTARY_PENDING_MATCH_DAYS',
    group: A,
    default: '10',
    description: 'window of the pending → posted matcher',
    fallback: '10',
    parse: integer(1),
  }),
] as const;

export type Setting = (typeof settings)[number];
export type SettingName = Setting['name'];

/** The typed value of a setting once parsed (null for an unset setting without default). */
export type SettingValue<N extends SettingName> =
  Extract<Setting, { name: N }> extends SettingDefinition<N, infer V> ? V : never;

/** Variables of the test suites (operations.md §7.2 "Tests only"): known, not configuration. */
export const testOnlyNames = ['TRIBUTARY_TEST_DB', 'TRIBUTARY_TEST_DATABASE_URL'] as const;

/** The variable that names a secret's file (operations.md §7.1). */
export function fileVariant(name: string): string {
  return `${name}_FILE`;
}

/** Every variable name Tributary recognises, for the unknown-setting warning. */
export const knownNames: ReadonlySet<string> = new Set<string>([
  ...settings.map((s) => s.name),
  ...settings.filter((s) => s.secret).map((s) => fileVariant(s.name)),
  ...testOnlyNames,
]);

export function findSetting(name: string): Setting | undefined {
  return settings.find((s) => s.name === name);
}
