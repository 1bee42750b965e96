import type { Queryable } from '../database.ts';

/** Rows written by the queue's smoke job: one per execution, so a double run is visible. */
export function createQueueSmokeRepository(db: Queryable) {
  return {
    async recordRun(jobKey: string, worker: string): Promise<void> {
      await db.query('INSERT INTO queue_smoke_runs (job_key, worker) VALUES ($1, $2)', [
        jobKey,
        worker,
      ]);
    },
    async runs(): Promise<{ jobKey: string; worker: string }[]> {
      const { rows } = await db.query<{ job_key: string; worker: string }>(
        'SELECT job_key, worker FROM queue_smoke_runs ORDER BY ran_at',
      );
      return rows.map((row) => ({ jobKey: row.job_key, worker: row.worker }));
    },
  };
}

export type QueueSmokeRepository = ReturnType<typeof createQueueSmokeRepository>;
