// The web bank's memory (sandbox.md §4, §6.1): sessions, failed-login counters and locks,
// accepted notices, successful-login counters for Nucleus' intermittent MFA, and faults. All of
// it lives in this process and `reset()` forgets it; times are clock times (§5).
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../kernel/clock.ts';
import { behaviourSettings, type SandboxInstitutionId } from '../personas.ts';
import { FaultStore, type FaultInput, type FaultMode, type SandboxFault } from './faults.ts';

/** Where a session stands: waiting for MFA, for a notice to be accepted, or fully logged in. */
export type SessionStage = 'mfa' | 'notice' | 'active';

/** A web bank session: the `sb_session` cookie's value and what the bank knows about it. */
export interface WebSession {
  /** The cookie value: 32 hex characters. */
  readonly token: string;
  readonly institutionId: SandboxInstitutionId;
  readonly loginId: string;
  stage: SessionStage;
  /** The `_csrf` value the session's forms carry (MFA, notice, logout). */
  readonly csrf: string;
  /** Clock time of the login and of the last request, for the max and idle lifetimes. */
  readonly createdMs: number;
  lastSeenMs: number;
  /** Clock time the MFA page was first shown (the challenge expires 120 s later). */
  mfaShownMs: number | null;
  /** Requests carrying the cookie, for `scenario-flaky`'s every 4th request. */
  requests: number;
  /** Authenticated page requests served, for `scenario-session`'s limit of 3. */
  authenticatedRequests: number;
}

/** Session lifetimes in clock seconds (`TRIBUTARY_SANDBOX_SESSION_IDLE_S` / `_MAX_S`). */
export interface SessionLimits {
  readonly idleS: number;
  readonly maxS: number;
}

interface LoginFailures {
  /** Clock times of failed logins within the window. */
  failures: number[];
  lockedUntilMs: number | null;
}

/** A random token of `bytes` bytes as lowercase hex. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function loginKey(institutionId: SandboxInstitutionId, loginId: string): string {
  return `${institutionId}|${loginId}`;
}

/**
 * Everything the sandbox web bank remembers between requests, shared with the sandbox control
 * routes (`POST /sandbox/reset`, `/sandbox/faults`) and the CDR holder's fault checks.
 */
export class WebBankState {
  readonly #clock: Clock;
  readonly #sessions = new Map<string, WebSession>();
  readonly #logins = new Map<string, LoginFailures>();
  readonly #acceptedNotices = new Set<string>();
  readonly #successfulLogins = new Map<string, number>();
  readonly #faults: FaultStore;

  constructor(clock: Clock) {
    this.#clock = clock;
    this.#faults = new FaultStore(clock);
  }

  /** Forgets sessions, lockouts, accepted notices, MFA counters and faults (sandbox.md §6.1). */
  reset(): void {
    this.#sessions.clear();
    this.#logins.clear();
    this.#acceptedNotices.clear();
    this.#successfulLogins.clear();
    this.#faults.clear();
  }

  /** Sets or (mode `none`) removes an institution's fault (sandbox.md §6.2). */
  setFault(institutionId: SandboxInstitutionId, input: FaultInput): SandboxFault {
    return this.#faults.set(institutionId, input);
  }

  /** The faults in force now (`GET /sandbox/faults`). */
  listFaults(): SandboxFault[] {
    return this.#faults.list();
  }

  /** The fault mode in force now for one surface of an institution, or null. */
  faultMode(institutionId: SandboxInstitutionId, surface: 'web' | 'cdr'): FaultMode | null {
    return this.#faults.modeFor(institutionId, surface);
  }

  // -- sessions ---------------------------------------------------------------------------------

  /** Starts a session after a correct password; expired sessions are swept on the way. */
  createSession(
    institutionId: SandboxInstitutionId,
    loginId: string,
    stage: SessionStage,
    limits: SessionLimits,
  ): WebSession {
    const nowMs = this.#clock.now().getTime();
    for (const [token, session] of this.#sessions) {
      if (!isLive(session, nowMs, limits)) this.#sessions.delete(token);
    }
    const session: WebSession = {
      token: randomHex(16),
      institutionId,
      loginId,
      stage,
      csrf: randomHex(16),
      createdMs: nowMs,
      lastSeenMs: nowMs,
      mfaShownMs: null,
      requests: 0,
      authenticatedRequests: 0,
    };
    this.#sessions.set(session.token, session);
    return session;
  }

