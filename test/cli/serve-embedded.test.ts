import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PgBossJobQueue } from '../../src/jobs/queue.ts';
import { smokeQueue, type SmokeJobData } from '../../src/jobs/smoke-job.ts';
import { openEmbeddedDatabase } from '../../src/storage/drivers/embedded.ts';
import { createQueueSmokeRepository } from '../../src/storage/repositories/queue-smoke-repository.ts';
import { spawnTributary, type TributaryProcess } from '../support/process.ts';
import { freePort, tempDir } from '../support/server.ts';

function mode(path: string): string {
  return (statSync(path).mode & 0o777).toString(8);
}

function logLines(p: TributaryProcess): Record<string, unknown>[] {
  return p.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function mintToken(port: number, key: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${key}`, 'basiq-version': '3.0' },
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Opens a stopped server's database directly, as the next start would. */
async function withDataDir<T>(
  dataDir: string,
  fn: (db: Awaited<ReturnType<typeof openEmbeddedDatabase>>) => Promise<T>,
): Promise<T> {
  const db = await openEmbeddedDatabase({ dataDir: join(dataDir, 'pgdata') });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function enqueueSmokeJob(dataDir: string, data: SmokeJobData): Promise<void> {
  return withDataDir(dataDir, async (db) => {
    const queue = new PgBossJobQueue(db);
    await queue.start();
    await queue.declare(smokeQueue);
    await queue.send(smokeQueue.name, data);
    await queue.close();
  });
}

describe('tributary serve in embedded mode, as a real process', () => {
  const dataDir = join(tempDir(), 'data');
  let first: TributaryProcess;
  let port: number;
  let apiKey = '';
  let token = '';
  let userId = '';

  test('operations.md A1: serve starts on PGlite, prints the banner on stderr and /readyz answers ready', async () => {
    port = await freePort();
    first = spawnTributary(['serve'], { TRIBUTARY_DATA_DIR: dataDir, PORT: String(port) });
    await first.waitForHttp(`http://127.0.0.1:${port}/healthz`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), {
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok', worker: 'ok' },
    });
    assert.match(first.stderr, new RegExp(`API:\\s+http://localhost:${port}`));
    assert.match(first.stderr, /Database:\s+embedded \(PGlite\)/);
    assert.match(first.stderr, /Worker:\s+in-process/);
    assert.match(first.stderr, /Warning: using a generated encryption key in .*master\.key/);
    assert.match(first.stderr, /will not be shown again/);
    apiKey = /API key:\s+(\S+)/.exec(first.stderr)?.[1] ?? '';
    assert.ok(apiKey.length > 40);
    assert.ok(!first.stdout.includes(apiKey), 'the key is only in the banner');
    token = await mintToken(port, apiKey);
    const created = await fetch(`http://127.0.0.1:${port}/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'kept@example.test' }),
    });
    assert.equal(created.status, 201);
    userId = ((await created.json()) as { id: string }).id;
    // stdout carries only JSON log lines; the banner's facts are one `tributary started` record.
    const started = logLines(first).find((line) => line.msg === 'tributary started');
    assert.equal(started?.database, 'embedded (PGlite)');
  });

  test('operations.md A2: the data directory is 0700 and holds pgdata, lock, master.key and admin-token', () => {
    assert.equal(mode(dataDir), '700');
    assert.ok(statSync(join(dataDir, 'pgdata')).isDirectory());
    assert.equal(mode(join(dataDir, 'pgdata')), '700');
    for (const file of ['lock', 'master.key', 'admin-token'])
      assert.equal(mode(join(dataDir, file)), '600', file);
    const lock = JSON.parse(readFileSync(join(dataDir, 'lock'), 'utf8')) as Record<string, unknown>;
    assert.equal(lock.pid, first.child.pid);
    assert.match(String(lock.adminUrl), new RegExp(`^http://127\\.0\\.0\\.1:${port}/admin$`));
    assert.equal(lock.baseUrl, `http://localhost:${port}`);
    assert.match(String(lock.startedAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test('operations.md A3: a second start on the same directory exits 1 naming the directory and the pid in use', async () => {
    const started = Date.now();
    const second = spawnTributary(['serve'], {
      TRIBUTARY_DATA_DIR: dataDir,
      PORT: String(await freePort()),
    });
    assert.equal(await second.exited, 1);
    assert.ok(Date.now() - started < 30_000);
    assert.match(second.stderr, /in use/);
    assert.ok(second.stderr.includes(dataDir), second.stderr);
    assert.ok(second.stderr.includes(`pid ${first.child.pid}`), second.stderr);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(health.status, 200);
    const lock = JSON.parse(readFileSync(join(dataDir, 'lock'), 'utf8')) as { pid: number };
    assert.equal(lock.pid, first.child.pid);
  });

  test('operations.md A15: tributary migrate beside the running server is refused as in use; worker in embedded mode exits 2', async () => {
    const migrate = spawnTributary(['migrate'], { TRIBUTARY_DATA_DIR: dataDir });
    assert.equal(await migrate.exited, 1);
    assert.match(migrate.stderr, /in use/);
    const worker = spawnTributary(['worker'], { TRIBUTARY_DATA_DIR: dataDir });
    assert.equal(await worker.exited, 2);
    assert.match(worker.stderr, /in-process/);
    const unknown = spawnTributary(['frobnicate'], {});
    assert.equal(await unknown.exited, 2);
  });

  test('operations.md A4, operations.md A5: after SIGKILL a new start takes over the stale lock with a warning and serves the same users; the first key and token still work and no key is printed', async () => {
    first.child.kill('SIGKILL');
    await first.exited;
    assert.ok(existsSync(join(dataDir, 'lock')), 'SIGKILL leaves the lock behind');
    port = await freePort();
    const next = spawnTributary(['serve'], { TRIBUTARY_DATA_DIR: dataDir, PORT: String(port) });
    await next.waitForHttp(`http://127.0.0.1:${port}/readyz`);
    const warning = logLines(next).find((line) => String(line.msg).includes('stale lock'));
    assert.equal(warning?.level, 'warn');
    assert.match(String(warning?.msg), new RegExp(`pid ${first.child.pid}`));
    assert.doesNotMatch(next.stderr, /API key:/);
    const user = await fetch(`http://127.0.0.1:${port}/users/${userId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(user.status, 200, 'a token minted before the restart still works');
    assert.equal(((await user.json()) as { email: string }).email, 'kept@example.test');
    assert.ok((await mintToken(port, apiKey)).length > 0, 'the first key still mints');

    // operations.md §11: SIGTERM shuts down gracefully, exit 0, lock removed.
    next.child.kill('SIGTERM');
    assert.equal(await next.exited, 0);
    assert.ok(!existsSync(join(dataDir, 'lock')));
    const messages = logLines(next).map((line) => line.msg);
    assert.ok(messages.includes('shutdown started'));
    assert.ok(messages.includes('shutdown complete'));
  });

  test('operations.md A20: a second SIGINT during shutdown exits 130 at once, and the lock is still removed', async () => {
    // A job that holds for a minute keeps the shutdown waiting for its grace period.
    await enqueueSmokeJob(dataDir, { key: 'hold', holdMs: 60_000 });
    port = await freePort();
    const p = spawnTributary(['serve'], {
      TRIBUTARY_DATA_DIR: dataDir,
      PORT: String(port),
      TRIBUTARY_LOG_LEVEL: 'debug',
    });
    await p.waitForOutput(/"msg":"job claimed"/);
    await p.waitForHttp(`http://127.0.0.1:${port}/readyz`);
    p.child.kill('SIGINT');
    await p.waitForOutput(/shutdown started/);
    p.child.kill('SIGINT');
    assert.equal(await p.exited, 130);
    assert.doesNotMatch(p.stdout, /shutdown complete/);
    assert.ok(!existsSync(join(dataDir, 'lock')));
  });

  test('operations.md §11: SIGTERM with a job in flight exits 0 within the grace period and releases the job back to the queue, retry budget intact', async () => {
    port = await freePort();
    const env = {
      TRIBUTARY_DATA_DIR: dataDir,
      PORT: String(port),
      TRIBUTARY_LOG_LEVEL: 'debug',
      TRIBUTARY_SHUTDOWN_GRACE_S: '1',
    };
    const p = spawnTributary(['serve'], env);
    // The job left claimed by the killed process above is released at start and claimed again.
    await p.waitForOutput(/"msg":"job claimed"/);
    await p.waitForHttp(`http://127.0.0.1:${port}/readyz`);
    const signalledAt = Date.now();
    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 0);
    assert.ok(Date.now() - signalledAt < 6_000);
    assert.ok(!existsSync(join(dataDir, 'lock')));
    assert.match(p.stdout, /"msg":"job released"/);

    const { runs, jobs } = await withDataDir(dataDir, async (db) => ({
      runs: await createQueueSmokeRepository(db).runs(),
      jobs: (
        await db.query<{ state: string; retry_count: number }>(
          "SELECT state, retry_count FROM pgboss.job WHERE name = $1 AND data->>'key' = 'hold'",
          [smokeQueue.name],
        )
      ).rows,
    }));
    assert.deepEqual(runs, []);
    assert.deepEqual(jobs, [{ state: 'created', retry_count: 0 }]);
  });

  test('tributary migrate with the server stopped takes the lock, finds nothing to do and releases it', async () => {
    const migrate = spawnTributary(['migrate', '--json'], { TRIBUTARY_DATA_DIR: dataDir });
    assert.equal(await migrate.exited, 0, migrate.stderr);
    assert.deepEqual(JSON.parse(migrate.stdout), { applied: [] });
    assert.ok(!existsSync(join(dataDir, 'lock')));
  });
});
