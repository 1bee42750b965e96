import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/storage/database.ts';
import { openEmbeddedDatabase } from '../../src/storage/drivers/embedded.ts';
import { openPostgresDatabase } from '../../src/storage/drivers/postgres.ts';
import {
  embeddedSnapshotPath,
  postgresTemplate,
  runId,
  testDatabaseUrl,
  type Driver,
} from './environment.ts';

/** The URL of another database on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh PostgreSQL database for one test file, copied from the run's migrated template
 * (graphile-worker's trick: `CREATE DATABASE … TEMPLATE` takes milliseconds). Without a template
 * (`migrated: false`) it is empty.
 */
export async function createPostgresDatabase(
  options: { migrated?: boolean } = {},
): Promise<{ name: string; url: string }> {
  const name = `tributary_t_${runId}_${randomBytes(4).toString('hex')}`;
  const template = options.migrated === false ? 'template0' : postgresTemplate;
  if (!template) throw new Error('no PostgreSQL template: run the tests through npm test');
  await admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return { name, url: databaseUrl(name) };
}

/** A migrated database of the given driver, open: PGlite from the run's snapshot, or PostgreSQL. */
export async function openTestDatabase(
  driver: Driver,
  options: { poolMax?: number } = {},
): Promise<Database & { url: string | null }> {
  if (driver === 'embedded') {
    if (!embeddedSnapshotPath)
      throw new Error('no PGlite snapshot: run the tests through npm test');
    const snapshot = new Blob([readFileSync(embeddedSnapshotPath)]);
    return Object.assign(await openEmbeddedDatabase({ snapshot }), { url: null });
  }
  const { url } = await createPostgresDatabase();
  return Object.assign(openPostgresDatabase({ url, poolMax: options.poolMax ?? 5 }), { url });
}
