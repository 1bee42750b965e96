import { chmodSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult, Row } from '../database.ts';

/** Options of the embedded driver: a data directory on disk, or an in-memory copy of a snapshot. */
export type EmbeddedOptions = { dataDir: string } | { snapshot: Blob };

// Same wire types as the `pg` driver so repositories see one shape: int8 stays a string (it can
// exceed 2^53), bytea is a Buffer, numeric a string, date `YYYY-MM-DD`.
const parsers = {
  [types.INT8]: (value: string) => value,
  [types.BYTEA]: (value: string) => Buffer.from(value.slice(2), 'hex'),
  [types.DATE]: (value: string) => value,
  [types.NUMERIC]: (value: string) => value,
};

function wrap(target: Pick<PGlite, 'query' | 'exec'>, inTransaction: boolean): Queryable {
  return {
    async query<T extends Row = Row>(
      sql: string,
      params: readonly unknown[] = [],
    ): Promise<QueryResult<T>> {
      if (params.length > 0) {
        const result = await target.query<T>(sql, [...params]);
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
      }
      try {
        const results = await target.exec(sql);
        const last = results.at(-1);
        return {
          rows: (last?.rows ?? []) as T[],
          rowCount: last?.affectedRows ?? last?.rows.length ?? 0,
        };
      } catch (error) {
        // A script that opened a transaction and failed must not leave it open on the one
        // connection everybody shares.
        if (!inTransaction) await target.exec('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
  };
}

/**
 * PGlite: PostgreSQL compiled to WASM, one connection owned by this process. PGlite itself
 * serialises statements and transactions (its transaction mutex), so API and worker can share it;
 * keeping two processes off one directory is the data-directory lock's job.
 */
export async function openEmbeddedDatabase(
  options: EmbeddedOptions,
): Promise<Database & { dumpSnapshot(): Promise<Blob> }> {
  const pglite =
    'dataDir' in options
      ? await PGlite.create({ dataDir: options.dataDir, parsers })
      : await PGlite.create({ loadDataDir: options.snapshot, parsers });
  // PGlite creates its directory world-readable; the database files are the owner's alone
  // (operations.md §3.1).
  if ('dataDir' in options && !options.dataDir.startsWith('memory://'))
    chmodSync(options.dataDir, 0o700);
  const surface = wrap(pglite, false);
  const locks = new Map<string, Promise<void>>();
  return {
    driver: 'embedded',
    capabilities: { multiProcess: false, copy: false, listenNotify: false },
    ...surface,
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx, true))),
    // One process owns the database, so an in-process queue per key is the whole lock.
    withAdvisoryLock: (key, fn) => {
      const previous = locks.get(key) ?? Promise.resolve();
      const run = previous.then(() => fn(surface));
      const tail = run.then(
        () => undefined,
        () => undefined,
      );
      locks.set(key, tail);
      void tail.then(() => {
        if (locks.get(key) === tail) locks.delete(key);
      });
      return run;
    },
    describe: () => 'embedded (PGlite)',
    dumpSnapshot: () => pglite.dumpDataDir('gzip'),
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}
