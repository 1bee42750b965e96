// Rows that repository tests hang their own off, written with plain SQL.
import { newId } from '../../src/kernel/ids.ts';
import type { Database } from '../../src/storage/database.ts';
import { createStore } from '../../src/storage/store.ts';

export interface Owner {
  userId: string;
  connectionId: string;
  accountId: string;
  /** A running job of the connection, whose batches these are. */
  jobId: string;
}

/** An application, a user, a connection, an account and a running job: what batches hang off. */
export async function owner(db: Database): Promise<Owner> {
  const store = createStore(db);
  const applicationId = newId();
  const userId = newId();
  const connectionId = newId();
  const accountId = newId();
  const jobId = newId();
  await store.applications.insertApplication({
    id: applicationId,
    name: applicationId,
    status: 'active',
    isDefault: false,
    createdAt: new Date(),
  });
  await db.query(
    `INSERT INTO users (id, application_id, email, created_at) VALUES ($1, $2, $3, now())`,
    [userId, applicationId, `${userId}@example.test`],
  );
  await db.query(
    `INSERT INTO connections (id, application_id, user_id, institution_id, method, status,
       created_at, ordinal) VALUES ($1, $2, $3, 'AU00000', 'web', 'active', now(), 1)`,
    [connectionId, applicationId, userId],
  );
  await db.query(
    `INSERT INTO accounts (id, application_id, user_id, connection_id, institution_id, bank_key,
       name, account_no, class_type, currency, status, created_at, last_updated)
     VALUES ($1, $2, $3, $4, 'AU00000', 'acc-1', 'Everyday', '123', 'transaction', 'AUD',
       'available', '2026-11-01T00:00:00Z', now())`,
    [accountId, applicationId, userId, connectionId],
  );
  await db.query(
    `INSERT INTO connection_jobs (id, connection_id, user_id, application_id, institution_id,
       trigger, state, steps, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'AU00000', 'refresh', 'running', '[]', now(), now())`,
    [jobId, connectionId, userId, applicationId],
  );
  return { userId, connectionId, accountId, jobId };
}
