import PgBoss from 'pg-boss';
import type {
  JobHandler,
  JobQueue,
  QueueDefinition,
  SendOptions,
} from '../domain/jobs/job-queue.ts';

/** The SQL surface pg-boss runs on: the storage port's `Database` satisfies it. */
export interface SqlRunner {
  query(sql: string, params?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  transaction<T>(
    fn: (tx: {
      query(sql: string, params?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
    }) => Promise<T>,
  ): Promise<T>;
}

export type JobOutcome = 'completed' | 'failed' | 'retried' | 'released';

/** Lifecycle events of the worker loop, for logs and metrics. */
export interface QueueEvents {
  claimed?(queue: string, jobId: string): void;
  finished?(
    queue: string,
    jobId: string,
    outcome: JobOutcome,
    durationMs: number,
    error?: unknown,
  ): void;
  pollFailed?(error: unknown): void;
  /** pg-boss's own background errors (maintenance, monitoring). */
  error?(error: unknown): void;
}

export interface WorkOptions {
  /** Jobs this process runs at once, across all queues. */
  concurrency: number;
  /** Seconds between polls while idle. */
  pollS: number;
}

const schema = 'pgboss';
/** pg-boss reads a start given as a number-like string as seconds from now. */
const dueAlready = '-0.001';

function adapt(runner: Pick<SqlRunner, 'query'>): PgBoss.Db {
  return {
    executeSql: (text: string, values: unknown[] | undefined) => runner.query(text, values ?? []),
  };
}

interface InFlight {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * The `JobQueue` port over pg-boss 10. pg-boss stores, delays, de-duplicates and expires jobs and
 * claims them with `FOR UPDATE SKIP LOCKED`; this adapter adds one poll loop per process with a
 * process-wide concurrency limit, readiness (`lastPollAt`) and the release of jobs cut short by
 * shutdown (operations.md §11).
 */
export class PgBossJobQueue implements JobQueue {
  readonly #sql: SqlRunner;
  readonly #boss: PgBoss;
  readonly #events: QueueEvents;
  readonly #handlers = new Map<string, JobHandler<object>>();
  readonly #definitions = new Map<string, QueueDefinition>();
  readonly #inFlight = new Map<string, InFlight>();
  #options: WorkOptions | null = null;
  #timer: NodeJS.Timeout | null = null;
  #polling: Promise<void> | null = null;
  /** Queues asked for while a poll ran ('all': the timer's poll), polled when it ends. */
  #pending: Set<string> | 'all' | null = null;
  /**
   * Queues that may hold more due jobs than the last poll took: their fetch filled every free
   * slot, or found none free. They are polled again as soon as a slot frees; the others wait
   * for a poke or the timer.
   */
  readonly #saturated = new Set<string>();
  #stopping = false;
  #rotation = 0;
  #lastPollAt: number | null = null;

  constructor(sql: SqlRunner, events: QueueEvents = {}) {
    this.#sql = sql;
    this.#events = events;
    this.#boss = new PgBoss({
      db: adapt(sql),
      schema,
      // Cron scheduling is off: periodic work (the Smart Cache tick) runs in the worker's own
      // scheduler, on the sandbox clock, under an advisory lock (jobs/scheduler.ts).
      schedule: false,
      supervise: true,
    });
    this.#boss.on('error', (error) => this.#events.error?.(error));
  }

  /** Creates or upgrades pg-boss's schema (under its own advisory lock) and starts maintenance. */
  async start(): Promise<void> {
    await this.#boss.start();
  }

  async declare(definition: QueueDefinition): Promise<void> {
    this.#definitions.set(definition.name, definition);
    const options = {
      name: definition.name,
      retryLimit: definition.retryLimit,
      retryDelay: definition.retryDelayS,
      expireInSeconds: definition.leaseS,
    };
    if (await this.#boss.getQueue(definition.name)) {
      await this.#boss.updateQueue(definition.name, options);
      return;
    }
    try {
      await this.#boss.createQueue(definition.name, options);
    } catch (error) {
      // Another process declared it at the same moment.
      if (!(await this.#boss.getQueue(definition.name))) throw error;
    }
  }

  async send<T extends object>(
    queue: string,
    data: T,
    options: SendOptions = {},
  ): Promise<string | null> {
    return this.#boss.send(queue, data, {
      // A job due now is made due a millisecond ago: pg-boss claims only `start_after < now()`,
      // and PGlite's clock counts milliseconds, so a job fetched within the millisecond it was
      // sent in (the poke right after a send) was missed until the next poll.
      startAfter: options.startAfter ?? dueAlready,
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.singletonSeconds ? { singletonSeconds: options.singletonSeconds } : {}),
    });
  }

  handle<T extends object>(queue: string, handler: JobHandler<T>): void {
    this.#handlers.set(queue, handler as JobHandler<object>);
  }

  async depth(queue: string): Promise<number> {
    const { rows } = await this.#sql.query(
      `SELECT count(*)::int AS n FROM ${schema}.job WHERE name = $1 AND state < 'active' AND start_after <= now()`,
      [queue],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Puts every claimed job back in its queue, with no retry counted. Only for a database owned by
   * one process (embedded mode), at start: any job still claimed belongs to a process that died.
   */
  async releaseAbandoned(): Promise<number> {
    const { rows } = await this.#sql.query(
      `UPDATE ${schema}.job SET state = 'created', started_on = NULL WHERE state = 'active' RETURNING id`,
      [],
    );
    return rows.length;
  }

