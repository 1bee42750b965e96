import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createStore } from '../../src/storage/store.ts';
import { openTestDatabase } from '../support/database.ts';
import { testDrivers } from '../support/environment.ts';
import { owner } from '../support/rows.ts';

for (const driver of testDrivers) {
  describe(`jobs repository on ${driver}`, () => {
    test('a waiting job released after the clock passed its time is dispatched at once; a job waiting for a busy login is not', async () => {
      const db = await openTestDatabase(driver);
      const store = createStore(db);
      try {
        const of = await owner(db);
        const clock = new Date('2026-11-24T09:00:00Z');
        const later = new Date(clock.getTime() + 7 * 60_000);
        // A paused job (the same-credentials pause) whose run found it not yet due.
        await db.query(
          `UPDATE connection_jobs SET state = 'waiting', wait_reason = 'same-credentials-pause',
             resume_at = $2 WHERE id = $1`,
          [of.jobId, new Date(clock.getTime() + 6 * 60_000)],
        );
        const claimed = await store.jobs.claim(of.jobId, 'worker-1', 60);
        assert.equal(claimed?.job.id, of.jobId);
        // The clock moves past the pause while the run still holds the lease: the tick skips it.
        await store.jobs.clearDispatched(later);
        assert.deepEqual(await store.jobs.listDispatchable(later, 30, 10), []);
        await store.jobs.releaseLease(of.jobId, 'worker-1');
        assert.deepEqual(await store.jobs.listDispatchable(later, 30, 10), [of.jobId]);
        // Before its time it is not sent.
        assert.deepEqual(await store.jobs.listDispatchable(clock, 30, 10), []);

        // A job waiting for another job of its login stays marked until that one wakes it.
        await db.query(
          `UPDATE connection_jobs SET wait_reason = 'credentials-busy', resume_at = $2,
             dispatched_at = NULL WHERE id = $1`,
          [of.jobId, clock],
        );
        await store.jobs.claim(of.jobId, 'worker-1', 60);
        await store.jobs.releaseLease(of.jobId, 'worker-1');
        assert.deepEqual(await store.jobs.listDispatchable(later, 30, 10), []);
      } finally {
        await db.close();
      }
    });
  });
}
