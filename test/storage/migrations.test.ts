import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Database } from '../../src/storage/database.ts';
import { openEmbeddedDatabase } from '../../src/storage/drivers/embedded.ts';
import { openPostgresDatabase } from '../../src/storage/drivers/postgres.ts';
import {
  loadMigrations,
  migrate,
  migrationStatus,
  SchemaTooNewError,
} from '../../src/storage/migrate.ts';
import { createPostgresDatabase } from '../support/database.ts';
import { testDrivers, type Driver } from '../support/environment.ts';
import { tempDir } from '../support/server.ts';

function migrationsDir(files: Record<string, string>): string {
  const dir = join(tempDir(), 'migrations');
  mkdirSync(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

describe('migration files', () => {
  test('the shipped migrations are named NNNN-what-it-does.sql, numbered 0001 upwards without gaps', () => {
    const migrations = loadMigrations();
    assert.ok(migrations.length >= 2);
    migrations.forEach((m, i) => {
      assert.match(m.id, /^\d{4}-[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.equal(Number(m.id.slice(0, 4)), i + 1);
    });
    assert.equal(new Set(migrations.map((m) => m.id.slice(0, 4))).size, migrations.length);
  });

  test('a gap, a repeated number or a meaningless name is refused', () => {
    assert.throws(
      () => loadMigrations(migrationsDir({ '0001-a.sql': '', '0003-c.sql': '' })),
      /0003-c\.sql: expected number 0002/,
    );
    assert.throws(
      () => loadMigrations(migrationsDir({ '0001-a.sql': '', '0001-b.sql': '' })),
      /0001-b\.sql: expected number 0002/,
    );
    assert.throws(
      () => loadMigrations(migrationsDir({ '0001_burly_orphan.sql': '' })),
      /name must be/,
    );
  });
});

/** An empty database of the driver, nothing applied. */
async function emptyDatabase(driver: Driver): Promise<Database> {
  if (driver === 'embedded') return openEmbeddedDatabase({ dataDir: 'memory://' });
  const { url } = await createPostgresDatabase({ migrated: false });
  return openPostgresDatabase({ url, poolMax: 4 });
}

for (const driver of testDrivers) {
  describe(`migrations on ${driver}`, () => {
    test('apply every migration once, then nothing; status reports none pending', async () => {
      const db = await emptyDatabase(driver);
      try {
        const first = await migrate(db);
        assert.deepEqual(
          first,
          loadMigrations().map((m) => m.id),
        );
        assert.deepEqual(await migrate(db), []);
        const status = await migrationStatus(db);
        assert.deepEqual(status.pending, []);
        assert.deepEqual(status.unknown, []);
        const { rows } = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM schema_migrations',
        );
        assert.equal(rows[0]?.n, first.length);
      } finally {
        await db.close();
      }
    });

    test('operations.md A18: processes migrating at the same moment apply each migration once', async () => {
      const db = await emptyDatabase(driver);
      try {
        const results = await Promise.all([migrate(db), migrate(db), migrate(db)]);
        assert.equal(results.flat().length, loadMigrations().length);
        const { rows } = await db.query<{ id: string; n: number }>(
          'SELECT id, count(*)::int AS n FROM schema_migrations GROUP BY id',
        );
        assert.ok(rows.every((r) => r.n === 1));
      } finally {
        await db.close();
      }
    });

    test('a database holding a migration this version does not know is refused as newer', async () => {
      const db = await emptyDatabase(driver);
      try {
        await migrate(db);
        await db.query("INSERT INTO schema_migrations (id) VALUES ('9999-from-the-future')");
        await assert.rejects(migrate(db), (error: unknown) => {
          assert.ok(error instanceof SchemaTooNewError);
          assert.match(error.message, /newer/);
          assert.deepEqual(error.unknown, ['9999-from-the-future']);
          return true;
        });
      } finally {
        await db.close();
      }
    });

    test('a failing migration is rolled back whole and leaves the database usable', async () => {
      const db = await emptyDatabase(driver);
      try {
        const broken = [
          { id: '0001-create-good', sql: 'CREATE TABLE good (id int)' },
          { id: '0002-half-broken', sql: 'CREATE TABLE half (id int); SELECT no_such_function()' },
        ];
        await assert.rejects(migrate(db, broken), /0002-half-broken failed/);
        const { rows } = await db.query<{ half: string | null; good: string | null }>(
          "SELECT to_regclass('half')::text AS half, to_regclass('good')::text AS good",
        );
        assert.equal(rows[0]?.half, null);
        assert.equal(rows[0]?.good, 'good');
        assert.deepEqual((await migrationStatus(db, broken)).pending, ['0002-half-broken']);
      } finally {
        await db.close();
      }
    });
  });
}
