import pg from 'pg';
import { DatabaseUnavailableError } from '../../kernel/errors.ts';
import type { Database, Queryable, QueryResult, Row } from '../database.ts';
import { StatementNames } from './statement-names.ts';

const dateOid = 1082;

// Calendar dates stay `YYYY-MM-DD` strings (pg would read them as local midnight), as PGlite's are.
function typeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === dateOid) return (value) => value;
  const parser: unknown =
    format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid);
  return parser as (value: string) => unknown;
}

export interface PostgresOptions {
  url: string;
  poolMax: number;
  /** Reported to PostgreSQL as `application_name`. */
  applicationName?: string;
  /** Called with errors of idle pool clients (the server went away); they are not fatal. */
  onIdleError?: (error: Error) => void;
}

function toResult<T extends Row>(result: pg.QueryResult<T> | pg.QueryResult<T>[]): QueryResult<T> {
  // A script of several statements answers one result per statement: keep the last.
  const last = Array.isArray(result) ? result.at(-1) : result;
  return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? last?.rows.length ?? 0 };
}

const statementNames = new StatementNames();

const networkErrors = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

/**
 * Errors of the connection rather than of the statement: no SQLSTATE from the server (pg's own
 * "connection terminated" and pool timeouts), a network errno, or a connection-class SQLSTATE.
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return true;
  return networkErrors.has(code) || code.startsWith('08') || code.startsWith('57P');
}

function translate(error: unknown): never {
  throw isUnavailable(error) ? new DatabaseUnavailableError(error) : error;
}

function wrap(client: pg.Pool | pg.PoolClient, inTransaction: boolean): Queryable {
  const inner = wrapRaw(client, inTransaction);
  return {
    query: <T extends Row = Row>(sql: string, params?: readonly unknown[]) =>
      inner.query<T>(sql, params).catch(translate),
  };
}

function wrapRaw(client: pg.Pool | pg.PoolClient, inTransaction: boolean): Queryable {
  return {
    async query<T extends Row = Row>(
      sql: string,
      params: readonly unknown[] = [],
    ): Promise<QueryResult<T>> {
      if (params.length > 0) {
        const name = statementNames.of(sql);
        return toResult(
          await client.query<T>(
            name ? { name, text: sql, values: [...params] } : { text: sql, values: [...params] },
          ),
        );
      }
      if (inTransaction || !(client instanceof pg.Pool)) {
        return toResult(await client.query<T>(sql));
      }
      // A parameterless script may open its own transaction (pg-boss's locked scripts do): on
      // failure roll it back before the connection goes back to the pool.
      const connection = await client.connect();
      try {
        return toResult(await connection.query<T>(sql));
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
  };
}

/** `host:port/database` of a URL, for the banner: never the user or password. */
export function describePostgresUrl(url: string): string {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres';
  return `${parsed.hostname}:${parsed.port || '5432'}/${database}`;
}

/** PostgreSQL 15+ over a `pg` pool; many processes may share the database. */
export function openPostgresDatabase(options: PostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax,
    application_name: options.applicationName ?? 'tributary',
    connectionTimeoutMillis: 5_000,
    types: { getTypeParser: typeParser },
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  const surface = wrap(pool, false);

  async function withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect().catch(translate);
    let broken: Error | undefined;
    try {
      return await fn(client);
    } catch (error) {
      if (error instanceof Error && !('code' in error)) broken = error;
      throw error;
    } finally {
      // A client that failed outside SQL (connection lost) is discarded, not reused.
      client.release(broken);
    }
  }

  return {
    driver: 'postgres',
    capabilities: { multiProcess: true, copy: true, listenNotify: true },
    ...surface,
    transaction: (fn) =>
      withClient(async (client) => {
        await client.query('BEGIN');
        try {
          const result = await fn(wrap(client, true));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    withAdvisoryLock: (key, fn) =>
      withClient(async (client) => {
        await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
        try {
          return await fn(wrap(client, false));
        } finally {
          await client
            .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key])
            .catch(() => undefined);
        }
      }),
    describe: () => `postgresql (${describePostgresUrl(options.url)})`,
    async close() {
      if (!pool.ended) await pool.end();
    },
  };
}
