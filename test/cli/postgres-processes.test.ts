import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PgBossJobQueue } from '../../src/jobs/queue.ts';
import { smokeQueue, type SmokeJobData } from '../../src/jobs/smoke-job.ts';
import { openPostgresDatabase } from '../../src/storage/drivers/postgres.ts';
import { loadMigrations } from '../../src/storage/migrate.ts';
import { createQueueSmokeRepository } from '../../src/storage/repositories/queue-smoke-repository.ts';
import { createPostgresDatabase, databaseUrl } from '../support/database.ts';
import { testDatabaseUrl, testDrivers } from '../support/environment.ts';
import { spawnTributary } from '../support/process.ts';
import { freePort, tempDir } from '../support/server.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';

const key = 'LS3nO6bS2q1o3JxKfGlrH2x8wzqjPZ1c9pXc3yH9T6c=';

function env(
  url: string,
  port: number,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: url,
    PORT: String(port),
    TRIBUTARY_ENCRYPTION_KEY: key,
    TRIBUTARY_DATA_DIR: tempDir(),
    TRIBUTARY_WORKER_POLL_S: '0.5',
    ...extra,
  };
}

const connectionsKey = 'processes-test-key-0123456789-abcdefghijklm';
const adminToken = 'processes-admin-token-0123456789-abcdefghij';
const personas: [string, string][] = [
  ['gavinBelson', 'hooli2016'],
  ['jared', 'django'],
  ['richard', 'tabsnotspaces'],
  ['Gilfoyle', 'PiedPiper'],
  ['Whistler', 'ShowBox'],
  ['Wentworth-Smith', 'whislter'],
  ['laurieBream', 'business2024'],
  ['ashMann', 'hooli2024'],
  ['scenario-pending', 'tributary'],
  ['scenario-session', 'tributary'],
  ['scenario-growing', 'tributary'],
  ['scenario-duplicates', 'tributary'],
  ['scenario-empty', 'tributary'],
];

/**
 * operations.md A18's second half: 50 web connections through the API, run by the two workers,
 * all reach `active` with each persona's transactions stored once. Two applications and two
 * MFA-free banks give 50 distinct logins, so the same-credentials pause (connections.md §7) does
 * not hold any of them back.
 */
