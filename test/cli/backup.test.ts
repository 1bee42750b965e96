// Backup and restore with real connections, credentials and transactions (operations.md §12).
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createPostgresDatabase } from '../support/database.ts';
import { testDrivers } from '../support/environment.ts';
import { ProcessApi } from '../support/process-api.ts';
import { spawnTributary, type TributaryProcess } from '../support/process.ts';
import { freePort, tempDir } from '../support/server.ts';

const apiKey = 'backup-test-key-0123456789-abcdefghijklmn';

async function serve(env: Record<string, string>, port: number): Promise<TributaryProcess> {
  const p = spawnTributary(['serve'], { PORT: String(port), TRIBUTARY_API_KEY: apiKey, ...env });
  await p.waitForHttp(`http://127.0.0.1:${port}/readyz`);
  return p;
}

async function stop(p: TributaryProcess): Promise<void> {
  p.child.kill('SIGTERM');
  assert.equal(await p.exited, 0, p.stderr);
}

/** What a restored deployment must serve the same: users, connections and transaction counts. */
async function snapshot(api: ProcessApi): Promise<string> {
  await api.login();
  const users = await api.call<{ data: { id: string; email: string }[] }>('GET', '/users');
  const out: string[] = [];
  for (const user of users.body.data) {
    const connections = await api.call<{ data: { id: string; status: string }[] }>(
      'GET',
      `/users/${user.id}/connections`,
    );
    const transactions = await api.call<{ size: number }>(
      'GET',
      `/users/${user.id}/transactions?limit=1`,
    );
    out.push(
      `${user.id} ${user.email} ${connections.body.data.map((c) => `${c.id}:${c.status}`).join(',')} ${transactions.body.size}`,
    );
  }
  return out.sort().join('\n');
}

describe('backup and restore', () => {
  test('operations.md A23: a backup taken while requests continue restores into an empty data directory (and PostgreSQL) serving the same data; the old key still mints; a non-empty target is refused', async () => {
    const source = join(tempDir(), 'data');
    const port = await freePort();
    const api = new ProcessApi(port, apiKey);
    const server = await serve({ TRIBUTARY_DATA_DIR: source }, port);
    const archive = join(tempDir(), 'b.tgz');
    let before: string;
    try {
      await api.login();
      for (const [loginId, password] of [
        ['gavinBelson', 'hooli2016'],
        ['richard', 'tabsnotspaces'],
      ] as const) {
        const { job } = await api.connect({ loginId, password, institution: 'AU00000' });
        assert.equal(job.status, 'success');
      }
      before = await snapshot(api);
      // Requests go on while the backup is taken.
      let stopLoad = false;
      const load = (async () => {
        let served = 0;
        while (!stopLoad) {
          const response = await api.call('GET', '/users');
          assert.equal(response.status, 200);
          served++;
        }
        return served;
      })();
      const run = spawnTributary(['backup', '--out', archive], { TRIBUTARY_DATA_DIR: source });
      const code = await run.exited;
      stopLoad = true;
      assert.equal(code, 0, run.stderr);
      assert.ok((await load) > 0);
      assert.match(run.stdout, /^wrote .*b\.tgz \([0-9.]+ MB, migrations up to [0-9]{4}\)\n$/);
      const again = spawnTributary(['backup', '--out', archive], { TRIBUTARY_DATA_DIR: source });
      assert.equal(await again.exited, 1, 'an existing file is refused without --force');
    } finally {
      await stop(server);
    }

    // Another, empty data directory with the same master.key.
    const target = join(tempDir(), 'data');
    mkdirSync(target, { recursive: true, mode: 0o700 });
    copyFileSync(join(source, 'master.key'), join(target, 'master.key'));
    const restore = spawnTributary(['restore', archive], { TRIBUTARY_DATA_DIR: target });
    assert.equal(await restore.exited, 0, restore.stderr);
    assert.equal(restore.stdout, `restored ${archive}\n`);
    const twice = spawnTributary(['restore', archive], { TRIBUTARY_DATA_DIR: target });
    assert.equal(await twice.exited, 1);
    assert.match(twice.stderr, /restore needs an empty data directory/);

    const restored = await serve({ TRIBUTARY_DATA_DIR: target }, port);
    try {
      assert.equal(await api.login(), 200, 'the old API key still mints');
      assert.equal(await snapshot(api), before);
      // The restored credentials open: a refresh reaches the bank and succeeds.
      const users = await api.call<{ data: { id: string }[] }>('GET', '/users');
      const userId = users.body.data[0]?.id ?? '';
      const connections = await api.call<{ data: { id: string }[] }>(
        'GET',
        `/users/${userId}/connections`,
      );
      const refresh = await api.call<{ id: string }>(
        'POST',
        `/users/${userId}/connections/${connections.body.data[0]?.id ?? ''}/refresh`,
      );
      assert.equal(refresh.status, 202);
      assert.equal((await api.finishedJob(refresh.body.id)).status, 'success');
    } finally {
      await stop(restored);
    }

    if (testDrivers.includes('postgres')) {
      // The same archive moves the deployment to PostgreSQL.
      const { url } = await createPostgresDatabase({ migrated: false });
      const pgEnv = { DATABASE_URL: url, TRIBUTARY_DATA_DIR: target };
      const toPostgres = spawnTributary(['restore', archive], pgEnv);
      assert.equal(await toPostgres.exited, 0, toPostgres.stderr);
      const onPostgres = await serve(pgEnv, port);
      try {
        assert.equal(await snapshot(api), before);
      } finally {
        await stop(onPostgres);
      }
    }
    assert.ok(existsSync(archive));
  });
});
