// Faults of sandbox.md §6.2: an institution's bank put into maintenance, errors, silence or a
// changed layout on demand, optionally until a clock time. Kept in memory; `POST /sandbox/reset`
// clears them (§6.1).
import type { Clock } from '../../kernel/clock.ts';
import type { SandboxInstitutionId } from '../personas.ts';

/** Which bank surface a fault applies to (sandbox.md §6.2). */
export type FaultSurface = 'web' | 'cdr' | 'both';

/** What a faulty bank does (sandbox.md §6.2); `none` removes the fault. */
export type FaultMode = 'none' | 'maintenance' | 'error-5xx' | 'timeout' | 'broken-layout';

/** The fault object of `PUT /sandbox/faults/{institutionId}` and `GET /sandbox/faults`. */
export interface SandboxFault {
  readonly institution: SandboxInstitutionId;
  readonly surface: FaultSurface;
  readonly mode: FaultMode;
  /** Clock time at which the fault ends by itself; null: until replaced or reset. */
  readonly until: Date | null;
}

/** What `PUT /sandbox/faults/{institutionId}` sets. */
export interface FaultInput {
  readonly surface: FaultSurface;
  readonly mode: FaultMode;
  readonly until?: Date | null;
}

/** One fault per institution: a new PUT replaces the previous one, whatever its surface. */
export class FaultStore {
  readonly #clock: Clock;
  readonly #faults = new Map<SandboxInstitutionId, SandboxFault>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Sets (or, with mode `none`, removes) the institution's fault and returns the fault object. */
  set(institution: SandboxInstitutionId, input: FaultInput): SandboxFault {
    const fault: SandboxFault = {
      institution,
      surface: input.surface,
      mode: input.mode,
      until: input.until ?? null,
    };
    if (fault.mode === 'none') this.#faults.delete(institution);
    else this.#faults.set(institution, fault);
    return fault;
  }

  /** The faults in force now, in institution order; expired ones are dropped. */
  list(): SandboxFault[] {
    const nowMs = this.#clock.now().getTime();
    const active: SandboxFault[] = [];
    for (const [institution, fault] of this.#faults) {
      if (fault.until !== null && fault.until.getTime() <= nowMs) this.#faults.delete(institution);
      else active.push(fault);
    }
    return active.sort((a, b) => a.institution.localeCompare(b.institution));
  }

  /** The mode in force now for one surface of the institution's bank, or null when healthy. */
  modeFor(institution: SandboxInstitutionId, surface: 'web' | 'cdr'): FaultMode | null {
    const fault = this.#faults.get(institution);
    if (fault === undefined) return null;
    if (fault.until !== null && fault.until.getTime() <= this.#clock.now().getTime()) {
      this.#faults.delete(institution);
      return null;
    }
    if (fault.surface !== 'both' && fault.surface !== surface) return null;
    // A changed layout exists only on the web surface (§6.2).
    if (fault.mode === 'broken-layout' && surface === 'cdr') return null;
    return fault.mode;
  }

  /** Removes every fault (`POST /sandbox/reset`). */
  clear(): void {
    this.#faults.clear();
  }
}
