import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  filterOps,
  matchesFilter,
  parseFilter,
  type Filter,
  type FilterFields,
  type FilterValue,
} from '../../src/domain/filters/filter.ts';
import type { Queryable } from '../../src/storage/database.ts';
import { filterToSql, type SqlColumn } from '../../src/storage/filter-sql.ts';
import { openTestDatabase } from '../support/database.ts';
import { testDrivers } from '../support/environment.ts';

const fields: FilterFields = {
  'row.name': { ops: filterOps, kind: 'string' },
  'row.email': { ops: filterOps, kind: 'string' },
  'row.ref': { ops: filterOps, kind: 'uuid' },
  'row.day': { ops: filterOps, kind: 'date' },
  'row.at': { ops: filterOps, kind: 'datetime' },
  'row.atDay': { ops: filterOps, kind: 'date' },
  'row.amount': { ops: filterOps, kind: 'decimal' },
  'row.flag': { ops: filterOps, kind: 'boolean' },
};

const columns: Record<string, SqlColumn> = {
  'row.name': { sql: 'name', type: 'text' },
  'row.email': { sql: 'email', type: 'citext-like' },
  'row.ref': { sql: 'ref', type: 'uuid' },
  'row.day': { sql: 'day', type: 'date' },
  'row.at': { sql: 'at', type: 'timestamptz' },
  // A 'date' field over a time column: compared by the time's UTC date.
  'row.atDay': { sql: 'at', type: 'timestamptz' },
  'row.amount': { sql: 'amount', type: 'numeric' },
  'row.flag': { sql: 'flag', type: 'boolean' },
};

interface ScratchRow {
  id: number;
  name: string | null;
  email: string | null;
  ref: string | null;
  day: string | null;
  at: string | null;
  amount: string | null;
  flag: boolean | null;
}

const uuid1 = 'c1f0a7e2-5b9d-4e0f-8a61-3d2b9c4e5f60';
const uuid2 = '0193a4f2-9d0c-7e55-b1a2-6c7d8e9f0a1b';
const uuid3 = '8b1e4c0a-3f52-4d8e-9a57-2c6f1d0b7e11';
const uuid5 = 'a7e3c1d9-2b4f-4a6e-8c0d-1e2f3a4b5c6d';

const rows: ScratchRow[] = [
  {
    id: 1,
    name: 'alpha',
    email: 'Ann@Example.com',
    ref: uuid1,
    day: '2026-03-01',
    at: '2026-03-01T10:00:00.000Z',
    amount: '-12.50',
    flag: true,
  },
  {
    id: 2,
    name: 'beta',
    email: 'bob@example.com',
    ref: uuid2,
    day: '2026-03-02',
    // 2026-03-01T23:30:00-05:00: the previous day in New York, 2 March in UTC.
    at: '2026-03-02T04:30:00.000Z',
    amount: '0.00',
    flag: false,
  },
  {
    id: 3,
    name: 'Gamma',
    email: 'carol@example.com',
    ref: uuid3,
    day: '2026-03-15',
    at: '2026-03-15T00:00:00.000Z',
    amount: '100.10',
    flag: true,
  },
  { id: 4, name: null, email: null, ref: null, day: null, at: null, amount: null, flag: null },
  {
    id: 5,
    name: "it's",
    email: 'dan@example.com',
    ref: uuid5,
    day: '2026-04-01',
    at: '2026-03-31T23:59:59.999999Z',
    amount: '1234567890123.99',
    flag: false,
  },
];

