// What the CLI's resource commands act on (operations.md §5.2): a running embedded server through
// its admin API, or the same domain services built without an HTTP listener on the database
// itself (embedded with the data-directory lock taken, or PostgreSQL). Composition only: the
// rules are the services' own.
import { once } from 'node:events';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Config } from './config/load.ts';
import { ApplicationsService } from './domain/applications/applications-service.ts';
import { systemClock } from './kernel/clock.ts';
import { keyIdOf, randomToken, type SecretBox } from './kernel/crypto.ts';
import { readMasterKey } from './kernel/master-key.ts';
import { AppError, DatabaseUnavailableError } from './kernel/errors.ts';
import {
  applyMigrations,
  lockAddresses,
  openConfiguredDatabase,
  openSecretBox,
  StartupError,
  version,
} from './main.ts';
import {
  acquireDataDirLock,
  DataDirInUseError,
  isProcessAlive,
  prepareDataDir,
  readDataDirLock,
  type DataDirLock,
} from './storage/data-directory.ts';
import { createInstallationRepository } from './storage/repositories/installation-repository.ts';
import { isEmptyTarget, loadBackup, readBackupHeader, writeBackup } from './storage/backup.ts';
import { loadMigrations } from './storage/migrate.ts';
import { reencryptSecrets } from './storage/reencrypt.ts';
import { createStore } from './storage/store.ts';

/** A command that cannot complete; the CLI prints `message` and exits with `exitCode`. */
export class OperatorError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'OperatorError';
  }
}

export interface AppSummary {
  id: string;
  name: string;
  keys: number;
  createdAt: string;
}

