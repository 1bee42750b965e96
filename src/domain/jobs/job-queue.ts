/** How a job is enqueued. */
export interface SendOptions {
  /** Do not run before this time (wall clock of the database). */
  startAfter?: Date;
  /** At most one queued job with this key at a time (singleton jobs). */
  singletonKey?: string;
  /** With `singletonKey`: one job per key per window of this many seconds. */
  singletonSeconds?: number;
}

/** One job handed to a handler. */
export interface QueuedJob<T> {
  id: string;
  queue: string;
  data: T;
  /** Aborted when the process must stop before the handler finished: the job is then released. */
  signal: AbortSignal;
}

export type JobHandler<T> = (job: QueuedJob<T>) => Promise<void>;

/** A queue's standing rules, fixed when it is declared. */
export interface QueueDefinition {
  name: string;
  /** Failed runs retried this many times (0 = never). */
  retryLimit: number;
  retryDelayS: number;
  /** Seconds after which a claimed job is presumed abandoned and may run elsewhere. */
  leaseS: number;
}

/**
 * The job queue port (ARCHITECTURE §3.6): durable, delayed and singleton jobs, claimed by any
 * worker process, each claimed job run by exactly one worker at a time. A handler that resolves
 * completes its job; one that throws fails it (retried per its queue's rules); one cut short by
 * shutdown is released: the job goes back to the queue with no retry counted.
 */
export interface JobQueue {
  /** Declares a queue; idempotent. Jobs may be sent to declared queues only. */
  declare(definition: QueueDefinition): Promise<void>;
  /** Enqueues a job; `null` when a singleton key already holds a job. */
  send<T extends object>(queue: string, data: T, options?: SendOptions): Promise<string | null>;
  /** Registers the handler of a queue; handlers run once `startWorking` is called. */
  handle<T extends object>(queue: string, handler: JobHandler<T>): void;
  /** Jobs due and unclaimed in a queue. */
  depth(queue: string): Promise<number>;
}
