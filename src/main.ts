import { writeFileSync, renameSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { buildServer } from './api/server.ts';
import type { Config } from './config/load.ts';
import { ReadinessService } from './domain/health/readiness-service.ts';
import type { QueueDefinition } from './domain/jobs/job-queue.ts';
import { SandboxController } from './sandbox/control.ts';
import { WebBankState } from './sandbox/web-bank/sessions.ts';
import { registerWebBank } from './sandbox/web-bank/web-bank.ts';
import { createSmokeJobHandler, smokeQueue, type SmokeJobData } from './jobs/smoke-job.ts';
import { PgBossJobQueue } from './jobs/queue.ts';
import type { BusinessClock, Clock, SandboxClock } from './kernel/clock.ts';
import { createHmac, randomBytes } from 'node:crypto';
import type { ApiServices } from './api/server.ts';
import { ApplicationsService } from './domain/applications/applications-service.ts';
import { TokenService, type SigningKey } from './domain/auth/token-service.ts';
import { EventsQueryService } from './domain/events/events-query-service.ts';
import {
  createInstitutionRegistry,
  type InstitutionRegistry,
} from './domain/institutions/institution-registry.ts';
import type { ConnectionsService } from './domain/connections/connections-service.ts';
import type { Store } from './domain/store/store.ts';
import { buildConnectionsEngine } from './connections-engine.ts';
import { InstitutionHealth } from './domain/connections/institution-health.ts';
import { IdempotencyService } from './domain/idempotency/idempotency-service.ts';
import { UsersService } from './domain/users/users-service.ts';
import { fixedBusinessClock, systemClock } from './kernel/clock.ts';
import {
  createSecretBox,
  keyIdOf,
  randomToken,
  UnreadableSecretError,
  type SecretBox,
} from './kernel/crypto.ts';
import { CursorCodec } from './kernel/cursor.ts';
import { newId } from './kernel/ids.ts';
import { createApplicationsRepository } from './storage/repositories/applications-repository.ts';
import { createIdempotencyRepository } from './storage/repositories/idempotency-repository.ts';
import { createTokenKeysRepository } from './storage/repositories/token-keys-repository.ts';
import { writeBackup } from './storage/backup.ts';
import { reencryptSecrets } from './storage/reencrypt.ts';
import { createStore } from './storage/store.ts';
import { createLogger, type Logger } from './kernel/logger.ts';
import { loadOrCreateMasterKey, readMasterKey } from './kernel/master-key.ts';
import { createMetrics, type Metrics } from './kernel/metrics.ts';
import type { Database } from './storage/database.ts';
import {
  acquireDataDirLock,
  DataDirError,
  DataDirInUseError,
  prepareDataDir,
  type DataDirLock,
} from './storage/data-directory.ts';
import { openEmbeddedDatabase } from './storage/drivers/embedded.ts';
import { openPostgresDatabase } from './storage/drivers/postgres.ts';
import { loadMigrations, migrate, migrationStatus, SchemaTooNewError } from './storage/migrate.ts';
import { createInstallationRepository } from './storage/repositories/installation-repository.ts';
import { createQueueSmokeRepository } from './storage/repositories/queue-smoke-repository.ts';
import { PersistedSandboxClock } from './storage/sandbox-clock.ts';

export const version: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** A start that cannot go on; the CLI prints `message` on stderr and exits with `exitCode`. */
export class StartupError extends Error {
  override name = 'StartupError';
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

export type Role = 'serve' | 'worker';

/** What tests and benchmarks may swap; production passes nothing. */
export interface RuntimeDeps {
  /** Wall time for business time; with the sandbox on, the sandbox clock's offset is added to it. */
  clock?: Clock;
  /** Log lines go here instead of stdout. */
  logDestination?: DestinationStream;
  /** Opens the database instead of the configured driver (tests load a migrated snapshot). */
  openDatabase?: () => Promise<Database>;
  /** Warnings found while loading the configuration, logged once the logger exists. */
  configWarnings?: readonly string[];
}

export interface Runtime {
  readonly role: Role;
  readonly url: string;
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly database: Database;
  readonly queue: PgBossJobQueue;
  readonly readiness: ReadinessService;
  /**
   * Business time (sandbox.md §5): the persisted sandbox clock with the sandbox on, wall time
   * (offset 0, never jumps) with it off.
   */
  readonly clock: BusinessClock;
  /** The public API's services; null in a worker-only process. */
  readonly services: ApiServices | null;
  /** Facts for the start banner. */
  readonly banner: BannerFacts;
  /** Graceful shutdown (operations.md §11). Idempotent. */
  stop(): Promise<void>;
  /** Whatever must happen even on an abrupt exit: the lock is deleted. */
  releaseLock(): void;
}

export interface BannerFacts {
  version: string;
  apiUrl: string;
  dataDir: string;
  database: string;
  worker: 'in-process' | 'off';
  sandbox: 'on' | 'off';
  /** The one-time API key lines of operations.md §4.2, shown once, never logged. */
  extraLines: string[];
  warnings: string[];
}

/** The addresses written into the lock (operations.md §3.1). */
export function lockAddresses(config: Config, port: number): { baseUrl: string; adminUrl: string } {
  const host = config.server.host;
  const loopback =
    host === '0.0.0.0' || host === '127.0.0.1'
      ? '127.0.0.1'
      : host === '::' || host === '::1'
        ? '[::1]'
        : host.includes(':')
          ? `[${host}]`
          : host;
  return { baseUrl: config.server.publicUrl, adminUrl: `http://${loopback}:${port}/admin` };
}

function writeSecretFile(path: string, contents: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents, { mode: 0o600 });
  renameSync(temporary, path);
}

/** Secret values the logger scrubs from every line wherever they appear. */
function knownSecrets(config: Config, extra: string[]): string[] {
  const out = [...extra];
  const s = config.security;
  for (const value of [s.apiKey, s.adminToken, config.server.metricsToken])
    if (value) out.push(value);
  if (s.encryptionKey)
    out.push(s.encryptionKey.toString('base64'), s.encryptionKey.toString('base64url'));
  for (const key of s.previousKeys) out.push(key.toString('base64'), key.toString('base64url'));
  if (config.database.url) {
    const password = new URL(config.database.url).password;
    if (password) out.push(decodeURIComponent(password), password);
  }
  return out;
}

/**
 * The composition root: the only place that builds real implementations and wires them together
 * (ARCHITECTURE §3). `serve` runs the API (and, unless turned off, the worker); `worker` runs the
 * worker with only health, readiness and metrics over HTTP.
 */
export async function startRuntime(
  config: Config,
  role: Role,
  deps: RuntimeDeps = {},
): Promise<Runtime> {
  const embedded = config.database.mode === 'embedded';
  if (role === 'worker' && embedded) {
    throw new StartupError(
      2,
      'tributary: the server runs the worker in-process in embedded mode; `tributary worker` needs DATABASE_URL',
    );
  }

  const warnings: string[] = [];
  let dataDirWarnings: string[];
  try {
    dataDirWarnings = prepareDataDir(config.dataDir);
  } catch (error) {
    if (error instanceof DataDirError)
      throw new StartupError(
        78,
        `tributary: invalid configuration (1 problem)\n  TRIBUTARY_DATA_DIR: ${error.message}`,
      );
    throw error;
  }

  let lock: DataDirLock | null = null;
  const staleTakeovers: (number | null)[] = [];
  if (embedded) {
    try {
      lock = acquireDataDirLock(config.dataDir, {
        ...lockAddresses(config, config.server.port),
        now: new Date(),
        onStaleTakeover: (pid) => staleTakeovers.push(pid),
      });
    } catch (error) {
      if (error instanceof DataDirInUseError)
        throw new StartupError(1, `tributary: ${error.message}`);
      throw error;
    }
  }

  const cleanups: (() => Promise<void> | void)[] = [];
  const releaseLock = () => lock?.release();
  try {
    // The admin token: configured, or generated at each embedded start (operations.md §6).
    let adminToken = config.security.adminToken;
    if (!adminToken && embedded && role === 'serve') adminToken = randomToken(32);
    if (adminToken && embedded && role === 'serve')
      writeSecretFile(join(config.dataDir, 'admin-token'), `${adminToken}\n`);

    const logger = createLogger({
      level: config.server.logLevel,
      ...(deps.logDestination ? { destination: deps.logDestination } : {}),
      secrets: knownSecrets(config, adminToken ? [adminToken] : []),
    });
    for (const warning of [...(deps.configWarnings ?? []), ...dataDirWarnings])
      logger.warn(warning);
    for (const pid of staleTakeovers)
      logger.warn({ stalePid: pid }, `taking over stale lock of pid ${pid ?? 'unknown'}`);

    const database =
      (await deps.openDatabase?.()) ?? (await openConfiguredDatabase(config, role, logger));
    cleanups.unshift(() => database.close());

    const migrations = loadMigrations();
    const applied = await applyMigrations(database, migrations);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');

    const { secretBox, warnings: keyWarnings } = await openSecretBox(config, database, logger);
    warnings.push(...keyWarnings);

    // Business time: with the sandbox on, wall time plus the offset every process reads from the
    // database (sandbox.md §5). Re-read only where other processes can move it.
    const wallClock = deps.clock ?? systemClock;
    const sandboxClock = config.sandbox.enabled
      ? await PersistedSandboxClock.open(database, {
          base: wallClock,
          refreshMs: database.capabilities.multiProcess ? 500 : null,
          onError: (error, during) => {
            if (during === 'refresh')
              logger.warn({ err: error }, 'sandbox clock offset not re-read');
            else logger.error({ err: error }, 'sandbox clock change listener failed');
          },
        })
      : null;
    if (sandboxClock) cleanups.unshift(() => sandboxClock.stop());
    const clock: BusinessClock = sandboxClock ?? fixedBusinessClock(wallClock);

    // The web bank's memory, shared by the web bank and the sandbox control routes (sandbox.md §6).
    const sandbox =
      role === 'serve' && sandboxClock
        ? { state: new WebBankState(sandboxClock), clock: sandboxClock }
        : null;
    const webBankState = sandbox?.state ?? null;
    const store = createStore(database);
    const pepper = Buffer.from(
      await createInstallationRepository(database).apiKeyPepper(() => randomToken(32)),
      'base64url',
    );
    const health = new InstitutionHealth({
      store,
      clock,
      shared: database.capabilities.multiProcess,
      settings: {
        breakerThreshold: config.bankLoad.breakerThreshold,
        breakerOpenS: config.bankLoad.breakerOpenS,
      },
    });
    await health.refresh();
    // Other processes open and close breakers too: their view arrives within seconds.
    const healthTimer = setInterval(() => {
      health.refresh().catch((error: unknown) => {
        logger.warn({ err: error }, 'institution health not refreshed');
      });
    }, 5_000);
    healthTimer.unref();
    cleanups.unshift(() => clearInterval(healthTimer));
    const institutions = createInstitutionRegistry({
      disabledInstitutions: config.bankLoad.disabledInstitutions,
      sandboxEnabled: config.sandbox.enabled,
      observer: health,
    });
    const metrics = createMetrics();
    metrics.onCollectBreakers(() => health.breakerStates());
    const engine = buildConnectionsEngine({
      config,
      database,
      store,
      clock,
      secretBox,
      // The server key of the same-credentials key (connections.md §7), derived, never stored.
      credentialSecret: createHmac('sha256', pepper).update('credential-key').digest(),
      loginIdBox: createSecretBox({
        current: createHmac('sha256', pepper).update('login-id-key').digest(),
        previous: [],
      }),
      institutions,
      health,
      logger,
      metrics,
    });
    cleanups.unshift(() => engine.stop());
    // Jobs and schedules that became due run at once (sandbox.md §5).
    const unsubscribeClock = clock.onChange(() => engine.clockAdvanced());
    cleanups.unshift(unsubscribeClock);
    const services =
      role === 'serve'
        ? await buildApiServices(config, database, secretBox, logger, sandbox, {
            store,
            clock,
            pepper,
            institutions,
            connections: engine.service,
          })
        : null;
    const extraBannerLines: string[] = [];
    if (services) {
      const outcome = await database.withAdvisoryLock('tributary:default-application', () =>
        services.applications.ensureDefaultApplication({
          configuredKey: config.security.apiKey,
          production: config.production,
        }),
      );
      if (outcome.generatedKey) {
        extraBannerLines.push(
          `  API key:        ${outcome.generatedKey}`,
          '  This API key will not be shown again. Store it now.',
        );
      } else if (outcome.created && config.production && !config.security.apiKey) {
        extraBannerLines.push(
          `  No API key yet: run "tributary keys create --app ${outcome.application.id}"`,
        );
      }
      if (outcome.addedConfiguredKeyId) {
        logger.info(
          { keyId: outcome.addedConfiguredKeyId },
          'api key added to the default application',
        );
      }
      if (outcome.configuredKeyRevoked) {
        logger.warn('TRIBUTARY_API_KEY names a revoked key; it was not added again');
      }
    }

    const queue = new PgBossJobQueue(database, {
      claimed: (type, jobId) => logger.debug({ queue: type, jobId }, 'job claimed'),
      finished: (type, jobId, outcome, durationMs, error) => {
        metrics.jobs.inc({ type, status: outcome });
        const line = { queue: type, jobId, outcome, durationMs };
        if (outcome === 'released') logger.info(line, 'job released');
        else if (outcome === 'retried') logger.warn({ ...line, err: error }, 'job retry scheduled');
        else if (outcome === 'failed') logger.error({ ...line, err: error }, 'job finished');
        else logger.info(line, 'job finished');
      },
      pollFailed: (error) => logger.warn({ err: error }, 'queue poll failed'),
      error: (error) => logger.warn({ err: error }, 'queue maintenance error'),
    });
    await startQueue(database, queue, [smokeQueue, engine.queue]);
    cleanups.unshift(() => queue.close());
    metrics.onCollectQueueDepth([smokeQueue.name, engine.queue.name], (name) => queue.depth(name));

    const runsWorker = role === 'worker' || config.worker.enabled;
    if (runsWorker) {
      if (!database.capabilities.multiProcess) {
        // One process owns this database: whatever is still claimed was held by a dead process.
        const released = await queue.releaseAbandoned();
        if (released > 0) logger.warn({ released }, 'released jobs held by a previous process');
      }
      const smokeRuns = createQueueSmokeRepository(database);
      queue.handle<SmokeJobData>(
        smokeQueue.name,
        createSmokeJobHandler({
          recordRun: (key, worker) => smokeRuns.recordRun(key, worker),
          workerName: `${hostname()}:${process.pid}`,
        }),
      );
    }
    await engine.attach(queue, runsWorker);
    if (runsWorker) {
      queue.startWorking({ concurrency: config.worker.concurrency, pollS: config.worker.pollS });
    }

    const pollWindowMs = (3 * config.worker.pollS + 5) * 1000;
    const readiness = new ReadinessService({
      pingDatabase: async () => {
        await database.query('SELECT 1', []);
      },
      pendingMigrations: async () => (await migrationStatus(database, migrations)).pending.length,
      worker: () => {
        if (!runsWorker) return 'off';
        const last = queue.lastPollAt;
        return last !== null && Date.now() - last <= pollWindowMs ? 'ok' : 'failing';
      },
      nowMs: () => Date.now(),
    });

    const app = await buildServer({
      logger,
      metrics,
      readiness,
      metricsToken: config.server.metricsToken,
      publicUrl: config.server.publicUrl,
      bodyLimitBytes: config.api.bodyLimitBytes,
      requestTimeoutS: config.api.requestTimeoutS,
      trustProxy: config.server.trustProxy,
      corsOrigins: config.api.corsOrigins,
      rateLimits: {
        perApplication: config.api.rateLimitPerMinute,
        perClient: config.api.clientRateLimitPerMinute,
        tokenPer5Min: config.api.tokenRateLimitPer5Min,
      },
      nowMs: () => Date.now(),
      adminToken,
      services,
    });
    if (services && webBankState) {
      // The sandbox banks are real servers on the same listener, reached over HTTP by the
      // connectors exactly as a bank would be (ARCHITECTURE §3.4).
      registerWebBank(app, {
        clock,
        sessionIdleS: config.sandbox.sessionIdleS,
        sessionMaxS: config.sandbox.sessionMaxS,
        state: webBankState,
      });
    }
    try {
      await app.listen({ port: config.server.port, host: config.server.host });
    } catch (error) {
      throw new StartupError(
        1,
        `tributary: cannot listen on ${config.server.host}:${config.server.port}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.server.port;
    lock?.update(lockAddresses(config, port));
    const listenHost = config.server.host.includes(':')
      ? `[${config.server.host}]`
      : config.server.host;

    const banner: BannerFacts = {
      version,
      apiUrl: config.server.publicUrl,
      dataDir: config.dataDir,
      database: database.describe(),
      worker: runsWorker ? 'in-process' : 'off',
      sandbox: config.sandbox.enabled ? 'on' : 'off',
      extraLines: extraBannerLines,
      warnings: [
        ...warnings,
        ...(config.production && config.sandbox.enabled
          ? ['the sandbox banks are on with NODE_ENV=production']
          : []),
      ],
    };
    for (const warning of banner.warnings) logger.warn(warning);
    logger.info(
      {
        role,
        version,
        api: banner.apiUrl,
        dataDir: banner.dataDir,
        database: banner.database,
        worker: banner.worker,
        sandbox: banner.sandbox,
      },
      'tributary started',
    );

    let stopping: Promise<void> | null = null;
    const stop = () =>
      (stopping ??= (async () => {
        // One budget for jobs and requests together (operations.md §11).
        const graceMs = config.server.shutdownGraceS * 1000;
        const deadline = Date.now() + graceMs;
        logger.info('shutdown started');
        readiness.markShuttingDown();
        const closing = app.close();
        await queue.stopWorking(graceMs);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          closing,
          new Promise<void>((resolve) => {
            timer = setTimeout(
              () => {
                app.server.closeAllConnections();
                resolve();
              },
              Math.max(0, deadline - Date.now()),
            );
          }),
        ]);
        clearTimeout(timer);
        for (const cleanup of cleanups) await cleanup();
        releaseLock();
        logger.info('shutdown complete');
        logger.flush();
      })());

    return {
      role,
      url: `http://${listenHost === '0.0.0.0' ? '127.0.0.1' : listenHost === '[::]' ? '[::1]' : listenHost}:${port}`,
      config,
      logger,
      metrics,
      database,
      queue,
      readiness,
      clock,
      services,
      banner,
      stop,
      releaseLock,
    };
  } catch (error) {
    for (const cleanup of cleanups) await Promise.resolve(cleanup()).catch(() => undefined);
    releaseLock();
    throw error;
  }
}

/**
 * The encryption key: configured, or generated outside production (operations.md §8.2), recorded
 * in the installation row. In PostgreSQL mode every process must share it, so a generated one must
 * match the database's (exit 78 otherwise). A changed key without the previous one is logged,
 * never fatal (§8.4).
 */
export async function openSecretBox(
  config: Config,
  database: Database,
  logger?: Logger,
): Promise<{ secretBox: SecretBox; warnings: string[] }> {
  const warnings: string[] = [];
  const installation = createInstallationRepository(database);
  const recordedKeyId = await installation.encryptionKeyId();
  let encryptionKey = config.security.encryptionKey;
  if (!encryptionKey) {
    const path = join(config.dataDir, 'master.key');
    if (config.database.mode !== 'embedded' && recordedKeyId !== null) {
      const existing = readMasterKey(config.dataDir);
      if (!existing || keyIdOf(existing) !== recordedKeyId) {
        throw new StartupError(
          78,
          `tributary: invalid configuration (1 problem)\n  TRIBUTARY_ENCRYPTION_KEY: required, this database uses key ${recordedKeyId}`,
        );
      }
      encryptionKey = existing;
    } else {
      encryptionKey = loadOrCreateMasterKey(config.dataDir).key;
    }
    warnings.push(
      `using a generated encryption key in ${path}; set TRIBUTARY_ENCRYPTION_KEY for anything but local use`,
    );
  }
  const currentKeyId = keyIdOf(encryptionKey);
  const knownKeyIds = [currentKeyId, ...config.security.previousKeys.map(keyIdOf)];
  if (recordedKeyId !== null && !knownKeyIds.includes(recordedKeyId)) {
    logger?.error(
      { recordedKeyId, currentKeyId },
      'the encryption key changed and the previous key is not configured: stored secrets are unreadable',
    );
  }
  if (recordedKeyId !== currentKeyId) await installation.recordEncryptionKeyId(currentKeyId);
  return {
    secretBox: createSecretBox({ current: encryptionKey, previous: config.security.previousKeys }),
    warnings,
  };
}

export async function openConfiguredDatabase(
  config: Config,
  role: string,
  logger?: Logger,
): Promise<Database> {
  if (config.database.mode === 'embedded') {
    return openEmbeddedDatabase({ dataDir: join(config.dataDir, 'pgdata') });
  }
  return openPostgresDatabase({
    url: config.database.url ?? '',
    poolMax: config.database.poolMax,
    applicationName: `tributary-${role}`,
    onIdleError: (error) => logger?.warn({ err: error }, 'database connection lost'),
  });
}

/** Migrations, with their failures turned into the exit codes of operations.md §2 and §5.3. */
export async function applyMigrations(
  database: Database,
  migrations = loadMigrations(),
): Promise<string[]> {
  try {
    return await migrate(database, migrations);
  } catch (error) {
    if (error instanceof SchemaTooNewError)
      throw new StartupError(1, `tributary: ${error.message}`);
    if (database.capabilities.multiProcess && isConnectionError(error)) {
      throw new StartupError(3, 'tributary: the database at DATABASE_URL cannot be reached');
    }
    throw error;
  }
}

/**
 * `tributary migrate`: applies pending migrations and pg-boss's schema, then exits. In embedded
 * mode it holds the data-directory lock meanwhile, so beside a running server it is refused.
 */
export async function runMigrations(config: Config): Promise<string[]> {
  try {
    prepareDataDir(config.dataDir);
  } catch (error) {
    if (error instanceof DataDirError) {
      throw new StartupError(
        78,
        `tributary: invalid configuration (1 problem)\n  TRIBUTARY_DATA_DIR: ${error.message}`,
      );
    }
    throw error;
  }
  let lock: DataDirLock | null = null;
  if (config.database.mode === 'embedded') {
    try {
      lock = acquireDataDirLock(config.dataDir, {
        ...lockAddresses(config, config.server.port),
        now: new Date(),
      });
    } catch (error) {
      if (error instanceof DataDirInUseError)
        throw new StartupError(1, `tributary: ${error.message}`);
      throw error;
    }
  }
  try {
    const database = await openConfiguredDatabase(config, 'migrate');
    try {
      const applied = await applyMigrations(database);
      const queue = new PgBossJobQueue(database);
      await startQueue(database, queue, [smokeQueue]);
      await queue.close();
      return applied;
    } finally {
      await database.close();
    }
  } finally {
    lock?.release();
  }
}

/** The access-token signing keys that can be opened; a new one when none can (operations.md §8.4). */
async function loadSigningKeys(
  database: Database,
  secretBox: SecretBox,
  logger: Logger,
): Promise<SigningKey[]> {
  const repository = createTokenKeysRepository(database);
  const open = async () => {
    const keys: SigningKey[] = [];
    let unreadable = 0;
    for (const row of await repository.list()) {
      try {
        keys.push({
          id: row.id,
          secret: Buffer.from(secretBox.open(row.sealed, row.id), 'base64'),
        });
      } catch (error) {
        if (!(error instanceof UnreadableSecretError)) throw error;
        unreadable++;
      }
    }
    return { keys, unreadable };
  };
  return database.withAdvisoryLock('tributary:token-keys', async () => {
    const { keys, unreadable } = await open();
    if (unreadable > 0)
      logger.error({ unreadable, kind: 'token-signing-key' }, 'unreadable secrets');
    if (keys.length > 0) return keys;
    const id = newId();
    const secret = randomBytes(32);
    await repository.insert(id, secretBox.seal(secret.toString('base64'), id), new Date());
    return [{ id, secret }];
  });
}

async function buildApiServices(
  config: Config,
  database: Database,
  secretBox: SecretBox,
  logger: Logger,
  sandbox: { state: WebBankState; clock: SandboxClock } | null,
  shared: {
    store: Store;
    clock: BusinessClock;
    pepper: Buffer;
    institutions: InstitutionRegistry;
    connections: ConnectionsService;
  },
): Promise<ApiServices> {
  const { store, clock, pepper } = shared;
  const signingKeys = await loadSigningKeys(database, secretBox, logger);
  const applications = createApplicationsRepository(database);
  const tokens = new TokenService({
    keys: signingKeys,
    reloadKeys: () => loadSigningKeys(database, secretBox, logger),
    ttlS: config.api.tokenTtlS,
    issuer: config.server.publicUrl,
    loadRevocations: () => applications.revocations(),
    nowMs: () => Date.now(),
  });
  return {
    applications: new ApplicationsService({ store, clock, pepper }),
    users: new UsersService({ store, clock }),
    tokens,
    idempotency: new IdempotencyService({
      repository: createIdempotencyRepository(database),
      ttlS: config.api.idempotencyTtlS,
      nowMs: () => Date.now(),
    }),
    institutions: shared.institutions,
    connections: shared.connections,
    reencrypt: () => reencryptSecrets(database, secretBox),
    backup: (write) => writeBackup(database, { version, keyIds: [secretBox.currentKeyId] }, write),
    events: new EventsQueryService({ store, clock, retentionDays: config.retention.eventDays }),
    cursors: new CursorCodec(createHmac('sha256', pepper).update('pagination-cursor').digest()),
    sandbox: sandbox ? new SandboxController(sandbox) : null,
  };
}

/**
 * pg-boss creates its schema and each queue's partition with DDL that processes starting at once
 * can run into each other with (`CREATE SCHEMA IF NOT EXISTS`, partition creation): our own
 * advisory lock makes them take turns, and a deadlock PostgreSQL still reports is retried.
 */
async function startQueue(
  database: Database,
  queue: PgBossJobQueue,
  definitions: readonly QueueDefinition[],
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await database.withAdvisoryLock('tributary:queue-schema', async () => {
        await queue.start();
        for (const definition of definitions) await queue.declare(definition);
      });
      return;
    } catch (error) {
      const deadlock = (error as { code?: unknown }).code === '40P01';
      if (!deadlock || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    typeof code === 'string' &&
    [
      'ECONNREFUSED',
      'ENOTFOUND',
      'ETIMEDOUT',
      'ECONNRESET',
      'EHOSTUNREACH',
      '57P03',
      '3D000',
      '28P01',
      '28000',
    ].includes(code)
  );
}

/** The start banner of operations.md §4.1, for stderr. */
export function renderBanner(facts: BannerFacts): string {
  const lines = [
    `Tributary ${facts.version} is running`,
    `  API:            ${facts.apiUrl}`,
    `  API reference:  ${facts.apiUrl}/docs`,
    `  Data directory: ${facts.dataDir}`,
    `  Database:       ${facts.database}`,
    `  Worker:         ${facts.worker}`,
    `  Sandbox banks:  ${facts.sandbox}`,
    ...facts.extraLines,
    ...facts.warnings.map((w) => `  Warning: ${w}`),
  ];
  return `${lines.join('\n')}\n`;
}
