/**
 * The source of "now" for everything Tributary writes (api.md §1). Logic never calls `Date.now()`
 * directly, so tests can drive time and the sandbox clock can move it forward.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What the business clock says: its time and how far ahead of its base (wall time) it runs. */
export interface ClockReading {
  readonly now: Date;
  /** Whole seconds added to the base; 0 until the sandbox clock is advanced (sandbox.md §5). */
  readonly offsetSeconds: number;
}

/** Called with the new reading when a process sees the business clock jump forward. */
export type ClockListener = (reading: ClockReading) => void;

/**
 * The deployment's business clock (sandbox.md §5): `now = wall time + offset`, the offset only
 * growing. Work that waits on clock time subscribes to `onChange`, since a jump makes jobs and
 * schedules due at once.
 */
export interface BusinessClock extends Clock {
  /** `now` together with the offset it was computed from. */
  read(): ClockReading;
  /**
   * Calls `listener` whenever this process observes a larger offset: its own advance at once,
   * another process's within a second. Returns the unsubscribe function.
   */
  onChange(listener: ClockListener): () => void;
}

/** The sandbox clock: a business clock that can be moved forward for every process (sandbox.md §5). */
export interface SandboxClock extends BusinessClock {
  /** Adds `seconds` (> 0) to the offset; resolves with the reading after the move. */
  advance(seconds: number): Promise<ClockReading>;
  /**
   * Moves the clock to at least `instant` (rounded up to a whole second of offset). Never moves it
   * back: an instant already passed leaves the clock where it is.
   */
  setTo(instant: Date): Promise<ClockReading>;
}

/** A business clock that is its base and never jumps (the sandbox off: offset 0, sandbox.md §6.4). */
export function fixedBusinessClock(base: Clock = systemClock): BusinessClock {
  return {
    now: () => base.now(),
    read: () => ({ now: base.now(), offsetSeconds: 0 }),
    onChange: () => () => undefined,
  };
}

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
