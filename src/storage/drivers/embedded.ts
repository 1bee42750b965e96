import { chmodSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Database, Queryable, QueryResult, Row } from '../database.ts';
import type {
  WorkerError,
  WorkerOpen,
  WorkerQueryResult,
  WorkerReply,
  WorkerRequest,
} from './embedded-worker.ts';

/** Options of the embedded driver: a data directory on disk, or an in-memory copy of a snapshot. */
export type EmbeddedOptions = { dataDir: string } | { snapshot: Blob };

/** A request without its id (the client numbers them). */
type Request = WorkerRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

/** The embedded database stopped answering (its thread died). */
export class EmbeddedDatabaseGone extends Error {
  constructor(cause?: unknown) {
    super('the embedded database thread stopped', { cause });
    this.name = 'EmbeddedDatabaseGone';
  }
}

function fromWorkerError(error: WorkerError): Error {
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return Object.assign(rebuilt, error.fields);
}

/**
 * Starts the thread. From the TypeScript sources the thread loads tsx first (hooks registered
 * with `module.register` do not reach worker threads); from compiled JavaScript it needs none.
 */
function startWorker(open: WorkerOpen, transferList: ArrayBuffer[]): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./embedded-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const options = { workerData: open, transferList };
  if (!fromSource) return new Worker(entry, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/** Messages to and from the thread, matched by id; the thread is kept referenced only while asked. */
class WorkerClient {
  readonly #worker: Worker;
  readonly #pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  #next = 1;
  #gone: Error | null = null;

  constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: WorkerReply) => {
      const waiting = this.#pending.get(reply.id);
      if (waiting === undefined) return;
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(fromWorkerError(reply.error));
    });
    const fail = (error: Error) => {
      this.#gone = error;
      for (const waiting of this.#pending.values()) waiting.reject(error);
      this.#pending.clear();
    };
    worker.on('error', (error) => fail(new EmbeddedDatabaseGone(error)));
    worker.on('exit', () => fail(this.#gone ?? new EmbeddedDatabaseGone()));
  }

  /** Resolves when the thread has opened the database (its reply 0). */
  opened(): Promise<unknown> {
    return this.#expect(0);
  }

  call(request: Request): Promise<unknown> {
    const id = this.#next++;
    const reply = this.#expect(id);
    if (this.#gone === null) this.#worker.postMessage({ ...request, id });
    return reply;
  }

  #expect(id: number): Promise<unknown> {
    if (this.#gone !== null) return Promise.reject(this.#gone);
    if (this.#pending.size === 0) this.#worker.ref();
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }
}

function surface(client: WorkerClient, tx: number | null): Queryable {
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
 * upsert no longer stalls the API). PGlite itself serialises statements and transactions (its
 * transaction mutex), so API and worker can share it; keeping two processes off one directory
 * is the data-directory lock's job.
 */
export async function openEmbeddedDatabase(
  options: EmbeddedOptions,
): Promise<Database & { dumpSnapshot(): Promise<Blob> }> {
  const open: WorkerOpen =
    'dataDir' in options
      ? { dataDir: options.dataDir }
      : { snapshot: await options.snapshot.arrayBuffer(), snapshotType: options.snapshot.type };
  const client = new WorkerClient(startWorker(open, 'snapshot' in open ? [open.snapshot] : []));
  try {
    await client.opened();
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
