import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/support/net.ts';

/** One line of `npm run bench` (operations.md §14): exactly these keys. */
export interface BenchResult {
  bench: string;
  driver: 'embedded' | 'postgres';
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  n: number;
}

export type Driver = BenchResult['driver'];

/** Everything a bench file needs to know about the run. */
export interface BenchContext {
  driver: Driver;
  /** A fresh, empty PostgreSQL database URL (postgres driver only). */
  createDatabase(): Promise<string>;
  tempDir(): string;
}

export type Bench = (context: BenchContext) => Promise<BenchResult[]>;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function result(
  bench: string,
  driver: Driver,
  samples: readonly number[],
  unit: string,
  baselineSamples: readonly number[] | null = null,
): BenchResult {
  const value = round(median(samples));
  const baseline = baselineSamples ? round(median(baselineSamples)) : null;
  return {
    bench,
    driver,
    value,
    unit,
    baseline,
    ratio: baseline ? round(value / baseline) : null,
    n: samples.length,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export { freePort };

const bin = fileURLToPath(new URL('../bin/tributary.js', import.meta.url));

/** Starts `tributary serve` as a real process and waits until `/readyz` answers 200. */
export async function startServe(
  env: Record<string, string>,
): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${stderr}`);
      try {
        const response = await fetch(`${url}/readyz`);
        await response.arrayBuffer();
        if (response.status === 200) break;
      } catch {
        // not listening yet
      }
      // A short poll: `start.*` benches time this wait.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid ?? 0, stop };
}

/** Seconds from spawning `tributary serve` until `/readyz` answers 200; the process is stopped. */
export async function timeServeUntilReady(env: Record<string, string>): Promise<number> {
  const started = process.hrtime.bigint();
  const server = await startServe(env);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await server.stop();
  return seconds;
}

const apiKey = 'bench-api-key-0123456789-abcdefghijklmnopq';

/**
 * What every bench server starts with: a fresh data directory (and, on PostgreSQL, a fresh
 * database), a known API key and encryption key; `extra` on top.
 */
export async function benchEnv(
  context: BenchContext,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const env: Record<string, string> = {
    TRIBUTARY_DATA_DIR: join(context.tempDir(), 'data'),
    TRIBUTARY_API_KEY: apiKey,
    TRIBUTARY_ENCRYPTION_KEY: 'LS3nO6bS2q1o3JxKfGlrH2x8wzqjPZ1c9pXc3yH9T6c=',
    ...extra,
  };
  if (context.driver === 'postgres') env.DATABASE_URL = await context.createDatabase();
  return env;
}

/** A client of a bench server, signed in with the bench's API key. */
export class Api {
  private constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  static async signIn(url: string): Promise<Api> {
    const response = await fetch(`${url}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${apiKey}`, 'basiq-version': '3.0' },
    });
    const { access_token: token } = (await response.json()) as { access_token: string };
    return new Api(url, token);
  }

  /** The headers of an authenticated request. */
  get headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers = this.headers;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text === '' ? null : JSON.parse(text)) as T;
  }

  /** Polls a job every 50 ms until it succeeds, the first time 50 ms after it was made. */
  async waitForJob(jobId: string): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const job = await this.call<{ status: string }>('GET', `/jobs/${jobId}`);
      if (job.status === 'success') return;
      if (job.status === 'failed') throw new Error(`job ${jobId} failed`);
    }
  }
}
