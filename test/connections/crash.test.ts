// Processes stopped in the middle of a big first sync (connections.md §5.5, §13; operations.md §11):
// the job is finished by the next process with every transaction stored exactly once.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { createPostgresDatabase } from '../support/database.ts';
import { testDrivers } from '../support/environment.ts';
import { ProcessApi } from '../support/process-api.ts';
import { spawnTributary, type TributaryProcess } from '../support/process.ts';
import { freePort, tempDir } from '../support/server.ts';

const apiKey = 'crash-test-api-key-0123456789-abcdefghijklmnop';
const encryptionKey = 'LS3nO6bS2q1o3JxKfGlrH2x8wzqjPZ1c9pXc3yH9T6c=';

/** An API client of the process on `port`, logged in. */
async function clientOf(port: number): Promise<ProcessApi> {
  const api = new ProcessApi(port, apiKey);
  assert.equal(await api.login(), 200);
  return api;
}

/** Creates a user and a scenario-huge connection; returns their ids and the job's. */
async function startHugeSync(api: ProcessApi): Promise<{ userId: string; jobId: string }> {
  const user = await api.call<{ id: string }>('POST', '/users', { email: 'huge@example.test' });
  assert.equal(user.status, 201);
  const job = await api.call<{ id: string }>('POST', `/users/${user.body.id}/connections`, {
    loginId: 'scenario-huge',
    password: 'tributary',
    institution: { id: 'ZZ00001' },
  });
  assert.equal(job.status, 202);
  return { userId: user.body.id, jobId: job.body.id };
}

async function stored(api: ProcessApi, userId: string): Promise<number> {
  return (await api.call<{ size: number }>('GET', `/users/${userId}/transactions?limit=1`)).body
    .size;
}

/** Waits until some but not all transactions are stored: the sync is under way. */
async function waitForPartialSync(api: ProcessApi, userId: string): Promise<number> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const count = await stored(api, userId);
    if (count >= 4_000 && count < 100_000) return count;
    assert.ok(count < 100_000, 'the sync finished before it could be interrupted');
    assert.ok(Date.now() < deadline, 'the sync did not start');
    await sleep(50);
  }
}

async function waitForSuccess(api: ProcessApi, jobId: string): Promise<void> {
  assert.equal((await api.finishedJob(jobId)).status, 'success');
}

function serve(env: Record<string, string>, port: number): TributaryProcess {
  return spawnTributary(['serve'], {
    PORT: String(port),
    TRIBUTARY_API_KEY: apiKey,
    TRIBUTARY_ENCRYPTION_KEY: encryptionKey,
    TRIBUTARY_SHUTDOWN_GRACE_S: '2',
    TRIBUTARY_WORKER_POLL_S: '0.5',
    ...env,
  });
}

describe('a sync interrupted by the process ending', () => {
  test('operations.md A19: SIGTERM during a scenario-huge first sync exits 0 within the grace and frees the lock; the restart completes the job with exactly 100,000 transactions', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const first = serve({ TRIBUTARY_DATA_DIR: dataDir }, port);
    await first.waitForHttp(`http://127.0.0.1:${port}/readyz`);
    const client = await clientOf(port);
    const { userId, jobId } = await startHugeSync(client);
    await waitForPartialSync(client, userId);
    const stoppedAt = Date.now();
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0, first.stderr);
    assert.ok(Date.now() - stoppedAt < (2 + 5) * 1000, 'exit within the grace + 5 s');
    assert.ok(!existsSync(join(dataDir, 'lock')), 'the lock file is removed');

    const second = serve({ TRIBUTARY_DATA_DIR: dataDir }, port);
    try {
      await second.waitForHttp(`http://127.0.0.1:${port}/readyz`);
      await waitForSuccess(client, jobId);
      assert.equal(await stored(client, userId), 100_000);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  test('connections.md §13: SIGKILL in the middle of a sync; the restarted process finishes it with nothing lost or stored twice', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const first = serve({ TRIBUTARY_DATA_DIR: dataDir }, port);
    await first.waitForHttp(`http://127.0.0.1:${port}/readyz`);
    const client = await clientOf(port);
    const { userId, jobId } = await startHugeSync(client);
    await waitForPartialSync(client, userId);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = serve({ TRIBUTARY_DATA_DIR: dataDir }, port);
    try {
      await second.waitForHttp(`http://127.0.0.1:${port}/readyz`);
      await waitForSuccess(client, jobId);
      assert.equal(await stored(client, userId), 100_000);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  test(
    'connections.md §5.5: a worker killed mid-sync is replaced once its lease lapses; the job finishes with exactly 100,000 transactions',
    { skip: !testDrivers.includes('postgres') },
    async () => {
      const { url } = await createPostgresDatabase();
      const apiPort = await freePort();
      const common = {
        DATABASE_URL: url,
        TRIBUTARY_DATA_DIR: tempDir(),
        TRIBUTARY_JOB_LEASE_S: '2',
        TRIBUTARY_SANDBOX_BASE_URL: `http://127.0.0.1:${apiPort}`,
      };
      const api = serve({ ...common, TRIBUTARY_WORKER: 'off' }, apiPort);
      await api.waitForHttp(`http://127.0.0.1:${apiPort}/readyz`);
      const workerPort = await freePort();
      const worker = (port: number) =>
        spawnTributary(['worker'], {
          ...common,
          PORT: String(port),
          TRIBUTARY_ENCRYPTION_KEY: encryptionKey,
          TRIBUTARY_WORKER_POLL_S: '0.5',
        });
      const first = worker(workerPort);
      try {
        await first.waitForHttp(`http://127.0.0.1:${workerPort}/readyz`);
        const client = await clientOf(apiPort);
        const { userId, jobId } = await startHugeSync(client);
        await waitForPartialSync(client, userId);
        first.child.kill('SIGKILL');
        await first.exited;
        const secondPort = await freePort();
        const second = worker(secondPort);
        try {
          await waitForSuccess(client, jobId);
          assert.equal(await stored(client, userId), 100_000);
        } finally {
          second.child.kill('SIGTERM');
          await second.exited;
        }
      } finally {
        api.child.kill('SIGTERM');
        await api.exited;
      }
    },
  );
});
