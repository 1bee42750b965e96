import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { spawnTributary } from '../support/process.ts';
import { freePort, tempDir } from '../support/server.ts';

async function mint(port: number, key: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${key}`, 'basiq-version': '3.0' },
  });
  await response.arrayBuffer();
  return response.status;
}

async function defaultApplicationKeys(port: number, dataDir: string): Promise<number> {
  const admin = {
    authorization: `Bearer ${readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()}`,
  };
  const apps = (await (
    await fetch(`http://127.0.0.1:${port}/admin/applications`, { headers: admin })
  ).json()) as {
    data: { id: string; name: string }[];
  };
  const app = apps.data.find((a) => a.name === 'default');
  assert.ok(app, 'the default application exists');
  const keys = (await (
    await fetch(`http://127.0.0.1:${port}/admin/applications/${app.id}/keys`, { headers: admin })
  ).json()) as {
    data: unknown[];
  };
  return keys.data.length;
}

describe('TRIBUTARY_API_KEY (operations.md §4.2–§4.3)', () => {
  test('operations.md A6: a configured key is never printed and mints; the same value again adds nothing; a second value adds a key and both work', async () => {
    const dataDir = join(tempDir(), 'data');
    const first = 'first-configured-key-0123456789abcdefghi';
    const second = 'second-configured-key-0123456789abcdefgh';
    assert.equal(first.length, 40);
    const start = async (key: string) => {
      const port = await freePort();
      const p = spawnTributary(['serve'], {
        TRIBUTARY_DATA_DIR: dataDir,
        PORT: String(port),
        TRIBUTARY_API_KEY: key,
      });
      await p.waitForHttp(`http://127.0.0.1:${port}/readyz`);
      return { p, port };
    };
    const stop = async (p: ReturnType<typeof spawnTributary>) => {
      p.child.kill('SIGTERM');
      assert.equal(await p.exited, 0);
    };

    const run1 = await start(first);
    assert.doesNotMatch(run1.p.stderr, /API key:/);
    assert.ok(!run1.p.stderr.includes(first) && !run1.p.stdout.includes(first));
    assert.equal(await mint(run1.port, first), 200);
    assert.equal(await defaultApplicationKeys(run1.port, dataDir), 1);
    await stop(run1.p);

    const run2 = await start(first);
    assert.equal(
      await defaultApplicationKeys(run2.port, dataDir),
      1,
      'the same value adds nothing',
    );
    await stop(run2.p);

    const run3 = await start(second);
    assert.equal(await defaultApplicationKeys(run3.port, dataDir), 2);
    assert.equal(await mint(run3.port, first), 200);
    assert.equal(await mint(run3.port, second), 200);
    assert.match(run3.p.stdout, /api key added to the default application/);
    assert.ok(!run3.p.stdout.includes(second));
    await stop(run3.p);
  });
});
