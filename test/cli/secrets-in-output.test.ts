import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createPostgresDatabase } from '../support/database.ts';
import { testDrivers } from '../support/environment.ts';
import { spawnTributary } from '../support/process.ts';
import { freePort, tempDir } from '../support/server.ts';

const canaries = {
  apiKey: 'Canary-ApiKey-7f3e-0123456789abcdefghijklmn',
  adminToken: 'Canary-Admin-7f3e-0123456789abcdefghijklmn',
  metricsToken: 'Canary-Metrics-7f3e-0123456789abcdefgh',
  accessToken: 'Canary-Token-7f3e.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
  databasePassword: 'Canary-Pw-7f3e',
};

describe('secrets never reach the output', () => {
  test('operations.md A21: at trace level no configured secret, bearer or database password appears on stdout or stderr, and every stdout line is JSON', async () => {
    const port = await freePort();
    const env: Record<string, string> = {
      PORT: String(port),
      TRIBUTARY_DATA_DIR: tempDir(),
      TRIBUTARY_LOG_LEVEL: 'trace',
      TRIBUTARY_API_KEY: canaries.apiKey,
      TRIBUTARY_ADMIN_TOKEN: canaries.adminToken,
      TRIBUTARY_METRICS_TOKEN: canaries.metricsToken,
    };
    if (testDrivers.includes('postgres')) {
      // Trust authentication ignores the password, so a canary one still connects.
      const url = new URL((await createPostgresDatabase()).url);
      url.username = 'postgres';
      url.password = canaries.databasePassword;
      env.DATABASE_URL = url.toString();
    }
    const p = spawnTributary(['serve'], env);
    await p.waitForHttp(`http://127.0.0.1:${port}/readyz`);
    for (const token of Object.values(canaries)) {
      await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await fetch(`http://127.0.0.1:${port}/users/${token}?key=${token}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          cookie: `session=${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ password: token, token }),
      });
    }
    await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: 'Bearer nope' } });
    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 0, p.stderr);

    const output = `${p.stdout}\n${p.stderr}`;
    for (const [name, value] of Object.entries(canaries)) {
      assert.ok(!output.includes(value), `${name} leaked`);
    }
    const lines = p.stdout.split('\n').filter(Boolean);
    assert.ok(lines.length > 10);
    for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), line);
    // The trace level really was on: request lines of the health routes are there.
    assert.ok(lines.some((line) => line.includes('"route":"/metrics"')));
  });
});
