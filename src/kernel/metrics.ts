import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** A circuit breaker as `tributary_institution_breaker_state` shows it. */
export interface BreakerState {
  institution: string;
  method: string;
  state: 'closed' | 'half-open' | 'open';
}

const breakerValues = { closed: 0, 'half-open': 1, open: 2 } as const;

/**
 * The process's Prometheus metrics (operations.md §9.2). One registry per process object, so tests
 * running several servers in one process do not share counters. Labels never carry ids.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let depthSource: { queues: readonly string[]; read: (queue: string) => Promise<number> } | null =
    null;
  let depthReadAt = 0;
  const queueDepth = new Gauge({
    name: 'tributary_queue_depth',
    help: 'Due, unclaimed jobs per queue.',
    labelNames: ['type'] as const,
    registers: [registry],
    // Read from the database at most every 5 s, however often the endpoint is scraped.
    async collect() {
      if (!depthSource || Date.now() - depthReadAt < 5_000) return;
      depthReadAt = Date.now();
      for (const queue of depthSource.queues) {
        try {
          this.set({ type: queue }, await depthSource.read(queue));
        } catch {
          // The database is away: keep the last value; readiness reports the outage.
        }
      }
    },
  });
  let breakerSource: (() => readonly BreakerState[]) | null = null;
  // Registered, and set only by its own collect: nothing else holds it.
  new Gauge({
    name: 'tributary_institution_breaker_state',
    help: 'Circuit breaker per institution and method: 0 closed, 1 half-open, 2 open.',
    labelNames: ['institution', 'method'] as const,
    registers: [registry],
    collect() {
      if (!breakerSource) return;
      this.reset();
      for (const b of breakerSource()) {
        this.set({ institution: b.institution, method: b.method }, breakerValues[b.state]);
      }
    },
  });
  const bankLabels = ['institution', 'method'] as const;
  return {
    /** Sets where `tributary_institution_breaker_state` reads the breakers from. */
    onCollectBreakers(read: () => readonly BreakerState[]) {
      breakerSource = read;
    },
    bankJobStarts: new Counter({
      name: 'tributary_bank_job_starts_total',
      help: 'Connection jobs that contacted their bank for the first time.',
      labelNames: [...bankLabels, 'trigger'] as const,
      registers: [registry],
    }),
    bankJobsFinished: new Counter({
      name: 'tributary_bank_jobs_finished_total',
      help: 'Connection jobs finished, by result (success or failed).',
      labelNames: [...bankLabels, 'trigger', 'result'] as const,
      registers: [registry],
    }),
    bankRequests: new Counter({
      name: 'tributary_bank_requests_total',
      help: 'HTTP requests to banks, by outcome: the status class, timeout or error.',
      labelNames: [...bankLabels, 'outcome'] as const,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'tributary_job_duration_seconds',
      help: 'Connection jobs from their first contact with the bank to their end.',
      labelNames: bankLabels,
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
      registers: [registry],
    }),
    /** Sets where `tributary_queue_depth` reads its values from. */
    onCollectQueueDepth(queues: readonly string[], read: (queue: string) => Promise<number>) {
      depthSource = { queues, read };
    },
    registry,
    httpRequests: new Counter({
      name: 'tributary_http_requests_total',
      help: 'HTTP requests answered, by route template.',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'tributary_http_request_duration_seconds',
      help: 'HTTP request duration, by route template.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'tributary_jobs_total',
      help: 'Jobs finished by this process, by queue and outcome.',
      labelNames: ['type', 'status'] as const,
      registers: [registry],
    }),
    queueDepth,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
