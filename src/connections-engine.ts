// Composition of the connections engine (connections.md): the service the API calls, the recorder
// and handler the worker runs, the dispatcher that hands due jobs to the queue and the background
// scheduler (Smart Cache, staleness). `main.ts` builds it once per process.
import { hostname } from 'node:os';
import type { Config } from './config/load.ts';
import { createConnectorRegistry } from './connectors/registry.ts';
import { createHttpClient } from './connectors/web/web-http.ts';
import { ConnectionsService, type JobWaker } from './domain/connections/connections-service.ts';
import type { InstitutionHealth } from './domain/connections/institution-health.ts';
import { JobRecorder } from './domain/connections/job-recorder.ts';
import type { InstitutionRegistry } from './domain/institutions/institution-registry.ts';
import type { Store } from './domain/store/store.ts';
import {
  ConnectionJobDispatcher,
  connectionJobsQueue,
  createConnectionJobHandler,
  type BankWorkObserver,
  type ConnectionJobData,
} from './jobs/connection-jobs.ts';
import type { PgBossJobQueue } from './jobs/queue.ts';
import { BackgroundScheduler } from './jobs/scheduler.ts';
import type { Clock } from './kernel/clock.ts';
import type { SecretBox } from './kernel/crypto.ts';
import type { Logger } from './kernel/logger.ts';
import type { Metrics } from './kernel/metrics.ts';
import type { Database } from './storage/database.ts';

/** The worker's bank work as the metrics of connections.md §9.3. */
function bankWorkMetrics(metrics: Metrics): BankWorkObserver {
  return {
    jobStarted: (labels) => metrics.bankJobStarts.inc(labels),
    jobFinished(labels, result, bankSeconds) {
      metrics.bankJobsFinished.inc({ ...labels, result });
      if (bankSeconds !== null) {
        metrics.jobDuration.observe(
          { institution: labels.institution, method: labels.method },
          bankSeconds,
        );
      }
    },
    bankRequest: (labels, outcome) => metrics.bankRequests.inc({ ...labels, outcome }),
  };
}

/** A waker that forwards to the dispatcher once the queue exists. */
class LateWaker implements JobWaker {
  target: JobWaker | null = null;
  wake(jobIds: readonly string[], options?: { inserted?: boolean }): void {
    this.target?.wake(jobIds, options);
  }
}

export interface ConnectionsEngine {
  readonly service: ConnectionsService;
  readonly queue: ReturnType<typeof connectionJobsQueue>;
  /** Wires the queue in: after this, created jobs are dispatched. */
  attach(queue: PgBossJobQueue, runsWorker: boolean): Promise<void>;
  /** The sandbox clock moved forward: due jobs and slots run now. */
  clockAdvanced(): void;
  stop(): void;
}

export function buildConnectionsEngine(deps: {
  config: Config;
  database: Database;
  store: Store;
  clock: Clock;
  secretBox: SecretBox;
  loginIdBox: SecretBox;
  credentialSecret: Buffer;
  institutions: InstitutionRegistry;
  health: InstitutionHealth;
  logger: Logger;
  metrics: Metrics;
}): ConnectionsEngine {
  const { config, store, clock, logger } = deps;
  const waker = new LateWaker();
  const smartCache = {
    enabled: config.smartCache.enabled,
    intervalS: config.smartCache.intervalS,
    jitterS: config.smartCache.jitterS,
    minAgeS: config.smartCache.minAgeS,
  };
  const service = new ConnectionsService({
    store,
    clock,
    institutions: deps.institutions,
    secretBox: deps.secretBox,
    loginIdBox: deps.loginIdBox,
    credentialSecret: deps.credentialSecret,
    waker,
    settings: {
      sameCredentialsPauseS: config.connections.sameCredentialsPauseS,
      mfaTimeoutS: config.connections.mfaTimeoutS,
      refreshLimitWebPerDay: config.connections.refreshLimitWebPerDay,
      refreshLimitObPerDay: config.connections.refreshLimitObPerDay,
      refreshBulkPerDay: config.connections.refreshBulkPerDay,
      bulkRefreshSpacingS: config.connections.bulkRefreshSpacingS,
      sandboxMaxConnections: config.sandbox.maxConnections,
      staleAfterS: config.connections.staleAfterS,
      smartCache,
    },
  });
  const queueDefinition = connectionJobsQueue(config.connections);
  let dispatcher: ConnectionJobDispatcher | null = null;
  let scheduler: BackgroundScheduler | null = null;

  return {
    service,
    queue: queueDefinition,
    async attach(queue, runsWorker) {
      dispatcher = new ConnectionJobDispatcher({
        queue,
        store,
        clock,
        logger,
        queueName: queueDefinition.name,
        poke: () => queue.poke(queueDefinition.name),
      });
      waker.target = dispatcher;
      if (!runsWorker) return;
      if (!deps.database.capabilities.multiProcess) {
        // One process owns this database: any lease is a dead process's.
        const released = await store.jobs.releaseAllLeases();
        if (released > 0)
          logger.warn({ released }, 'released connection jobs of a previous process');
      }
      const registry = createConnectorRegistry({
        sandboxBaseUrl: config.sandbox.enabled ? config.sandbox.baseUrl : null,
        bank: config.connections,
        sandboxSessions: { idleS: config.sandbox.sessionIdleS, maxS: config.sandbox.sessionMaxS },
      });
      const recorder = new JobRecorder({
        store,
        clock,
        settings: {
          mfaTimeoutS: config.connections.mfaTimeoutS,
          pendingMatchDays: config.api.pendingMatchDays,
          smartCache,
        },
      });
      const active = dispatcher;
      queue.handle<ConnectionJobData>(
        queueDefinition.name,
        createConnectionJobHandler({
          store,
          recorder,
          clock,
          secretBox: deps.secretBox,
          institutions: deps.institutions,
          connector: (institutionId, method) => registry.get(institutionId, method),
          http: createHttpClient(),
          logger,
          settings: config.connections,
          workerName: `${hostname()}:${process.pid}`,
          resendAt: (jobId, resumeAt) => active.resendAt(jobId, resumeAt),
          health: deps.health,
          observer: bankWorkMetrics(deps.metrics),
        }),
      );
      active.start(1_000);
      scheduler = new BackgroundScheduler({
        clock,
        logger,
        tickS: config.smartCache.tickS,
        run: () =>
          deps.database.withAdvisoryLock('tributary:background-scheduler', async () => {
            await service.runSmartCache();
            await service.reportStale();
          }),
      });
      scheduler.start();
    },
    clockAdvanced() {
      void dispatcher
        ?.clockAdvanced()
        .catch((error: unknown) =>
          logger.warn({ err: error }, 'dispatching after a clock advance failed'),
        );
      scheduler?.kick();
    },
    stop() {
      dispatcher?.stop();
      scheduler?.stop();
    },
  };
}
