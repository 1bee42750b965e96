// Key rotation and a lost key with real connections (operations.md §8.3–§8.4).
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ProcessApi } from '../support/process-api.ts';
import { spawnTributary, type TributaryProcess } from '../support/process.ts';
import { freePort, tempDir } from '../support/server.ts';

const apiKey = 'encryption-test-key-0123456789-abcdefghijk';
const oldKey = 'LS3nO6bS2q1o3JxKfGlrH2x8wzqjPZ1c9pXc3yH9T6c=';
const newKey = 'q5eXbU4dV7o0sCkz8mJ2wN1rT6yH3gP9aLfQ0iBcDeE=';

async function start(env: Record<string, string>, port: number): Promise<TributaryProcess> {
  const p = spawnTributary(['serve'], { PORT: String(port), TRIBUTARY_API_KEY: apiKey, ...env });
  await p.waitForHttp(`http://127.0.0.1:${port}/readyz`);
  return p;
}

async function stop(p: TributaryProcess): Promise<void> {
  p.child.kill('SIGTERM');
  assert.equal(await p.exited, 0, p.stderr);
}

/** A user with an active gavinBelson connection; returns their ids. */
async function connect(api: ProcessApi): Promise<{ userId: string; connectionId: string }> {
  await api.login();
  const { userId, connectionId, job } = await api.connect({
    loginId: 'gavinBelson',
    password: 'hooli2016',
    institution: 'AU00000',
  });
  assert.equal(job.status, 'success');
  return { userId, connectionId };
}

describe('encryption keys with real connections', () => {
  test('operations.md A24: after master.key is lost the start succeeds; the next refresh is invalid-credentials and the password alone repairs it', async () => {
    const dataDir = join(tempDir(), 'data');
    const port = await freePort();
    const api = new ProcessApi(port, apiKey);
    const first = await start({ TRIBUTARY_DATA_DIR: dataDir }, port);
    const { userId, connectionId } = await connect(api);
    await stop(first);
    rmSync(join(dataDir, 'master.key'));

    const second = await start({ TRIBUTARY_DATA_DIR: dataDir }, port);
    try {
      await api.login();
      const refresh = await api.call<{ id: string }>(
        'POST',
        `/users/${userId}/connections/${connectionId}/refresh`,
      );
      assert.equal(refresh.status, 202);
      const failed = await api.finishedJob(refresh.body.id);
      assert.equal(failed.status, 'failed');
      const result = failed.steps[0]?.result ?? {};
      assert.equal(result.code, 'invalid-credentials');
      assert.equal(result.nextAction, 'update-credentials');
      assert.equal(
        result.detail,
        'Stored credentials could not be read; send the credentials again.',
      );
      const connection = await api.call<{ status: string }>(
        'GET',
        `/users/${userId}/connections/${connectionId}`,
      );
      assert.equal(connection.body.status, 'invalid');
      const update = await api.call<{ id: string }>(
        'POST',
        `/users/${userId}/connections/${connectionId}`,
        { password: 'hooli2016' },
      );
      assert.equal(update.status, 202);
      assert.equal((await api.finishedJob(update.body.id)).status, 'success');
      const repaired = await api.call<{ status: string }>(
        'GET',
        `/users/${userId}/connections/${connectionId}`,
      );
      assert.equal(repaired.body.status, 'active');
    } finally {
      await stop(second);
    }
  });

  test('operations.md A25: after rotation reencrypt reports nothing unreadable, and without the old key refreshes still succeed', async () => {
    const dataDir = join(tempDir(), 'data');
    const port = await freePort();
    const api = new ProcessApi(port, apiKey);
    const first = await start(
      { TRIBUTARY_DATA_DIR: dataDir, TRIBUTARY_ENCRYPTION_KEY: oldKey },
      port,
    );
    const { userId, connectionId } = await connect(api);
    await stop(first);

    const rotated = {
      TRIBUTARY_DATA_DIR: dataDir,
      TRIBUTARY_ENCRYPTION_KEY: newKey,
      TRIBUTARY_ENCRYPTION_PREVIOUS_KEYS: oldKey,
    };
    const second = await start(rotated, port);
    try {
      const run = spawnTributary(['reencrypt', '--json'], rotated);
      assert.equal(await run.exited, 0, run.stderr);
      const result = JSON.parse(run.stdout) as { reencrypted: number; unreadable: number };
      assert.equal(result.unreadable, 0);
      assert.ok(result.reencrypted >= 2, `credentials and the signing key: ${run.stdout}`);
      const again = spawnTributary(['reencrypt', '--json'], rotated);
      assert.equal(await again.exited, 0);
      assert.equal((JSON.parse(again.stdout) as { reencrypted: number }).reencrypted, 0);
    } finally {
      await stop(second);
    }

    const third = await start(
      { TRIBUTARY_DATA_DIR: dataDir, TRIBUTARY_ENCRYPTION_KEY: newKey },
      port,
    );
    try {
      await api.login();
      const refresh = await api.call<{ id: string }>(
        'POST',
        `/users/${userId}/connections/${connectionId}/refresh`,
      );
      assert.equal((await api.finishedJob(refresh.body.id)).status, 'success');
    } finally {
      await stop(third);
    }
  });
});