/** Filter → the ids it selects. `sqlOnly`: case-insensitive e-mail, which only SQL does. */
const cases: { filter: string; ids: number[]; sqlOnly?: boolean }[] = [
  // text, ordered by code point: 'Gamma' < 'alpha' < 'beta' < "it's"
  { filter: "row.name.eq('alpha')", ids: [1] },
  { filter: "row.name.eq('Alpha')", ids: [] },
  { filter: "row.name.eq('it''s')", ids: [5] },
  { filter: "row.name.ne('alpha')", ids: [2, 3, 5] },
  { filter: "row.name.gt('alpha')", ids: [2, 5] },
  { filter: "row.name.gteq('alpha')", ids: [1, 2, 5] },
  { filter: "row.name.lt('beta')", ids: [1, 3] },
  { filter: "row.name.lteq('beta')", ids: [1, 2, 3] },
  { filter: "row.name.bt('Gamma','beta')", ids: [1, 2, 3] },
  { filter: "row.name.in('alpha')", ids: [1] },
  { filter: "row.name.in('alpha','it''s','zeta')", ids: [1, 5] },
  // citext-like
  { filter: "row.email.eq('ann@example.com')", ids: [1], sqlOnly: true },
  { filter: "row.email.eq('BOB@EXAMPLE.COM')", ids: [2], sqlOnly: true },
  { filter: "row.email.ne('ANN@example.com')", ids: [2, 3, 5], sqlOnly: true },
  { filter: "row.email.in('ANN@example.com','dan@EXAMPLE.com')", ids: [1, 5], sqlOnly: true },
  { filter: "row.email.gt('bob@example.com')", ids: [3, 5] },
  { filter: "row.email.bt('ANN@EXAMPLE.COM','BOB@EXAMPLE.COM')", ids: [1, 2], sqlOnly: true },
  // uuid
  { filter: `row.ref.eq('${uuid1}')`, ids: [1] },
  { filter: `row.ref.ne('${uuid1}')`, ids: [2, 3, 5] },
  { filter: `row.ref.in('${uuid2}','${uuid5}')`, ids: [2, 5] },
  { filter: `row.ref.gt('${uuid3}')`, ids: [1, 5] },
  // date
  { filter: "row.day.eq('2026-03-01')", ids: [1] },
  { filter: "row.day.eq('2026-03-01T23:30:00-05:00')", ids: [2] },
  { filter: "row.day.ne('2026-03-01')", ids: [2, 3, 5] },
  { filter: "row.day.gt('2026-03-01')", ids: [2, 3, 5] },
  { filter: "row.day.gteq('2026-03-02')", ids: [2, 3, 5] },
  { filter: "row.day.lt('2026-03-15')", ids: [1, 2] },
  { filter: "row.day.lteq('2026-03-15')", ids: [1, 2, 3] },
  { filter: "row.day.bt('2026-03-02','2026-03-15')", ids: [2, 3] },
  { filter: "row.day.in('2026-03-01','2026-04-01')", ids: [1, 5] },
  // timestamptz as instants
  { filter: "row.at.eq('2026-03-01T20:00:00+10:00')", ids: [1] },
  { filter: "row.at.eq('2026-03-31T23:59:59.999999Z')", ids: [5] },
  { filter: "row.at.ne('2026-03-01T20:00:00+10:00')", ids: [2, 3, 5] },
  { filter: "row.at.gt('2026-03-01T10:00:00Z')", ids: [2, 3, 5] },
  { filter: "row.at.gt('2026-03-31T23:59:59.999998Z')", ids: [5] },
  { filter: "row.at.gteq('2026-03-01T10:00:00Z')", ids: [1, 2, 3, 5] },
  { filter: "row.at.lt('2026-03-15')", ids: [1, 2] },
  { filter: "row.at.lteq('2026-03-15')", ids: [1, 2, 3] },
  { filter: "row.at.bt('2026-03-01T20:00:00+10:00','2026-03-15T00:00:00Z')", ids: [1, 2, 3] },
  { filter: "row.at.in('2026-03-15','2026-03-02T04:30:00Z')", ids: [2, 3] },
  // timestamptz by UTC calendar date
  { filter: "row.atDay.eq('2026-03-02')", ids: [2] },
  { filter: "row.atDay.eq('2026-03-31')", ids: [5] },
  { filter: "row.atDay.ne('2026-03-02')", ids: [1, 3, 5] },
  { filter: "row.atDay.gt('2026-03-15')", ids: [5] },
  { filter: "row.atDay.gteq('2026-03-15')", ids: [3, 5] },
  { filter: "row.atDay.lt('2026-03-02')", ids: [1] },
  { filter: "row.atDay.lteq('2026-03-02')", ids: [1, 2] },
  { filter: "row.atDay.bt('2026-03-01','2026-03-02')", ids: [1, 2] },
  { filter: "row.atDay.in('2026-03-01','2026-03-31')", ids: [1, 5] },
  // numeric
  { filter: "row.amount.eq('100.1')", ids: [3] },
  { filter: "row.amount.ne('0')", ids: [1, 3, 5] },
  { filter: "row.amount.gt('0')", ids: [3, 5] },
  { filter: "row.amount.gt('1234567890123.98')", ids: [5] },
  { filter: 'row.amount.gteq(0)', ids: [2, 3, 5] },
  { filter: "row.amount.lt('0')", ids: [1] },
  { filter: 'row.amount.lteq(-12.5)', ids: [1] },
  { filter: "row.amount.bt('-12.5','100.10')", ids: [1, 2, 3] },
  { filter: "row.amount.in('-12.5','1234567890123.99')", ids: [1, 5] },
  // boolean
  { filter: 'row.flag.eq(true)', ids: [1, 3] },
  { filter: 'row.flag.eq(false)', ids: [2, 5] },
  { filter: 'row.flag.ne(true)', ids: [2, 5] },
  { filter: 'row.flag.gt(false)', ids: [1, 3] },
  { filter: 'row.flag.in(false)', ids: [2, 5] },
  { filter: 'row.flag.in(true, false)', ids: [1, 2, 3, 5] },
  // AND
  { filter: "row.name.ne('alpha'), row.amount.gt('0')", ids: [3, 5] },
  { filter: "row.flag.eq(true),row.atDay.gteq('2026-03-02'),row.day.lt('2026-04-01')", ids: [3] },
];

function valueOf(row: ScratchRow): (field: string) => FilterValue | null {
  return (field) => {
    const key = field === 'row.atDay' ? 'at' : field.slice('row.'.length);
    const value = row[key as keyof ScratchRow];
    return value === undefined ? null : value;
  };
}

