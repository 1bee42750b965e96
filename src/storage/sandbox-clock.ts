// The sandbox clock of sandbox.md §5 over its one database row: `now = base + offset`, where the
// base is wall time and the offset lives in `sandbox_clock`. `now()` must stay synchronous (every
// write stamps it), so the offset is held in memory: set at once by this process's own moves and
// re-read periodically to pick up other processes' moves on a shared database.
import type { Clock, ClockListener, ClockReading, SandboxClock } from '../kernel/clock.ts';
import { systemClock } from '../kernel/clock.ts';
import type { Queryable } from './database.ts';
import {
  createClockOffsetRepository,
  type ClockOffsetRepository,
} from './repositories/clock-offset-repository.ts';

export interface SandboxClockOptions {
  /** The time the offset is added to: wall time, or a test's manual clock. */
  readonly base?: Clock;
  /**
   * How often to re-read the offset, in milliseconds; null never re-reads, for a database only
   * this process uses (every move then goes through this object).
   */
  readonly refreshMs: number | null;
  /** Told about a failed re-read or a listener that threw; the clock keeps its last offset. */
  readonly onError?: (error: unknown, during: 'refresh' | 'listener') => void;
}

/** The persisted sandbox clock; `open` it, and `stop` it before the database closes. */
export class PersistedSandboxClock implements SandboxClock {
  readonly #repository: ClockOffsetRepository;
  readonly #base: Clock;
  readonly #onError: NonNullable<SandboxClockOptions['onError']>;
  readonly #listeners = new Set<ClockListener>();
  #offsetS: number;
  #timer: NodeJS.Timeout | null = null;
  #refreshing: Promise<unknown> | null = null;

  private constructor(
    repository: ClockOffsetRepository,
    offsetS: number,
    options: SandboxClockOptions,
  ) {
    this.#repository = repository;
    this.#offsetS = offsetS;
    this.#base = options.base ?? systemClock;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Reads the stored offset and, with `refreshMs`, starts re-reading it (on an unref'd timer). */
  static async open(db: Queryable, options: SandboxClockOptions): Promise<PersistedSandboxClock> {
    const repository = createClockOffsetRepository(db);
    const clock = new PersistedSandboxClock(repository, await repository.offsetSeconds(), options);
    if (options.refreshMs !== null) {
      clock.#timer = setInterval(() => clock.#refreshInBackground(), options.refreshMs);
      clock.#timer.unref();
    }
    return clock;
  }

  now(): Date {
    return new Date(this.#base.now().getTime() + this.#offsetS * 1000);
  }

  read(): ClockReading {
    return { now: this.now(), offsetSeconds: this.#offsetS };
  }

  async advance(seconds: number): Promise<ClockReading> {
    if (!Number.isSafeInteger(seconds) || seconds <= 0) {
      throw new RangeError(`the sandbox clock advances by a positive whole number of seconds`);
    }
    this.#observe(await this.#repository.add(seconds));
    return this.read();
  }

  async setTo(instant: Date): Promise<ClockReading> {
    // Rounded up, so the clock reads `instant` or later and whatever is due at it is due.
    const target = Math.ceil((instant.getTime() - this.#base.now().getTime()) / 1000);
    if (!Number.isSafeInteger(target)) throw new RangeError('the instant is out of range');
    this.#observe(await this.#repository.raiseTo(Math.max(0, target)));
    return this.read();
  }

  /** Re-reads the stored offset now (the timer does this on its own). */
  async refresh(): Promise<ClockReading> {
    this.#observe(await this.#repository.offsetSeconds());
    return this.read();
  }

  onChange(listener: ClockListener): () => void {
    // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
    const entry: ClockListener = (reading) => listener(reading);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  /** Stops re-reading and waits for a re-read in flight, so none runs on a closed database. */
  async stop(): Promise<void> {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    await this.#refreshing;
  }

  #refreshInBackground(): void {
    // One re-read at a time: a slow database must not pile them up.
    if (this.#refreshing !== null) return;
    this.#refreshing = this.refresh()
      .catch((error: unknown) => this.#onError(error, 'refresh'))
      .finally(() => {
        this.#refreshing = null;
      });
  }

  /** Takes a stored offset; only a larger one moves the clock (reads may arrive out of order). */
  #observe(offsetS: number): void {
    if (offsetS <= this.#offsetS) return;
    this.#offsetS = offsetS;
    const reading = this.read();
    for (const listener of [...this.#listeners]) {
      try {
        listener(reading);
      } catch (error) {
        this.#onError(error, 'listener');
      }
    }
  }
}
