import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock, type ClockReading } from '../../src/kernel/clock.ts';
import { openPostgresDatabase } from '../../src/storage/drivers/postgres.ts';
import { PersistedSandboxClock } from '../../src/storage/sandbox-clock.ts';
import { openTestDatabase } from '../support/database.ts';
import { testDrivers } from '../support/environment.ts';

const start = '2026-11-24T09:15:02.250Z';
const day = 86_400;

for (const driver of testDrivers) {
  describe(`persisted sandbox clock on ${driver}`, () => {
    test('sandbox.md §5: starts at offset 0 on its base; advance adds whole seconds, applies at once and is stored', async () => {
      const db = await openTestDatabase(driver);
      const base = new ManualClock(start);
      const clock = await PersistedSandboxClock.open(db, { base, refreshMs: null });
      try {
        assert.deepEqual(clock.read(), { now: new Date(start), offsetSeconds: 0 });
        const after = await clock.advance(day);
        assert.deepEqual(after, { now: new Date('2026-11-25T09:15:02.250Z'), offsetSeconds: day });
        assert.deepEqual(clock.now(), after.now);
        // The base keeps running under the offset.
        base.advance(1_500);
        assert.equal(clock.now().toISOString(), '2026-11-25T09:15:03.750Z');
        const { rows } = await db.query<{ offset_seconds: string }>(
          'SELECT offset_seconds FROM sandbox_clock',
          [],
        );
        assert.deepEqual(rows, [{ offset_seconds: String(day) }]);
      } finally {
        await clock.stop();
        await db.close();
      }
    });

    test('sandbox.md §5: setTo moves to the instant (offset rounded up to a whole second) and never back; advance refuses zero, negative and fractional seconds', async () => {
      const db = await openTestDatabase(driver);
      const clock = await PersistedSandboxClock.open(db, {
        base: new ManualClock(start),
        refreshMs: null,
      });
      try {
        const moved = await clock.setTo(new Date('2026-11-24T10:15:02Z'));
        // 3,599.75 s ahead of the base, rounded up: the clock reads the instant or just after it.
        assert.deepEqual(moved, {
          now: new Date('2026-11-24T10:15:02.250Z'),
          offsetSeconds: 3_600,
        });
        const earlier = await clock.setTo(new Date('2026-11-24T09:30:00Z'));
        assert.deepEqual(earlier, moved);
        const past = await clock.setTo(new Date('2020-01-01T00:00:00Z'));
        assert.deepEqual(past, moved);
        for (const bad of [0, -60, 1.5, Number.NaN, Number.MAX_VALUE]) {
          await assert.rejects(clock.advance(bad), RangeError, String(bad));
        }
        assert.equal(clock.read().offsetSeconds, 3_600);
        const { rows } = await db.query<{ offset_seconds: string }>(
          'SELECT offset_seconds FROM sandbox_clock',
          [],
        );
        assert.deepEqual(rows, [{ offset_seconds: '3600' }]);
      } finally {
        await clock.stop();
        await db.close();
      }
    });

    test('sandbox.md §5: onChange fires once per larger offset seen, with the new reading; unsubscribe stops it; a throwing listener is reported and the others still run', async () => {
      const db = await openTestDatabase(driver);
      const errors: [unknown, string][] = [];
      const clock = await PersistedSandboxClock.open(db, {
        base: new ManualClock(start),
        refreshMs: null,
        onError: (error, during) => errors.push([error, during]),
      });
      try {
        const seen: ClockReading[] = [];
        const stop = clock.onChange((reading) => seen.push(reading));
        clock.onChange(() => {
          throw new Error('listener bug');
        });
        const first = await clock.advance(60);
        assert.deepEqual(seen, [first]);
        // Moves that do not grow the offset are not changes.
        await clock.setTo(new Date(start));
        await clock.refresh();
        assert.equal(seen.length, 1);
        assert.equal(errors.length, 1);
        assert.equal(errors[0]?.[1], 'listener');
        stop();
        await clock.advance(60);
        assert.equal(seen.length, 1);
      } finally {
        await clock.stop();
        await db.close();
      }
    });

    test('sandbox.md §5: concurrent advances from two clocks on one database add up; each sees the other through a refresh and tells its listeners', async () => {
      const db = await openTestDatabase(driver);
      // On PostgreSQL the second clock has its own pool, as another process would.
      const other = db.url ? openPostgresDatabase({ url: db.url, poolMax: 3 }) : db;
      const a = await PersistedSandboxClock.open(db, { refreshMs: null });
      const b = await PersistedSandboxClock.open(other, { refreshMs: null });
      try {
        await Promise.all([
          ...Array.from({ length: 5 }, () => a.advance(10)),
          ...Array.from({ length: 5 }, () => b.advance(1)),
        ]);
        assert.equal((await a.refresh()).offsetSeconds, 55);
        assert.equal((await b.refresh()).offsetSeconds, 55);
        // Listened from here: what b already knew (its own advances raced a's) is not news.
        const seen: number[] = [];
        b.onChange((reading) => seen.push(reading.offsetSeconds));
        await a.advance(45);
        assert.equal((await b.refresh()).offsetSeconds, 100);
        assert.deepEqual(seen, [100]);
      } finally {
        await a.stop();
        await b.stop();
        if (other !== db) await other.close();
        await db.close();
      }
    });

    test('sandbox.md §5: with refreshMs the clock re-reads the offset by itself and picks up an advance made by another clock', async () => {
      const db = await openTestDatabase(driver);
      const other = db.url ? openPostgresDatabase({ url: db.url, poolMax: 3 }) : db;
      const writer = await PersistedSandboxClock.open(other, { refreshMs: null });
      const reader = await PersistedSandboxClock.open(db, { refreshMs: 50 });
      try {
        const changed = new Promise<ClockReading>((resolve) => reader.onChange(resolve));
        await writer.advance(day);
        // The clock's timer is unref'd and an idle embedded database holds no handle: the test
        // keeps the process alive while it waits.
        const alive = setInterval(() => undefined, 1_000);
        const reading = await changed.finally(() => clearInterval(alive));
        assert.equal(reading.offsetSeconds, day);
        assert.equal(reader.read().offsetSeconds, day);
        // Stopping waits for a re-read in flight, so the database can close right after.
        await reader.stop();
      } finally {
        await reader.stop();
        await writer.stop();
        if (other !== db) await other.close();
        await db.close();
      }
    });
  });
}
