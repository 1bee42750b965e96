// Runs periodic background work every `tickS` of clock time (connections.md §9.2: the Smart Cache
// looks for due connections every TRIBUTARY_SMART_CACHE_TICK_S). It checks the clock once a wall
// second, so a sandbox clock advance is seen at once; `kick` runs it now.
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/logger.ts';

export interface SchedulerDeps {
  clock: Clock;
  logger: Logger;
  tickS: number;
  run: () => Promise<void>;
}

export class BackgroundScheduler {
  readonly #deps: SchedulerDeps;
  #timer: NodeJS.Timeout | null = null;
  #lastRunMs: number | null = null;
  #running: Promise<void> | null = null;
  #again = false;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.#maybeRun(false), 1_000);
    this.#timer.unref();
  }

  kick(): void {
    this.#maybeRun(true);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  #maybeRun(force: boolean): void {
    if (this.#running) {
      this.#again ||= force;
      return;
    }
    const now = this.#deps.clock.now().getTime();
    if (!force && this.#lastRunMs !== null && now - this.#lastRunMs < this.#deps.tickS * 1000)
      return;
    this.#lastRunMs = now;
    this.#running = this.#deps
      .run()
      .catch((error: unknown) =>
        this.#deps.logger.warn({ err: error }, 'background scheduler run failed'),
      )
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          this.#maybeRun(true);
        }
      });
  }
}
