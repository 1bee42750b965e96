import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertError, runCommonAuthChecks, startTestApi, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/environment.ts';

type UserBody = Record<string, unknown> & { id: string; links: Record<string, string> };
type ListBody = {
  type: string;
  count: number;
  size: number;
  data: UserBody[];
  links: { self: string; next?: string };
};

const unknownId = '0193a4f2-7c1e-7b3d-9f2a-4c5d6e7f8a9b';

for (const driver of testDrivers) {
  describe(`users on ${driver}`, () => {
    let api: TestApi;
    let token: string;
    before(async () => {
      api = await startTestApi(driver);
      token = await api.token();
    });
    after(() => api.stop());

    test('api.md A8: POST /users answers 201 with a lowercase UUID, the email and links.self; trailing slash and mobile-only work', async () => {
      const created = await api.request<UserBody>('POST', '/users', {
        token,
        body: { email: 'ada@example.test' },
      });
      assert.equal(created.status, 201);
      assert.match(
        created.body.id,
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      assert.equal(created.body.type, 'user');
      assert.equal(created.body.email, 'ada@example.test');
      assert.equal(
        created.body.links.self,
        `${api.server.runtime.config.server.publicUrl}/users/${created.body.id}`,
      );
      assert.deepEqual(created.body.connections, { type: 'list', count: 0, data: [] });
      const slash = await api.request<UserBody>('POST', '/users/', {
        token,
        body: { email: 'slash@example.test' },
      });
      assert.equal(slash.status, 201);
      const mobile = await api.request<UserBody>('POST', '/users', {
        token,
        body: { mobile: '+61410000001', middleName: '' },
      });
      assert.equal(mobile.status, 201);
      assert.equal(mobile.body.middleName, '');
      assert.equal(mobile.body.email, null);
    });

    test('api.md A9: POST /users {} is 400 parameter-not-supplied; bad email, bad mobile, wrong types and long values are 400; password never echoed', async () => {
      assertError(
        await api.request('POST', '/users', { token, body: {} }),
        400,
        'parameter-not-supplied',
        { pointer: '/email' },
      );
      const bad = assertError(
        await api.request('POST', '/users', { token, body: { email: 'not-an-email' } }),
        400,
        'parameter-not-valid',
        { pointer: '/email' },
      );
      assert.equal(bad.detail, 'Provided email is in bad format.');
      assertError(
        await api.request('POST', '/users', { token, body: { mobile: '0410 000 001' } }),
        400,
        'parameter-not-valid',
        { pointer: '/mobile' },
      );
      assertError(
        await api.request('POST', '/users', { token, body: { email: 42 } }),
        400,
        'parameter-not-valid',
        { pointer: '/email' },
      );
      assertError(
        await api.request('POST', '/users', {
          token,
          body: { email: `${'a'.repeat(290)}@example.test` },
        }),
        400,
        'parameter-not-valid',
        { pointer: '/email' },
      );
      const both = await api.request<{ data: unknown[] }>('POST', '/users', {
        token,
        body: { email: 'x', mobile: 'y', firstName: 7 },
      });
      assert.equal(both.status, 400);
      assert.equal(both.body.data.length, 3, 'every bad field is reported at once');
      const withPassword = await api.request('POST', '/users', {
        token,
        body: { email: 'pw@example.test', password: 'Canary-Pw-7f3e' },
      });
      assert.equal(withPassword.status, 201);
      assert.ok(!withPassword.text.includes('Canary-Pw-7f3e'));
      assert.ok(!withPassword.text.includes('password'));
      assertError(
        await api.request('POST', '/users', {
          token,
          raw: '[1,2]',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'invalid-content',
      );
      assertError(
        await api.request('POST', '/users', {
          token,
          body: { email: 'b@example.test', businessIdNo: '12345678901' },
        }),
        400,
        'parameter-not-supplied',
        { pointer: '/businessName' },
      );
    });

    test('api.md A10: GET /users/{id} has connections, accounts and links under {base}/users/{id}', async () => {
      const user = await api.createUser(token, {
        email: 'links@example.test',
        firstName: 'Ada',
        lastName: 'Lovelace',
      });
      const response = await api.request<UserBody>('GET', `/users/${user.id}`, { token });
      assert.equal(response.status, 200);
      const body = response.body;
      const self = `${api.server.runtime.config.server.publicUrl}/users/${user.id}`;
      assert.equal(body.links.self, self);
      for (const name of ['accounts', 'connections', 'transactions'])
        assert.equal(body.links[name], `${self}/${name}`);
      assert.deepEqual(body.accounts, { type: 'list', count: 0, data: [] });
      assert.equal(body.name, 'Ada Lovelace');
      for (const field of [
        'email',
        'mobile',
        'firstName',
        'middleName',
        'lastName',
        'name',
        'businessName',
        'businessIdNo',
        'businessIdNoType',
        'businessAddress',
        'verificationStatus',
        'verificationDate',
        'externalId',
        'createdDate',
      ]) {
        assert.ok(field in body, `${field} present`);
      }
      assert.match(String(body.createdDate), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });

    test('api.md A11: POST /users/{id} {firstName} changes it and keeps every other field; null clears; email and mobile cannot both go', async () => {
      const user = await api.createUser(token, {
        email: 'upd@example.test',
        mobile: '+61410000002',
        lastName: 'Kept',
      });
      const updated = await api.request<UserBody>('POST', `/users/${user.id}`, {
        token,
        body: { firstName: 'Grace' },
      });
      assert.equal(updated.status, 200);
      assert.equal(updated.body.firstName, 'Grace');
      assert.equal(updated.body.lastName, 'Kept');
      assert.equal(updated.body.email, 'upd@example.test');
      const cleared = await api.request<UserBody>('POST', `/users/${user.id}`, {
        token,
        body: { mobile: null },
      });
      assert.equal(cleared.body.mobile, null);
      assertError(
        await api.request('POST', `/users/${user.id}`, { token, body: { email: null } }),
        400,
        'parameter-not-supplied',
      );
      assertError(
        await api.request('POST', `/users/${unknownId}`, { token, body: { firstName: 'x' } }),
        404,
        'resource-not-found',
      );
    });

    test('api.md A12: DELETE /users/{id} is 204 with an empty body even with a JSON content type; then 404; again 204', async () => {
      const user = await api.createUser(token);
      const deleted = await api.request('DELETE', `/users/${user.id}`, {
        token,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(deleted.status, 204);
      assert.equal(deleted.text, '');
      assert.equal(deleted.headers.get('content-type'), null);
      assertError(
        await api.request('GET', `/users/${user.id}`, { token }),
        404,
        'resource-not-found',
      );
      assert.equal((await api.request('DELETE', `/users/${user.id}`, { token })).status, 204);
      assertError(
        await api.request('DELETE', `/users/${unknownId}`, { token }),
        404,
        'resource-not-found',
      );
    });

    test('api.md A13: GET /users?limit=2 walks every user through links.next as-is with no duplicate; filters; duplicate externalId is 409', async () => {
      const mine: string[] = [];
      for (let i = 0; i < 5; i++)
        mine.push(
          (
            await api.createUser(token, {
              email: `walk${i}@example.test`,
              externalId: `ext-${driver}-${i}`,
            })
          ).id,
        );
      const seen: string[] = [];
      let url: string | undefined = `/users?limit=2`;
      let pages = 0;
      while (url) {
        const page: { status: number; body: ListBody } = await api.request<ListBody>('GET', url, {
          token,
        });
        assert.equal(page.status, 200);
        assert.ok(page.body.count <= 2);
        assert.equal(page.body.count, page.body.data.length);
        seen.push(...page.body.data.map((u) => u.id));
        const next = page.body.links.next;
        if (next) {
          assert.ok(next.startsWith(`${api.server.runtime.config.server.publicUrl}/users?`));
          assert.match(next, /limit=2/);
        }
        url = next ? next.slice(api.server.runtime.config.server.publicUrl.length) : undefined;
        pages++;
        assert.ok(pages < 100);
      }
      assert.equal(new Set(seen).size, seen.length, 'no duplicates');
      for (const id of mine) assert.ok(seen.includes(id));
      const total = (await api.request<ListBody>('GET', '/users', { token })).body.size;
      assert.equal(seen.length, total);

      const byEmail = await api.request<ListBody>(
        'GET',
        `/users?filter=user.email.eq('WALK3@example.test')`,
        { token },
      );
      assert.deepEqual(
        byEmail.body.data.map((u) => u.id),
        [mine[3]],
      );
      const byExternal = await api.request<ListBody>(
        'GET',
        `/users?filter=user.externalId.in('ext-${driver}-0','ext-${driver}-4')`,
        { token },
      );
      assert.deepEqual(new Set(byExternal.body.data.map((u) => u.id)), new Set([mine[0], mine[4]]));
      assertError(
        await api.request('POST', '/users', {
          token,
          body: { email: 'dup@example.test', externalId: `ext-${driver}-1` },
        }),
        409,
        'resource-already-exists',
      );
      // A client appending its own limit to links.next, and repeated parameters: the last wins.
      assert.equal(
        (await api.request<ListBody>('GET', '/users?limit=1&limit=3', { token })).body.count,
        3,
      );
    });

    test('api.md A17: bad filters are 400 on filter; unknown query parameters are ignored', async () => {
      for (const filter of [
        "user.name.eq('x')",
        "user.email.like('x')",
        "user.email.eq('x'",
        "user.createdDate.bt('2026-01-01')",
        '',
      ]) {
        assertError(
          await api.request('GET', `/users?filter=${encodeURIComponent(filter)}`, { token }),
          400,
          'parameter-not-valid',
          { parameter: 'filter' },
        );
      }
      assert.equal((await api.request('GET', '/users?_=123&filter[x]=y', { token })).status, 200);
    });

    test('api.md A18: limit over 500 or not an integer, and a tampered next, are 400', async () => {
      const over = assertError(
        await api.request('GET', '/users?limit=501', { token }),
        400,
        'parameter-not-valid',
        { parameter: 'limit' },
      );
      assert.equal(over.detail, 'Maximum limit allowed is 500');
      assertError(
        await api.request('GET', '/users?limit=abc', { token }),
        400,
        'parameter-not-valid',
        { parameter: 'limit' },
      );
      assertError(
        await api.request('GET', '/users?limit=0', { token }),
        400,
        'parameter-not-valid',
        { parameter: 'limit' },
      );
      for (let i = 0; i < 3; i++) await api.createUser(token);
      const first = await api.request<ListBody>('GET', '/users?limit=1', { token });
      const next = new URL(first.body.links.next ?? '').searchParams.get('next') ?? '';
      const tampered = `${next.slice(0, 5)}${next[5] === 'A' ? 'B' : 'A'}${next.slice(6)}`;
      const item = assertError(
        await api.request('GET', `/users?limit=1&next=${encodeURIComponent(tampered)}`, { token }),
        400,
        'parameter-not-valid',
        { parameter: 'next' },
      );
      assert.equal(item.detail, 'Next value is not valid');
      // A cursor made for another filter is refused too.
      assertError(
        await api.request(
          'GET',
          `/users?limit=1&filter=user.email.eq('a@b.co')&next=${encodeURIComponent(next)}`,
          { token },
        ),
        400,
        'parameter-not-valid',
        { parameter: 'next' },
      );
    });

    test('api.md A6: a client token reads its own user and is forbidden from other users and from server routes', async () => {
      const a = await api.createUser(token);
      const b = await api.createUser(token);
      const client = await api.token({ scope: 'CLIENT_ACCESS', userId: a.id });
      assert.equal((await api.request('GET', `/users/${a.id}`, { token: client })).status, 200);
      assertError(
        await api.request('GET', `/users/${b.id}`, { token: client }),
        403,
        'forbidden-access',
      );
      assertError(
        await api.request('GET', `/users/${unknownId}`, { token: client }),
        403,
        'forbidden-access',
      );
      assertError(
        await api.request('POST', '/users', { token: client, body: { email: 'c@example.test' } }),
        403,
        'forbidden-access',
      );
      assertError(
        await api.request('DELETE', `/users/${b.id}`, { token: client }),
        403,
        'forbidden-access',
      );
      assertError(await api.request('GET', '/users', { token: client }), 403, 'forbidden-access');
    });

    test('api.md A7: another application sees none of these users: every route answers as for an unknown id', async () => {
      const user = await api.createUser(token);
      const otherKey = await api.secondApplicationKey();
      const other = await api.token(undefined, '3.0', otherKey);
      const unknown = await api.request('GET', `/users/${unknownId}`, { token: other });
      const foreign = await api.request('GET', `/users/${user.id}`, { token: other });
      assertError(foreign, 404, 'resource-not-found');
      const strip = (text: string) => text.replace(/"correlationId":"[^"]+"/, '');
      assert.equal(strip(foreign.text), strip(unknown.text));
      assertError(
        await api.request('POST', `/users/${user.id}`, { token: other, body: { firstName: 'x' } }),
        404,
        'resource-not-found',
      );
      assertError(
        await api.request('DELETE', `/users/${user.id}`, { token: other }),
        404,
        'resource-not-found',
      );
      const list = await api.request<ListBody>('GET', '/users', { token: other });
      assert.ok(!list.body.data.some((u) => u.id === user.id));
      assert.equal(
        (await api.request('GET', `/users/${user.id}`, { token })).status,
        200,
        'untouched',
      );
      // A client token of the other application cannot be bound to this user either.
      const bind = await api.request('POST', '/token', {
        headers: { authorization: `Basic ${otherKey}`, 'basiq-version': '3.0' },
        body: { scope: 'CLIENT_ACCESS', userId: user.id },
      });
      assertError(bind, 400, 'parameter-not-valid', { parameter: 'userId' });
    });

    test('ill-formed user ids are 400 naming the parameter', async () => {
      assertError(
        await api.request('GET', '/users/not-a-uuid', { token }),
        400,
        'parameter-not-valid',
        { parameter: 'userId' },
      );
      assertError(
        await api.request('GET', `/users/${unknownId.toUpperCase()}`, { token }),
        400,
        'parameter-not-valid',
        { parameter: 'userId' },
      );
    });

    test('the shared auth checks hold on every users route', async () => {
      const user = await api.createUser(token);
      await runCommonAuthChecks(api, {
        method: 'POST',
        path: '/users',
        access: 'server',
        body: { email: 'x@example.test' },
      });
      await runCommonAuthChecks(api, { method: 'GET', path: '/users', access: 'server' });
      await runCommonAuthChecks(api, {
        method: 'GET',
        path: `/users/${user.id}`,
        access: 'client',
      });
      await runCommonAuthChecks(api, {
        method: 'POST',
        path: `/users/${user.id}`,
        access: 'server',
        body: { firstName: 'x' },
      });
      await runCommonAuthChecks(api, {
        method: 'DELETE',
        path: `/users/${user.id}`,
        access: 'server',
      });
    });
  });
}
