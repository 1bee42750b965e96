import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
  return {
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
