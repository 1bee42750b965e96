/**
 * The source of "now" for everything Tributary writes (api.md §1). Logic never calls `Date.now()`
 * directly, so tests can drive time and the sandbox clock can move it forward.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; the tests' clock and the base of the sandbox clock. */
export class ManualClock implements Clock {
  #ms: number;

  constructor(start: Date | string = '2026-01-01T00:00:00Z') {
    this.#ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#ms);
  }

  advance(ms: number): void {
    this.#ms += ms;
  }

  set(to: Date | string): void {
    this.#ms = new Date(to).getTime();
  }
}
