// The port through which the API reaches the sandbox banks' control surface (sandbox.md §5, §6):
// the sandbox clock, reset, faults and the ground truth of the deterministic personas. src/main.ts satisfies it with the
// sandbox's own objects (src/sandbox/control.ts) by structural typing, so neither src/domain nor
// src/api imports src/sandbox (ARCHITECTURE §3.2).
import type { ClockReading } from '../../kernel/clock.ts';

/** Which bank surface a fault applies to (sandbox.md §6.2). */
export type SandboxFaultSurface = 'web' | 'cdr' | 'both';

/** What a faulty bank does (sandbox.md §6.2); `none` removes the fault. */
export type SandboxFaultMode = 'none' | 'maintenance' | 'error-5xx' | 'timeout' | 'broken-layout';

/** Every fault surface, in the order the spec lists them. */
export const sandboxFaultSurfaces: readonly SandboxFaultSurface[] = ['web', 'cdr', 'both'];

/** Every fault mode, in the order the spec lists them. */
export const sandboxFaultModes: readonly SandboxFaultMode[] = [
  'none',
  'maintenance',
  'error-5xx',
  'timeout',
  'broken-layout',
];

/** What `PUT /sandbox/faults/{institutionId}` sets. */
export interface SandboxFaultInput {
  readonly surface: SandboxFaultSurface;
  readonly mode: SandboxFaultMode;
  /** Clock time at which the fault ends by itself; null: until replaced or reset. */
  readonly until: Date | null;
}

/** A fault of a sandbox institution's bank (sandbox.md §6.2). */
export interface SandboxFault {
  readonly institution: string;
  readonly surface: SandboxFaultSurface;
  readonly mode: SandboxFaultMode;
  readonly until: Date | null;
}

/** A persona as `GET /sandbox/personas` lists it, for the sandbox date D (sandbox.md §6.3). */
export interface SandboxPersonaSummary {
  readonly loginId: string;
  readonly personaNumber: number;
  /** CDR holder login (sandbox.md §3.5); null when the holders do not serve the persona. */
  readonly memberNumber: string | null;
  /** `H` on D; null for personas without data. */
  readonly historyDays: number | null;
  /** How many accounts the persona has. */
  readonly accounts: number;
  /** Distinct posted items of every account on D. */
  readonly postedCount: number;
  readonly pendingCount: number;
}

/** One account of a persona's ground truth on D (sandbox.md §6.3). Money as two-decimal strings. */
export interface SandboxGroundTruthAccount {
  /** The bank account id (16 hex characters). */
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly product: string;
  readonly bsb: string | null;
  readonly number: string;
  readonly balance: string;
  readonly availableFunds: string;
  readonly creditLimit: string | null;
  readonly postedCount: number;
  readonly pendingCount: number;
  /** `YYYY-MM-DD` of the oldest and newest posted item; null when there is none. */
  readonly firstPostDate: string | null;
  readonly lastPostDate: string | null;
}

/** A persona with its accounts (`GET /sandbox/personas/{loginId}`). */
export interface SandboxPersonaDetail {
  readonly loginId: string;
  readonly personaNumber: number;
  readonly memberNumber: string | null;
  readonly historyDays: number | null;
  readonly postedCount: number;
  readonly pendingCount: number;
  readonly accounts: readonly SandboxGroundTruthAccount[];
}

/** A transaction of the ground truth (sandbox.md §6.3). Money as two-decimal strings. */
export interface SandboxGroundTruthTransaction {
  /** The bank transaction id when posted; null when pending. */
  readonly id: string | null;
  readonly status: 'posted' | 'pending';
  /** `YYYY-MM-DD`, Sydney calendar date. */
  readonly date: string;
  /** `HH:MM`, Sydney time. */
  readonly time: string;
  readonly description: string;
  readonly amount: string;
  readonly class: string;
  /** Running balance after the item when posted; null when pending. */
  readonly balance: string | null;
  /** Pending only: the posted id the item becomes, or `released`; null when posted. */
  readonly becomes: string | null;
}

/** Which slice of an account's ground truth to list: inclusive `YYYY-MM-DD` dates and paging. */
export interface SandboxTransactionQuery {
  readonly from?: string;
  readonly to?: string;
  readonly offset: number;
  readonly limit: number;
}

/** A page of ground-truth transactions (pending first, then posted newest first) and the total. */
export interface SandboxTransactionPage {
  readonly items: readonly SandboxGroundTruthTransaction[];
  readonly total: number;
}

/** The sandbox control surface the API serves under `/sandbox/…` (sandbox.md §5, §6). */
export interface SandboxControl {
  /** The sandbox clock's time and offset (`GET /sandbox/clock`). */
  readClock(): ClockReading;
  /**
   * Moves the sandbox clock forward by `seconds` (a positive whole number) for every process;
   * resolves with the reading after the move.
   */
  advanceClock(seconds: number): Promise<ClockReading>;
  /**
   * Moves the sandbox clock forward to `instant`; never back (the caller refuses a past instant,
   * and one that passed meanwhile leaves the clock as it is).
   */
  setClock(instant: Date): Promise<ClockReading>;
  /**
   * The sandbox date D: today's calendar date in Australia/Sydney by the sandbox clock
   * (`YYYY-MM-DD`).
   */
  today(): string;
  /** Forgets bank-side state: sessions, lockouts, notices, MFA counters, faults (sandbox.md §6.1). */
  reset(): void;
  /** Whether the id names a sandbox institution (faults exist only for those). */
  hasInstitution(institutionId: string): boolean;
  /**
   * Sets, or with mode `none` removes, a sandbox institution's fault and returns the fault object.
   * The caller checks {@link hasInstitution} first.
   */
  setFault(institutionId: string, input: SandboxFaultInput): SandboxFault;
  /** The faults in force now, in institution order. */
  listFaults(): SandboxFault[];
  /** Every persona with its counts on `today`. */
  personas(today: string): SandboxPersonaSummary[];
  /** One persona with its accounts on `today`; null when no persona has this login ID. */
  persona(loginId: string, today: string): SandboxPersonaDetail | null;
  /** A page of an account's ground truth on `today`; null for an unknown persona or account. */
  transactions(
    loginId: string,
    accountId: string,
    today: string,
    query: SandboxTransactionQuery,
  ): SandboxTransactionPage | null;
}
