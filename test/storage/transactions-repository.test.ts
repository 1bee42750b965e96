import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  TransactionsAlreadyStored,
  type TransactionInput,
} from '../../src/domain/connections/connection-types.ts';
import { newId } from '../../src/kernel/ids.ts';
import type { Database } from '../../src/storage/database.ts';
import { openPostgresDatabase } from '../../src/storage/drivers/postgres.ts';
import { arrayLiteral } from '../../src/storage/repositories/transactions-repository.ts';
import { createStore } from '../../src/storage/store.ts';
import { openTestDatabase } from '../support/database.ts';
import { owner, type Owner } from '../support/rows.ts';
import { testDrivers } from '../support/environment.ts';

function row(of: Owner, bankKey: string, description: string): TransactionInput {
  return {
    id: newId(),
    userId: of.userId,
    accountId: of.accountId,
    connectionId: of.connectionId,
    institutionId: 'AU00000',
    bankKey,
    status: 'posted',
    description,
    amount: '-12.30',
    currency: 'AUD',
    balance: '100.00',
    class: 'payment',
    transactionDate: '2026-11-20',
    postDate: '2026-11-20',
    paymentDetails: bankKey.endsWith('bpay')
      ? { bpay: { billerCode: '1234', billerName: null, crn: 'a"b\\c' }, apcaNumber: null }
      : null,
    pendingTransactionId: null,
  };
}

function batch(db: Database, of: Owner, rows: TransactionInput[], fresh: boolean) {
  return createStore(db).transactions.writeJobBatch(rows, {
    at: new Date('2026-11-21T00:00:00Z'),
    jobId: of.jobId,
    fresh,
  });
}

async function stored(db: Database, accountId: string) {
  const { rows } = await db.query<{
    bank_key: string;
    description: string;
    payment_details: unknown;
    user_id: string;
    account_created_at: Date;
  }>(
    `SELECT bank_key, description, payment_details, user_id, account_created_at
     FROM transactions WHERE account_id = $1 ORDER BY bank_key`,
    [accountId],
  );
  return rows;
}

// Values that a PostgreSQL array literal must quote or escape.
const hostile = [
  'plain',
  '',
  'NULL',
  'a "quoted" word',
  'back\\slash \\\\ twice',
  '{braces}, commas, and (parens)',
  'line\nbreak\ttab',
  'CAFÉ · 東京 🏦',
  ' leading and trailing ',
];

describe('arrayLiteral', () => {
  test('quotes every element, escapes quotes and backslashes, and writes NULL for null', () => {
    assert.equal(
      arrayLiteral(['a', null, 'x"y', 'b\\c', ''], (v) => v),
      '{"a",NULL,"x\\"y","b\\\\c",""}',
    );
    assert.equal(
      arrayLiteral([], (v: string) => v),
      '{}',
    );
  });
});

