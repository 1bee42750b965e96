import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openTestDatabase } from '../support/database.ts';
import { testDrivers } from '../support/environment.ts';

for (const driver of testDrivers) {
  describe(`storage port on ${driver}`, () => {
    test('both drivers return the same wire types: int8 and numeric as strings, timestamptz as Date, bytea as Buffer', async () => {
      const db = await openTestDatabase(driver);
      try {
        const { rows } = await db.query<Record<string, unknown>>(
          "SELECT 9007199254740993::int8 AS big, 2::int4 AS small, '-124.69'::numeric(14,2) AS money, '2026-11-24T09:15:02Z'::timestamptz AS at, '\\x0102'::bytea AS bytes, $1::text AS param",
          ['p'],
        );
        const row = rows[0] ?? {};
        assert.equal(row.big, '9007199254740993');
        assert.equal(row.small, 2);
        assert.equal(row.money, '-124.69');
        assert.ok(row.at instanceof Date);
        assert.equal(row.at.toISOString(), '2026-11-24T09:15:02.000Z');
        assert.ok(Buffer.isBuffer(row.bytes));
        assert.deepEqual([...row.bytes], [1, 2]);
        assert.equal(row.param, 'p');
      } finally {
        await db.close();
      }
    });

    test('a transaction commits when its function resolves and rolls back when it throws', async () => {
      const db = await openTestDatabase(driver);
      try {
        await db.query('CREATE TABLE t (n int)');
        await db.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES ($1)', [1]);
        });
        await assert.rejects(
          db.transaction(async (tx) => {
            await tx.query('INSERT INTO t VALUES ($1)', [2]);
            throw new Error('changed my mind');
          }),
          /changed my mind/,
        );
        const { rows } = await db.query<{ n: number }>('SELECT n FROM t ORDER BY n');
        assert.deepEqual(
          rows.map((r) => r.n),
          [1],
        );
      } finally {
        await db.close();
      }
    });

    test('a failed script that opened a transaction leaves none open', async () => {
      const db = await openTestDatabase(driver, { poolMax: 1 });
      try {
        await db.query('CREATE TABLE s (n int)');
        await assert.rejects(db.query('BEGIN; INSERT INTO s VALUES (1); SELECT 1/0; COMMIT;'));
        // With one connection, a transaction left open would make this fail or see the row.
        await db.query('INSERT INTO s VALUES (2)');
        const { rows } = await db.query<{ n: number }>('SELECT n FROM s ORDER BY n');
        assert.deepEqual(
          rows.map((r) => r.n),
          [2],
        );
      } finally {
        await db.close();
      }
    });

    test('a script returns the rows of its last statement', async () => {
      const db = await openTestDatabase(driver);
      try {
        const { rows } = await db.query<{ v: number }>('SELECT 1 AS v; SELECT 2 AS v');
        assert.deepEqual(rows, [{ v: 2 }]);
      } finally {
        await db.close();
      }
    });
  });
}
