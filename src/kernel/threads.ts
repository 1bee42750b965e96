// Worker threads of our own modules. From the TypeScript sources (`bin/tributary.js`, tests) a
// thread must load tsx before its module: hooks registered with `module.register` do not reach
// worker threads. From the compiled JavaScript (the container image) it needs nothing.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread running `module` (a URL of a sibling `.ts` module, resolved with
 * `import.meta.url` of the caller); the `.js` of the same name when running compiled code.
 */
export function startThread(module: URL, options: WorkerOptions = {}): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(module.href.replace(/\.ts$/, fromSource ? '.ts' : '.js'));
  if (!fromSource) return new Worker(entry, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/** An error as it crosses threads: its name, message and own primitive fields (`code` …). */
export interface ThreadError {
  name: string;
  message: string;
  fields: Record<string, string | number | boolean>;
}

/** What a thread answers to request `id` (id 0: it has started). */
export type ThreadReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ThreadError };

/** Flattens an error for {@link ThreadReply}; `omit` names fields never to send (secrets). */
export function toThreadError(error: unknown, omit: readonly string[] = []): ThreadError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(error)) {
    if (omit.includes(key)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      fields[key] = value;
    }
  }
  return { name: error.name, message: error.message, fields };
}

function fromThreadError(error: ThreadError): Error {
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return Object.assign(rebuilt, error.fields);
}

/** The thread stopped (it crashed or was terminated) with requests unanswered. */
export class ThreadGone extends Error {
  constructor(what: string, cause?: unknown) {
    super(`the ${what} thread stopped`, { cause });
    this.name = 'ThreadGone';
  }
}

/**
 * Requests to a worker thread, each answered by a {@link ThreadReply} with its id. The thread is
 * referenced only while a request waits, so an idle thread never keeps the process alive.
 */
export class ThreadClient<Request extends object> {
  readonly #worker: Worker;
  readonly #pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  #next = 1;
  #gone: Error | null = null;

  constructor(worker: Worker, what: string) {
    this.#worker = worker;
    worker.on('message', (reply: ThreadReply) => {
      const waiting = this.#pending.get(reply.id);
      if (waiting === undefined) return;
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(fromThreadError(reply.error));
    });
    const fail = (error: Error) => {
      this.#gone ??= error;
      for (const waiting of this.#pending.values()) waiting.reject(this.#gone);
      this.#pending.clear();
    };
    worker.on('error', (error) => fail(new ThreadGone(what, error)));
    worker.on('exit', () => fail(new ThreadGone(what)));
  }

  /** Whether the thread has stopped. */
  get gone(): boolean {
    return this.#gone !== null;
  }

  /** Resolves when the thread has started (its reply 0), rejects when it could not. */
  started(): Promise<unknown> {
    return this.#expect(0);
  }

  call(request: Request, transfer: readonly ArrayBuffer[] = []): Promise<unknown> {
    const id = this.#next++;
    const reply = this.#expect(id);
    if (this.#gone === null) this.#worker.postMessage({ ...request, id }, [...transfer]);
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