  /**
   * The live session of this cookie at this institution, or undefined; a session past its idle
   * or absolute lifetime (clock time) is ended here.
   */
  findSession(
    token: string | undefined,
    institutionId: SandboxInstitutionId,
    limits: SessionLimits,
  ): WebSession | undefined {
    if (token === undefined) return undefined;
    const session = this.#sessions.get(token);
    if (session === undefined || session.institutionId !== institutionId) return undefined;
    if (!isLive(session, this.#clock.now().getTime(), limits)) {
      this.#sessions.delete(token);
      return undefined;
    }
    return session;
  }

  /** Marks a request of the session (the idle timer restarts). */
  touchSession(session: WebSession): void {
    session.lastSeenMs = this.#clock.now().getTime();
  }

  /** Ends a session (logout, wrong or expired MFA, `scenario-session`'s limit). */
  endSession(session: WebSession): void {
    this.#sessions.delete(session.token);
  }

  // -- lockout (scenario-lockout) ---------------------------------------------------------------

  /** Whether the login is locked now (sandbox.md §3.2: 30 minutes after the 3rd failure). */
  isLocked(institutionId: SandboxInstitutionId, loginId: string): boolean {
    const key = loginKey(institutionId, loginId);
    const entry = this.#logins.get(key);
    if (entry?.lockedUntilMs == null) return false;
    if (this.#clock.now().getTime() < entry.lockedUntilMs) return true;
    this.#logins.delete(key);
    return false;
  }

  /** Counts a failed login; the 3rd within 10 minutes (clock) locks the login for 30 minutes. */
  recordFailedLogin(institutionId: SandboxInstitutionId, loginId: string): void {
    const key = loginKey(institutionId, loginId);
    const nowMs = this.#clock.now().getTime();
    const { failures, windowSeconds, lockSeconds } = behaviourSettings.lockout;
    const entry = this.#logins.get(key) ?? { failures: [], lockedUntilMs: null };
    entry.failures = entry.failures.filter((t) => nowMs - t < windowSeconds * 1000);
    entry.failures.push(nowMs);
    if (entry.failures.length >= failures) {
      entry.failures = [];
      entry.lockedUntilMs = nowMs + lockSeconds * 1000;
    }
    this.#logins.set(key, entry);
  }

  /** A correct password clears the failure count, as banks do. */
  clearFailedLogins(institutionId: SandboxInstitutionId, loginId: string): void {
    this.#logins.delete(loginKey(institutionId, loginId));
  }

  // -- MFA counters and notices -----------------------------------------------------------------

  /** Counts a successful password login and returns its 1-based number (Nucleus, §3.4). */
  countSuccessfulLogin(institutionId: SandboxInstitutionId, loginId: string): number {
    const key = loginKey(institutionId, loginId);
    const count = (this.#successfulLogins.get(key) ?? 0) + 1;
    this.#successfulLogins.set(key, count);
    return count;
  }

  /** Whether the login accepted the `scenario-terms` notice at this institution (§4.5). */
  hasAcceptedNotice(institutionId: SandboxInstitutionId, loginId: string): boolean {
    return this.#acceptedNotices.has(loginKey(institutionId, loginId));
  }

  /** Records the acceptance; it holds until `reset()`. */
  acceptNotice(institutionId: SandboxInstitutionId, loginId: string): void {
    this.#acceptedNotices.add(loginKey(institutionId, loginId));
  }
}

function isLive(session: WebSession, nowMs: number, limits: SessionLimits): boolean {
  return (
    nowMs - session.lastSeenMs < limits.idleS * 1000 &&
    nowMs - session.createdMs < limits.maxS * 1000
  );
}