export interface KeySummary {
  id: string;
  appId: string;
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The operations of §5.1 that act on a deployment's data. */
export interface Operator {
  /** How it reaches the data, for messages: `admin API at …` or `database`. */
  readonly via: string;
  createApp(name: string): Promise<{ id: string; name: string; key: string }>;
  listApps(): Promise<AppSummary[]>;
  createKey(appId: string): Promise<{ id: string; appId: string; key: string }>;
  listKeys(appId: string): Promise<KeySummary[]>;
  revokeKey(keyId: string): Promise<void>;
  resetSandbox(): Promise<void>;
  /** Seals every stored secret under the current key (§8.3). */
  reencrypt(): Promise<{ reencrypted: number; unreadable: number }>;
  /** Writes a gzip backup archive (§12.1) to `file` (which must not exist yet). */
  backup(file: string): Promise<{ lastMigration: string | null }>;
  close(): Promise<void>;
}

const iso = (at: Date | null) => (at ? at.toISOString().replace(/\.\d{3}Z$/, 'Z') : null);
const timeoutMs = 5_000;

/** Chooses the path of §5.2 and opens it. */
export async function openOperator(config: Config): Promise<Operator> {
  if (config.database.mode === 'embedded') {
    const holder = readDataDirLock(config.dataDir);
    if (
      holder?.pid !== undefined &&
      holder.hostname === hostname() &&
      isProcessAlive(holder.pid) &&
      holder.adminUrl
    ) {
      const token = config.security.adminToken ?? readAdminTokenFile(config.dataDir);
      return adminApiOperator(holder.adminUrl, token, `pid ${holder.pid} holds the data directory`);
    }
  }
  return directOperator(config);
}

function readAdminTokenFile(dataDir: string): string {
  try {
    return readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  } catch {
    throw new OperatorError(1, 'admin token refused: no admin-token file in the data directory');
  }
}

/** Path 1: the live server's admin API (api.md §12). */
function adminApiOperator(adminUrl: string, token: string, holder: string): Operator {
  const base = adminUrl.replace(/\/+$/, '').replace(/\/admin$/, '');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new OperatorError(3, `server not reachable at ${adminUrl} (${holder})`);
    }
    const text = await response.text();
    if (response.status === 401) throw new OperatorError(1, 'admin token refused');
    if (response.status === 404)
      throw new OperatorError(1, `not found: ${path.split('/').at(-1) ?? path}`);
    if (response.status >= 400) {
      const detail = (JSON.parse(text) as { data?: { detail?: string }[] }).data?.[0]?.detail;
      throw new OperatorError(1, detail ?? `the server answered ${response.status}`);
    }
    return (text === '' ? null : JSON.parse(text)) as T;
  };
  interface AppBody {
    id: string;
    name: string;
    createdDate: string;
    key?: { value: string };
  }
  interface KeyBody {
    id: string;
    applicationId: string;
    hint: string;
    createdDate: string;
    lastUsedAt: string | null;
    revokedAt?: string | null;
    status: string;
    value?: string;
  }
  const listKeys = async (appId: string): Promise<KeySummary[]> => {
    const list = await call<{ data: KeyBody[] }>('GET', `/admin/applications/${appId}/keys`);
    return list.data.map((key) => ({
      id: key.id,
      appId: key.applicationId,
      hint: key.hint,
      createdAt: key.createdDate,
      lastUsedAt: key.lastUsedAt,
      revokedAt: key.revokedAt ?? null,
    }));
  };
  return {
    via: `admin API at ${adminUrl}`,
    async createApp(name) {
      const app = await call<AppBody>('POST', '/admin/applications', { name });
      return { id: app.id, name: app.name, key: app.key?.value ?? '' };
    },
    async listApps() {
      const list = await call<{ data: AppBody[] }>('GET', '/admin/applications');
      const out: AppSummary[] = [];
      for (const app of list.data) {
        const keys = await listKeys(app.id);
        out.push({
          id: app.id,
          name: app.name,
          keys: keys.filter((k) => k.revokedAt === null).length,
          createdAt: app.createdDate,
        });
      }
      return out;
    },
    async createKey(appId) {
      const key = await call<KeyBody>('POST', `/admin/applications/${appId}/keys`);
      return { id: key.id, appId: key.applicationId, key: key.value ?? '' };
    },
    listKeys,
    async revokeKey(keyId) {
      await call('DELETE', `/admin/keys/${keyId}`);
    },
    async resetSandbox() {
      await call('POST', '/admin/sandbox/reset');
    },
    reencrypt() {
      return call<{ reencrypted: number; unreadable: number }>('POST', '/admin/reencrypt');
    },
    async backup(file) {
      let response: Response;
      try {
        response = await fetch(`${base}/admin/backup`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch {
        throw new OperatorError(3, `server not reachable at ${adminUrl} (${holder})`);
      }
      if (response.status === 401) throw new OperatorError(1, 'admin token refused');
      if (response.status !== 200 || response.body === null) {
        throw new OperatorError(1, `the server answered ${response.status}`);
      }
      await pipeline(
        Readable.fromWeb(response.body as never),
        createWriteStream(file, { mode: 0o600 }),
      );
      return { lastMigration: (await readBackupHeader(file)).lastMigration };
    },
    async close() {
      // Nothing held.
    },
  };
}

/** Paths 2 and 3: the services on the database itself, no listener. */
async function directOperator(config: Config): Promise<Operator> {
  let lock: DataDirLock | null = null;
  if (config.database.mode === 'embedded') {
    prepareDataDir(config.dataDir);
    try {
      lock = acquireDataDirLock(config.dataDir, {
        ...lockAddresses(config, config.server.port),
        now: new Date(),
      });
    } catch (error) {
      if (error instanceof DataDirInUseError)
        throw new OperatorError(1, `tributary: ${error.message}`);
      throw error;
    }
  }
  let database;
  let secretBox: SecretBox;
  try {
    database = await openConfiguredDatabase(config, 'cli');
    await applyMigrations(database);
    // Records (or checks) the encryption key as a server start would, so a first command on an
    // empty database leaves it as a first start does.
    secretBox = (await openSecretBox(config, database)).secretBox;
  } catch (error) {
    lock?.release();
    if (error instanceof StartupError) throw new OperatorError(error.exitCode, error.message);
    if (error instanceof DatabaseUnavailableError) {
      throw new OperatorError(3, `tributary: the database is not reachable (${error.message})`);
    }
    throw error;
  }
  const store = createStore(database);
  const pepper = Buffer.from(
    await createInstallationRepository(database).apiKeyPepper(() => randomToken(32)),
    'base64url',
  );
  const applications = new ApplicationsService({ store, clock: systemClock, pepper });
  const notFound = (id: string) => (error: unknown) => {
    if (error instanceof AppError && error.code === 'resource-not-found') {
      throw new OperatorError(1, `not found: ${id}`);
    }
    if (error instanceof AppError) throw new OperatorError(1, error.detail);
    throw error;
  };
  const listKeys = async (appId: string): Promise<KeySummary[]> => {
    const keys = await applications.listKeys(appId).catch(notFound(appId));
    return keys.map((key) => ({
      id: key.id,
      appId: key.applicationId,
      hint: key.hint,
      createdAt: iso(key.createdAt) ?? '',
      lastUsedAt: iso(key.lastUsedAt),
      revokedAt: iso(key.revokedAt),
    }));
  };
  return {
    via: 'database',
    async createApp(name) {
      const { application, key } = await applications.createApplication(name).catch(notFound(name));
      return { id: application.id, name: application.name, key: key?.value ?? '' };
    },
    async listApps() {
      const out: AppSummary[] = [];
      for (const app of await applications.listApplications()) {
        const keys = await listKeys(app.id);
        out.push({
          id: app.id,
          name: app.name,
          keys: keys.filter((k) => k.revokedAt === null).length,
          createdAt: iso(app.createdAt) ?? '',
        });
      }
      return out;
    },
    async createKey(appId) {
      const issued = await applications.createKey(appId).catch(notFound(appId));
      return { id: issued.record.id, appId, key: issued.value };
    },
    listKeys,
    async revokeKey(keyId) {
      await applications.revokeKey(keyId).catch(notFound(keyId));
    },
    async resetSandbox() {
      if (config.database.mode === 'embedded') {
        // No server holds the data directory, so no sandbox bank holds any state to clear.
        return;
      }
      // PostgreSQL: the sandbox banks' state lives in the serving processes; ask one of them.
      if (!config.security.adminToken) {
        throw new OperatorError(
          1,
          'sandbox reset in PostgreSQL mode goes through a server: set TRIBUTARY_ADMIN_TOKEN',
        );
      }
      await adminApiOperator(
        `${config.server.publicUrl}/admin`,
        config.security.adminToken,
        'TRIBUTARY_PUBLIC_URL',
      ).resetSandbox();
    },
    reencrypt() {
      return reencryptSecrets(database, secretBox);
    },
    async backup(file) {
      const gzip = createGzip();
      const done = pipeline(gzip, createWriteStream(file, { mode: 0o600 }));
      const header = await writeBackup(
        database,
        { version, keyIds: [secretBox.currentKeyId] },
        async (chunk) => {
          if (!gzip.write(chunk)) await once(gzip, 'drain');
        },
      );
      gzip.end();
      await done;
      return { lastMigration: header.lastMigration };
    },
    async close() {
      await database.close();
      lock?.release();
    },
  };
}

/**
 * `tributary restore FILE` (§12.2): loads an archive into an empty data directory or database,
 * never through a server. Returns the rows loaded and the warnings to print.
 */
export async function restoreBackup(
  config: Config,
  file: string,
): Promise<{ loaded: number; warnings: string[] }> {
  let header;
  try {
    header = await readBackupHeader(file);
  } catch (error) {
    throw new OperatorError(1, `cannot read ${file}: ${(error as Error).message}`);
  }
  const latest = loadMigrations().at(-1)?.id ?? '';
  if (header.lastMigration !== null && header.lastMigration > latest) {
    throw new OperatorError(1, 'the archive was made by a newer version of Tributary');
  }
  const embedded = config.database.mode === 'embedded';
  const emptyTarget = `restore needs an empty ${embedded ? 'data directory' : 'database'}`;
  let lock: DataDirLock | null = null;
  if (embedded) {
    prepareDataDir(config.dataDir);
    const pgdata = join(config.dataDir, 'pgdata');
    if (existsSync(pgdata) && readdirSync(pgdata).length > 0)
      throw new OperatorError(1, emptyTarget);
    try {
      lock = acquireDataDirLock(config.dataDir, {
        ...lockAddresses(config, config.server.port),
        now: new Date(),
      });
    } catch (error) {
      if (error instanceof DataDirInUseError) throw new OperatorError(1, emptyTarget);
      throw error;
    }
  }
  try {
    let database;
    try {
      database = await openConfiguredDatabase(config, 'cli');
      if (!(await isEmptyTarget(database))) throw new OperatorError(1, emptyTarget);
      await applyMigrations(database);
    } catch (error) {
      if (error instanceof StartupError) throw new OperatorError(error.exitCode, error.message);
      if (error instanceof DatabaseUnavailableError) {
        throw new OperatorError(3, `tributary: the database is not reachable (${error.message})`);
      }
      throw error;
    }
    try {
      const loaded = await loadBackup(database, file);
      return { loaded, warnings: keyWarnings(config, header.keyIds) };
    } finally {
      await database.close();
    }
  } finally {
    lock?.release();
  }
}

/** The archive's key ids that no configured key (or master.key) matches (§12.2). */
function keyWarnings(config: Config, keyIds: readonly string[]): string[] {
  const known = new Set<string>(config.security.previousKeys.map(keyIdOf));
  if (config.security.encryptionKey) known.add(keyIdOf(config.security.encryptionKey));
  const master = readMasterKey(config.dataDir);
  if (master) known.add(keyIdOf(master));
  return keyIds
    .filter((id) => !known.has(id))
    .map(
      (id) =>
        `warning: the archive's secrets are sealed under key ${id}, which is not configured; set TRIBUTARY_ENCRYPTION_KEY (or copy master.key) or the restored credentials are unreadable`,
    );
}
