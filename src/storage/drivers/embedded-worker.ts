// The embedded database's own thread: PGlite (PostgreSQL compiled to WASM) runs here, so that its
// statements execute beside the event loop instead of on it. The main thread's driver
// (embedded.ts) sends one message per statement, transaction boundary or snapshot.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, parse, protocol, types, type Results } from '@electric-sql/pglite';
import { prepareValue } from 'pg/lib/utils.js';
import { toThreadError, type ThreadReply } from '../../kernel/threads.ts';
import { StatementNames } from './statement-names.ts';

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

function toResult(result: Results | undefined): WorkerQueryResult {
  if (result === undefined) return { rows: [], rowCount: 0, bytea: [] };
  return {
    rows: result.rows,
    rowCount: result.affectedRows ?? result.rows.length,
    bytea: result.fields.filter((f) => f.dataTypeID === byteaType).map((f) => f.name),
  };
}

/** The transaction holding the connection: its statements run in turn, `end` finishes it. */
interface Transaction {
  id: number;
  tail: Promise<unknown>;
  end: (commit: boolean) => Promise<void>;
}

/**
 * PGlite's one connection, driven over the wire protocol. A parameterised statement goes as one
 * message (parse once per text, then bind, describe, execute, sync), values prepared exactly as
 * the `pg` driver prepares them: a fraction of the cost of `PGlite.query`, which sends each of
 * those messages in a round of its own and plans every statement again. Statements run one at a
 * time; an open transaction holds the connection until it ends, and others wait their turn.
 */
class Connection {
  readonly #names = new StatementNames();
  readonly #prepared = new Set<string>();
  #tail: Promise<unknown> = Promise.resolve();
  #open: Transaction | null = null;
  #nextTransaction = 1;

  constructor(private readonly pglite: PGlite) {}

  query(tx: number | null, sql: string, params: readonly unknown[]): Promise<WorkerQueryResult> {
    if (tx === null) return this.exclusive(() => this.#run(sql, params, false));
    const open = this.#open;
    if (open === null || open.id !== tx) throw new Error(`no open transaction ${tx}`);
    const run = open.tail.then(() => this.#run(sql, params, true));
    open.tail = run.catch(() => undefined);
    return run;
  }

  /** Opens a transaction once the connection is free; resolves with its id. */
  begin(): Promise<number> {
    const id = this.#nextTransaction++;
    let finish: (commit: boolean) => void = () => undefined;
    const ended = new Promise<boolean>((resolve) => (finish = resolve));
    return new Promise<number>((started, failed) => {
      const finished = this.exclusive(async () => {
        try {
          await this.#simple('BEGIN');
        } catch (error) {
          failed(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        this.#open = transaction;
        started(id);
        try {
          await this.#simple((await ended) ? 'COMMIT' : 'ROLLBACK');
        } finally {
          this.#open = null;
        }
      });
      const transaction: Transaction = {
        id,
        tail: Promise.resolve(),
        end: (commit) => {
          finish(commit);
          return finished;
        },
      };
    });
  }

  /** Ends transaction `tx` once its statements are done; rejects when the commit failed. */
  async end(tx: number, commit: boolean): Promise<void> {
    const open = this.#open;
    if (open === null || open.id !== tx) throw new Error(`no open transaction ${tx}`);
    await open.tail;
    await open.end(commit);
  }

  /** Runs `fn` alone on the connection, once the statements and transactions before it end. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(fn);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #run(
    sql: string,
    params: readonly unknown[],
    inTransaction: boolean,
  ): Promise<WorkerQueryResult> {
    if (params.length > 0) return this.#extended(sql, params, inTransaction);
    try {
      return toResult((await this.#simple(sql, inTransaction)).at(-1));
    } catch (error) {
      // A script that opened a transaction and failed must not leave it open on the one
      // connection everybody shares.
      if (!inTransaction) await this.#simple('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async #extended(
    sql: string,
    params: readonly unknown[],
    inTransaction: boolean,
  ): Promise<WorkerQueryResult> {
    const name = this.#names.of(sql) ?? '';
    const { serialize } = protocol;
    const parts: Uint8Array[] = [];
    if (name === '' || !this.#prepared.has(name)) {
      parts.push(serialize.parse({ name, text: sql, types: [] }));
    }
    parts.push(
      serialize.bind({ statement: name, values: params.map((value) => prepareValue(value)) }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    );
    const { messages } = await this.pglite.execProtocol(Buffer.concat(parts), {
      syncToFs: !inTransaction,
      throwOnError: false,
    });
    if (name !== '' && messages.some((m) => m.name === 'parseComplete')) this.#prepared.add(name);
    const failure = messages.find((m) => m instanceof protocol.messages.DatabaseError);
    if (failure !== undefined) throw failure;
    return toResult(parse.parseResults(messages, this.pglite.parsers)[0]);
  }

  async #simple(sql: string, inTransaction = false): Promise<Results[]> {
    const { messages } = await this.pglite.execProtocol(protocol.serialize.query(sql), {
      syncToFs: !inTransaction,
    });
    return parse.parseResults(messages, this.pglite.parsers);
  }
}

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
  const connection = new Connection(pglite);

  const reply = (message: ThreadReply, transfer: ArrayBuffer[] = []) =>
    port.postMessage(message, transfer);

  async function handle(request: WorkerRequest & { id: number }): Promise<void> {
    switch (request.op) {
      case 'query': {
        const value = await connection.query(request.tx, request.sql, request.params);
        reply({ id: request.id, ok: true, value });
        return;
      }
      case 'begin': {
        reply({ id: request.id, ok: true, value: await connection.begin() });
        return;
      }
      case 'end': {
        await connection.end(request.tx, request.commit);
        reply({ id: request.id, ok: true, value: null });
        return;
      }
      case 'dump': {
        const blob = await connection.exclusive(() => pglite.dumpDataDir('gzip'));
        const buffer = await blob.arrayBuffer();
        reply({ id: request.id, ok: true, value: { buffer, type: blob.type } }, [buffer]);
        return;
      }
      case 'close': {
        await connection.exclusive(async () => {
          if (!pglite.closed) await pglite.close();
        });
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