async function connectFifty(apiUrl: string): Promise<void> {
  const call = async <T>(token: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(response.status < 300, `${method} ${path}: ${response.status}`);
    return (await response.json()) as T;
  };
  const mint = async (key: string) => {
    const response = await fetch(`${apiUrl}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${key}`, 'basiq-version': '3.0' },
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const second = await call<{ key: { value: string } }>(adminToken, 'POST', '/admin/applications', {
    name: 'second',
  });
  const tokens = [await mint(connectionsKey), await mint(second.key.value)];
  const created: { token: string; userId: string; jobId: string; login: string }[] = [];
  for (const token of tokens) {
    for (let i = 0; i < 25; i++) {
      const [login, password] = personas[i % personas.length] ?? ['', ''];
      const institution = i < personas.length ? 'AU00000' : 'ZZ00001';
      const user = await call<{ id: string }>(token, 'POST', '/users', {
        email: `u${i}@example.test`,
      });
      const job = await call<{ id: string }>(token, 'POST', `/users/${user.id}/connections`, {
        loginId: login,
        password,
        institution: { id: institution },
      });
      created.push({ token, userId: user.id, jobId: job.id, login });
    }
  }
  assert.equal(created.length, 50);
  const deadline = Date.now() + 180_000;
  for (const { token, jobId } of created) {
    for (;;) {
      const job = await call<{ status: string }>(token, 'GET', `/jobs/${jobId}`);
      if (job.status !== 'in-progress') {
        assert.equal(job.status, 'success', `job ${jobId}`);
        break;
      }
      assert.ok(Date.now() < deadline, 'the 50 connections did not finish in time');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const truth = new Map<string, number>();
  for (const { token, userId, login } of created) {
    const connections = await call<{ data: { status: string }[] }>(
      token,
      'GET',
      `/users/${userId}/connections`,
    );
    assert.equal(connections.data[0]?.status, 'active');
    if (!truth.has(login)) {
      const persona = await call<{ postedCount: number; pendingCount: number }>(
        token,
        'GET',
        `/sandbox/personas/${login}`,
      );
      truth.set(login, persona.postedCount + persona.pendingCount);
    }
    const page = await call<{ size: number }>(
      token,
      'GET',
      `/users/${userId}/transactions?limit=1`,
    );
    assert.equal(page.size, truth.get(login), `${login}: no transaction lost or stored twice`);
  }
}

describe(
  'PostgreSQL mode with several processes',
  { skip: !testDrivers.includes('postgres') },
  () => {
    test('operations.md A18: serve (worker off) and two workers started together on an empty database all become ready; each migration applied once; 300 jobs each run once; 50 web connections reach active with nothing stored twice', async () => {
      const { url } = await createPostgresDatabase({ migrated: false });
      const ports = [await freePort(), await freePort(), await freePort()];
      const apiUrl = `http://127.0.0.1:${ports[0]}`;
      const api = spawnTributary(
        ['serve'],
        env(url, ports[0] ?? 0, {
          TRIBUTARY_WORKER: 'off',
          TRIBUTARY_API_KEY: connectionsKey,
          TRIBUTARY_ADMIN_TOKEN: adminToken,
        }),
      );
      // Workers reach the sandbox banks through the API process (operations.md §3).
      const workerEnv = { TRIBUTARY_SANDBOX_BASE_URL: apiUrl };
      const workers = [
        spawnTributary(['worker'], env(url, ports[1] ?? 0, workerEnv)),
        spawnTributary(['worker'], env(url, ports[2] ?? 0, workerEnv)),
      ];
      try {
        for (const port of ports) await api.waitForHttp(`http://127.0.0.1:${port}/readyz`);
        const apiReady = (await (await fetch(`http://127.0.0.1:${ports[0]}/readyz`)).json()) as {
          checks: { worker: string };
        };
        assert.equal(apiReady.checks.worker, 'off');
        // A worker-only process serves health, readiness and metrics only.
        assert.equal((await fetch(`http://127.0.0.1:${ports[1]}/metrics`)).status, 200);
        assert.equal((await fetch(`http://127.0.0.1:${ports[1]}/openapi.json`)).status, 404);

        const db = openPostgresDatabase({ url, poolMax: 2 });
        try {
          const { rows } = await db.query<{ id: string; n: number }>(
            'SELECT id, count(*)::int AS n FROM schema_migrations GROUP BY id ORDER BY id',
          );
          assert.deepEqual(
            rows.map((r) => r.id),
            loadMigrations().map((m) => m.id),
          );
          assert.ok(rows.every((r) => r.n === 1));

          const queue = new PgBossJobQueue(db);
          await queue.start();
          for (let i = 0; i < 300; i++)
            await queue.send<SmokeJobData>(smokeQueue.name, { key: `job-${i}` });
          await queue.close();
          const repository = createQueueSmokeRepository(db);
          const deadline = Date.now() + 60_000;
          while ((await repository.runs()).length < 300 && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          const runs = await repository.runs();
          assert.equal(runs.length, 300, 'no job lost and none run twice');
          assert.equal(new Set(runs.map((r) => r.jobKey)).size, 300);
          const byWorker = new Set(runs.map((r) => r.worker));
          assert.equal(byWorker.size, 2, `both workers took jobs: ${[...byWorker].join(', ')}`);
          await connectFifty(apiUrl);
        } finally {
          await db.close();
        }
      } finally {
        for (const p of [api, ...workers]) p.child.kill('SIGTERM');
        for (const p of [api, ...workers])
          assert.equal(await p.exited, 0, `${p.stderr}\n${p.stdout.slice(-3000)}`);
      }
    });

    test('operations.md A17: /readyz answers 503 database failing while PostgreSQL is away, /healthz stays 200, and ready again within 10 s of its return', async () => {
      const { name } = await createPostgresDatabase();
      const target = new URL(testDatabaseUrl);
      const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
      const proxyPort = await proxy.start();
      const viaProxy = new URL(databaseUrl(name));
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxyPort);
      const port = await freePort();
      const apiKey = 'readiness-test-key-0123456789-abcdefghij';
      const p = spawnTributary(
        ['serve'],
        env(viaProxy.toString(), port, { TRIBUTARY_API_KEY: apiKey }),
      );
      try {
        await p.waitForHttp(`http://127.0.0.1:${port}/readyz`);
        const minted = await fetch(`http://127.0.0.1:${port}/token`, {
          method: 'POST',
          headers: { authorization: `Basic ${apiKey}`, 'basiq-version': '3.0' },
        });
        const { access_token: token } = (await minted.json()) as { access_token: string };
        await proxy.stop();
        await p.waitForHttp(`http://127.0.0.1:${port}/readyz`, 503, 15_000);
        const response = await fetch(`http://127.0.0.1:${port}/readyz`);
        const body = (await response.json()) as { status: string; checks: Record<string, string> };
        assert.equal(response.status, 503);
        assert.equal(body.status, 'not-ready');
        assert.equal(body.checks.database, 'failing');
        assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
        // api.md §5.2: an API request while the database is away is 503 with Retry-After, not 500.
        const during = await fetch(`http://127.0.0.1:${port}/users`, {
          headers: { authorization: `Bearer ${token}` },
        });
        assert.equal(during.status, 503);
        assert.ok(Number(during.headers.get('retry-after')) >= 1);
        const unavailable = (await during.json()) as { data: { code: string }[] };
        assert.equal(unavailable.data[0]?.code, 'service-unavailable');

        await proxy.start(proxyPort);
        const back = Date.now();
        await p.waitForHttp(`http://127.0.0.1:${port}/readyz`, 200, 15_000);
        assert.ok(Date.now() - back <= 10_000, 'ready again within 10 s');
      } finally {
        p.child.kill('SIGTERM');
        await p.exited;
        await proxy.stop();
      }
    });
  },
);
