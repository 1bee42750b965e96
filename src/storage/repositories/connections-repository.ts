import type {
  Connection,
  ConnectionReason,
  ConnectionsRepository,
} from '../../domain/connections/connection-types.ts';
import type { Queryable, Row } from '../database.ts';
import { filterToSql, type SqlColumn } from '../filter-sql.ts';
import { dateText } from './values.ts';

interface ReasonJson extends Omit<ConnectionReason, 'occurredAt'> {
  occurredAt: string;
}

const filterColumns: Record<string, SqlColumn> = {
  id: { sql: 'id', type: 'uuid' },
  status: { sql: 'status', type: 'text' },
  method: { sql: 'method', type: 'text' },
  'connection.id': { sql: 'id', type: 'uuid' },
  'connection.status': { sql: 'status', type: 'text' },
  'connection.method': { sql: 'method', type: 'text' },
  'institution.id': { sql: 'institution_id', type: 'text' },
};

export function toConnection(row: Row): Connection {
  const reason = row.reason as ReasonJson | null;
  return {
    id: row.id as string,
    applicationId: row.application_id as string,
    userId: row.user_id as string,
    institutionId: row.institution_id as string,
    method: row.method as Connection['method'],
    status: row.status as Connection['status'],
    createdAt: row.created_at as Date,
    credentials: (row.credentials as string | null) ?? null,
    credentialKey: (row.credential_key as string | null) ?? null,
    credentialsHash: (row.credentials_hash as string | null) ?? null,
    mfaEnabled: row.mfa_enabled as boolean,
    profile: (row.profile as Connection['profile']) ?? null,
    reason: reason ? { ...reason, occurredAt: new Date(reason.occurredAt) } : null,
    lastUsed: (row.last_used as Date | null) ?? null,
    lastSuccessAt: (row.last_success_at as Date | null) ?? null,
    dataAsOf: (row.data_as_of as Date | null) ?? null,
    windowEnd: dateText(row.window_end),
    ordinal: Number(row.ordinal),
    smartCacheNext: (row.smart_cache_next as Date | null) ?? null,
    smartCacheRetries: Number(row.smart_cache_retries),
    staleReported: row.stale_reported as boolean,
    loginIdSealed: (row.login_id_sealed as string | null) ?? null,
    bankSession: (row.bank_session_sealed as string | null) ?? null,
    bankSessionAt: (row.bank_session_at as Date | null) ?? null,
  };
}

const stored = `id, application_id, user_id, institution_id, method, status, created_at, credentials,
  credential_key, credentials_hash, mfa_enabled, profile, reason, last_used, last_success_at,
  data_as_of, window_end, ordinal, smart_cache_next, smart_cache_retries, stale_reported,
  login_id_sealed`;

/** What reads return: the kept bank session (large) only when asked for. */
const columns = `${stored}, NULL::text AS bank_session_sealed, NULL::timestamptz AS bank_session_at`;
const withBankSession = `${stored}, bank_session_sealed, bank_session_at`;

const names = withBankSession.split(',').map((name) => name.trim());

/**
 * A connection read in another table's statement: its columns from `alias`, each named
 * `${prefix}${column}` (the kept bank session read only with `bankSession`), and the connection
 * back from such a row.
 */
export function connectionColumnsAs(
  alias: string,
  prefix: string,
  options: { bankSession?: boolean } = {},
): string {
  return names
    .map((name) =>
      options.bankSession !== true && name.startsWith('bank_session')
        ? `NULL AS ${prefix}${name}`
        : `${alias}.${name} AS ${prefix}${name}`,
    )
    .join(', ');
}

export function connectionFromPrefixed(row: Row, prefix: string): Connection {
  const own: Row = {};
  for (const name of names) own[name] = row[`${prefix}${name}`];
  return toConnection(own);
}

const values = (c: Connection): unknown[] => [
  c.id,
  c.applicationId,
  c.userId,
  c.institutionId,
  c.method,
  c.status,
  c.createdAt,
  c.credentials,
  c.credentialKey,
  c.credentialsHash,
  c.mfaEnabled,
  c.profile === null ? null : JSON.stringify(c.profile),
  c.reason === null
    ? null
    : JSON.stringify({ ...c.reason, occurredAt: c.reason.occurredAt.toISOString() }),
  c.lastUsed,
  c.lastSuccessAt,
  c.dataAsOf,
  c.windowEnd,
  c.ordinal,
  c.smartCacheNext,
  c.smartCacheRetries,
  c.staleReported,
  c.loginIdSealed,
  c.bankSession,
  c.bankSessionAt,
];

