import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertError, startTestApi, testApiKey, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/environment.ts';

for (const driver of testDrivers) {
  describe(`who may call /admin on ${driver} (operations.md §6)`, () => {
    let api: TestApi;
    before(async () => {
      api = await startTestApi(driver);
    });
    after(() => api.stop());

    test('operations.md A14: /admin answers 401 to an access token, an API key or no bearer; the embedded admin-token file opens it; PostgreSQL mode without a token has no /admin', async () => {
      const token = await api.token();
      if (driver === 'postgres') {
        // PostgreSQL mode without TRIBUTARY_ADMIN_TOKEN: no admin token exists, /admin/ is unknown.
        const response = await api.request('GET', '/admin/applications', { token });
        assertError(response, 404, 'resource-not-found');
        assertError(await api.request('GET', '/admin/applications'), 404, 'resource-not-found');
        return;
      }
      assertError(
        await api.request('GET', '/admin/applications', { token }),
        401,
        'invalid-authorization-token',
      );
      assertError(
        await api.request('GET', '/admin/applications'),
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
      const adminToken = readFileSync(join(api.server.dataDir, 'admin-token'), 'utf8').trim();
      assert.ok(adminToken.length >= 32);
      const listed = await api.request<{ data: { name: string }[] }>('GET', '/admin/applications', {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      assert.equal(listed.status, 200);
      assert.ok(listed.body.data.some((a) => a.name === 'default'));
      // The admin token authenticates nothing outside /admin.
      assertError(
        await api.request('GET', '/users', { headers: { authorization: `Bearer ${adminToken}` } }),
        401,
        'invalid-authorization-token',
      );
    });
  });
}
