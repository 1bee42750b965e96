import { chmodSync } from 'node:fs';
import { startThread, ThreadClient } from '../../kernel/threads.ts';
import type { Database, Queryable, QueryResult, Row } from '../database.ts';
import type { WorkerOpen, WorkerQueryResult, WorkerRequest } from './embedded-worker.ts';

/** Options of the embedded driver: a data directory on disk, or an in-memory copy of a snapshot. */
export type EmbeddedOptions = { dataDir: string } | { snapshot: Blob };

function surface(client: ThreadClient<WorkerRequest>, tx: number | null): Queryable {
  return {
    async query<T extends Row = Row>(
      sql: string,
      params: readonly unknown[] = [],
    ): Promise<QueryResult<T>> {
      const result = (await client.call({ op: 'query', tx, sql, params })) as WorkerQueryResult;
      // Bytes cross the thread boundary as Uint8Array; repositories expect Buffers, as from `pg`.
      for (const column of result.bytea) {
        for (const row of result.rows) {
          const value = row[column];
          if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
            row[column] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
          }
        }
      }
      return { rows: result.rows as T[], rowCount: result.rowCount };
    },
  };
}

/**
 * PGlite: PostgreSQL compiled to WASM, one connection owned by this process, run in a worker
 * thread of its own so that statements execute beside the event loop, not on it (a 2,000-row
 * upsert no longer stalls the API). The thread runs statements one at a time and lets an open
 * transaction hold the connection until it ends, so API and worker can share it; keeping two
 * processes off one directory is the data-directory lock's job.
 */
export async function openEmbeddedDatabase(
  options: EmbeddedOptions,
): Promise<Database & { dumpSnapshot(): Promise<Blob> }> {
  const open: WorkerOpen =
    'dataDir' in options
      ? { dataDir: options.dataDir }
      : { snapshot: await options.snapshot.arrayBuffer(), snapshotType: options.snapshot.type };
  const client = new ThreadClient<WorkerRequest>(
    startThread(new URL('./embedded-worker.ts', import.meta.url), {
      workerData: open,
      transferList: 'snapshot' in open ? [open.snapshot] : [],
    }),
    'embedded database',
  );
  try {
    await client.started();
  } catch (error) {
    await client.terminate();
    throw error;
  }
  // PGlite creates its directory world-readable; the database files are the owner's alone
  // (operations.md §3.1).
  if ('dataDir' in options && !options.dataDir.startsWith('memory://'))
    chmodSync(options.dataDir, 0o700);
  const plain = surface(client, null);
  const locks = new Map<string, Promise<void>>();
  let closed = false;
  return {
    driver: 'embedded',
    capabilities: { multiProcess: false, copy: false, listenNotify: false },
    ...plain,
    async transaction(fn) {
      const tx = (await client.call({ op: 'begin' })) as number;
      let result;
      try {
        result = await fn(surface(client, tx));
      } catch (error) {
        await client.call({ op: 'end', tx, commit: false }).catch(() => undefined);
        throw error;
      }
      await client.call({ op: 'end', tx, commit: true });
      return result;
    },
    // One process owns the database, so an in-process queue per key is the whole lock.
    withAdvisoryLock: (key, fn) => {
      const previous = locks.get(key) ?? Promise.resolve();
      const run = previous.then(() => fn(plain));
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
    async dumpSnapshot() {
      const dump = (await client.call({ op: 'dump' })) as { buffer: ArrayBuffer; type: string };
      return new Blob([dump.buffer], { type: dump.type });
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.call({ op: 'close' }).catch(() => undefined);
      await client.terminate();
    },
  };
}