  /** Wall time of the last poll that finished, for readiness (operations.md §9.1). */
  get lastPollAt(): number | null {
    return this.#lastPollAt;
  }

  get working(): boolean {
    return this.#options !== null && !this.#stopping;
  }

  startWorking(options: WorkOptions): void {
    if (this.#options) return;
    this.#options = options;
    this.#stopping = false;
    this.#wake('all');
  }

  /**
   * Polls now (a job was just sent by this process), when this process works the queue: only
   * `queue` when named (one fetch), else every queue.
   */
  poke(queue?: string): void {
    if (this.#options && !this.#stopping) this.#wake(queue === undefined ? 'all' : [queue]);
  }

  /** The timer's poll of every queue, every `pollS` whatever the pokes in between. */
  #schedule(): void {
    if (this.#stopping || !this.#options || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#wake('all');
    }, this.#options.pollS * 1000);
  }

  #wake(queues: readonly string[] | 'all'): void {
    if (this.#stopping) return;
    if (queues === 'all' || this.#pending === 'all') this.#pending = 'all';
    else if (queues.length > 0) this.#pending = new Set([...(this.#pending ?? []), ...queues]);
    if (this.#polling || this.#pending === null) return;
    const wanted = this.#pending;
    this.#pending = null;
    this.#polling = this.#poll(wanted).finally(() => {
      this.#polling = null;
      if (this.#pending !== null) this.#wake([]);
      else this.#schedule();
    });
  }

  async #poll(wanted: ReadonlySet<string> | 'all'): Promise<void> {
    const options = this.#options;
    if (!options) return;
    const queues = [...this.#handlers.keys()];
    try {
      // Start at a rotating queue so a busy queue cannot starve the others.
      for (let i = 0; i < queues.length && !this.#stopping; i++) {
        const queue = queues[(this.#rotation + i) % queues.length];
        if (queue === undefined || (wanted !== 'all' && !wanted.has(queue))) continue;
        const free = options.concurrency - this.#inFlight.size;
        if (free <= 0) {
          this.#saturated.add(queue);
          continue;
        }
        const jobs = await this.#boss.fetch<object>(queue, {
          batchSize: free,
          includeMetadata: true,
        });
        if ((jobs?.length ?? 0) >= free) this.#saturated.add(queue);
        else this.#saturated.delete(queue);
        for (const job of jobs ?? []) this.#run(queue, job);
      }
      this.#rotation++;
      this.#lastPollAt = Date.now();
    } catch (error) {
      this.#events.pollFailed?.(error);
    }
  }

  #run(queue: string, job: PgBoss.JobWithMetadata<object>): void {
    const handler = this.#handlers.get(queue);
    if (!handler) return;
    const controller = new AbortController();
    const startedAt = Date.now();
    this.#events.claimed?.(queue, job.id);
    const done = (async () => {
      let outcome: JobOutcome;
      let failure: unknown;
      try {
        await handler({ id: job.id, queue, data: job.data, signal: controller.signal });
        await this.#boss.complete(queue, job.id);
        outcome = 'completed';
      } catch (error) {
        failure = error;
        if (controller.signal.aborted) {
          await this.#release(queue, job.id);
          outcome = 'released';
        } else {
          await this.#boss.fail(queue, job.id, { message: errorMessage(error) });
          outcome = job.retryCount < job.retryLimit ? 'retried' : 'failed';
        }
      }
      this.#events.finished?.(queue, job.id, outcome, Date.now() - startedAt, failure);
    })()
      .catch((error: unknown) => this.#events.pollFailed?.(error))
      .finally(() => {
        this.#inFlight.delete(job.id);
        // A freed slot: poll at once only the queues that may have more waiting.
        this.#wake([...this.#saturated]);
      });
    this.#inFlight.set(job.id, { controller, done });
  }

  async #release(queue: string, id: string): Promise<void> {
    // Back to `created` with `started_on` cleared: pg-boss counts a retry only for a job that
    // had started, so a released job keeps its retry budget and its id.
    await this.#sql.query(
      `UPDATE ${schema}.job SET state = 'created', started_on = NULL WHERE name = $1 AND id = $2 AND state = 'active'`,
      [queue, id],
    );
  }

  /**
   * Stops claiming, lets running jobs finish until `graceMs`, then aborts the rest through their
   * signals; aborted jobs are released. Resolves when no handler is running or after
   * `abortWaitMs` more (a handler that ignores its signal is left to the lease).
   */
  async stopWorking(graceMs: number, abortWaitMs = 5_000): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#polling;
    const all = () => Promise.allSettled([...this.#inFlight.values()].map((f) => f.done));
    if (this.#inFlight.size > 0 && !(await within(all(), graceMs))) {
      for (const flight of this.#inFlight.values()) flight.controller.abort(new Error('shutdown'));
      await within(all(), abortWaitMs);
    }
    this.#options = null;
  }

  /** Stops pg-boss's maintenance. The database itself is closed by its owner. */
  async close(): Promise<void> {
    await this.#boss.stop({ graceful: false, close: false, wait: true });
  }
}

async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const result = await Promise.race([promise.then(() => true as const), timeout]);
  clearTimeout(timer);
  return result;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown';
}
