import {
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  chmodSync,
  accessSync,
} from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';

/**
 * Creates the data directory (mode 0700) or narrows an existing one to 0700 (operations.md §3.1).
 * Returns warnings to log; throws `DataDirError` when the path cannot be used.
 */
export function prepareDataDir(dir: string): string[] {
  const warnings: string[] = [];
  let stats;
  try {
    stats = statSync(dir);
  } catch {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new DataDirError(
        `cannot create ${dir}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
    return warnings;
  }
  if (!stats.isDirectory()) throw new DataDirError(`${dir} is not a directory`);
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    throw new DataDirError(`${dir} is not writable`);
  }
  if ((stats.mode & 0o077) !== 0) {
    chmodSync(dir, 0o700);
    warnings.push(
      `data directory ${dir} had mode ${(stats.mode & 0o777).toString(8)}; narrowed to 700`,
    );
  }
  return warnings;
}

export class DataDirError extends Error {
  override name = 'DataDirError';
}

/** The contents of `{data}/lock` (operations.md §3.1). */
export interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  baseUrl: string;
  adminUrl: string;
}

/** The directory is held by another live process; the message is the spec's (§3.2). */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
  constructor(
    readonly dir: string,
    readonly holder: Partial<LockInfo> | null,
    sameHost: boolean,
  ) {
    const who = holder?.pid ? `pid ${holder.pid}` : 'another process';
    const since = holder?.startedAt ? ` (started ${holder.startedAt})` : '';
    const host = sameHost ? '' : ` on host ${holder?.hostname ?? 'unknown'}`;
    const advice = sameHost
      ? 'Stop that process, or set TRIBUTARY_DATA_DIR to another directory.'
      : `Stop that process, or set TRIBUTARY_DATA_DIR to another directory. Once that host's process is known to be gone, ${join(dir, 'lock')} may be deleted by hand.`;
    super(`data directory ${dir} is in use by ${who}${host}${since}.\n${advice}`);
  }
}

export interface DataDirLock {
  readonly path: string;
  /** Rewrites the addresses once the listening port is known. */
  update(info: Pick<LockInfo, 'baseUrl' | 'adminUrl'>): void;
  /** Deletes the lock if it is still ours. Safe to call more than once. */
  release(): void;
}

export interface AcquireOptions {
  baseUrl: string;
  adminUrl: string;
  now: Date;
  pid?: number;
  hostname?: string;
  /** A stale lock was replaced: the caller logs `taking over stale lock of pid N`. */
  onStaleTakeover?: (stalePid: number | null) => void;
  /** Is `pid` a live process on this host? Injectable for tests. */
  isAlive?: (pid: number) => boolean;
}

/** Whether `pid` is a live process on this host. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeExclusive(path: string, body: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, body);
  } finally {
    closeSync(fd);
  }
  return true;
}

function writeReplacing(path: string, body: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, body);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/**
 * Takes the embedded mode's one-process lock on a data directory (operations.md §3.2): an
 * exclusive create, or the take-over of a stale lock left by a dead process on this host.
 */
export function acquireDataDirLock(dir: string, options: AcquireOptions): DataDirLock {
  const path = join(dir, 'lock');
  const pid = options.pid ?? process.pid;
  const host = options.hostname ?? osHostname();
  const isAlive = options.isAlive ?? isProcessAlive;
  const info: LockInfo = {
    pid,
    hostname: host,
    startedAt: options.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    baseUrl: options.baseUrl,
    adminUrl: options.adminUrl,
  };
  const body = () => `${JSON.stringify(info)}\n`;

  if (!writeExclusive(path, body())) {
    let holder: Partial<LockInfo> | null = null;
    let stale: boolean;
    try {
      holder = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockInfo>;
      const sameHost = holder.hostname === host;
      if (!sameHost) throw new DataDirInUseError(dir, holder, false);
      const holderPid = typeof holder.pid === 'number' ? holder.pid : null;
      stale = holderPid === null || holderPid === pid || !isAlive(holderPid);
    } catch (error) {
      if (error instanceof DataDirInUseError) throw error;
      // Unreadable JSON: a concurrent start may be writing it, so only an old one is stale.
      let ageMs = 0;
      try {
        ageMs = options.now.getTime() - statSync(path).mtimeMs;
      } catch {
        ageMs = Infinity;
      }
      stale = ageMs > 60_000;
      holder = null;
    }
    if (!stale) throw new DataDirInUseError(dir, holder, true);
    writeReplacing(path, body());
    options.onStaleTakeover?.(typeof holder?.pid === 'number' ? holder.pid : null);
  }

  let released = false;
  return {
    path,
    update(next) {
      if (released) return;
      info.baseUrl = next.baseUrl;
      info.adminUrl = next.adminUrl;
      writeReplacing(path, body());
    },
    release() {
      if (released) return;
      released = true;
      try {
        const current = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockInfo>;
        if (current.pid !== pid || current.hostname !== host) return;
      } catch {
        return;
      }
      rmSync(path, { force: true });
    },
  };
}

/** Reads the lock of a data directory, if any (the CLI uses it to find the running server). */
export function readDataDirLock(dir: string): Partial<LockInfo> | null {
  try {
    return JSON.parse(readFileSync(join(dir, 'lock'), 'utf8')) as Partial<LockInfo>;
  } catch {
    return null;
  }
}