for (const driver of testDrivers) {
  describe(`transactions repository on ${driver}`, () => {
    test('batches keep every text exactly, whichever way they are written', async () => {
      const db = await openTestDatabase(driver);
      try {
        const of = await owner(db);
        const store = createStore(db);
        const at = new Date('2026-11-21T00:00:00Z');
        const inserted = hostile.map((text, i) => row(of, `b:${i}`, text));
        assert.deepEqual(await batch(db, of, inserted, true), {
          added: hostile.length,
          modified: 0,
        });
        const upserted = hostile.map((text, i) => row(of, `b:${i + 100}-bpay`, text));
        assert.deepEqual(await batch(db, of, upserted, false), {
          added: hostile.length,
          modified: 0,
        });
        const pending = hostile.map((text, i) => ({
          ...row(of, `pf:${i}`, text),
          status: 'pending' as const,
        }));
        assert.deepEqual(await store.transactions.upsert(pending, at), {
          added: hostile.length,
          modified: 0,
        });
        const rows = await stored(db, of.accountId);
        const byKey = new Map(rows.map((r) => [r.bank_key, r]));
        hostile.forEach((text, i) => {
          for (const key of [`b:${i}`, `b:${i + 100}-bpay`, `pf:${i}`]) {
            assert.equal(byKey.get(key)?.description, text, key);
          }
        });
        assert.deepEqual(byKey.get('b:100-bpay')?.payment_details, {
          bpay: { billerCode: '1234', billerName: null, crn: 'a"b\\c' },
          apcaNumber: null,
        });
        // The user and the account's creation time come from the account row itself.
        assert.ok(rows.every((r) => r.user_id === of.userId));
        assert.ok(
          rows.every((r) => r.account_created_at.toISOString() === '2026-11-01T00:00:00.000Z'),
        );
        // A changed row is modified, an unchanged one left alone; the job is touched.
        const [first, second] = inserted;
        assert.ok(first && second);
        const changed = [{ ...first, description: 'changed' }, second];
        assert.deepEqual(await batch(db, of, changed, false), { added: 0, modified: 1 });
        assert.deepEqual(await store.transactions.upsert(changed, at), { added: 0, modified: 0 });
        const { rows: jobs } = await db.query<{ updated_at: Date }>(
          'SELECT updated_at FROM connection_jobs WHERE id = $1',
          [of.jobId],
        );
        assert.equal(jobs[0]?.updated_at.toISOString(), '2026-11-21T00:00:00.000Z');
      } finally {
        await db.close();
      }
    });

    test('a fresh batch holding a stored row is refused whole; an ended job writes nothing', async () => {
      const db = await openTestDatabase(driver);
      try {
        const of = await owner(db);
        await batch(db, of, [row(of, 'b:1', 'first')], true);
        await assert.rejects(
          batch(db, of, [row(of, 'b:2', 'second'), row(of, 'b:1', 'again')], true),
          TransactionsAlreadyStored,
        );
        assert.deepEqual(
          (await stored(db, of.accountId)).map((r) => [r.bank_key, r.description]),
          [['b:1', 'first']],
        );
        await db.query('UPDATE connection_jobs SET finished_at = now() WHERE id = $1', [of.jobId]);
        assert.equal(await batch(db, of, [row(of, 'b:3', 'late')], true), null);
        assert.equal(await batch(db, of, [row(of, 'b:4', 'late')], false), null);
        assert.equal((await stored(db, of.accountId)).length, 1);
      } finally {
        await db.close();
      }
    });

    test("an account's transactions go with it; rows for an account that is gone are not written", async () => {
      const db = await openTestDatabase(driver);
      try {
        const of = await owner(db);
        const other = await owner(db);
        const store = createStore(db);
        const at = new Date();
        await batch(db, of, [row(of, 'b:1', 'x'), row(of, 'b:2', 'y')], true);
        await batch(db, other, [row(other, 'b:1', 'z')], true);
        await db.query('DELETE FROM accounts WHERE id = $1', [of.accountId]);
        assert.deepEqual(await stored(db, of.accountId), []);
        assert.equal((await stored(db, other.accountId)).length, 1);
        const gone = { added: 0, modified: 0 };
        assert.deepEqual(await batch(db, of, [row(of, 'b:3', 'late')], true), gone);
        assert.deepEqual(await batch(db, of, [row(of, 'b:4', 'late')], false), gone);
        assert.deepEqual(await store.transactions.upsert([row(of, 'b:5', 'late')], at), gone);
        assert.deepEqual(await stored(db, of.accountId), []);
        // Deleting the user cascades to its accounts, and from them to the transactions.
        await db.query('DELETE FROM users WHERE id = $1', [other.userId]);
        assert.deepEqual(await stored(db, other.accountId), []);
      } finally {
        await db.close();
      }
    });

    if (driver === 'postgres') {
      test('an account deleted while a batch is being written waits for it, then takes its rows along', async () => {
        const db = await openTestDatabase(driver);
        const second = openPostgresDatabase({ url: db.url ?? '', poolMax: 1 });
        try {
          const of = await owner(db);
          const store = createStore(db);
          const deleting = await store.transaction(async (tx) => {
            await tx.transactions.upsert([row(of, 'b:1', 'x')], new Date());
            // The batch's transaction holds the account: the delete waits for its commit.
            const deleted = second.query('DELETE FROM accounts WHERE id = $1', [of.accountId]);
            const waiting = await Promise.race([
              deleted.then(() => 'deleted'),
              new Promise((resolve) => setTimeout(() => resolve('waiting'), 300)),
            ]);
            assert.equal(waiting, 'waiting');
            return { deleted };
          });
          await deleting.deleted;
          assert.deepEqual(await stored(db, of.accountId), []);
        } finally {
          await second.close();
          await db.close();
        }
      });
    }
  });
}
