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

    test('a statement that fails to parse, bind or run leaves the connection usable, and runs once fixed', async () => {
      const db = await openTestDatabase(driver, { poolMax: 1 });
      try {
        await db.query('CREATE TABLE f (id uuid PRIMARY KEY)');
        const insert = 'INSERT INTO f VALUES ($1)';
        await assert.rejects(db.query('SELEKT $1::int', [1]), { code: '42601' });
        await assert.rejects(db.query(insert, ['not-a-uuid']), { code: '22P02' });
        const id = '01a22d6b-26d8-71ce-84e9-b68000000001';
        await db.query(insert, [id]);
        await assert.rejects(db.query(insert, [id]), { code: '23505' });
        await assert.rejects(
          db.transaction(async (tx) => {
            await tx.query(insert, [id]);
          }),
          { code: '23505' },
        );
        const { rows } = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM f WHERE id = $1',
          [id],
        );
        assert.deepEqual(rows, [{ n: 1 }]);
      } finally {
        await db.close();
      }
    });

    test('a statement sent while a transaction is open does not join it: its row outlives the rollback', async () => {
      const db = await openTestDatabase(driver);
      try {
        await db.query('CREATE TABLE w (n int)');
        let release: () => void = () => undefined;
        const held = new Promise<void>((resolve) => (release = resolve));
        let inside: () => void = () => undefined;
        const entered = new Promise<void>((resolve) => (inside = resolve));
        const rolledBack = db.transaction(async (tx) => {
          await tx.query('INSERT INTO w VALUES ($1)', [1]);
          inside();
          await held;
          throw new Error('rolled back');
        });
        await entered;
        const outside = db.query('INSERT INTO w VALUES ($1)', [2]);
        release();
        await assert.rejects(rolledBack, /rolled back/);
        await outside;
        // The insert outside kept its row; the transaction's went with its rollback.
        const { rows } = await db.query<{ n: number }>('SELECT n FROM w WHERE n > $1', [0]);
        assert.deepEqual(
          rows.map((r) => r.n),
          [2],
        );
      } finally {
        await db.close();
      }
    });

    test('parameters go as the pg driver sends them: dates, arrays, bytes, objects, booleans', async () => {
      const db = await openTestDatabase(driver);
      try {
        const at = new Date('2026-11-24T09:15:02.123Z');
        const { rows } = await db.query<Record<string, unknown>>(
          `SELECT $1::timestamptz AS at, $2::text[] AS list, $3::bytea AS bytes, $4::jsonb AS doc,
             $5::boolean AS yes, $6::int AS n, $7::text AS nothing, cardinality($8::uuid[]) AS ids`,
          [
            at,
            ['a', 'b "c"', 'd\\e', null],
            Buffer.from([0, 255]),
            { k: [1, 'x'] },
            true,
            42,
            null,
            ['01a22d6b-26d8-71ce-84e9-b68000000001', '01a22d6b-26d8-71ce-84e9-b68000000002'],
          ],
        );
        const row = rows[0] ?? {};
        assert.ok(row.at instanceof Date);
        assert.equal(row.at.getTime(), at.getTime());
        assert.deepEqual(row.list, ['a', 'b "c"', 'd\\e', null]);
        assert.ok(Buffer.isBuffer(row.bytes));
        assert.deepEqual([...row.bytes], [0, 255]);
        assert.deepEqual(row.doc, { k: [1, 'x'] });
        assert.equal(row.yes, true);
        assert.equal(row.n, 42);
        assert.equal(row.nothing, null);
        assert.equal(row.ids, 2);
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
