import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './database.ts';

export interface Migration {
  /** File name without `.sql`, e.g. `0001-create-installation`. */
  id: string;
  sql: string;
}

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
const namePattern = /^(\d{4})-[a-z0-9]+(?:-[a-z0-9]+)*\.sql$/;
const lockKey = 'tributary:migrations';

/** The database holds a migration this version does not know: an older version must not run on it. */
export class SchemaTooNewError extends Error {
  constructor(readonly unknown: readonly string[]) {
    super(
      `the database has migrations newer than this version of Tributary (${unknown.join(', ')}); upgrade Tributary`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Reads and checks the migration files: `NNNN-what-it-does.sql`, numbered 0001 upwards without
 * gaps or repeats (ARCHITECTURE §3.5).
 */
export function loadMigrations(dir: string = migrationsDir): Migration[] {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort();
  return files.map((file, index) => {
    const match = namePattern.exec(file);
    if (!match) throw new Error(`migration ${file}: name must be NNNN-what-it-does.sql`);
    if (Number(match[1]) !== index + 1) {
      throw new Error(`migration ${file}: expected number ${String(index + 1).padStart(4, '0')}`);
    }
    return { id: file.slice(0, -'.sql'.length), sql: readFileSync(`${dir}/${file}`, 'utf8') };
  });
}

async function ensureTable(db: Queryable): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
}

async function appliedIds(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
  return rows.map((row) => row.id);
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  unknown: string[];
}

/** What is applied, pending and unknown, without changing anything. */
export async function migrationStatus(
  db: Queryable,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<MigrationStatus> {
  const { rows } = await db.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  );
  const applied = rows[0]?.present ? await appliedIds(db) : [];
  const known = new Set(migrations.map((m) => m.id));
  return {
    applied,
    pending: migrations.filter((m) => !applied.includes(m.id)).map((m) => m.id),
    unknown: applied.filter((id) => !known.has(id)),
  };
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock so processes
 * starting together apply each migration once. Refuses a database that is ahead of this version.
 * Returns the ids it applied.
 */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<string[]> {
  return db.withAdvisoryLock(lockKey, async (locked) => {
    await ensureTable(locked);
    const status = await migrationStatus(locked, migrations);
    if (status.unknown.length > 0) throw new SchemaTooNewError(status.unknown);
    const pending = migrations.filter((m) => status.pending.includes(m.id));
    for (const migration of pending) {
      // Through the locked session: on PostgreSQL the lock is per connection.
      // The id is safe to inline: loadMigrations checked it against namePattern.
      try {
        await locked.query(
          `BEGIN;\n${migration.sql}\n;INSERT INTO schema_migrations (id) VALUES ('${migration.id}');\nCOMMIT;`,
        );
      } catch (error) {
        await locked.query('ROLLBACK').catch(() => undefined);
        throw new Error(`migration ${migration.id} failed`, { cause: error });
      }
    }
    return pending.map((m) => m.id);
  });
}
