import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { spawnTributary } from '../support/process.ts';
import { freePort, tempDir } from '../support/server.ts';

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('configuration problems stop the process before anything starts', () => {
  test('operations.md A8: three bad settings exit 78 with one line each and nothing listens', async () => {
    const dataDir = join(tempDir(), 'data');
    const p = spawnTributary(['serve'], {
      PORT: 'eighty',
      TRIBUTARY_LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://x',
      TRIBUTARY_DATA_DIR: dataDir,
    });
    assert.equal(await p.exited, 78);
    const lines = p.stderr.trimEnd().split('\n');
    assert.equal(lines[0], 'tributary: invalid configuration (3 problems)');
    assert.deepEqual(
      lines.slice(1).map((line) => line.trim().split(':')[0]),
      ['PORT', 'TRIBUTARY_LOG_LEVEL', 'DATABASE_URL'],
    );
    assert.equal(p.stdout, '');
    assert.ok(!existsSync(dataDir), 'nothing created, locked or migrated');
  });

  test('operations.md A7: an API key with a space, or too short, exits 78 with a TRIBUTARY_API_KEY line', async () => {
    for (const key of ['has space in it and is long enough 1234', 'short']) {
      const port = await freePort();
      const p = spawnTributary(['serve'], {
        TRIBUTARY_API_KEY: key,
        PORT: String(port),
        TRIBUTARY_DATA_DIR: join(tempDir(), 'd'),
      });
      assert.equal(await p.exited, 78);
      assert.match(p.stderr, /^\s*TRIBUTARY_API_KEY:/m);
      assert.ok(!p.stderr.includes(key), 'the secret is never echoed');
      assert.equal(await listening(port), false);
    }
  });

  test('operations.md A9: production without encryption key and admin token exits 78 naming both and creates no master.key', async () => {
    const dataDir = join(tempDir(), 'data');
    const p = spawnTributary(['serve'], {
      NODE_ENV: 'production',
      TRIBUTARY_DATA_DIR: dataDir,
      PORT: String(await freePort()),
    });
    assert.equal(await p.exited, 78);
    assert.match(p.stderr, /^\s*TRIBUTARY_ENCRYPTION_KEY:/m);
    assert.match(p.stderr, /^\s*TRIBUTARY_ADMIN_TOKEN:/m);
    assert.ok(!existsSync(join(dataDir, 'master.key')));
    assert.ok(!existsSync(dataDir) || !readdirSync(dataDir).includes('master.key'));
  });

  test('operations.md A10: tributary config prints every setting with secrets redacted', async () => {
    const token = 'admin-token-canary-0123456789abcdefghij';
    const key = 'api-key-canary-0123456789abcdefghijklmnop';
    const p = spawnTributary(['config'], {
      TRIBUTARY_ADMIN_TOKEN: token,
      TRIBUTARY_API_KEY: key,
      TRIBUTARY_DATA_DIR: join(tempDir(), 'd'),
    });
    assert.equal(await p.exited, 0, p.stderr);
    assert.match(p.stdout, /TRIBUTARY_ADMIN_TOKEN\s+\[redacted\]/);
    assert.match(p.stdout, /TRIBUTARY_API_KEY\s+\[redacted\]/);
    assert.ok(!p.stdout.includes(token) && !p.stderr.includes(token));
    assert.ok(!p.stdout.includes(key) && !p.stderr.includes(key));
    for (const name of [
      'PORT',
      'DATABASE_URL',
      'TRIBUTARY_SMART_CACHE_TICK_S',
      'TRIBUTARY_PENDING_MATCH_DAYS',
    ]) {
      assert.match(p.stdout, new RegExp(`^${name}\\s`, 'm'));
    }

    const withUrl = spawnTributary(['config', '--json'], {
      DATABASE_URL: 'postgres://u:pw123@h/db',
    });
    assert.equal(await withUrl.exited, 0, withUrl.stderr);
    assert.ok(!withUrl.stdout.includes('pw123'));
    const parsed = JSON.parse(withUrl.stdout) as Record<string, { value: unknown; source: string }>;
    assert.equal(parsed.DATABASE_URL?.source, 'env');
    assert.match(String(parsed.DATABASE_URL?.value), /^postgres:\/\/u:\[redacted\]@h\/db$/);
  });
});
