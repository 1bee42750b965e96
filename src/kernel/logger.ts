import { hostname } from 'node:os';
import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Field names whose values are never written, at any depth (operations.md §10.3). */
const secretKey =
  /^(authorization|cookie|set-cookie|password|passcode|pin|secret|credentials?|token|access_?token|refresh_?token|id_?token|api_?key|apikey|key|admin_?token|metrics_?token|encryption_?key|previous_?keys|client_?secret|code_?verifier|auth(orization)?_?code|database_?url|securityCode|answer|mfa)$/i;

const REDACTED = '[redacted]';

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go; stdout when absent. */
  destination?: DestinationStream;
  /** Exact secret values (keys, tokens, passwords) scrubbed from every string logged. */
  secrets?: readonly string[];
  base?: Record<string, unknown>;
}

function scrubString(value: string, secrets: readonly string[]): string {
  let out = value;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

function scrub(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return scrubString(value, secrets);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) return scrub(stdSerializers.err(value), secrets, depth + 1);
  if (Array.isArray(value)) return value.map((item) => scrub(item, secrets, depth + 1));
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      secretKey.test(key) && item !== null && item !== undefined
        ? REDACTED
        : scrub(item, secrets, depth + 1);
  }
  return out;
}

/**
 * The one logger: pino JSON lines, with secrets removed by field name at every depth and by value
 * wherever a configured secret appears in a string, message included. Connector contexts and
 * request loggers are children of it, so they redact the same way.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 8);
  return pino(
    {
      level: options.level,
      base: { pid: process.pid, hostname: hostname(), ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrub(object, secrets) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg: unknown) =>
            typeof arg === 'string' ? scrubString(arg, secrets) : arg,
          );
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}
