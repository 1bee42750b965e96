import { after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../src/config/load.ts';
import { startRuntime, type Runtime } from '../../src/main.ts';
import { openTestDatabase } from './database.ts';
import { freePort } from './net.ts';

export { freePort };
import type { Driver } from './environment.ts';

const tempDirs: string[] = [];

/** Removed when the test file ends (registered here, at file level, not inside a hook). */
after(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'tributary-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Captures JSON log lines in memory. */
export class LogCapture extends Writable {
  readonly raw: string[] = [];
  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    this.raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    callback();
  }
  lines(): Record<string, unknown>[] {
    return this.raw.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
  text(): string {
    return this.raw.join('\n');
  }
}

export function configFor(env: Record<string, string>): Config {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(`test configuration invalid:\n${result.problems.join('\n')}`);
  return result.config;
}

export interface TestServer {
  runtime: Runtime;
  url: string;
  logs: LogCapture;
  dataDir: string;
  stop(): Promise<void>;
}

const running = new Set<Runtime>();

/** Leak check (ARCHITECTURE §4.4): every server a test file starts is stopped by its end. */
after(() => {
  if (running.size > 0) {
    const count = running.size;
    for (const runtime of running) void runtime.stop();
    throw new Error(`${count} test server(s) were left running`);
  }
});

/**
 * Starts the real composition root in this process on a migrated test database of `driver`, on
 * a free loopback port, with logs captured.
 */
export async function startTestServer(
  driver: Driver,
  env: Record<string, string> = {},
): Promise<TestServer> {
  const dataDir = tempDir();
  const port = await freePort();
  const database = await openTestDatabase(driver);
  const config = configFor({
    PORT: String(port),
    TRIBUTARY_DATA_DIR: dataDir,
    TRIBUTARY_WORKER_POLL_S: '0.5',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  const logs = new LogCapture();
  const runtime = await startRuntime(config, 'serve', {
    openDatabase: () => Promise.resolve(database),
    logDestination: logs,
  });
  running.add(runtime);
  return {
    runtime,
    url: runtime.url,
    logs,
    dataDir,
    async stop() {
      await runtime.stop();
      running.delete(runtime);
    },
  };
}
