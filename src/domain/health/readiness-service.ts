export type CheckValue = 'ok' | 'failing' | 'pending' | 'unknown' | 'off';

export interface ReadinessReport {
  status: 'ready' | 'not-ready';
  checks: {
    database: CheckValue;
    migrations: CheckValue;
    worker: CheckValue;
    shutdown?: 'in-progress';
  };
}

/** What readiness asks of the rest of the process; each probe is built by the composition root. */
export interface ReadinessProbes {
  /** Resolves when `SELECT 1` answered. */
  pingDatabase(): Promise<void>;
  /** Migrations this version knows that the database lacks. */
  pendingMigrations(): Promise<number>;
  /** `off` when this process runs no worker; else whether its last poll is recent. */
  worker(): 'ok' | 'failing' | 'off';
  /** Wall milliseconds, for the cache. */
  nowMs(): number;
}

const databaseTimeoutMs = 2_000;
const cacheMs = 1_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Readiness as operations.md §9.1 defines it, cached for at most one second. */
export class ReadinessService {
  #cached: { at: number; report: ReadinessReport } | null = null;
  #inFlight: Promise<ReadinessReport> | null = null;
  #shuttingDown = false;

  constructor(private readonly probes: ReadinessProbes) {}

  /** From the first shutdown signal on, readiness is `not-ready` whatever the checks say. */
  markShuttingDown(): void {
    this.#shuttingDown = true;
  }

  async report(): Promise<ReadinessReport> {
    const now = this.probes.nowMs();
    let report: ReadinessReport;
    if (this.#cached && now - this.#cached.at < cacheMs) {
      report = this.#cached.report;
    } else {
      this.#inFlight ??= this.#check().finally(() => {
        this.#inFlight = null;
      });
      report = await this.#inFlight;
      this.#cached = { at: now, report };
    }
    if (!this.#shuttingDown) return report;
    return { status: 'not-ready', checks: { ...report.checks, shutdown: 'in-progress' } };
  }

  async #check(): Promise<ReadinessReport> {
    let database: CheckValue = 'ok';
    let migrations: CheckValue = 'unknown';
    try {
      await withTimeout(this.probes.pingDatabase(), databaseTimeoutMs);
      migrations =
        (await withTimeout(this.probes.pendingMigrations(), databaseTimeoutMs)) > 0
          ? 'pending'
          : 'ok';
    } catch {
      database = 'failing';
    }
    const worker = this.probes.worker();
    const failing = database !== 'ok' || migrations !== 'ok' || worker === 'failing';
    return { status: failing ? 'not-ready' : 'ready', checks: { database, migrations, worker } };
  }
}
