import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newId } from '../../src/kernel/ids.ts';
import { createStore } from '../../src/storage/store.ts';
import { openTestDatabase } from '../support/database.ts';
import { testDrivers } from '../support/environment.ts';

const event = (applicationId: string, n: number) => ({
  id: newId(),
  applicationId,
  type: 'user.updated',
  entity: 'user',
  entityId: `u${n}`,
  userId: null,
  data: { n },
  createdAt: new Date(),
});

for (const driver of testDrivers) {
  describe(`events repository on ${driver}`, () => {
    test('events-webhooks.md §1: an event appended while another transaction holds an unsent one waits for its commit, so sequences follow commit order', async () => {
      const db = await openTestDatabase(driver);
      const store = createStore(db);
      const applicationId = newId();
      try {
        const order: string[] = [];
        let commit: () => void = () => undefined;
        const held = new Promise<void>((resolve) => (commit = resolve));
        let appended: () => void = () => undefined;
        const first = new Promise<void>((resolve) => (appended = resolve));
        const holding = store
          .transaction(async (tx) => {
            await tx.events.append(event(applicationId, 1));
            appended();
            await held;
          })
          .then(() => order.push('first committed'));
        await first;
        const second = store.events
          .append(event(applicationId, 2))
          .then(() => order.push('second appended'));
        // Long enough for the second append to finish were it not held back.
        await new Promise((resolve) => setTimeout(resolve, 200));
        commit();
        await Promise.all([holding, second]);
        assert.deepEqual(order, ['first committed', 'second appended']);
        const { rows } = await db.query<{ entity_id: string }>(
          'SELECT entity_id FROM events WHERE application_id = $1 ORDER BY sequence',
          [applicationId],
        );
        assert.deepEqual(
          rows.map((row) => row.entity_id),
          ['u1', 'u2'],
        );
        const { rows: outbox } = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM outbox o JOIN events e ON e.id = o.event_id WHERE e.application_id = $1',
          [applicationId],
        );
        assert.deepEqual(outbox, [{ n: 2 }]);
      } finally {
        await db.close();
      }
    });
  });
}
