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
  test('operations.md A21: at trace level no configured secret, bearer, connection password or database password appears on stdout or stderr, and every stdout line is JSON', async () => {
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

    // A connection created with the canary password (the login is rejected, so it is also in
    // the failure path), and the access token used to create it.
    const base = `http://127.0.0.1:${port}`;
    const tokenResponse = await fetch(`${base}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${canaries.apiKey}`, 'basiq-version': '3.0' },
    });
    const { access_token: accessToken } = (await tokenResponse.json()) as { access_token: string };
    const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const user = (await (
      await fetch(`${base}/users`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ email: 'canary@example.test' }),
      })
    ).json()) as { id: string };
    const created = await fetch(`${base}/users/${user.id}/connections`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        loginId: 'gavinBelson',
        password: canaries.databasePassword,
        institution: { id: 'AU00000' },
      }),
    });
    assert.equal(created.status, 202);
    const job = (await created.json()) as { id: string };
    const deadline = Date.now() + 30_000;
    let status = 'in-progress';
    while (status === 'in-progress' && Date.now() < deadline) {
      const read = await fetch(`${base}/jobs/${job.id}`, { headers: auth });
      status = ((await read.json()) as { status: string }).status;
    }
    assert.equal(status, 'failed');
    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 0, p.stderr);

    const output = `${p.stdout}\n${p.stderr}`;
    for (const [name, value] of Object.entries(canaries)) {
      assert.ok(!output.includes(value), `${name} leaked`);
    }
    assert.ok(!output.includes(accessToken), 'the access token leaked');
    const lines = p.stdout.split('\n').filter(Boolean);
    assert.ok(lines.length > 10);
    for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), line);
    // The trace level really was on: request lines of the health routes are there.
    assert.ok(lines.some((line) => line.includes('"route":"/metrics"')));
  });
});
