import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { recordEvent } from '../../src/domain/events/events-service.ts';
import type { Store } from '../../src/domain/store/store.ts';
import type { Clock } from '../../src/kernel/clock.ts';
import { newId } from '../../src/kernel/ids.ts';
import { createStore } from '../../src/storage/store.ts';
import {
  assertError,
  runCommonAuthChecks,
  startTestApi,
  type ApiResponse,
  type TestApi,
} from '../support/api.ts';
import { testDrivers } from '../support/environment.ts';

interface WireEvent {
  type: string;
  id: string;
  createdDate: string;
  entity: string;
  eventType: string;
  eventTypeId: string;
  userId: string | null;
  dataRef: string;
  data: Record<string, unknown>;
  sequence: number;
  links: { self: string; eventEntity: string };
}

interface WireList<T> {
  type: string;
  count: number;
  size: number;
  data: T[];
  links: { self: string; next?: string };
}

interface WireUser extends Record<string, unknown> {
  id: string;
  links: Record<string, string>;
}

/** Every event type of events-webhooks.md §2, in its order. */
const specEventTypes = [
  'user.created',
  'user.updated',
  'user.deleted',
  'connection.created',
  'connection.updated',
  'connection.activated',
  'connection.invalidated',
  'connection.deleted',
  'connection.purged',
  'connection.stale',
  'account.created',
  'account.updated',
  'transactions.updated',
  'consent.created',
  'consent.updated',
  'consent.revoked',
  'consent.expired',
  'consent.warning',
  'consent.reminder',
  'job.completed',
  'job.failed',
  'job.mfa-required',
];

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const wireTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const dayMs = 86_400_000;

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

/** The user object of a list (events-webhooks.md §2): the single read without its nested lists. */
function withoutLists(user: Record<string, unknown>): Record<string, unknown> {
  const { connections: _connections, accounts: _accounts, ...rest } = user;
  return rest;
}

/** A clock fixed at one instant, to seed events at known times. */
const fixedClock = (at: Date): Clock => ({ now: () => at });

