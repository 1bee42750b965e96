import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertError, startTestApi, testApiKey, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/environment.ts';

const unknownId = '0193a4f2-7c1e-7b3d-9f2a-4c5d6e7f8a9b';

for (const driver of testDrivers) {
  describe(`the shared contract on ${driver}`, () => {
    let api: TestApi;
    let token: string;
    before(async () => {
      api = await startTestApi(driver, {
        TRIBUTARY_CORS_ORIGINS: 'http://app.example.test',
        TRIBUTARY_ADMIN_TOKEN: 'admin-token-for-tests-0123456789abcdef',
      });
      token = await api.token();
    });
    after(() => api.stop());

    test('api.md A24: every error is the JSON envelope with the correlation id, and the server answers normally afterwards', async () => {
      const json = { 'content-type': 'application/json' };
      const cases: [string, Promise<Awaited<ReturnType<TestApi['request']>>>, number, string][] = [
        ['unknown route', api.request('GET', '/nowhere', { token }), 404, 'resource-not-found'],
        [
          'unknown method',
          api.request('PUT', '/users', { token, body: {} }),
          405,
          'method-not-allowed',
        ],
        [
          'malformed JSON',
          api.request('POST', '/users', { token, raw: '{"email":', headers: json }),
          400,
          'invalid-content',
        ],
        [
          'array body',
          api.request('POST', '/users', { token, raw: '[{"email":"a@b.co"}]', headers: json }),
          400,
          'invalid-content',
        ],
        [
          'text/plain',
          api.request('POST', '/users', {
            token,
            raw: 'email=a@b.co',
            headers: { 'content-type': 'text/plain' },
          }),
          415,
          'unsupported-content-type',
        ],
        [
          '6 MB body',
          api.request('POST', '/users', {
            token,
            raw: `{"email":"${'a'.repeat(6 * 1024 * 1024)}"}`,
            headers: json,
          }),
          413,
          'request-too-large',
        ],
        [
          '200,000 deep',
          api.request('POST', '/users', {
            token,
            raw: '['.repeat(200_000) + ']'.repeat(200_000),
            headers: json,
          }),
          400,
          'invalid-content',
        ],
        ['ill-formed id', api.request('GET', '/users/123', { token }), 400, 'parameter-not-valid'],
        [
          'unknown id',
          api.request('GET', `/users/${unknownId}`, { token }),
          404,
          'resource-not-found',
        ],
      ];
      for (const [name, pending, status, code] of cases) {
        const response = await pending;
        assert.equal(response.status, status, `${name}: ${response.text.slice(0, 200)}`);
        assertError(response, status, code);
      }
      const allowed = await api.request('PUT', '/users', { token, body: {} });
      assert.equal(allowed.headers.get('allow'), 'GET, POST');
      assert.equal((await api.request('GET', '/users', { token })).status, 200);
    });

    test('api.md §11.3: prototype keys are dropped, not obeyed; responses carry no-store and nosniff', async () => {
      const response = await api.request<Record<string, unknown>>('POST', '/users', {
        token,
        raw: '{"email":"proto@example.test","__proto__":{"admin":true},"constructor":{"x":1}}',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(response.status, 201);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(({} as Record<string, unknown>).admin, undefined);
    });

    test('api.md A23: the same POST with the same Idempotency-Key replays the first answer; another body is 422; no key creates again', async () => {
      const headers = { 'idempotency-key': `key-${driver}-1` };
      const body = { email: 'idem@example.test' };
      const first = await api.request<{ id: string }>('POST', '/users', { token, body, headers });
      assert.equal(first.status, 201);
      const second = await api.request<{ id: string }>('POST', '/users', { token, body, headers });
      assert.equal(second.status, 201);
      assert.equal(second.body.id, first.body.id);
      assert.equal(second.headers.get('idempotent-replayed'), 'true');
      const mismatch = await api.request('POST', '/users', {
        token,
        body: { email: 'other@example.test' },
        headers,
      });
      assertError(mismatch, 422, 'idempotency-key-mismatch', { parameter: 'Idempotency-Key' });
      const third = await api.request<{ id: string }>('POST', '/users', { token, body });
      assert.notEqual(third.body.id, first.body.id);
      const list = await api.request<{ data: { email: string }[] }>(
        'GET',
        `/users?filter=user.email.eq('other@example.test')`,
        { token },
      );
      assert.equal(list.body.data.length, 0, 'the mismatched request created nothing');
      assertError(
        await api.request('POST', '/users', { token, body, headers: { 'idempotency-key': '' } }),
        400,
        'parameter-not-valid',
      );
      assertError(
        await api.request('POST', '/users', {
          token,
          body,
          headers: { 'idempotency-key': 'x'.repeat(256) },
        }),
        400,
        'parameter-not-valid',
      );
    });

    test('api.md A26: a CORS preflight from an allowed origin is allowed; others get no CORS headers; the GET carries the origin', async () => {
      const preflight = await fetch(`${api.url}/users`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://app.example.test',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization,content-type,basiq-version',
        },
      });
      assert.ok(preflight.status >= 200 && preflight.status < 300, String(preflight.status));
      assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://app.example.test');
      const methods = preflight.headers.get('access-control-allow-methods') ?? '';
      for (const m of ['GET', 'POST', 'DELETE']) assert.ok(methods.includes(m), methods);
      const allowedHeaders = (
        preflight.headers.get('access-control-allow-headers') ?? ''
      ).toLowerCase();
      for (const h of ['authorization', 'content-type', 'basiq-version'])
        assert.ok(allowedHeaders.includes(h), allowedHeaders);
      assert.equal(preflight.headers.get('access-control-max-age'), '600');
      assert.equal(preflight.headers.get('access-control-allow-credentials'), null);
      const actual = await api.request('GET', '/users', {
        token,
        headers: { origin: 'http://app.example.test' },
      });
      assert.equal(actual.headers.get('access-control-allow-origin'), 'http://app.example.test');
      assert.match(actual.headers.get('access-control-expose-headers') ?? '', /X-Correlation-Id/);
      const foreign = await api.request('GET', '/users', {
        token,
        headers: { origin: 'http://evil.example.test' },
      });
      assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    });

    test('api.md A30: routes of Basiq products Tributary does not provide are 404 in the envelope', async () => {
      const user = await api.createUser(token);
      for (const [method, path] of [
        ['GET', `/users/${user.id}/statements`],
        ['POST', '/reports'],
        ['GET', '/enrich'],
      ] as const) {
        const item = assertError(
          await api.request(method, path, { token, ...(method === 'POST' ? { body: {} } : {}) }),
          404,
          'resource-not-found',
        );
        assert.equal(item.detail, 'This route is not provided by Tributary.');
      }
    });

    test('api.md A28: the admin API creates an application whose one-time key mints tokens; API keys and tokens are refused; a revoked key stops at once', async () => {
      const adminToken = api.server.runtime.config.security.adminToken ?? '';
      assert.ok(adminToken.length >= 32);
      const admin = { authorization: `Bearer ${adminToken}` };
      const created = await api.request<{
        id: string;
        name: string;
        status: string;
        key: { id: string; value: string; type: string };
      }>('POST', '/admin/applications', { headers: admin, body: { name: 'second' } });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.name, 'second');
      assert.equal(created.body.status, 'active');
      assert.equal(created.body.key.type, 'api-key');
      const minted = await api.token(undefined, '3.0', created.body.key.value);
      assert.equal((await api.request('GET', '/users', { token: minted })).status, 200);
      assertError(
        await api.request('GET', '/admin/applications', { token }),
        401,
        'invalid-authorization-token',
      );
      assertError(
        await api.request('GET', '/admin/applications', {
          headers: { authorization: `Basic ${testApiKey}` },
        }),
        401,
        'invalid-authorization-token',
      );
      assertError(
        await api.request('GET', '/admin/applications'),
        401,
        'invalid-authorization-token',
      );
      const listed = await api.request<{ data: { id: string }[] }>('GET', '/admin/applications', {
        headers: admin,
      });
      assert.ok(listed.body.data.some((a) => a.id === created.body.id));
      const keys = await api.request<{ data: Record<string, unknown>[] }>(
        'GET',
        `/admin/applications/${created.body.id}/keys`,
        { headers: admin },
      );
      assert.equal(keys.body.data.length, 1);
      assert.ok(!('value' in (keys.body.data[0] ?? {})));
      assert.equal(keys.body.data[0]?.hint, created.body.key.value.slice(-4));
      const revoked = await api.request('DELETE', `/admin/keys/${created.body.key.id}`, {
        headers: admin,
      });
      assert.equal(revoked.status, 204);
      assertError(
        await api.request('GET', '/users', { token: minted }),
        401,
        'invalid-authorization-token',
      );
      const again = await api.request('POST', '/token', {
        headers: { authorization: `Basic ${created.body.key.value}`, 'basiq-version': '3.0' },
      });
      assertError(again, 401, 'unauthorized-access');
      assertError(
        await api.request('POST', '/admin/applications', { headers: admin, body: { name: '' } }),
        400,
        'parameter-not-valid',
      );
      // Disabling an application refuses its keys and tokens until enabled again.
      const key2 = await api.request<{ value: string }>(
        'POST',
        `/admin/applications/${created.body.id}/keys`,
        { headers: admin },
      );
      const token2 = await api.token(undefined, '3.0', key2.body.value);
      await api.request('POST', `/admin/applications/${created.body.id}`, {
        headers: admin,
        body: { status: 'disabled' },
      });
      assertError(
        await api.request('GET', '/users', { token: token2 }),
        401,
        'invalid-authorization-token',
      );
      await api.request('POST', `/admin/applications/${created.body.id}`, {
        headers: admin,
        body: { status: 'active' },
      });
      assert.equal((await api.request('GET', '/users', { token: token2 })).status, 200);
    });

    test('api.md A25: nothing answered 5xx and no key, token or password reached the logs', () => {
      const logs = api.server.logs.lines();
      const requests = logs.filter((line) => line.msg === 'request');
      assert.ok(requests.length > 20);
      assert.ok(
        requests.every((line) => Number(line.status) < 500),
        'no 5xx',
      );
      const text = api.server.logs.text();
      assert.ok(!text.includes(testApiKey));
      assert.ok(!text.includes(token));
      assert.ok(!text.includes(token.split('.')[2] ?? 'x'));
    });
  });

  describe(`rate limits on ${driver}`, () => {
    let api: TestApi;
    before(async () => {
      api = await startTestApi(driver, { TRIBUTARY_RATE_LIMIT_PER_MINUTE: '50' });
    });
    after(() => api.stop());

    test('api.md A27: the 51st request within a minute is 429 with Retry-After; RateLimit-Remaining counts down before it', async () => {
      const token = await api.token();
      const remaining: number[] = [];
      for (let i = 0; i < 50; i++) {
        const response = await api.request('GET', '/users', { token });
        assert.equal(response.status, 200, `request ${i + 1}`);
        assert.equal(response.headers.get('ratelimit-limit'), '50');
        remaining.push(Number(response.headers.get('ratelimit-remaining')));
      }
      assert.deepEqual(
        remaining,
        Array.from({ length: 50 }, (_, i) => 49 - i),
      );
      const over = await api.request('GET', '/users', { token });
      assertError(over, 429, 'too-many-requests');
      assert.ok(Number(over.headers.get('retry-after')) >= 1);
    });
  });
}
