// The circuit breaker of each institution and method, and the health the institution objects show
// (connections.md §9.3–§9.4). The breaker lives in the database, so every process obeys the same
// one; the health view is a snapshot refreshed every few seconds and at once after a breaker
// change here.
import type { ConnectorMethod, ReasonCode } from '../../connectors/connector.ts';
import type { Clock } from '../../kernel/clock.ts';
import type {
  InstitutionObserver,
  MethodHealth,
  StepDurations,
} from '../institutions/institutions-types.ts';
import type { Store } from '../store/store.ts';
import { addSeconds, isUserPresent } from './connection-rules.ts';
import type { JobTrigger } from './connection-types.ts';

export interface Breaker {
  institutionId: string;
  method: ConnectorMethod;
  failures: number;
  state: 'closed' | 'open';
  openUntil: Date | null;
  openSeconds: number;
  probeJobId: string | null;
}

export interface BreakersRepository {
  /** The breaker row as it stands, unlocked; null when none was created yet (closed). */
  find(institutionId: string, method: ConnectorMethod): Promise<Breaker | null>;
  /** The breaker row, created closed when missing, locked for the transaction. */
  lock(institutionId: string, method: ConnectorMethod, openSeconds: number): Promise<Breaker>;
  save(breaker: Breaker): Promise<void>;
  list(): Promise<Breaker[]>;
  /** Jobs that reached a bank and finished since `since`. */
  jobStats(
    since: Date,
  ): Promise<
    { institutionId: string; method: ConnectorMethod; success: boolean; durationMs: number }[]
  >;
}

/** Codes that count toward opening the breaker (§9.4); user-side codes never do. */
const countedCodes: ReadonlySet<ReasonCode> = new Set([
  'service-unavailable',
  'maintenance',
  'connector-error',
  'job-timed-out',
]);

const maxOpenSeconds = 3_600;

export type Admission = { kind: 'go' } | { kind: 'refuse' } | { kind: 'wait'; until: Date };

const percentile = (sorted: readonly number[], p: number): number | null => {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)] ?? 0);
};

const key = (institutionId: string, method: string) => `${institutionId}/${method}`;

export class InstitutionHealth implements InstitutionObserver {
  #breakers = new Map<string, Breaker>();
  #stats = new Map<
    string,
    { successRate1h: number | null; p50: number | null; p95: number | null }
  >();

