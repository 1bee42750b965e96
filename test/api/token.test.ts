import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  assertError,
  startTestApi,
  testApiKey,
  type ApiResponse,
  type TestApi,
} from '../support/api.ts';
import { testDrivers } from '../support/environment.ts';

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

for (const driver of testDrivers) {
  describe(`POST /token on ${driver}`, () => {
    let api: TestApi;
    before(async () => {
      api = await startTestApi(driver);
    });
    after(() => api.stop());

    const post = async (headers: Record<string, string>, raw?: string) =>
      (await api.rawRequest('POST', '/token', headers, raw)) as ApiResponse<
        Record<string, unknown>
      >;
    const auth = { authorization: `Basic ${testApiKey}`, 'basiq-version': '3.0' };

    test('api.md A1: every body shape of the leniency table mints a Bearer token of 3600 s, and a scopeless token creates a user', async () => {
      const shapes: [string, Record<string, string>, string | undefined][] = [
        ['form', { 'content-type': 'application/x-www-form-urlencoded' }, 'scope=SERVER_ACCESS'],
        ['form without content type', {}, 'scope=SERVER_ACCESS'],
        ['JSON', { 'content-type': 'application/json' }, '{"scope":"SERVER_ACCESS"}'],
        ['empty', {}, undefined],
        ['{}', { 'content-type': 'application/json' }, '{}'],
        ['null', { 'content-type': 'application/json' }, 'null'],
        [
          'JSON labelled as a form',
          { 'content-type': 'application/x-www-form-urlencoded' },
          '{"scope":"CLIENT_ACCESS"}',
        ],
        ['JSON without content type', {}, '{"scope":"SERVER_ACCESS"}'],
        [
          'unknown fields only',
          { 'content-type': 'application/json' },
          '{"grant_type":"client_credentials"}',
        ],
      ];
      for (const [name, headers, raw] of shapes) {
        const response = await post({ ...auth, ...headers }, raw);
        assert.equal(response.status, 200, `${name}: ${response.text}`);
        assert.equal(typeof response.body.access_token, 'string');
        assert.equal(response.body.token_type, 'Bearer');
        assert.equal(response.body.expires_in, 3600);
        assert.ok(Number.isInteger(response.body.expires_in));
        const token = String(response.body.access_token);
        assert.equal(claimsOf(token).scope, 'SERVER_ACCESS', name);
        if (name === 'JSON labelled as a form') {
          const created = await api.request('POST', '/users', {
            token,
            body: { email: 'labelled@example.test' },
          });
          assert.equal(created.status, 201);
        }
      }
    });

    test('api.md A2: versions 1.0, 2.0, 2.1 and 3.0 are accepted; a missing or unknown version is 400 parameter-not-valid', async () => {
      for (const version of ['1.0', '2.0', '2.1', '3.0']) {
        const response = await post({ ...auth, 'basiq-version': version });
        assert.equal(response.status, 200, version);
        assert.equal(claimsOf(String(response.body.access_token)).version, version);
      }
      const missing = await post({ authorization: `Basic ${testApiKey}` });
      const item = assertError(missing, 400, 'parameter-not-valid', {
        parameter: 'basiq-version',
        pointer: 'header/basiq-version',
      });
      assert.equal(item.detail, 'Basiq-version must be specified in HTTP request header');
      assertError(await post({ ...auth, 'basiq-version': '0.9' }), 400, 'parameter-not-valid', {
        parameter: 'basiq-version',
        pointer: 'header/basiq-version',
      });
    });

    test('api.md A3: a wrong key is 401 unauthorized-access and never echoed or logged; a missing Authorization is 400', async () => {
      const wrong = 'wrong-key-canary-0123456789-abcdefghijkl';
      const response = await post({ ...auth, authorization: `Basic ${wrong}` });
      const item = assertError(response, 401, 'unauthorized-access');
      assert.equal(item.detail, 'Unable to authenticate. Please, check your API key.');
      assert.ok(!response.text.includes(wrong));
      assert.ok(!api.server.logs.text().includes(wrong));
      assertError(await post({ 'basiq-version': '3.0' }), 400, 'parameter-not-supplied', {
        parameter: 'Authorization',
      });
      assertError(
        await post({ ...auth, authorization: `Bearer ${testApiKey}` }),
        401,
        'unauthorized-access',
      );
      // Standard Basic with an empty password is accepted as a fallback.
      const standard = Buffer.from(`${testApiKey}:`).toString('base64');
      assert.equal((await post({ ...auth, authorization: `Basic ${standard}` })).status, 200);
    });

    test('api.md A5: a client token carries exp, iat, partnerid, applicationid, version, scope and userid', async () => {
      const server = await api.token();
      const user = await api.createUser(server);
      const token = await api.token({ scope: 'CLIENT_ACCESS', userId: user.id });
      const claims = claimsOf(token);
      for (const claim of [
        'exp',
        'iat',
        'partnerid',
        'applicationid',
        'version',
        'scope',
        'userid',
      ]) {
        assert.ok(claim in claims, claim);
      }
      assert.equal(claims.scope, 'CLIENT_ACCESS');
      assert.equal(claims.userid, user.id);
      assert.equal(claims.partnerid, claims.applicationid);
      assert.equal(Number(claims.exp) - Number(claims.iat), 3600);
      const header = JSON.parse(
        Buffer.from(token.split('.')[0] ?? '', 'base64url').toString(),
      ) as Record<string, unknown>;
      assert.equal(header.alg, 'HS256');
      assert.equal(typeof header.kid, 'string');
    });

    test('scope resolution: 3.0 refuses an unknown scope and a CLIENT_ACCESS without userId; 2.0 gives unbound client and server tokens', async () => {
      assertError(
        await post({ ...auth, 'content-type': 'application/json' }, '{"scope":"EVERYTHING"}'),
        400,
        'parameter-not-valid',
        { parameter: 'scope' },
      );
      assertError(
        await post({ ...auth, 'content-type': 'application/json' }, '{"scope":"CLIENT_ACCESS"}'),
        400,
        'parameter-not-supplied',
        { parameter: 'userId' },
      );
      const v2 = { ...auth, 'basiq-version': '2.0', 'content-type': 'application/json' };
      const unknown = await post(v2, '{"scope":"EVERYTHING"}');
      assert.equal(claimsOf(String(unknown.body.access_token)).scope, 'SERVER_ACCESS');
      const unbound = await post(v2, '{"scope":"CLIENT_ACCESS"}');
      const claims = claimsOf(String(unbound.body.access_token));
      assert.equal(claims.scope, 'CLIENT_ACCESS');
      assert.equal(claims.userid, undefined);
      assertError(
        await post(
          { ...auth, 'content-type': 'application/json' },
          '{"scope":"CLIENT_ACCESS","userId":"0193a4f2-7c1e-7b3d-9f2a-4c5d6e7f8a9b"}',
        ),
        400,
        'parameter-not-valid',
        { parameter: 'userId' },
      );
      // `userid` is accepted as a spelling of userId.
      const server = await api.token();
      const user = await api.createUser(server);
      const lower = await post(
        { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
        `scope=CLIENT_ACCESS&userid=${user.id}`,
      );
      assert.equal(claimsOf(String(lower.body.access_token)).userid, user.id);
    });

    test('a revoked key can no longer mint, and its tokens are refused at once on this process', async () => {
      const services = api.server.runtime.services;
      assert.ok(services);
      const { application, key } = await services.applications.createApplication('revocable');
      assert.ok(key);
      const token = await api.token(undefined, '3.0', key.value);
      assert.equal((await api.request('GET', '/users', { token })).status, 200);
      await services.applications.revokeKey(key.record.id);
      services.tokens.markRevokedKey(key.record.id);
      assertError(
        await post({ ...auth, authorization: `Basic ${key.value}` }),
        401,
        'unauthorized-access',
      );
      assertError(
        await api.request('GET', '/users', { token }),
        401,
        'invalid-authorization-token',
      );
      assert.equal(application.name, 'revocable');
    });
  });

  describe(`expired tokens on ${driver}`, () => {
    let api: TestApi;
    before(async () => {
      api = await startTestApi(driver, { TRIBUTARY_TOKEN_TTL_S: '1' });
    });
    after(() => api.stop());

    test('api.md A4: a well-signed token past exp is 403 access-denied "Token has expired"', async () => {
      const token = await api.token();
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const item = assertError(await api.request('GET', '/users', { token }), 403, 'access-denied');
      assert.equal(item.detail, 'Token has expired');
    });
  });
}
