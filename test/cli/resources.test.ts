// `tributary apps`, `keys` and `sandbox reset` as an operator runs them (operations.md §5): through
// a running embedded server's admin API, on the database directly when no server holds it, and in
// PostgreSQL mode.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createPostgresDatabase } from '../support/database.ts';
import { testDrivers } from '../support/environment.ts';
import { spawnTributary } from '../support/process.ts';
import { freePort, tempDir } from '../support/server.ts';

const encryptionKey = 'LS3nO6bS2q1o3JxKfGlrH2x8wzqjPZ1c9pXc3yH9T6c=';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: Record<string, string>): Promise<Run> {
  const p = spawnTributary(args, env);
  const code = await p.exited;
  return { code, stdout: p.stdout, stderr: p.stderr };
}

async function mint(port: number, key: string): Promise<{ status: number; token: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${key}`, 'basiq-version': '3.0' },
  });
  const body = (await response.json()) as { access_token?: string };
  return { status: response.status, token: body.access_token ?? '' };
}

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('resource commands (operations.md §5.1–§5.2)', () => {
  test('operations.md A11, operations.md A12, operations.md A13, operations.md A6: apps and keys through the running server, then on the stopped data directory', async () => {
    const port = await freePort();
    const env = {
      PORT: String(port),
      TRIBUTARY_DATA_DIR: join(tempDir(), 'data'),
      TRIBUTARY_ENCRYPTION_KEY: encryptionKey,
      TRIBUTARY_API_KEY: 'resources-test-key-0123456789-abcdefghijk',
    };
    const server = spawnTributary(['serve'], env);
    await server.waitForHttp(`http://127.0.0.1:${port}/readyz`);
    let created: { id: string; name: string; key: string };
    try {
      const run = await cli(['apps', 'create', '--name', 'second', '--json'], env);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(lines(run.stdout).length, 1);
      created = JSON.parse(run.stdout) as typeof created;
      assert.deepEqual(Object.keys(created).sort(), ['id', 'key', 'name']);
      assert.equal(created.name, 'second');
      assert.match(run.stderr, /will not be shown again/);
      const minted = await mint(port, created.key);
      assert.equal(minted.status, 200);

      const list = await cli(['apps', 'list', '--json'], env);
      assert.equal(list.code, 0, list.stderr);
      const apps = lines(list.stdout).map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.equal(apps.length, 2);
      for (const app of apps) {
        assert.deepEqual(Object.keys(app).sort(), ['createdAt', 'id', 'keys', 'name']);
      }
      const human = await cli(['apps', 'list'], env);
      assert.match(lines(human.stdout)[0] ?? '', /^ID\s+NAME\s+KEYS\s+CREATED$/);

      const defaultApp = apps.find((app) => app.name === 'default');
      const keys = await cli(['keys', 'list', '--app', String(defaultApp?.id), '--json'], env);
      assert.equal(keys.code, 0, keys.stderr);
      assert.equal(lines(keys.stdout).length, 1, 'the configured key, once');
      const key = JSON.parse(keys.stdout) as Record<string, unknown>;
      assert.deepEqual(Object.keys(key).sort(), [
        'appId',
        'createdAt',
        'hint',
        'id',
        'lastUsedAt',
        'revokedAt',
      ]);
      assert.ok(!keys.stdout.includes(env.TRIBUTARY_API_KEY));

      const secondKeys = await cli(['keys', 'list', '--app', created.id, '--json'], env);
      const keyId = String((JSON.parse(secondKeys.stdout) as { id: string }).id);
      const revoke = await cli(['keys', 'revoke', keyId], env);
      assert.equal(revoke.code, 0, revoke.stderr);
      assert.equal(revoke.stdout, `revoked ${keyId}\n`);
      assert.equal((await cli(['keys', 'revoke', keyId], env)).code, 0, 'revoking again succeeds');
      assert.equal((await mint(port, created.key)).status, 401);
      const refused = await fetch(`http://127.0.0.1:${port}/users`, {
        headers: { authorization: `Bearer ${minted.token}` },
      });
      assert.equal(refused.status, 401);

      const unknown = await cli(['keys', 'list', '--app', crypto.randomUUID()], env);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /not found: /);
      assert.equal((await cli(['sandbox', 'reset'], env)).stdout, 'sandbox reset\n');
    } finally {
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0, server.stderr);
    }

    // operations.md A12: with the server stopped the command opens the database itself.
    const offline = await cli(['apps', 'create', '--name', 'third', '--json'], env);
    assert.equal(offline.code, 0, offline.stderr);
    const third = JSON.parse(offline.stdout) as { id: string; key: string };
    const again = spawnTributary(['serve'], env);
    try {
      await again.waitForHttp(`http://127.0.0.1:${port}/readyz`);
      assert.equal((await mint(port, third.key)).status, 200, 'the next start sees it');
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });

  test('operations.md A15: with the server stopped by SIGSTOP (lock held, no answer) apps list exits 3 within 10 s; an unknown command exits 2', async () => {
    const port = await freePort();
    const env = {
      PORT: String(port),
      TRIBUTARY_DATA_DIR: join(tempDir(), 'data'),
      TRIBUTARY_ENCRYPTION_KEY: encryptionKey,
    };
    const server = spawnTributary(['serve'], env);
    await server.waitForHttp(`http://127.0.0.1:${port}/readyz`);
    try {
      server.child.kill('SIGSTOP');
      const started = Date.now();
      const run = await cli(['apps', 'list'], env);
      assert.equal(run.code, 3, run.stderr);
      assert.ok(Date.now() - started < 10_000);
      assert.match(
        run.stderr,
        /server not reachable at http:\/\/127\.0\.0\.1:\d+\/admin \(pid \d+ holds the data directory\)/,
      );
    } finally {
      server.child.kill('SIGCONT');
      server.child.kill('SIGTERM');
      await server.exited;
    }
    const unknown = await cli(['frobnicate'], env);
    assert.equal(unknown.code, 2);
  });

  test('operations.md A26: sandbox reset with the sandbox off exits 1; a missing flag is a usage error', async () => {
    const env = {
      TRIBUTARY_DATA_DIR: join(tempDir(), 'data'),
      TRIBUTARY_ENCRYPTION_KEY: encryptionKey,
    };
    const missing = await cli(['keys', 'list'], env);
    assert.equal(missing.code, 2);
    const help = await cli(['apps', 'create', '--help'], env);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Exit codes/);
    const off = await cli(['sandbox', 'reset'], { ...env, TRIBUTARY_SANDBOX: 'off' });
    assert.equal(off.code, 1);
    assert.match(off.stderr, /the sandbox is off/);
  });

  test(
    'PostgreSQL mode: the commands open the database directly, beside nothing',
    { skip: !testDrivers.includes('postgres') },
    async () => {
      const { url } = await createPostgresDatabase();
      const env = {
        DATABASE_URL: url,
        TRIBUTARY_DATA_DIR: tempDir(),
        TRIBUTARY_ENCRYPTION_KEY: encryptionKey,
      };
      const created = await cli(['apps', 'create', '--name', 'pg', '--json'], env);
      assert.equal(created.code, 0, created.stderr);
      const app = JSON.parse(created.stdout) as { id: string };
      const keys = await cli(['keys', 'create', '--app', app.id, '--json'], env);
      assert.equal(keys.code, 0, keys.stderr);
      assert.deepEqual(Object.keys(JSON.parse(keys.stdout) as object).sort(), [
        'appId',
        'id',
        'key',
      ]);
      const list = await cli(['keys', 'list', '--app', app.id], env);
      assert.equal(lines(list.stdout).length, 3, 'header and two keys');
      const unreachable = await cli(['apps', 'list'], {
        ...env,
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing',
      });
      assert.equal(unreachable.code, 3, unreachable.stderr);
    },
  );
});
