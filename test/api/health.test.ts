import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDrivers } from '../support/environment.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

for (const driver of testDrivers) {
  describe(`health, readiness and metrics on ${driver}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(driver, {
        TRIBUTARY_METRICS_TOKEN: 'metrics-token-for-tests-0123456789',
      });
    });
    after(() => server.stop());

    test('operations.md A16: GET /healthz answers 200 {"status":"ok"}', async () => {
      const response = await fetch(`${server.url}/healthz`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ok' });
    });

    test('operations.md A1: GET /readyz answers 200 with every check ok', async () => {
      const response = await fetch(`${server.url}/readyz`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), {
        status: 'ready',
        checks: { database: 'ok', migrations: 'ok', worker: 'ok' },
      });
    });

    test('operations.md A16: /metrics needs its bearer token when one is set, and labels routes by template', async () => {
      const refused = await fetch(`${server.url}/metrics`);
      assert.equal(refused.status, 401);
      const body = (await refused.json()) as { data: { code: string }[] };
      assert.equal(body.data[0]?.code, 'invalid-authorization-token');
      const wrong = await fetch(`${server.url}/metrics`, {
        headers: { authorization: 'Bearer nope' },
      });
      assert.equal(wrong.status, 401);

      await fetch(`${server.url}/no/such/route/0193a4f2-7c1e-7b3d-9f2a-4c5d6e7f8a9b`);
      const response = await fetch(`${server.url}/metrics`, {
        headers: { authorization: 'Bearer metrics-token-for-tests-0123456789' },
      });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      assert.match(
        text,
        /tributary_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/,
      );
      assert.match(
        text,
        /tributary_http_requests_total\{method="GET",route="unmatched",status="404"\}/,
      );
      assert.doesNotMatch(text, /0193a4f2/);
      assert.match(text, /tributary_queue_depth\{type="queue-smoke"\} 0/);
      assert.match(text, /process_resident_memory_bytes/);
    });

    test('api.md: an unknown route answers 404 resource-not-found in the error envelope', async () => {
      const response = await fetch(`${server.url}/nowhere`);
      assert.equal(response.status, 404);
      const body = (await response.json()) as Record<string, unknown>;
      assert.equal(body.type, 'list');
      assert.equal(body.correlationId, response.headers.get('x-correlation-id'));
      assert.deepEqual(body.data, [
        {
          type: 'error',
          code: 'resource-not-found',
          title: 'Requested resource is not found.',
          detail: 'No route matches this path.',
          source: null,
        },
      ]);
    });

    test('api.md: a known path asked with another method answers 405 with Allow', async () => {
      const response = await fetch(`${server.url}/healthz`, { method: 'DELETE' });
      assert.equal(response.status, 405);
      assert.equal(response.headers.get('allow'), 'GET');
      const body = (await response.json()) as { data: { code: string }[] };
      assert.equal(body.data[0]?.code, 'method-not-allowed');
    });

    test('operations.md A22: each request logs one line with correlationId, method, route, status, durationMs and appId', async () => {
      const given = 'client-chosen-id-123';
      const kept = await fetch(`${server.url}/nowhere/at/all`, {
        headers: { 'x-correlation-id': given },
      });
      assert.equal(kept.headers.get('x-correlation-id'), given);
      const generated = await fetch(`${server.url}/nowhere/else`, {
        headers: { 'x-correlation-id': 'bad id!' },
      });
      const generatedId = generated.headers.get('x-correlation-id') ?? '';
      assert.match(
        generatedId,
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );

      const requestLines = server.logs.lines().filter((line) => line.msg === 'request');
      for (const id of [given, generatedId]) {
        const mine = requestLines.filter((line) => line.correlationId === id);
        assert.equal(mine.length, 1, `one request line for ${id}`);
        const line = mine[0] ?? {};
        assert.equal(line.method, 'GET');
        assert.equal(line.route, 'unmatched');
        assert.equal(line.status, 404);
        assert.equal(typeof line.durationMs, 'number');
        assert.ok('appId' in line && line.appId === null);
        assert.equal(line.level, 'info');
      }
    });

    test('health, readiness and metrics request lines are logged at debug, not info', () => {
      const healthLines = server.logs
        .lines()
        .filter((line) => line.msg === 'request' && line.route === '/healthz');
      assert.equal(healthLines.length, 0);
    });
  });
}