for (const driver of testDrivers) {
  describe(`events API on ${driver}`, () => {
    let api: TestApi;
    let token: string;
    let base: string;
    let applicationId: string;
    let store: Store;

    before(async () => {
      api = await startTestApi(driver);
      token = await api.token();
      base = api.server.runtime.config.server.publicUrl;
      applicationId = String(claimsOf(token).applicationid);
      store = createStore(api.server.runtime.database);
    });
    after(() => api.stop());

    const get = <T = WireList<WireEvent>>(path: string, bearer = token) =>
      api.request<T>('GET', path, { token: bearer });

    /** A path for `api.request` from an absolute link, which must start with `{base}`. */
    const pathOf = (link: string): string => {
      assert.ok(link.startsWith(`${base}/`), `${link} is absolute on ${base}`);
      return link.slice(base.length);
    };

    /** Every page of a list, following `links.next` as given. */
    async function walk(path: string, bearer = token): Promise<WireEvent[][]> {
      const pages: WireEvent[][] = [];
      let next: string | undefined = path;
      while (next !== undefined) {
        const response: ApiResponse<WireList<WireEvent>> = await get(next, bearer);
        assert.equal(response.status, 200, response.text);
        assert.equal(response.body.count, response.body.data.length);
        pages.push(response.body.data);
        next =
          response.body.links.next === undefined ? undefined : pathOf(response.body.links.next);
        assert.ok(pages.length < 1000, 'the walk ends');
      }
      return pages;
    }

    const userFilter = (userId: string) =>
      `filter=${encodeURIComponent(`user.id.eq('${userId}')`)}`;

    test('events-webhooks.md §1: creating, updating and deleting a user gives user.created, user.updated, user.deleted in sequence order, each in the exact shape', async () => {
      const created = await api.request<WireUser>('POST', '/users', {
        token,
        body: { email: 'shape@example.test', firstName: 'Gavin', mobile: '+61410888999' },
      });
      assert.equal(created.status, 201, created.text);
      const userId = created.body.id;
      const updated = await api.request<WireUser>('POST', `/users/${userId}`, {
        token,
        body: { lastName: 'Belson', verificationDate: '2026-03-04' },
      });
      assert.equal(updated.status, 200, updated.text);
      const deleted = await api.request('DELETE', `/users/${userId}`, { token });
      assert.equal(deleted.status, 204);

      const response = await get(`/events?${userFilter(userId)}`);
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.type, 'list');
      assert.equal(response.body.count, 3);
      assert.equal(response.body.size, 3);
      // links.self is the request as received (the client encoded the quotes), made absolute.
      assert.equal(response.body.links.self, new URL(`${base}/events?${userFilter(userId)}`).href);
      assert.equal(response.body.links.next, undefined);
      const [first, second, third] = response.body.data;
      assert.ok(first && second && third);
      assert.ok(first.sequence < second.sequence && second.sequence < third.sequence);

      const userRef = `${base}/users/${userId}`;
      const expected = (
        event: WireEvent,
        eventType: string,
        data: Record<string, unknown>,
      ): WireEvent => ({
        type: 'event',
        id: event.id,
        createdDate: event.createdDate,
        entity: 'user',
        eventType,
        eventTypeId: `user.${eventType}`,
        userId,
        dataRef: userRef,
        data,
        sequence: event.sequence,
        links: { self: `${base}/events/${event.id}`, eventEntity: userRef },
      });
      assert.deepEqual(first, expected(first, 'created', withoutLists(created.body)));
      assert.deepEqual(second, expected(second, 'updated', withoutLists(updated.body)));
      assert.deepEqual(third, expected(third, 'deleted', { type: 'user', id: userId }));
      // Key order is part of the shape clients see (api.md §1: type, id, fields, links).
      assert.deepEqual(Object.keys(first), [
        'type',
        'id',
        'createdDate',
        'entity',
        'eventType',
        'eventTypeId',
        'userId',
        'dataRef',
        'data',
        'sequence',
        'links',
      ]);
      for (const event of [first, second, third]) {
        assert.match(event.id, uuidV7);
        assert.match(event.createdDate, wireTime);
        assert.ok(Number.isInteger(event.sequence));
        const one = await get<WireEvent>(`/events/${event.id}`);
        assert.equal(one.status, 200, one.text);
        assert.deepEqual(one.body, event);
      }
      assert.equal(second.data.lastName, 'Belson');
      assert.equal(second.data.verificationDate, '2026-03-04T00:00:00Z');
      assert.equal(second.data.name, 'Gavin Belson');
    });

    test('api.md A11: POST /users/{id} with {firstName} keeps every other field, and user.updated in /events shows the new firstName', async () => {
      const user = await api.createUser(token, {
        email: 'a11@example.test',
        lastName: 'Hendricks',
      });
      const response = await api.request<WireUser>('POST', `/users/${user.id}`, {
        token,
        body: { firstName: 'Richard' },
      });
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.firstName, 'Richard');
      assert.equal(response.body.lastName, 'Hendricks');
      assert.equal(response.body.email, 'a11@example.test');

      const filter = encodeURIComponent(`user.id.eq('${user.id}'),event.type.eq('user.updated')`);
      const events = await get(`/events?filter=${filter}`);
      assert.equal(events.status, 200, events.text);
      assert.equal(events.body.count, 1);
      const [event] = events.body.data;
      assert.ok(event);
      assert.equal(event.eventTypeId, 'user.updated');
      assert.equal(event.data.firstName, 'Richard');
      assert.equal(event.data.lastName, 'Hendricks');
      assert.equal(event.data.name, 'Richard Hendricks');
      assert.deepEqual(event.data, withoutLists(response.body));
    });

    test('events-webhooks.md A3: limit=2 over three matching events returns two and a links.next that returns the third and no next', async () => {
      const user = await api.createUser(token);
      for (const firstName of ['One', 'Two']) {
        const response = await api.request('POST', `/users/${user.id}`, {
          token,
          body: { firstName },
        });
        assert.equal(response.status, 200);
      }
      const path = `/events?${userFilter(user.id)}&limit=2`;
      const page1 = await get(path);
      assert.equal(page1.status, 200, page1.text);
      assert.equal(page1.body.count, 2);
      assert.equal(page1.body.size, 3);
      const next = page1.body.links.next;
      assert.ok(next, 'links.next while more remain');
      assert.ok(next.startsWith(`${base}/events?`));
      const query = new URL(next).searchParams;
      assert.equal(query.get('filter'), `user.id.eq('${user.id}')`);
      assert.equal(query.get('limit'), '2');
      const page2 = await get(pathOf(next));
      assert.equal(page2.status, 200, page2.text);
      assert.equal(page2.body.count, 1);
      assert.equal(page2.body.links.next, undefined);
      assert.deepEqual(
        [...page1.body.data, ...page2.body.data].map((event) => event.eventTypeId),
        ['user.created', 'user.updated', 'user.updated'],
      );
      // SDKs append their own limit to a links.next that already has one (api.md §1, §3).
      const appended = await get(`${pathOf(next)}&limit=5`);
      assert.equal(appended.status, 200, appended.text);
      assert.deepEqual(appended.body.data, page2.body.data);
    });

    test('api.md §3: limit=2 walks every event of the application exactly once, in sequence order, and order=desc walks them in reverse', async () => {
      await api.createUser(token);
      const all = await get('/events?limit=500');
      assert.equal(all.status, 200);
      assert.ok(all.body.count >= 5);
      assert.equal(all.body.size, all.body.count);
      const sequences = all.body.data.map((event) => event.sequence);
      assert.deepEqual(
        sequences,
        [...sequences].sort((a, b) => a - b),
      );
      assert.equal(new Set(sequences).size, sequences.length);

      const pages = await walk('/events?limit=2');
      assert.ok(pages.every((page) => page.length <= 2));
      assert.deepEqual(
        pages.flat().map((event) => event.id),
        all.body.data.map((event) => event.id),
      );
      for (const page of pages) assert.ok(pages.at(-1) === page || page.length === 2);

      const desc = await get('/events?order=desc&limit=500');
      assert.equal(desc.status, 200);
      assert.deepEqual(
        desc.body.data.map((event) => event.id),
        all.body.data.map((event) => event.id).reverse(),
      );
      const descPages = await walk('/events?order=desc&limit=2');
      assert.deepEqual(
        descPages.flat().map((event) => event.id),
        desc.body.data.map((event) => event.id),
      );
      const asc = await get('/events?order=asc&limit=500');
      assert.deepEqual(asc.body.data, all.body.data);
    });

    test('events-webhooks.md §3: connection.id.eq finds the events concerning a connection, each entity with its dataRef and its data as stored; event.createdDate compares instants', async () => {
      const user = await api.createUser(token);
      const userId = user.id;
      const [c1, c2, a1, j1, k1] = [newId(), newId(), newId(), newId(), newId()];
      const now = Math.floor(Date.now() / 1000) * 1000;
      const t = (days: number) => new Date(now - days * dayMs);
      const userRef = `${base}/users/${userId}`;
      const seeds = [
        {
          at: t(3),
          type: 'connection.created',
          entity: 'connection',
          entityId: c1,
          data: { type: 'connection', id: c1, status: 'pending', links: { self: 'x' } },
          dataRef: `${userRef}/connections/${c1}`,
        },
        {
          at: t(2),
          type: 'account.created',
          entity: 'account',
          entityId: a1,
          data: { type: 'account', id: a1, connection: c1, institution: 'AU00000' },
          dataRef: `${userRef}/accounts/${a1}`,
        },
        {
          at: t(1),
          type: 'transactions.updated',
          entity: 'transactions',
          entityId: c1,
          data: {
            type: 'transactions',
            connection: { id: c1, type: 'connection', links: { self: 'x' } },
            count: '7',
            added: 4,
            modified: 0,
            removed: 3,
          },
          dataRef: `${userRef}/transactions?filter=connection.id.eq('${c1}')`,
        },
        {
          at: t(1),
          type: 'job.mfa-required',
          entity: 'job',
          entityId: j1,
          data: { type: 'job', id: j1, connection: c1 },
          dataRef: `${base}/jobs/${j1}`,
        },
        {
          at: t(0),
          type: 'consent.updated',
          entity: 'consent',
          entityId: k1,
          data: { type: 'consent', id: k1, arrangements: [{ connection: c1 }] },
          dataRef: `${userRef}/consents/${k1}`,
        },
        {
          at: t(0),
          type: 'connection.activated',
          entity: 'connection',
          entityId: c2,
          data: { type: 'connection', id: c2, status: 'active' },
          dataRef: `${userRef}/connections/${c2}`,
        },
      ];
      for (const seed of seeds) {
        await recordEvent(store, fixedClock(seed.at), {
          applicationId,
          type: seed.type,
          entity: seed.entity,
          entityId: seed.entityId,
          userId,
          data: seed.data,
        });
      }

      const byConnection = encodeURIComponent(`connection.id.eq('${c1}')`);
      const found = await get(`/events?filter=${byConnection}`);
      assert.equal(found.status, 200, found.text);
      assert.deepEqual(
        found.body.data.map((event) => event.eventTypeId),
        seeds.slice(0, 5).map((seed) => seed.type),
      );
      for (const [index, event] of found.body.data.entries()) {
        const seed = seeds[index];
        assert.ok(seed);
        assert.equal(event.entity, seed.entity);
        assert.equal(event.eventType, seed.type.slice(seed.entity.length + 1));
        assert.equal(event.dataRef, seed.dataRef);
        assert.equal(event.links.eventEntity, seed.dataRef);
        assert.deepEqual(event.data, seed.data);
        assert.equal(event.createdDate, seed.at.toISOString().replace('.000Z', 'Z'));
      }
      const other = await get(`/events?filter=${encodeURIComponent(`connection.id.eq('${c2}')`)}`);
      assert.deepEqual(
        other.body.data.map((event) => event.eventTypeId),
        ['connection.activated'],
      );

      const within = async (condition: string): Promise<string[]> => {
        const filter = encodeURIComponent(`connection.id.eq('${c1}'),${condition}`);
        const response = await get(`/events?filter=${filter}`);
        assert.equal(response.status, 200, `${condition}: ${response.text}`);
        return response.body.data.map((event) => event.eventTypeId);
      };
      const iso = (days: number) => t(days).toISOString();
      assert.deepEqual(await within(`event.createdDate.gt('${iso(2)}')`), [
        'transactions.updated',
        'job.mfa-required',
        'consent.updated',
      ]);
      assert.deepEqual(await within(`event.createdDate.gteq('${iso(2)}')`), [
        'account.created',
        'transactions.updated',
        'job.mfa-required',
        'consent.updated',
      ]);
      assert.deepEqual(await within(`event.createdDate.lt('${iso(2)}')`), ['connection.created']);
      assert.deepEqual(await within(`event.createdDate.lteq('${iso(2)}')`), [
        'connection.created',
        'account.created',
      ]);
      assert.deepEqual(await within(`event.createdDate.bt('${iso(2)}', '${iso(1)}')`), [
        'account.created',
        'transactions.updated',
        'job.mfa-required',
      ]);
    });

    test('events-webhooks.md A2 (with user events): event.type with a dot matches eventTypeId, without one eventType, and agrees with event.entity; event.colour is 400 parameter-not-valid', async () => {
      const user = await api.createUser(token);
      await api.request('POST', `/users/${user.id}`, { token, body: { firstName: 'Jared' } });
      const ids = async (filter: string): Promise<string[]> => {
        const response = await get(`/events?filter=${encodeURIComponent(filter)}&limit=500`);
        assert.equal(response.status, 200, `${filter}: ${response.text}`);
        return response.body.data.map((event) => event.id);
      };
      const byTypeId = await ids("event.type.eq('user.updated')");
      const byParts = await ids("event.entity.eq('user'),event.type.eq('updated')");
      assert.ok(byTypeId.length > 0);
      assert.deepEqual(byParts, byTypeId);
      const all = await get('/events?limit=500');
      const updatedIds = all.body.data
        .filter((event) => event.eventTypeId === 'user.updated')
        .map((event) => event.id);
      assert.deepEqual(byTypeId, updatedIds);

      const mine = await ids(`user.id.eq('${user.id}'),event.type.eq('created')`);
      assert.equal(mine.length, 1);
      assert.deepEqual(
        await ids(
          `user.id.eq('${user.id}'),event.type.eq('created'),event.entity.eq('connection')`,
        ),
        [],
      );
      const users = await ids("event.entity.eq('user')");
      assert.ok(users.length > 0);
      const withUserFilter = await get(`/events?${userFilter(user.id)}`);
      assert.ok(withUserFilter.body.data.every((event) => event.userId === user.id));
      assert.equal(withUserFilter.body.count, 2);
      assert.deepEqual(await ids(`user.id.eq('${newId()}')`), []);

      const colour = await get(`/events?filter=${encodeURIComponent("event.colour.eq('x')")}`);
      assertError(colour, 400, 'parameter-not-valid', { parameter: 'filter' });
    });

    test('api.md §3–§4: a bad filter, limit, next or order answers 400 parameter-not-valid naming the parameter', async () => {
      const badFilters = [
        "event.colour.eq('x')",
        `user.id.ne('${newId()}')`,
        "user.id.eq('not-a-uuid')",
        "event.createdDate.eq('2026-01-01')",
        "event.createdDate.gt('yesterday')",
        "event.createdDate.bt('2026-02-01')",
        "event.type.eq('user.created'",
        "connection.id.in('x')",
        '',
      ];
      for (const filter of badFilters) {
        const response = await get(`/events?filter=${encodeURIComponent(filter)}`);
        assertError(response, 400, 'parameter-not-valid', { parameter: 'filter' });
      }
      for (const limit of ['0', '501', 'abc', '-1', '2.5']) {
        const response = await get(`/events?limit=${limit}`);
        assertError(response, 400, 'parameter-not-valid', { parameter: 'limit' });
      }
      const tooMany = await get('/events?limit=501');
      assert.equal(
        assertError(tooMany, 400, 'parameter-not-valid').detail,
        'Maximum limit allowed is 500',
      );

      const page = await get('/events?limit=1');
      const next = page.body.links.next;
      assert.ok(next);
      const cursor = new URL(next).searchParams.get('next') ?? '';
      const tampered = `${cursor.slice(0, 5)}${cursor[5] === 'A' ? 'B' : 'A'}${cursor.slice(6)}`;
      for (const path of [
        `/events?next=${encodeURIComponent(tampered)}`,
        '/events?next=garbage',
        // A cursor is bound to its filter and its order.
        `/events?next=${encodeURIComponent(cursor)}&filter=${encodeURIComponent("event.entity.eq('user')")}`,
        `/events?next=${encodeURIComponent(cursor)}&order=desc`,
      ]) {
        const response = await get(path);
        const item = assertError(response, 400, 'parameter-not-valid', { parameter: 'next' });
        assert.equal(item.detail, 'Next value is not valid');
      }
      const sideways = await get('/events?order=sideways');
      assertError(sideways, 400, 'parameter-not-valid', { parameter: 'order' });
      // Parameters not defined for the route are ignored (api.md §1).
      const ignored = await get('/events?_=123&filter[x]=y');
      assert.equal(ignored.status, 200, ignored.text);
    });

    test('events-webhooks.md A4: GET /events/types lists exactly the types of §2, GET /events/{id} returns the event, an unknown id answers 404', async () => {
      const types = await get<WireList<Record<string, unknown>>>('/events/types');
      assert.equal(types.status, 200, types.text);
      assert.equal(types.body.type, 'list');
      assert.equal(types.body.count, specEventTypes.length);
      assert.equal(types.body.size, specEventTypes.length);
      assert.deepEqual(types.body.links, { self: `${base}/events/types` });
      assert.deepEqual(
        types.body.data.map((type) => type.id),
        specEventTypes,
      );
      for (const type of types.body.data) {
        const id = String(type.id);
        const dot = id.indexOf('.');
        assert.equal(type.type, 'event-type');
        assert.equal(type.entity, id.slice(0, dot));
        assert.equal(type.eventType, id.slice(dot + 1));
        assert.equal(type.webhook, true);
        assert.equal(typeof type.description, 'string');
        assert.notEqual(type.description, '');
        assert.deepEqual(type.links, { self: `${base}/events/types/${id}` });
      }
      const one = await get<Record<string, unknown>>('/events/types/job.mfa-required');
      assert.equal(one.status, 200, one.text);
      assert.deepEqual(
        one.body,
        types.body.data.find((type) => type.id === 'job.mfa-required'),
      );
      assertError(await get('/events/types/connection.exploded'), 404, 'resource-not-found');

      const user = await api.createUser(token);
      const list = await get(`/events?${userFilter(user.id)}`);
      const [event] = list.body.data;
      assert.ok(event);
      const read = await get<WireEvent>(`/events/${event.id}`);
      assert.equal(read.status, 200, read.text);
      assert.deepEqual(read.body, event);
      assertError(await get(`/events/${newId()}`), 404, 'resource-not-found', {
        parameter: 'eventId',
      });
      assertError(await get('/events/not-a-uuid'), 400, 'parameter-not-valid', {
        parameter: 'eventId',
      });
      assertError(await get(`/events/${event.id.toUpperCase()}`), 400, 'parameter-not-valid', {
        parameter: 'eventId',
      });
    });

    test('events-webhooks.md Settings: an event older than TRIBUTARY_EVENT_RETENTION_DAYS (90) is no longer listed or readable', async () => {
      const user = await api.createUser(token);
      const old = {
        id: newId(),
        applicationId,
        type: 'user.updated',
        entity: 'user',
        entityId: user.id,
        userId: user.id,
        data: { type: 'user', id: user.id },
      };
      await store.events.append({ ...old, createdAt: new Date(Date.now() - 91 * dayMs) });
      const recent = { ...old, id: newId() };
      await store.events.append({ ...recent, createdAt: new Date(Date.now() - 89 * dayMs) });
      assertError(await get(`/events/${old.id}`), 404, 'resource-not-found');
      assert.equal((await get<WireEvent>(`/events/${recent.id}`)).status, 200);
      const listed = await get(`/events?${userFilter(user.id)}`);
      const ids = listed.body.data.map((event) => event.id);
      assert.ok(!ids.includes(old.id));
      assert.ok(ids.includes(recent.id));
      assert.equal(listed.body.size, 2);
    });

    test("api.md §2.5: another application's events are invisible: its list holds none of them and reading one answers 404 exactly as an unknown id", async () => {
      const key = await api.secondApplicationKey();
      const otherToken = await api.token(undefined, '3.0', key);
      const empty = await get('/events', otherToken);
      assert.equal(empty.status, 200, empty.text);
      assert.deepEqual(empty.body.data, []);
      assert.equal(empty.body.size, 0);

      const theirs = await api.createUser(otherToken);
      const own = await get('/events', otherToken);
      assert.deepEqual(
        own.body.data.map((event) => [event.eventTypeId, event.userId]),
        [['user.created', theirs.id]],
      );
      const mine = await get('/events?limit=500');
      assert.ok(mine.body.data.length > 0);
      assert.ok(mine.body.data.every((event) => event.userId !== theirs.id));

      const [event] = mine.body.data;
      assert.ok(event);
      const foreign = await get(`/events/${event.id}`, otherToken);
      const unknown = await get(`/events/${newId()}`, otherToken);
      const foreignItem = assertError(foreign, 404, 'resource-not-found');
      const unknownItem = assertError(unknown, 404, 'resource-not-found');
      assert.deepEqual(foreignItem, unknownItem);
      const filtered = await get(`/events?${userFilter(String(event.userId))}`, otherToken);
      assert.deepEqual(filtered.body.data, []);

      // A cursor made for one application is refused by another.
      const page = await get('/events?limit=1');
      assert.ok(page.body.links.next);
      const crossed = await get(pathOf(page.body.links.next), otherToken);
      assertError(crossed, 400, 'parameter-not-valid', { parameter: 'next' });
    });

    test('api.md §2.3–§2.4: the events routes need a SERVER_ACCESS token: a CLIENT_ACCESS token answers 403 forbidden-access', async () => {
      const user = await api.createUser(token);
      const client = await api.token({ scope: 'CLIENT_ACCESS', userId: user.id });
      const [event] = (await get(`/events?${userFilter(user.id)}`)).body.data;
      assert.ok(event);
      for (const path of [
        '/events',
        `/events/${event.id}`,
        '/events/types',
        '/events/types/user.created',
      ]) {
        const response = await get(path, client);
        const item = assertError(response, 403, 'forbidden-access');
        assert.match(item.detail, /SERVER_ACCESS/);
      }
    });

    test('api.md §2.3: the shared auth checks (no token, forged tokens, the API key, a client token) on every events route', async () => {
      const [event] = (await get('/events?limit=1')).body.data;
      assert.ok(event);
      for (const path of [
        '/events',
        `/events/${event.id}`,
        '/events/types',
        '/events/types/user.created',
      ]) {
        await runCommonAuthChecks(api, { method: 'GET', path, access: 'server' });
      }
    });
  });
}
