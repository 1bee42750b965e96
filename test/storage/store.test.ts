import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { User } from '../../src/domain/users/users-types.ts';
import { newId } from '../../src/kernel/ids.ts';
import { openPostgresDatabase } from '../../src/storage/drivers/postgres.ts';
import { createStore } from '../../src/storage/store.ts';
import { openTestDatabase } from '../support/database.ts';
import { testDrivers } from '../support/environment.ts';

function userOf(applicationId: string, email: string): User {
  return {
    id: newId(),
    applicationId,
    email,
    mobile: null,
    firstName: 'Ada',
    middleName: null,
    lastName: null,
    businessName: null,
    businessIdNo: null,
    businessIdNoType: null,
    businessAddress: { ...emptyAddress, suburb: 'Carlton' },
    verificationStatus: null,
    verificationDate: null,
    externalId: null,
    createdAt: new Date('2026-11-24T09:15:02.123Z'),
  };
}

const emptyAddress = {
  addressLine1: null,
  addressLine2: null,
  suburb: null,
  state: null,
  postcode: null,
  countryCode: null,
};

for (const driver of testDrivers) {
  describe(`store users on ${driver}`, () => {
    test('concurrent reads answer each caller as a read of its own would, tenancy kept', async () => {
      const db = await openTestDatabase(driver);
      try {
        const store = createStore(db);
        const [appA, appB] = [newId(), newId()];
        for (const id of [appA, appB]) {
          await store.applications.insertApplication({
            id,
            name: id,
            status: 'active',
            isDefault: false,
            createdAt: new Date(),
          });
        }
        const a1 = userOf(appA, 'a1@example.test');
        const a2 = userOf(appA, 'a2@example.test');
        const b1 = userOf(appB, 'b1@example.test');
        await store.transaction(async (tx) => {
          for (const user of [a1, a2, b1]) await tx.users.insert(user);
        });
        const asks: [string, string][] = [
          [appA, a1.id],
          [appA, a2.id],
          [appA, b1.id], // another application's user: not found
          [appB, b1.id],
          [appB, a1.id],
          [appA, a1.id], // the same user twice in one turn
          [appA, newId()], // no such user
          [appA, a1.id.toUpperCase()], // not canonical: read on its own
          [appB, 'not-a-uuid'],
        ];
        // What each read answers alone: one at a time, so nothing is batched.
        const alone: (User | null | string)[] = [];
        for (const [app, id] of asks) {
          alone.push(
            await store.users.find(app, id).catch((error: Error) => error.constructor.name),
          );
        }
        const together = await Promise.all(
          asks.map(([app, id]) =>
            store.users.find(app, id).catch((error: Error) => error.constructor.name),
          ),
        );
        assert.deepEqual(together, alone);
        assert.deepEqual(together.slice(0, 7), [a1, a2, null, b1, null, a1, null]);
        if (driver === 'postgres') assert.notEqual(together[0], together[5], 'one object each');
      } finally {
        await db.close();
      }
    });

    if (driver === 'postgres') {
      test('a write committed by another process before a read is asked is always seen', async () => {
        const db = await openTestDatabase(driver);
        const other = openPostgresDatabase({ url: db.url ?? '', poolMax: 1 });
        try {
          const store = createStore(db);
          const app = newId();
          await store.applications.insertApplication({
            id: app,
            name: app,
            status: 'active',
            isDefault: false,
            createdAt: new Date(),
          });
          const user = userOf(app, 'before@example.test');
          await store.users.insert(user);
          for (let round = 0; round < 20; round++) {
            // Reads in flight while the other process writes may see either value…
            const racing = Array.from({ length: 8 }, () => store.users.find(app, user.id));
            const email = `after-${round}@example.test`;
            await other.query('UPDATE users SET email = $1 WHERE id = $2', [email, user.id]);
            // …but every read asked after its commit sees it.
            const after = await Promise.all(
              Array.from({ length: 8 }, () => store.users.find(app, user.id)),
            );
            assert.deepEqual(
              after.map((found) => found?.email),
              Array.from({ length: 8 }, () => email),
            );
            await Promise.all(racing);
          }
          await other.query('DELETE FROM users WHERE id = $1', [user.id]);
          assert.deepEqual(
            await Promise.all([store.users.find(app, user.id), store.users.find(app, user.id)]),
            [null, null],
          );
        } finally {
          await other.close();
          await db.close();
        }
      });
    }
  });
}
