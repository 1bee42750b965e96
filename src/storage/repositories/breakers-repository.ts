import type { Breaker, BreakersRepository } from '../../domain/connections/institution-health.ts';
import type { Queryable, Row } from '../database.ts';

function toBreaker(row: Row): Breaker {
  return {
    institutionId: row.institution_id as string,
    method: row.method as Breaker['method'],
    failures: Number(row.failures),
    state: row.state as Breaker['state'],
    openUntil: (row.open_until as Date | null) ?? null,
    openSeconds: Number(row.open_seconds),
    probeJobId: (row.probe_job_id as string | null) ?? null,
  };
}

export function createBreakersRepository(db: Queryable): BreakersRepository {
  return {
    async find(institutionId, method) {
      const { rows } = await db.query(
        'SELECT * FROM institution_breakers WHERE institution_id = $1 AND method = $2',
        [institutionId, method],
      );
      return rows[0] ? toBreaker(rows[0]) : null;
    },
    async lock(institutionId, method, openSeconds) {
      await db.query(
        `INSERT INTO institution_breakers (institution_id, method, open_seconds) VALUES ($1, $2, $3)
         ON CONFLICT (institution_id, method) DO NOTHING`,
        [institutionId, method, openSeconds],
      );
      const { rows } = await db.query(
        `SELECT * FROM institution_breakers WHERE institution_id = $1 AND method = $2 FOR UPDATE`,
        [institutionId, method],
      );
      const row = rows[0];
      if (!row) throw new Error(`breaker ${institutionId}/${method} vanished`);
      return toBreaker(row);
    },
    async save(breaker) {
      await db.query(
        `UPDATE institution_breakers SET failures = $3, state = $4, open_until = $5,
           open_seconds = $6, probe_job_id = $7
         WHERE institution_id = $1 AND method = $2`,
        [
          breaker.institutionId,
          breaker.method,
          breaker.failures,
          breaker.state,
          breaker.openUntil,
          breaker.openSeconds,
          breaker.probeJobId,
        ],
      );
    },
    async list() {
      const { rows } = await db.query('SELECT * FROM institution_breakers', []);
      return rows.map(toBreaker);
    },
    async jobStats(since) {
      const { rows } = await db.query<{
        institution_id: string;
        method: string;
        state: string;
        duration_ms: string | number;
      }>(
        `SELECT j.institution_id, c.method, j.state,
           (EXTRACT(EPOCH FROM (j.finished_at - j.contacted_at)) * 1000)::bigint AS duration_ms
         FROM connection_jobs j JOIN connections c ON c.id = j.connection_id
         WHERE j.finished_at >= $1 AND j.contacted_at IS NOT NULL`,
        [since],
      );
      return rows.map((row) => ({
        institutionId: row.institution_id,
        method: row.method as Breaker['method'],
        success: row.state === 'success',
        durationMs: Number(row.duration_ms),
      }));
    },
  };
}
