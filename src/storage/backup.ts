// Logical backups (operations.md §12): every table of the deployment read in one repeatable-read
// snapshot and written as gzip-compressed lines — a header, then per table a `#table name` line
// followed by one JSON object per row — and loaded back into an empty database of either driver.
// Secrets stay sealed in the archive; the key is never in it.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Database, Queryable } from './database.ts';

/** Every table, parents before children, so rows load in this order. */
export const backupTables = [
  'installation',
  'applications',
  'api_keys',
  'token_signing_keys',
  'users',
  'user_tombstones',
  'connection_ordinals',
  'connections',
  'connection_jobs',
  'accounts',
  'transactions',
  'transaction_replacements',
  'events',
  'outbox',
  'idempotency_keys',
  'sandbox_clock',
  'institution_breakers',
  'queue_smoke_runs',
] as const;

export interface BackupHeader {
  format: 'tributary-backup';
  formatVersion: 1;
  version: string;
  lastMigration: string | null;
  createdAt: string;
  /** Key ids the archive's secrets are sealed under. */
  keyIds: string[];
}

const fetchSize = 2_000;

/**
 * Writes the archive's lines (each ending in `\n`) through `write`, inside one read-only
 * repeatable-read transaction so the backup is consistent while requests continue.
 */
export async function writeBackup(
  database: Database,
  meta: { version: string; keyIds: string[] },
  write: (chunk: string) => Promise<void>,
): Promise<BackupHeader> {
  return database.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const { rows: migrations } = await tx.query<{ id: string }>(
      'SELECT id FROM schema_migrations ORDER BY id DESC LIMIT 1',
      [],
    );
    const header: BackupHeader = {
      format: 'tributary-backup',
      formatVersion: 1,
      version: meta.version,
      lastMigration: migrations[0]?.id ?? null,
      createdAt: new Date().toISOString(),
      keyIds: meta.keyIds,
    };
    await write(`${JSON.stringify(header)}\n`);
    for (const table of backupTables) {
      await write(`#table ${table}\n`);
      await tx.query(
        `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS r FROM ${table} t`,
      );
      for (;;) {
        const { rows } = await tx.query<{ r: string }>(`FETCH ${fetchSize} FROM backup_rows`);
        if (rows.length === 0) break;
        await write(`${rows.map((row) => row.r).join('\n')}\n`);
      }
      await tx.query('CLOSE backup_rows');
    }
    return header;
  });
}

/** The archive's header, read without loading it. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()) });
  for await (const line of lines) {
    lines.close();
    const header = JSON.parse(line) as BackupHeader;
    if (header.format !== 'tributary-backup') throw new Error('not a Tributary backup archive');
    return header;
  }
  throw new Error('the archive is empty');
}

/** Whether the database holds no Tributary data yet (restore needs an empty target). */
export async function isEmptyTarget(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ present: string | null }>(
    "SELECT to_regclass('public.users')::text AS present",
    [],
  );
  if (rows[0]?.present === null || rows[0]?.present === undefined) return true;
  const { rows: counted } = await db.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM users)::int + (SELECT count(*) FROM applications)::int AS n',
    [],
  );
  return (counted[0]?.n ?? 0) === 0;
}

/**
 * Loads an archive into a migrated, empty database in one transaction: each table's
 * migration-seeded rows are replaced by the archive's, in batches, then sequences follow.
 */
export async function loadBackup(database: Database, file: string): Promise<number> {
  let loaded = 0;
  await database.transaction(async (tx) => {
    // Opened only once the transaction has begun, and iterated at once: a readline interface
    // reads and emits lines as soon as it exists, and lines emitted before its iterator is
    // taken are lost (a slow BEGIN under load lost whole tables).
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()) });
    let table: string | null = null;
    let batch: string[] = [];
    const flush = async () => {
      if (table === null || batch.length === 0) return;
      await tx.query(
        `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)`,
        [`[${batch.join(',')}]`],
      );
      loaded += batch.length;
      batch = [];
    };
    let first = true;
    for await (const line of lines) {
      if (first) {
        first = false;
        continue;
      }
      if (line.startsWith('#table ')) {
        await flush();
        const name = line.slice('#table '.length);
        if (!(backupTables as readonly string[]).includes(name)) {
          throw new Error(`the archive holds an unknown table ${name}`);
        }
        table = name;
        await tx.query(`DELETE FROM ${table}`);
        continue;
      }
      if (line === '') continue;
      batch.push(line);
      if (batch.length >= fetchSize) await flush();
    }
    await flush();
    await tx.query(
      "SELECT setval(pg_get_serial_sequence('events', 'sequence'), COALESCE((SELECT max(sequence) FROM events), 0) + 1, false)",
      [],
    );
  });
  return loaded;
}
