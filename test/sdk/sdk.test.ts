import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BadRequestError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  NotFoundError,
  RateLimitError,
  Tributary,
  TributaryAdmin,
  type TributaryError,
  UnauthorizedError,
  type Fetch,
} from '../../packages/sdk/src/index.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/environment.ts';
import { freePort } from '../support/server.ts';

const adminToken = 'admin-token-for-tests-0123456789abcdef';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const unknownId = '0193a4f2-7c1e-7b3d-9f2a-4c5d6e7f8a9b';

/**
 * A test API whose `TRIBUTARY_PUBLIC_URL` is the address it listens on, so the absolute
 * `links.next` it writes can be followed as-is.
 */
async function startApi(driver: (typeof testDrivers)[number], env: Record<string, string> = {}) {
  const port = await freePort();
  return startTestApi(driver, {
    PORT: String(port),
    TRIBUTARY_PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...env,
  });
}

/** The global fetch, recording `METHOD path status` of each call: observes, never answers. */
function recordingFetch(calls: string[]): Fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    calls.push(`${init.method ?? 'GET'} ${new URL(input).pathname} ${response.status}`);
    return response;
  };
}

/** The error `promise` rejects with, checked to be of `type`. */
async function failure<T extends TributaryError>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => T,
): Promise<T> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${type.name}, but the call succeeded`);
}

/** Checks the request id of an error against the answer's header (api.md §5.1). */
function assertCorrelated(error: TributaryError): void {
  assert.ok(error.correlationId, 'correlationId');
  assert.equal(error.correlationId, error.headers?.get('x-correlation-id'));
}

for (const driver of testDrivers) {
  describe(`SDK against a live server (${driver})`, () => {
    let api: TestApi;
    let tributary: Tributary;

    before(async () => {
      api = await startApi(driver, { TRIBUTARY_ADMIN_TOKEN: adminToken });
      tributary = new Tributary({ baseUrl: api.url, apiKey: api.apiKey });
    });
    after(() => api.stop());

    test('users: create, get, update, list and delete', async () => {
      const created = await tributary.users.create({
        email: 'ada@example.test',
        firstName: 'Ada',
        externalId: 'sdk-ada',
      });
      assert.match(created.id, uuidPattern);
      assert.equal(created.type, 'user');
      assert.equal(created.links.self, `${api.url}/users/${created.id}`);

      const read = await tributary.users.get(created.id);
      assert.equal(read.email, 'ada@example.test');
      assert.deepEqual(read.connections, { type: 'list', count: 0, data: [] });

      const updated = await tributary.users.update(created.id, { lastName: 'Lovelace' });
      assert.equal(updated.lastName, 'Lovelace');
      assert.equal(updated.firstName, 'Ada');

      const page = await tributary.users.list({ filter: "user.externalId.eq('sdk-ada')" });
      assert.deepEqual(
        page.data.map((u) => u.id),
        [created.id],
      );
      assert.equal(page.size, 1);

      await tributary.users.delete(created.id);
      const gone = await failure(tributary.users.get(created.id), NotFoundError);
      assert.equal(gone.code, 'resource-not-found');
    });

    test('users.iterate follows links.next as-is and visits every user once', async () => {
      const created = new Set<string>();
      for (let i = 0; i < 7; i++)
        created.add((await tributary.users.create({ email: `page${i}@example.test` })).id);
      const { size } = await tributary.users.list({ limit: 1 });
      const seen: string[] = [];
      for await (const user of tributary.users.iterate({ limit: 2 })) seen.push(user.id);
      assert.equal(seen.length, size);
      assert.equal(new Set(seen).size, seen.length, 'no user twice');
      for (const id of created) assert.ok(seen.includes(id), `${id} visited`);

      const filtered: string[] = [];
      for await (const user of tributary.users.iterate({
        filter: "user.email.in('page1@example.test','page5@example.test')",
        limit: 1,
      }))
        filtered.push(user.email ?? '');
      assert.deepEqual(filtered.sort(), ['page1@example.test', 'page5@example.test']);
    });

    test('Idempotency-Key: the same create twice returns the same user', async () => {
      const options = { idempotencyKey: `sdk-${Date.now()}` };
      const first = await tributary.users.create({ email: 'idem@example.test' }, options);
      const second = await tributary.users.create({ email: 'idem@example.test' }, options);
      assert.equal(second.id, first.id);
    });

    test('errors are classes by status with the code, detail, source and correlation id', async () => {
      const missing = await failure(tributary.users.create({}), BadRequestError);
      assert.equal(missing.status, 400);
      assert.equal(missing.code, 'parameter-not-supplied');
      assert.equal(missing.title, 'Required parameter not supplied.');
      assertCorrelated(missing);

      const badEmail = await failure(
        tributary.users.create({ email: 'not-an-email' }),
        BadRequestError,
      );
      assert.equal(badEmail.code, 'parameter-not-valid');
      assert.deepEqual(badEmail.source, { pointer: '/email' });

      const badId = await failure(tributary.users.get('not-a-uuid'), BadRequestError);
      assert.deepEqual(badId.source, { parameter: 'userId' });
      const badLimit = await failure(tributary.users.list({ limit: 501 }), BadRequestError);
      assert.deepEqual(badLimit.source, { parameter: 'limit' });

      const notFound = await failure(tributary.users.get(unknownId), NotFoundError);
      assert.equal(notFound.status, 404);
      assert.equal(notFound.code, 'resource-not-found');
      assert.match(notFound.message, /^404 resource-not-found: /);
      assertCorrelated(notFound);

      await tributary.users.create({ email: 'dup@example.test', externalId: 'sdk-dup' });
      const duplicate = await failure(
        tributary.users.create({ email: 'dup2@example.test', externalId: 'sdk-dup' }),
        ConflictError,
      );
      assert.equal(duplicate.code, 'resource-already-exists');
      assertCorrelated(duplicate);

      const wrongKey = new Tributary({
        baseUrl: api.url,
        apiKey: 'not-a-key-of-this-server-0123456789',
      });
      const refused = await failure(wrongKey.users.list(), UnauthorizedError);
      assert.equal(refused.code, 'unauthorized-access');
      assert.ok(!refused.message.includes('not-a-key-of-this-server'), 'the key is not echoed');
      assertCorrelated(refused);

      const closed = new Tributary({
        baseUrl: `http://127.0.0.1:${await freePort()}`,
        apiKey: 'k',
      });
      const unreachable = await failure(closed.users.list(), ConnectionError);
      assert.equal(unreachable.status, 0);
      assert.equal(unreachable.code, null);
    });

    test('a CLIENT_ACCESS token reads its own user and gets ForbiddenError elsewhere', async () => {
      const own = await tributary.users.create({ email: 'client@example.test' });
      const other = await tributary.users.create({ email: 'other@example.test' });
      const minted = await tributary.createToken({ scope: 'CLIENT_ACCESS', userId: own.id });
      assert.equal(minted.token_type, 'Bearer');
      const browser = new Tributary({ baseUrl: api.url, accessToken: minted.access_token });
      assert.equal((await browser.users.get(own.id)).id, own.id);
      const forbidden = await failure(browser.users.get(other.id), ForbiddenError);
      assert.equal(forbidden.status, 403);
      assert.equal(forbidden.code, 'forbidden-access');
      assertCorrelated(forbidden);
      await failure(browser.users.list(), ForbiddenError);
      await assert.rejects(browser.createToken(), TypeError);
    });

    test('institutions, connectors and events', async () => {
      const institutions = await tributary.institutions.list();
      assert.ok(institutions.data.some((i) => i.id === 'AU00000'));
      assert.equal((await tributary.institutions.get('AU00000')).shortName, 'Hooli');
      await failure(tributary.institutions.get('AU99999'), NotFoundError);

      const openBanking = await tributary.connectors.list({
        filter: "connector.method.eq('open-banking')",
      });
      assert.ok(openBanking.data.every((connector) => connector.method === 'open-banking'));
      assert.equal((await tributary.connectors.get('AU00000', 'web')).method, 'web');

      const types = await tributary.events.types();
      const firstType = types.data[0];
      assert.ok(firstType, 'the catalogue is not empty');
      assert.equal((await tributary.events.getType(firstType.id)).id, firstType.id);

      const user = await tributary.users.create({ email: 'events@example.test' });
      const events = await tributary.events.list({ filter: `user.id.eq('${user.id}')` });
      const created = events.data.find((event) => event.eventTypeId === 'user.created');
      assert.ok(created, 'user.created is listed');
      assert.equal((await tributary.events.get(created.id)).id, created.id);
      const all: string[] = [];
      for await (const event of tributary.events.iterate({ limit: 1 })) all.push(event.id);
      assert.equal(new Set(all).size, all.length);
      assert.ok(all.includes(created.id));
    });

    test('admin: an application created through the SDK has a working key until it is revoked', async () => {
      const admin = new TributaryAdmin({ baseUrl: api.url, adminToken });
      const application = await admin.applications.create({ name: 'sdk-second' });
      assert.equal(application.type, 'application');
      assert.equal(application.status, 'active');
      assert.equal(application.key.type, 'api-key');

      const second = new Tributary({ baseUrl: api.url, apiKey: application.key.value });
      const user = await second.users.create({ email: 'tenant@example.test' });
      await failure(tributary.users.get(user.id), NotFoundError);

      assert.equal((await admin.applications.get(application.id)).name, 'sdk-second');
      const renamed = await admin.applications.update(application.id, { name: 'sdk-renamed' });
      assert.equal(renamed.name, 'sdk-renamed');
      const listed = await admin.applications.list();
      assert.ok(listed.data.some((a) => a.id === application.id && a.name === 'sdk-renamed'));

      const extra = await admin.keys.create(application.id);
      assert.equal(extra.applicationId, application.id);
      assert.equal(extra.hint, extra.value.slice(-4));
      const keys = await admin.keys.list(application.id);
      assert.deepEqual(keys.data.map((k) => k.id).sort(), [application.key.id, extra.id].sort());
      assert.ok(
        keys.data.every((k) => k.value === undefined),
        'values are never listed',
      );

      await admin.keys.revoke(application.key.id);
      const revoked = await failure(second.users.get(user.id), UnauthorizedError);
      assert.equal(revoked.code, 'unauthorized-access');
      const fresh = new Tributary({ baseUrl: api.url, apiKey: extra.value });
      assert.equal((await fresh.users.get(user.id)).id, user.id);

      await admin.applications.update(application.id, { status: 'disabled' });
      await failure(fresh.users.get(user.id), UnauthorizedError);
      await admin.applications.update(application.id, { status: 'active' });
      assert.equal((await fresh.users.get(user.id)).id, user.id);

      const wrong = new TributaryAdmin({ baseUrl: api.url, adminToken: 'x'.repeat(40) });
      const denied = await failure(wrong.applications.list(), UnauthorizedError);
      assert.equal(denied.code, 'invalid-authorization-token');
      await failure(admin.applications.get(unknownId), NotFoundError);
      await failure(admin.applications.create({ name: '' }), BadRequestError);
    });
  });

  describe(`SDK token renewal and rate limits (${driver})`, () => {
    let api: TestApi;

    before(async () => {
      api = await startApi(driver, {
        TRIBUTARY_TOKEN_TTL_S: '1',
        TRIBUTARY_RATE_LIMIT_PER_MINUTE: '20',
      });
    });
    after(() => api.stop());

    test('an expired token is re-minted once and the call succeeds', async () => {
      const calls: string[] = [];
      const tributary = new Tributary({
        baseUrl: api.url,
        apiKey: api.apiKey,
        fetch: recordingFetch(calls),
      });
      const user = await tributary.users.create({ email: 'ttl@example.test' });
      assert.equal(calls[0], 'POST /token 200');
      calls.length = 0;
      await sleep(2000);
      assert.equal((await tributary.users.get(user.id)).id, user.id);
      assert.deepEqual(calls, [
        `GET /users/${user.id} 403`,
        'POST /token 200',
        `GET /users/${user.id} 200`,
      ]);
    });

    test('over the rate limit: RateLimitError with retryAfter', async () => {
      const tributary = new Tributary({ baseUrl: api.url, apiKey: api.apiKey });
      let limited: RateLimitError | null = null;
      for (let i = 0; i < 30 && !limited; i++) {
        try {
          await tributary.users.list({ limit: 1 });
        } catch (error) {
          if (!(error instanceof RateLimitError)) throw error;
          limited = error;
        }
      }
      assert.ok(limited, 'a request was limited');
      assert.equal(limited.status, 429);
      assert.equal(limited.code, 'too-many-requests');
      assert.ok(limited.retryAfter !== null && limited.retryAfter > 0, 'Retry-After in seconds');
      assertCorrelated(limited);
    });
  });
}
