import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Store } from '../../src/domain/store/store.ts';
import { newId } from '../../src/kernel/ids.ts';
import type { Database } from '../../src/storage/database.ts';
import { createStore } from '../../src/storage/store.ts';
import { openTestDatabase } from '../support/database.ts';
import { testDrivers } from '../support/environment.ts';
import { owner, type Owner } from '../support/rows.ts';

for (const driver of testDrivers) {
  describe(`jobs repository on ${driver}`, () => {
    /** A test's database, store and owner rows; the database is closed afterwards. */
    const withOwner = async (
      fn: (context: { db: Database; store: Store; of: Owner }) => Promise<void>,
    ) => {
      const db = await openTestDatabase(driver);
      const store = createStore(db);
      try {
        await fn({ db, store, of: await owner(db) });
      } finally {
        await db.close();
      }
    };

    test('a waiting job released after the clock passed its time is dispatched at once; a job waiting for a busy login only once the login is free', () =>
      withOwner(async ({ db, store, of }) => {
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
        const peer = (await owner(db)).jobId;
        await db.query(
          `UPDATE connection_jobs SET credential_key = 'login', contacted_at = now(),
             lease_owner = 'worker-2', lease_until = now() + interval '1 hour' WHERE id = $1`,
          [peer],
        );
        await db.query(
          `UPDATE connection_jobs SET wait_reason = 'credentials-busy', resume_at = $2,
             credential_key = 'login', dispatched_at = NULL WHERE id = $1`,
          [of.jobId, clock],
        );
        assert.equal((await store.jobs.claim(of.jobId, 'worker-1', 60))?.credentialsBusy, true);
        await store.jobs.releaseLease(of.jobId, 'worker-1');
        assert.deepEqual(await store.jobs.listDispatchable(later, 30, 10), []);
        // The login's job finished (its wake coming before this run wrote its wait): released,
        // the job is left to the tick.
        await store.jobs.claim(of.jobId, 'worker-1', 60);
        await db.query(`UPDATE connection_jobs SET finished_at = now() WHERE id = $1`, [peer]);
        await store.jobs.releaseLease(of.jobId, 'worker-1');
        assert.deepEqual(await store.jobs.listDispatchable(later, 30, 10), [of.jobId]);
      }));

    test('a claim comes back with the job and its connection, kept bank session included', () =>
      withOwner(async ({ db, store, of }) => {
        await db.query(`UPDATE connections SET bank_session_sealed = 'sealed' WHERE id = $1`, [
          of.connectionId,
        ]);
        const claimed = await store.jobs.claim(of.jobId, 'worker-1', 60);
        assert.equal(claimed?.job.id, of.jobId);
        assert.equal(claimed.connection.id, of.connectionId);
        assert.equal(claimed.connection.userId, of.userId);
        assert.equal(claimed.connection.status, 'active');
        assert.equal(claimed.connection.bankSession, 'sealed');
        assert.equal(claimed.credentialsBusy, false);
        // Held: a second claim gets nothing.
        assert.equal(await store.jobs.claim(of.jobId, 'worker-2', 60), null);
      }));

    test("a refresh's state: the unfinished job without secrets, and the counted jobs since a time", () =>
      withOwner(async ({ db, store, of }) => {
        const since = new Date('2026-11-23T09:00:00Z');
        await db.query(`UPDATE connection_jobs SET session = 'sealed' WHERE id = $1`, [of.jobId]);
        const job = async (trigger: string, at: string) =>
          db.query(
            `INSERT INTO connection_jobs (id, connection_id, user_id, application_id,
               institution_id, trigger, state, steps, created_at, updated_at, finished_at)
             SELECT gen_random_uuid(), connection_id, user_id, application_id, institution_id,
               $2, 'success', '[]', $3, $3, $3 FROM connection_jobs WHERE id = $1`,
            [of.jobId, trigger, at],
          );
        await job('manual-refresh', '2026-11-23T08:59:59Z'); // before the window
        await job('manual-refresh', '2026-11-23T10:00:00Z');
        await job('bulk-refresh', '2026-11-24T07:00:00Z');
        await job('smart-cache', '2026-11-23T09:30:00Z'); // not counted
        const state = await store.jobs.refreshState(
          { userId: of.userId, connectionId: of.connectionId },
          since,
        );
        assert.equal(state?.connection.id, of.connectionId);
        assert.equal(state.connection.bankSession, null);
        assert.equal(state.running?.id, of.jobId);
        assert.equal(state.running.session, null);
        assert.deepEqual(state.counted, { count: 2, oldest: new Date('2026-11-23T10:00:00Z') });
        // Another user's connection is not found.
        assert.equal(
          await store.jobs.refreshState({ userId: newId(), connectionId: of.connectionId }, since),
          null,
        );

        await db.query(`UPDATE connection_jobs SET finished_at = now() WHERE id = $1`, [of.jobId]);
        const after = await store.jobs.refreshState(
          { userId: of.userId, connectionId: of.connectionId },
          new Date('2026-11-25T00:00:00Z'),
        );
        assert.deepEqual(
          { running: after?.running, counted: after?.counted },
          { running: null, counted: { count: 0, oldest: null } },
        );
      }));

    test('a job is inserted for a live connection without an unfinished job only', () =>
      withOwner(async ({ db, store, of }) => {
        const running = await store.jobs.find(of.jobId);
        assert.ok(running);
        const next = { ...running, id: newId(), trigger: 'manual-refresh' as const };
        // The owner's job is unfinished: refused.
        assert.equal(await store.jobs.insertIfLive(next), false);
        await db.query(`UPDATE connection_jobs SET finished_at = now() WHERE id = $1`, [of.jobId]);
        assert.equal(await store.jobs.insertIfLive(next), true);
        assert.equal((await store.jobs.find(next.id))?.connectionId, of.connectionId);
        // A deleted connection: refused, though nothing of it is unfinished.
        await db.query(`UPDATE connection_jobs SET finished_at = now() WHERE id = $1`, [next.id]);
        await db.query(`UPDATE connections SET status = 'deleted' WHERE id = $1`, [
          of.connectionId,
        ]);
        const third = { ...next, id: newId() };
        assert.equal(await store.jobs.insertIfLive(third), false);
        assert.equal(await store.jobs.find(third.id), null);
      }));

    test("a success writes the job, the connection, its event and wakes the login's waiting jobs; nothing once the job ended or the connection is deleted", () =>
      withOwner(async ({ db, store, of }) => {
        const at = new Date('2026-11-24T09:00:00Z');
        await db.query(
          `UPDATE connections SET status = 'invalid', reason = '{"code":"bank-unavailable"}',
             smart_cache_retries = 2 WHERE id = $1;`,
          [of.connectionId],
        );
        await db.query(`UPDATE connection_jobs SET credential_key = 'login' WHERE id = $1`, [
          of.jobId,
        ]);
        // Another connection's job of the same login, waiting for this one.
        const waiting = (await owner(db)).jobId;
        await db.query(
          `UPDATE connection_jobs SET credential_key = 'login', state = 'waiting',
             wait_reason = 'credentials-busy', dispatched_at = now() WHERE id = $1`,
          [waiting],
        );
        const job = await store.jobs.find(of.jobId);
        assert.ok(job);
        const success = {
          at,
          dataAsOf: at,
          windowEnd: '2026-11-24',
          smartCacheNext: null,
          profile: null,
        };
        const profile = {
          fullName: 'Gavin Belson',
          firstName: 'Gavin',
          middleName: '',
          lastName: 'Belson',
          emailAddresses: ['gavin.belson@hooli.example'],
          phoneNumbers: [],
          physicalAddresses: [],
        };
        const ended = { ...job, state: 'success' as const, finishedAt: at, updatedAt: at };
        const event = (id: string) => ({
          id,
          applicationId: job.applicationId,
          type: 'job.completed',
          entity: 'job',
          entityId: job.id,
          userId: job.userId,
          data: { connectionId: job.connectionId },
          createdAt: at,
        });
        const events = async () =>
          (
            await db.query<{ id: string }>(
              `SELECT e.id FROM events e JOIN outbox o ON o.event_id = e.id
               WHERE e.entity_id = $1::text ORDER BY e.sequence`,
              [job.id],
            )
          ).rows.map((row) => row.id);
        const first = newId();
        const written = await store.jobs.finishWithSuccess(
          ended,
          { ...success, bankSession: 'kept', profile },
          event(first),
        );
        assert.equal(written?.status, 'active');
        assert.deepEqual(written.profile, profile);
        assert.equal(written.reason, null);
        assert.equal(written.smartCacheRetries, 0);
        assert.equal(written.windowEnd, '2026-11-24');
        assert.equal((await store.jobs.find(of.jobId))?.state, 'success');
        const { rows } = await db.query<{ dispatched_at: Date | null; kept: string | null }>(
          `SELECT (SELECT dispatched_at FROM connection_jobs WHERE id = $1),
             (SELECT bank_session_sealed FROM connections WHERE id = $2) AS kept`,
          [waiting, of.connectionId],
        );
        assert.deepEqual(rows[0], { dispatched_at: null, kept: 'kept' });
        assert.deepEqual(await events(), [first]);

        const again = () =>
          store.jobs.finishWithSuccess(ended, { ...success, bankSession: null }, event(newId()));

        // The job has ended: neither the connection, nor the waiting job, nor an event.
        await db.query(`UPDATE connections SET status = 'invalid' WHERE id = $1`, [
          of.connectionId,
        ]);
        await db.query(`UPDATE connection_jobs SET dispatched_at = now() WHERE id = $1`, [waiting]);
        assert.equal(await again(), null);
        assert.equal((await store.connections.findById(of.connectionId))?.status, 'invalid');
        const still = await db.query<{ dispatched: boolean }>(
          'SELECT dispatched_at IS NOT NULL AS dispatched FROM connection_jobs WHERE id = $1',
          [waiting],
        );
        assert.equal(still.rows[0]?.dispatched, true);
        assert.deepEqual(await events(), [first]);

        // A deleted connection: nothing is written, the job stays unfinished.
        await db.query(`UPDATE connections SET status = 'deleted' WHERE id = $1`, [
          of.connectionId,
        ]);
        await db.query(
          `UPDATE connection_jobs SET finished_at = NULL, state = 'running' WHERE id = $1`,
          [of.jobId],
        );
        assert.equal(await again(), null);
        assert.equal((await store.jobs.find(of.jobId))?.finishedAt, null);
        assert.deepEqual(await events(), [first]);
      }));
  });
}
