import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { describe, test } from 'node:test';
import { createGzip } from 'node:zlib';
import { newId } from '../../src/kernel/ids.ts';
import { backupTables, loadBackup, writeBackup } from '../../src/storage/backup.ts';
import type { Database } from '../../src/storage/database.ts';
import { openTestDatabase } from '../support/database.ts';
import { testDrivers } from '../support/environment.ts';
import { tempDir } from '../support/server.ts';

/** The same database, whose transactions begin only after `ms` (a loaded machine's BEGIN). */
function slowToBegin(db: Database, ms: number): Database {
  return {
    driver: db.driver,
    capabilities: db.capabilities,
    query: (sql, params) => db.query(sql, params),
    withAdvisoryLock: (key, fn) => db.withAdvisoryLock(key, fn),
    describe: () => db.describe(),
    close: () => db.close(),
    transaction: async (fn) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return db.transaction(fn);
    },
  };
}

async function archiveOf(db: Database, file: string): Promise<void> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  await writeBackup(db, { version: 'test', keyIds: [] }, async (chunk) => {
    if (!gzip.write(chunk)) await once(gzip, 'drain');
  });
  gzip.end();
  await once(out, 'finish');
}

for (const driver of testDrivers) {
  describe(`backup archives on ${driver}`, () => {
    test('operations.md A23: a restore whose transaction is slow to begin still loads every row', async () => {
      const source = await openTestDatabase(driver);
      const target = await openTestDatabase(driver);
      try {
        const ids = Array.from({ length: 2_500 }, () => newId());
        await source.query(
          `INSERT INTO applications (id, name, status, is_default, created_at)
           SELECT id, 'app ' || id, 'active', false, now() FROM unnest($1::uuid[]) AS t(id)`,
          [ids],
        );
        const file = join(tempDir(), 'backup.tgz');
        await archiveOf(source, file);

        await loadBackup(slowToBegin(target, 300), file);
        for (const table of backupTables) {
          const sql = `SELECT count(*)::int AS n FROM ${table}`;
          const [before] = (await source.query<{ n: number }>(sql)).rows;
          const [after] = (await target.query<{ n: number }>(sql)).rows;
          assert.equal(after?.n, before?.n, table);
        }
      } finally {
        await source.close();
        await target.close();
      }
    });
  });
}