  /** Breaker writes of this process; a refresh that saw the database before one is dropped. */
  #writes = 0;

  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      settings: { breakerThreshold: number; breakerOpenS: number };
      /**
       * Whether other processes write breakers too (PostgreSQL). When not, every write goes
       * through this object and its view is the breaker itself: deciding needs no read.
       */
      shared: boolean;
    },
  ) {}

  /** The breaker as it stands (no lock): this process's own view when it is the only writer. */
  async #current(institutionId: string, method: ConnectorMethod): Promise<Breaker | null> {
    if (!this.deps.shared) return this.#breakers.get(key(institutionId, method)) ?? null;
    return this.deps.store.breakers.find(institutionId, method);
  }

  #remember(breaker: Breaker): void {
    this.#writes += 1;
    this.#breakers.set(key(breaker.institutionId, breaker.method), breaker);
  }

  /**
   * Whether a job may contact the bank now (§9.4): closed lets it through; open refuses a
   * user-present job and holds back a background one until the next probe; past its open time
   * the breaker lets one job through as the probe.
   */
  async admit(
    job: { id: string; institutionId: string; trigger: JobTrigger },
    method: ConnectorMethod,
  ): Promise<Admission> {
    // A closed breaker lets every job through: no lock needed to see that.
    const seen = await this.#current(job.institutionId, method);
    if (seen === null || seen.state === 'closed' || seen.probeJobId === job.id) {
      return { kind: 'go' };
    }
    const admission = await this.deps.store.transaction(async (store) => {
      const breaker = await store.breakers.lock(
        job.institutionId,
        method,
        this.deps.settings.breakerOpenS,
      );
      if (breaker.state === 'closed' || breaker.probeJobId === job.id)
        return { kind: 'go' } as const;
      const now = this.deps.clock.now();
      const openUntil = breaker.openUntil ?? now;
      const probeRunning = breaker.probeJobId !== null;
      if (now >= openUntil && !probeRunning) {
        breaker.probeJobId = job.id;
        await store.breakers.save(breaker);
        this.#remember(breaker);
        return { kind: 'go' } as const;
      }
      if (isUserPresent(job.trigger)) return { kind: 'refuse' } as const;
      return { kind: 'wait', until: now >= openUntil ? addSeconds(now, 60) : openUntil } as const;
    });
    return admission;
  }

  /** A job that reached the bank ended: `code` null for success. */
  async record(
    job: { id: string; institutionId: string },
    method: ConnectorMethod,
    code: ReasonCode | null,
  ): Promise<void> {
    if (code === 'institution-not-available' || code === 'connection-deleted') return;
    const { breakerThreshold, breakerOpenS } = this.deps.settings;
    if (code === null || !countedCodes.has(code)) {
      // The bank answered. A breaker already at rest, or a failure that is not this breaker's
      // probe, changes nothing: no write, and the periodic refresh brings the job statistics.
      const seen = await this.#current(job.institutionId, method);
      const atRest =
        seen === null ||
        (seen.state === 'closed' &&
          seen.failures === 0 &&
          seen.openUntil === null &&
          seen.openSeconds === breakerOpenS &&
          seen.probeJobId === null);
      if (code === null ? atRest : seen?.probeJobId !== job.id) return;
    }
    await this.deps.store.transaction(async (store) => {
      const breaker = await store.breakers.lock(job.institutionId, method, breakerOpenS);
      const now = this.deps.clock.now();
      const counted = code !== null && countedCodes.has(code);
      const wasProbe = breaker.probeJobId === job.id;
      if (!counted) {
        // The bank answered: a probe closes the breaker; otherwise the run of failures ends.
        if (code === null || wasProbe) {
          breaker.failures = 0;
          breaker.state = 'closed';
          breaker.openUntil = null;
          breaker.openSeconds = breakerOpenS;
          breaker.probeJobId = null;
        }
      } else if (breaker.state === 'open' && wasProbe) {
        breaker.openSeconds = Math.min(maxOpenSeconds, breaker.openSeconds * 2);
        breaker.openUntil = addSeconds(now, breaker.openSeconds);
        breaker.probeJobId = null;
        breaker.failures += 1;
      } else if (breaker.state === 'closed') {
        breaker.failures += 1;
        if (breaker.failures >= breakerThreshold) {
          breaker.state = 'open';
          breaker.openSeconds = breakerOpenS;
          breaker.openUntil = addSeconds(now, breakerOpenS);
        }
      }
      await store.breakers.save(breaker);
      this.#remember(breaker);
    });
    await this.refresh();
  }

  /** Re-reads breakers and the last hour's job statistics. */
  async refresh(): Promise<void> {
    const store = this.deps.store;
    const writes = this.#writes;
    const breakers = await store.breakers.list();
    if (writes === this.#writes) {
      this.#breakers = new Map(breakers.map((b) => [key(b.institutionId, b.method), b]));
    }
    const since = addSeconds(this.deps.clock.now(), -3_600);
    const grouped = new Map<string, { ok: number; all: number; durations: number[] }>();
    for (const row of await store.breakers.jobStats(since)) {
      const k = key(row.institutionId, row.method);
      const entry = grouped.get(k) ?? { ok: 0, all: 0, durations: [] };
      entry.all += 1;
      if (row.success) entry.ok += 1;
      entry.durations.push(row.durationMs);
      grouped.set(k, entry);
    }
    this.#stats = new Map(
      [...grouped].map(([k, entry]) => {
        const sorted = entry.durations.sort((a, b) => a - b);
        return [
          k,
          {
            successRate1h: entry.ok / entry.all,
            p50: percentile(sorted, 50),
            p95: percentile(sorted, 95),
          },
        ];
      }),
    );
  }

  health(institutionId: string, method: ConnectorMethod): MethodHealth {
    const breaker = this.#breakers.get(key(institutionId, method));
    const stats = this.#stats.get(key(institutionId, method));
    const now = this.deps.clock.now();
    let state: MethodHealth['breaker'] = 'closed';
    if (breaker?.state === 'open') {
      state = breaker.openUntil !== null && now < breaker.openUntil ? 'open' : 'half-open';
    }
    return {
      breaker: state,
      successRate1h: stats?.successRate1h ?? null,
      p50DurationMs: stats?.p50 ?? null,
      p95DurationMs: stats?.p95 ?? null,
      nextProbeAt: state === 'open' ? (breaker?.openUntil ?? null) : null,
    };
  }

  /** Every breaker this process knows of, in the state {@link health} shows. */
  breakerStates(): {
    institution: string;
    method: ConnectorMethod;
    state: MethodHealth['breaker'];
  }[] {
    return [...this.#breakers.values()].map((b) => ({
      institution: b.institutionId,
      method: b.method,
      state: this.health(b.institutionId, b.method).breaker,
    }));
  }

  averageDurations(): StepDurations {
    return {
      verifyCredentials: null,
      retrieveAccounts: null,
      retrieveTransactions: null,
      retrieveMeta: null,
      total: null,
    };
  }
}