/**
 * A job's success as it writes the connection (connections.md §8), parameters from `$first`:
 * id, time, data time, window end (kept when null), next Smart Cache slot, kept bank session
 * and its time. It becomes `active` with no reason and the Smart Cache retries reset; a deleted
 * connection is not written, nor one where `guard` (`AND …`) fails. Returns the row as written
 * (bank session not read).
 */
export function successUpdate(first: number, guard = ''): string {
  const p = (k: number) => `$${first + k}`;
  return `UPDATE connections SET status = 'active', reason = NULL, last_success_at = ${p(1)},
      data_as_of = ${p(2)}, window_end = COALESCE(${p(3)}::date, window_end),
      stale_reported = false, smart_cache_retries = 0, smart_cache_next = ${p(4)},
      bank_session_sealed = ${p(5)}, bank_session_at = ${p(6)},
      profile = COALESCE(${p(7)}::jsonb, profile)
    WHERE id = ${p(0)} AND status <> 'deleted' ${guard}
    RETURNING ${columns}`;
}

export function createConnectionsRepository(db: Queryable): ConnectionsRepository {
  const one = async (sql: string, params: unknown[]) => {
    const { rows } = await db.query(sql, params);
    return rows[0] ? toConnection(rows[0]) : null;
  };
  const many = async (sql: string, params: unknown[]) => {
    const { rows } = await db.query(sql, params);
    return rows.map(toConnection);
  };
  return {
    async insert(connection) {
      await db.query(
        `INSERT INTO connections (${stored}, bank_session_sealed, bank_session_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)`,
        values(connection),
      );
    },
    async update(connection, options = {}) {
      const params = values(connection);
      await db.query(
        `UPDATE connections SET status = $6, credentials = $8, credential_key = $9,
           credentials_hash = $10, mfa_enabled = $11, profile = $12, reason = $13, last_used = $14,
           last_success_at = $15, data_as_of = $16, window_end = $17, ordinal = $18,
           smart_cache_next = $19, smart_cache_retries = $20, stale_reported = $21,
           login_id_sealed = $22
           ${options.bankSession === true ? ', bank_session_sealed = $23, bank_session_at = $24' : ''}
         WHERE id = $1 AND application_id = $2 AND user_id = $3 AND institution_id = $4
           AND method = $5 AND created_at = $7`,
        options.bankSession === true ? params : params.slice(0, 22),
      );
    },
    find(userId, id, options = {}) {
      return one(
        `SELECT ${columns} FROM connections WHERE user_id = $1 AND id = $2${options.lock ? ' FOR UPDATE' : ''}`,
        [userId, id],
      );
    },
    findById(id, options = {}) {
      return one(
        `SELECT ${options.bankSession === true ? withBankSession : columns} FROM connections
         WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`,
        [id],
      );
    },
    listForUser(userId, filter) {
      const where = filterToSql(filter, filterColumns, 2);
      const asksDeleted = filter.some(
        (c) => c.field === 'connection.status' || c.field === 'status',
      );
      return many(
        `SELECT ${columns} FROM connections WHERE user_id = $1 AND ${where.sql}
           ${asksDeleted ? '' : "AND status <> 'deleted'"} ORDER BY created_at, id`,
        [userId, ...where.params],
      );
    },
    listLive(userId, institutionId) {
      return many(
        `SELECT ${columns} FROM connections
         WHERE user_id = $1 AND institution_id = $2 AND status <> 'deleted' ORDER BY created_at, id`,
        [userId, institutionId],
      );
    },
    async countLiveAt(applicationId, institutionIds) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM connections
         WHERE application_id = $1 AND institution_id = ANY($2::text[]) AND status <> 'deleted'`,
        [applicationId, institutionIds],
      );
      return rows[0]?.n ?? 0;
    },
    async nextOrdinal(institutionId, method) {
      const { rows } = await db.query<{ n: number }>(
        `INSERT INTO connection_ordinals (institution_id, method, last_ordinal) VALUES ($1, $2, 1)
         ON CONFLICT (institution_id, method)
         DO UPDATE SET last_ordinal = connection_ordinals.last_ordinal + 1
         RETURNING last_ordinal AS n`,
        [institutionId, method],
      );
      return Number(rows[0]?.n ?? 1);
    },
    listSmartCacheDue(now, limit) {
      return many(
        `SELECT ${columns} FROM connections
         WHERE status = 'active' AND smart_cache_next IS NOT NULL AND smart_cache_next <= $1
         ORDER BY smart_cache_next LIMIT $2`,
        [now, limit],
      );
    },
    listStale(before, limit) {
      return many(
        `SELECT ${columns} FROM connections
         WHERE status = 'active' AND NOT stale_reported
           AND COALESCE(last_success_at, created_at) < $1
         ORDER BY created_at LIMIT $2`,
        [before, limit],
      );
    },
  };
}