async function createScratch(db: Queryable): Promise<void> {
  await db.query(
    `CREATE TABLE filter_scratch (
       id int PRIMARY KEY, name text, email text, ref uuid, day date, at timestamptz,
       amount numeric(16,2), flag boolean)`,
  );
  for (const r of rows) {
    await db.query('INSERT INTO filter_scratch VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      r.id,
      r.name,
      r.email,
      r.ref,
      r.day,
      r.at,
      r.amount,
      r.flag,
    ]);
  }
}

async function selectIds(db: Queryable, filter: Filter): Promise<number[]> {
  const where = filterToSql(filter, columns, 1);
  const { rows: found } = await db.query<{ id: number }>(
    `SELECT id FROM filter_scratch WHERE ${where.sql} ORDER BY id`,
    where.params,
  );
  return found.map((r) => r.id);
}

describe('filterToSql: the fragment', () => {
  test('the empty filter is TRUE with no parameters', () => {
    assert.deepEqual(filterToSql([], columns, 1), { sql: 'TRUE', params: [] });
    assert.deepEqual(filterToSql(parseFilter(undefined, fields), columns, 7), {
      sql: 'TRUE',
      params: [],
    });
  });

  test('conditions are joined with AND, numbered from firstParam, values never in the SQL', () => {
    const filter = parseFilter(
      "row.email.eq('a@b.c'),row.amount.bt('1','2'),row.name.in('x''; DROP TABLE users; --','y'),row.atDay.ne('2026-03-01')",
      fields,
    );
    const { sql, params } = filterToSql(filter, columns, 3);
    assert.equal(
      sql,
      [
        '(lower(email) = lower($3::text))',
        '(amount BETWEEN $4::numeric AND $5::numeric)',
        '(name = ANY ($6::text[]))',
        "(at IS NOT NULL AND (at AT TIME ZONE 'UTC')::date <> $7::date)",
      ].join(' AND '),
    );
    assert.deepEqual(params, ['a@b.c', '1', '2', ["x'; DROP TABLE users; --", 'y'], '2026-03-01']);
  });

  test('a field without a column is a programming error', () => {
    assert.throws(
      () => filterToSql([{ field: 'row.colour', op: 'eq', values: ['red'] }], columns, 1),
      (error: unknown) => error instanceof Error && error.name === 'Error',
    );
    assert.throws(() =>
      filterToSql([{ field: 'constructor', op: 'eq', values: ['x'] }], columns, 1),
    );
    assert.throws(() => filterToSql([{ field: 'row.name', op: 'bt', values: ['a'] }], columns, 1));
    assert.throws(() => filterToSql([{ field: 'row.name', op: 'in', values: [] }], columns, 1));
    assert.throws(() => filterToSql([], columns, 0));
  });
});

for (const driver of testDrivers) {
  describe(`filterToSql on ${driver}`, () => {
    test('each operator on each column type selects exactly the expected rows, as matchesFilter does', async () => {
      const db = await openTestDatabase(driver);
      try {
        await createScratch(db);
        const expected: Record<string, number[]> = {};
        const fromSql: Record<string, number[]> = {};
        const inMemory: Record<string, number[]> = {};
        for (const c of cases) {
          const filter = parseFilter(c.filter, fields);
          expected[c.filter] = c.ids;
          fromSql[c.filter] = await selectIds(db, filter);
          if (!c.sqlOnly) {
            inMemory[c.filter] = rows
              .filter((r) => matchesFilter(filter, valueOf(r)))
              .map((r) => r.id);
          }
        }
        assert.deepEqual(fromSql, expected);
        assert.deepEqual(
          inMemory,
          Object.fromEntries(cases.filter((c) => !c.sqlOnly).map((c) => [c.filter, c.ids])),
        );
        assert.deepEqual(await selectIds(db, []), [1, 2, 3, 4, 5]);
      } finally {
        await db.close();
      }
    });

    test('hand-built conditions, parameters after the caller’s own, and hostile values', async () => {
      const db = await openTestDatabase(driver);
      try {
        await createScratch(db);
        // Without a kind, a bare date on a time column compares by UTC date.
        assert.deepEqual(
          await selectIds(db, [{ field: 'row.atDay', op: 'eq', values: ['2026-03-02'] }]),
          [2],
        );
        assert.deepEqual(
          await selectIds(db, [{ field: 'row.amount', op: 'gt', values: [99.5] }]),
          [3, 5],
        );
        const where = filterToSql(parseFilter('row.flag.eq(true)', fields), columns, 2);
        const { rows: found } = await db.query<{ id: number }>(
          `SELECT id FROM filter_scratch WHERE id <> $1 AND ${where.sql} ORDER BY id`,
          [3, ...where.params],
        );
        assert.deepEqual(
          found.map((r) => r.id),
          [1],
        );
        const hostile = parseFilter(
          "row.name.eq('x''); DROP TABLE filter_scratch; --'),row.email.in('\\'' OR 1=1 --')",
          fields,
        );
        assert.deepEqual(await selectIds(db, hostile), []);
        assert.deepEqual(await selectIds(db, []), [1, 2, 3, 4, 5]);
      } finally {
        await db.close();
      }
    });
  });
}
