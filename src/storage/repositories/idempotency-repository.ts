import type { IdempotencyRepository } from '../../domain/idempotency/idempotency-service.ts';
import type { Queryable } from '../database.ts';

interface Row {
  state: 'running' | 'done';
  body_hash: string;
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
  [key: string]: unknown;
}

const where = 'application_id = $1 AND subject = $2 AND method = $3 AND path = $4 AND key = $5';

export function createIdempotencyRepository(db: Queryable): IdempotencyRepository {
  return {
    async claim(scope, bodyHash, now, expiresAt) {
      const ids = [scope.applicationId, scope.subject, scope.method, scope.path, scope.key];
      // Take over an expired entry, then try to claim; a concurrent claim loses to the primary key.
      await db.query(`DELETE FROM idempotency_keys WHERE ${where} AND expires_at <= $6`, [
        ...ids,
        now,
      ]);
      const inserted = await db.query(
        `INSERT INTO idempotency_keys (application_id, subject, method, path, key, body_hash, state, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, $8) ON CONFLICT DO NOTHING RETURNING key`,
        [...ids, bodyHash, now, expiresAt],
      );
      if (inserted.rows.length > 0) return 'claimed';
      const { rows } = await db.query<Row>(
        `SELECT state, body_hash, status, headers, body FROM idempotency_keys WHERE ${where}`,
        ids,
      );
      const row = rows[0];
      if (!row) return 'claimed';
      if (row.state === 'running') return { state: 'running', bodyHash: row.body_hash };
      return {
        state: 'done',
        bodyHash: row.body_hash,
        status: row.status ?? 200,
        headers: row.headers ?? {},
        body: row.body ?? '',
      };
    },
    async complete(scope, response) {
      await db.query(
        `UPDATE idempotency_keys SET state = 'done', status = $6, headers = $7, body = $8 WHERE ${where}`,
        [
          scope.applicationId,
          scope.subject,
          scope.method,
          scope.path,
          scope.key,
          response.status,
          JSON.stringify(response.headers),
          response.body,
        ],
      );
    },
    async release(scope) {
      await db.query(`DELETE FROM idempotency_keys WHERE ${where}`, [
        scope.applicationId,
        scope.subject,
        scope.method,
        scope.path,
        scope.key,
      ]);
    },
  };
}
