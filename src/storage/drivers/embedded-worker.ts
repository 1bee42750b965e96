// The embedded database's own thread: PGlite (PostgreSQL compiled to WASM) runs here, so that its
// statements execute beside the event loop instead of on it. The main thread's driver
// (embedded.ts) sends one message per statement, transaction boundary or snapshot.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { toThreadError, type ThreadReply } from '../../kernel/threads.ts';

/** What the driver asks (each sent with an id its reply carries). */
export type WorkerRequest =
  | { op: 'query'; tx: number | null; sql: string; params: readonly unknown[] }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'dump' }
  | { op: 'close' };

/** A statement's result; `bytea` names the columns holding bytes (they arrive as Uint8Array). */
export interface WorkerQueryResult {
  rows: Record<string, unknown>[];
  rowCount: number;
  bytea: string[];
}

/** How the thread opens the database: a directory, or an in-memory copy of a snapshot. */
export type WorkerOpen = { dataDir: string } | { snapshot: ArrayBuffer; snapshotType: string };

const byteaType = 17;

// Same wire types as the `pg` driver so repositories see one shape: int8 stays a string (it can
// exceed 2^53), bytea is bytes, numeric a string, date `YYYY-MM-DD`.
const parsers = {
  [types.INT8]: (value: string) => value,
  [types.BYTEA]: (value: string) => Buffer.from(value.slice(2), 'hex'),
  [types.DATE]: (value: string) => value,
  [types.NUMERIC]: (value: string) => value,
};

type Target = Pick<PGlite, 'query' | 'exec'>;

function toResult(result: {
  rows: unknown[];
  affectedRows?: number;
  fields: readonly { name: string; dataTypeID: number }[];
}): WorkerQueryResult {
  return {
    rows: result.rows as Record<string, unknown>[],
    rowCount: result.affectedRows ?? result.rows.length,
    bytea: result.fields.filter((f) => f.dataTypeID === byteaType).map((f) => f.name),
  };
}

async function run(
  target: Target,
  inTransaction: boolean,
  sql: string,
  params: readonly unknown[],
): Promise<WorkerQueryResult> {
  if (params.length > 0) return toResult(await target.query(sql, [...params]));
  try {
    const last = (await target.exec(sql)).at(-1);
    return last ? toResult(last) : { rows: [], rowCount: 0, bytea: [] };
  } catch (error) {
    // A script that opened a transaction and failed must not leave it open on the one
    // connection everybody shares.
    if (!inTransaction) await target.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Thrown inside PGlite's transaction callback to roll it back. */
class Rollback extends Error {}

async function serve(): Promise<void> {
  if (parentPort === null) throw new Error('embedded-worker.ts runs as a worker thread only');
  const port = parentPort;
  const open = workerData as WorkerOpen;
  const pglite =
    'dataDir' in open
      ? await PGlite.create({ dataDir: open.dataDir, parsers })
      : await PGlite.create({
          loadDataDir: new Blob([open.snapshot], { type: open.snapshotType }),
          parsers,
        });
  const transactions = new Map<
    number,
    { target: Transaction; end: (commit: boolean) => void; done: Promise<void> }
  >();
  let nextTransaction = 1;

  const reply = (message: ThreadReply, transfer: ArrayBuffer[] = []) =>
    port.postMessage(message, transfer);

  async function handle(request: WorkerRequest & { id: number }): Promise<void> {
    switch (request.op) {
      case 'query': {
        const entry = request.tx === null ? null : transactions.get(request.tx);
        if (entry === undefined) throw new Error(`no open transaction ${String(request.tx)}`);
        const value = await run(
          entry === null ? pglite : entry.target,
          entry !== null,
          request.sql,
          request.params,
        );
        reply({ id: request.id, ok: true, value });
        return;
      }
      case 'begin': {
        const tx = nextTransaction++;
        let end: (commit: boolean) => void = () => undefined;
        const ended = new Promise<boolean>((resolve) => (end = resolve));
        let begun: (target: Transaction) => void = () => undefined;
        const started = new Promise<Transaction>((resolve) => (begun = resolve));
        const done = pglite
          .transaction(async (target) => {
            begun(target);
            if (!(await ended)) throw new Rollback('rolled back');
          })
          .then(
            () => undefined,
            (error: unknown) => {
              if (!(error instanceof Rollback)) throw error;
            },
          );
        // A transaction that could not start fails here, before anyone waits for `started`.
        const target = await Promise.race([started, done.then(() => null)]);
        if (target === null) throw new Error('the transaction ended before it began');
        transactions.set(tx, { target, end, done });
        reply({ id: request.id, ok: true, value: tx });
        return;
      }
      case 'end': {
        const entry = transactions.get(request.tx);
        if (entry === undefined) throw new Error(`no open transaction ${request.tx}`);
        transactions.delete(request.tx);
        entry.end(request.commit);
        await entry.done;
        reply({ id: request.id, ok: true, value: null });
        return;
      }
      case 'dump': {
        const blob = await pglite.dumpDataDir('gzip');
        const buffer = await blob.arrayBuffer();
        reply({ id: request.id, ok: true, value: { buffer, type: blob.type } }, [buffer]);
        return;
      }
      case 'close': {
        if (!pglite.closed) await pglite.close();
        reply({ id: request.id, ok: true, value: null });
        port.close();
        return;
      }
    }
  }

  port.on('message', (request: WorkerRequest & { id: number }) => {
    handle(request).catch((error: unknown) =>
      reply({ id: request.id, ok: false, error: toThreadError(error, ['params']) }),
    );
  });
  reply({ id: 0, ok: true, value: null });
}

serve().catch((error: unknown) => {
  parentPort?.postMessage({
    id: 0,
    ok: false,
    error: toThreadError(error, ['params']),
  } satisfies ThreadReply);
});
