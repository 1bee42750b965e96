import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ClockReading } from '../../src/kernel/clock.ts';
import { startRuntime } from '../../src/main.ts';
import {
  assertError,
  runCommonAuthChecks,
  startTestApi,
  testApiKey,
  TestApi,
} from '../support/api.ts';
import { createPostgresDatabase } from '../support/database.ts';
import { testDrivers, type Driver } from '../support/environment.ts';
import { configFor, freePort, LogCapture, tempDir } from '../support/server.ts';

interface Clock {
  now: string;
  offsetSeconds: number;
}
interface User {
  id: string;
  createdDate: string;
}

const day = 86_400;
const rfc3339Utc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const routes = [
  { method: 'GET', path: '/sandbox/clock' },
  { method: 'POST', path: '/sandbox/clock', body: { advance: 'PT1S' } },
];

/** The wire form of an instant: RFC 3339 UTC, whole seconds. */
const wire = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Polls `check` until it holds; fails at `timeoutMs` (a deadline, not a timing assertion). */
async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail('condition not reached before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A server through the real composition root on the database `env` names (a data directory of
 * its own for the embedded driver, `DATABASE_URL` for PostgreSQL), so a second one can share it.
 */
async function startOn(env: Record<string, string>): Promise<TestApi> {
  const config = configFor({
    PORT: String(await freePort()),
    TRIBUTARY_API_KEY: testApiKey,
    // The clock needs no worker; on PostgreSQL a server may go without one.
    ...(env.DATABASE_URL ? { TRIBUTARY_WORKER: 'off' } : {}),
    ...env,
  });
  const logs = new LogCapture();
  const runtime = await startRuntime(config, 'serve', { logDestination: logs });
  const server = {
    runtime,
    url: runtime.url,
    logs,
    dataDir: config.dataDir,
    stop: () => runtime.stop(),
  };
  return new TestApi(server, testApiKey);
}

/** Settings of a database that outlives one server: a data directory, and on PostgreSQL a URL. */
async function sharedDatabase(driver: Driver): Promise<Record<string, string>> {
  const env = { TRIBUTARY_DATA_DIR: tempDir() };
  if (driver === 'embedded') return env;
  return { ...env, DATABASE_URL: (await createPostgresDatabase()).url };
}

for (const driver of testDrivers) {
  describe(`sandbox clock routes on ${driver}`, () => {
    let api: TestApi;
    let token: string;

    before(async () => {
      api = await startTestApi(driver);
      token = await api.token();
    });
    after(() => api.stop());

    const getClock = () => api.request<Clock>('GET', '/sandbox/clock', { token });
    const postClock = (body: unknown) =>
      api.request<Clock>('POST', '/sandbox/clock', { token, body });

    test('sandbox.md §5: GET /sandbox/clock answers 200 {now, offsetSeconds}, now in RFC 3339 UTC to the second, offset 0 on a new database', async () => {
      const before = Date.now();
      const response = await getClock();
      assert.equal(response.status, 200, response.text);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(Object.keys(response.body).sort(), ['now', 'offsetSeconds']);
      assert.equal(response.body.offsetSeconds, 0);
      assert.match(response.body.now, rfc3339Utc);
      const now = Date.parse(response.body.now);
      assert.ok(now >= Math.floor(before / 1000) * 1000 && now <= Date.now(), response.body.now);
    });

    test('sandbox.md A8 (the clock half): POST /sandbox/clock {"advance":"P1D"} answers 200 with offsetSeconds increased by 86,400', async () => {
      const start = (await getClock()).body;
      const response = await postClock({ advance: 'P1D' });
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.offsetSeconds, start.offsetSeconds + day);
      assert.match(response.body.now, rfc3339Utc);
      assert.ok(Date.parse(response.body.now) >= Date.parse(start.now) + day * 1000);
      const read = await getClock();
      assert.equal(read.body.offsetSeconds, response.body.offsetSeconds);
    });

    test('sandbox.md §5: advance takes W, D, H, M and S parts (PT6M, P1DT2H, P2W, P3650D) and adds exactly their seconds', async () => {
      for (const [advance, seconds] of [
        ['PT6M', 360],
        ['P1DT2H', day + 7_200],
        ['P2W', 14 * day],
        ['PT1H30M15S', 5_415],
        ['P3650D', 3_650 * day],
      ] as const) {
        const before = (await getClock()).body.offsetSeconds;
        const response = await postClock({ advance });
        assert.equal(response.status, 200, `${advance}: ${response.text}`);
        assert.equal(response.body.offsetSeconds, before + seconds, advance);
      }
    });

    test('sandbox.md §5: {"to": …} moves the clock to that time (offset to the second, rounded up); "to" equal to the clock\'s current second leaves it as it is', async () => {
      const start = (await getClock()).body;
      const target = wire(Date.parse(start.now) + 3 * day * 1000 + 7_000);
      const response = await postClock({ to: target });
      assert.equal(response.status, 200, response.text);
      assert.ok(response.body.now >= target, `${response.body.now} ≥ ${target}`);
      const gained = response.body.offsetSeconds - start.offsetSeconds;
      assert.ok(gained >= 3 * day + 6 && gained <= 3 * day + 8, String(gained));

      // A zone offset and fractions are accepted; the answer is UTC to the second.
      const later = new Date(Date.parse(response.body.now) + 3_600_000);
      const local = `${wire(later.getTime() + 10 * 3_600_000).slice(0, 19)}.5+10:00`;
      const zoned = await postClock({ to: local });
      assert.equal(zoned.status, 200, zoned.text);
      assert.match(zoned.body.now, rfc3339Utc);
      assert.ok(Date.parse(zoned.body.now) >= later.getTime());

      const same = await postClock({ to: zoned.body.now });
      assert.equal(same.status, 200, same.text);
      assert.equal(same.body.offsetSeconds, zoned.body.offsetSeconds);
    });

    test('sandbox.md A9: {"advance":"-P1D"} or a "to" in the past answers 400 parameter-not-valid naming the field; the clock does not move', async () => {
      const start = (await getClock()).body;
      const negative = assertError(
        await postClock({ advance: '-P1D' }),
        400,
        'parameter-not-valid',
        { pointer: '/advance' },
      );
      assert.match(negative.detail, /greater than zero/);
      const past = assertError(
        await postClock({ to: wire(Date.parse(start.now) - 1_000) }),
        400,
        'parameter-not-valid',
        { pointer: '/to' },
      );
      assert.match(past.detail, /earlier than the sandbox clock/);
      // Wall time is in the past of an advanced clock too.
      assertError(await postClock({ to: wire(Date.now()) }), 400, 'parameter-not-valid', {
        pointer: '/to',
      });
      assert.equal((await getClock()).body.offsetSeconds, start.offsetSeconds);
    });

    test('sandbox.md §5: both fields, neither, malformed, zero or over P3650D is 400 parameter-not-valid naming the field; a body that is not an object is 400 invalid-content', async () => {
      const start = (await getClock()).body;
      const future = wire(Date.parse(start.now) + 60_000);
      const cases: [unknown, string][] = [
        [{ advance: 'P1D', to: future }, '/to'],
        [{}, '/advance'],
        [{ advance: null }, '/advance'],
        [{ other: 'P1D' }, '/advance'],
        [{ advance: 'P1M' }, '/advance'],
        [{ advance: 'P1Y' }, '/advance'],
        [{ advance: 'P1.5D' }, '/advance'],
        [{ advance: 'tomorrow' }, '/advance'],
        [{ advance: '' }, '/advance'],
        [{ advance: 86_400 }, '/advance'],
        [{ advance: 'PT0S' }, '/advance'],
        [{ advance: 'P0D' }, '/advance'],
        [{ advance: 'P3651D' }, '/advance'],
        [{ advance: 'P522W' }, '/advance'],
        [{ to: 'tomorrow' }, '/to'],
        [{ to: '2026-02-30T00:00:00Z' }, '/to'],
        [{ to: '2026-11-24' }, '/to'],
        [{ to: 1_800_000_000 }, '/to'],
      ];
      for (const [body, pointer] of cases) {
        const response = await postClock(body);
        assert.equal(response.status, 400, `${JSON.stringify(body)}: ${response.text}`);
        assertError(response, 400, 'parameter-not-valid', { pointer });
      }
      for (const raw of ['[]', '"P1D"', '42', 'null', '{"advance":']) {
        assertError(
          await api.request('POST', '/sandbox/clock', {
            token,
            raw,
            headers: { 'content-type': 'application/json' },
          }),
          400,
          'invalid-content',
        );
      }
      assertError(await api.request('POST', '/sandbox/clock', { token }), 400, 'invalid-content');
      assert.equal((await getClock()).body.offsetSeconds, start.offsetSeconds);
    });

    test('sandbox.md §5: runtime.clock is the sandbox clock: it reads what GET answers, and onChange fires at once in the process that advanced it', async () => {
      const clock = api.server.runtime.clock;
      const seen: ClockReading[] = [];
      const unsubscribe = clock.onChange((reading) => seen.push(reading));
      try {
        const response = await postClock({ advance: 'PT1M' });
        assert.equal(response.status, 200, response.text);
        assert.equal(seen.length, 1);
        assert.equal(seen[0]?.offsetSeconds, response.body.offsetSeconds);
        assert.equal(clock.read().offsetSeconds, response.body.offsetSeconds);
        assert.ok(clock.now().getTime() >= Date.parse(response.body.now));
      } finally {
        unsubscribe();
      }
    });

    test('sandbox.md §5: a user created after an advance carries the advanced time in createdDate', async () => {
      await postClock({ advance: 'P1D' });
      const before = (await getClock()).body;
      const user = await api.createUser(token);
      const after = (await getClock()).body;
      const read = await api.request<User>('GET', `/users/${user.id}`, { token });
      const created = read.body.createdDate;
      assert.ok(before.offsetSeconds >= day);
      assert.ok(created >= before.now && created <= after.now, `${created} in clock time`);
      assert.ok(Date.parse(created) >= Date.now() + (before.offsetSeconds - 5) * 1000);
    });

    test('api.md §13: a CLIENT_ACCESS token gets 403 forbidden-access on the clock routes', async () => {
      const user = await api.createUser(token);
      const client = await api.token({ scope: 'CLIENT_ACCESS', userId: user.id });
      for (const route of routes) {
        assertError(
          await api.request(route.method, route.path, { token: client, body: route.body }),
          403,
          'forbidden-access',
        );
      }
    });

    for (const route of routes) {
      test(`api.md A4: common auth checks on ${route.method} ${route.path}`, async () => {
        await runCommonAuthChecks(api, { ...route, access: 'server' });
      });
    }
  });

  describe(`sandbox clock kept by the database on ${driver}`, () => {
    test('sandbox.md §5: the offset survives a restart on the same database', async () => {
      const env = await sharedDatabase(driver);
      const first = await startOn(env);
      let offset: number;
      try {
        const token = await first.token();
        const moved = await first.request<Clock>('POST', '/sandbox/clock', {
          token,
          body: { advance: 'P2DT3H' },
        });
        assert.equal(moved.status, 200, moved.text);
        offset = moved.body.offsetSeconds;
        assert.equal(offset, 2 * day + 3 * 3_600);
      } finally {
        await first.stop();
      }
      const second = await startOn(env);
      try {
        assert.equal(second.server.runtime.clock.read().offsetSeconds, offset);
        const read = await second.request<Clock>('GET', '/sandbox/clock', {
          token: await second.token(),
        });
        assert.equal(read.body.offsetSeconds, offset);
      } finally {
        await second.stop();
      }
    });

    test(
      'sandbox.md §5: two servers on one PostgreSQL database see the advances of each other (polled), and onChange fires in the one that did not advance',
      { skip: driver !== 'postgres' },
      async () => {
        const env = await sharedDatabase(driver);
        const a = await startOn(env);
        const b = await startOn(env);
        try {
          const [tokenA, tokenB] = [await a.token(), await b.token()];
          const heardByB = new Promise<ClockReading>((resolve) => {
            b.server.runtime.clock.onChange(resolve);
          });
          const moved = await a.request<Clock>('POST', '/sandbox/clock', {
            token: tokenA,
            body: { advance: 'P1D' },
          });
          assert.equal(moved.status, 200, moved.text);
          assert.equal((await heardByB).offsetSeconds, day);
          const readB = await b.request<Clock>('GET', '/sandbox/clock', { token: tokenB });
          assert.equal(readB.body.offsetSeconds, day);

          const back = await b.request<Clock>('POST', '/sandbox/clock', {
            token: tokenB,
            body: { advance: 'PT6M' },
          });
          assert.equal(back.body.offsetSeconds, day + 360);
          await waitFor(
            async () =>
              (await a.request<Clock>('GET', '/sandbox/clock', { token: tokenA })).body
                .offsetSeconds ===
              day + 360,
          );
        } finally {
          await a.stop();
          await b.stop();
        }
      },
    );
  });

  describe(`sandbox clock with the sandbox off on ${driver}`, () => {
    let api: TestApi;
    let token: string;
    before(async () => {
      api = await startTestApi(driver, { TRIBUTARY_SANDBOX: 'off' });
      token = await api.token();
    });
    after(() => api.stop());

    test('sandbox.md A16: with TRIBUTARY_SANDBOX=off GET /sandbox/clock answers 404 resource-not-found (POST too)', async () => {
      assertError(await api.request('GET', '/sandbox/clock', { token }), 404, 'resource-not-found');
      assertError(
        await api.request('POST', '/sandbox/clock', { token, body: { advance: 'P1D' } }),
        404,
        'resource-not-found',
      );
    });

    test('sandbox.md §6.4: with the sandbox off business time is wall time: offset 0, never jumps', () => {
      const reading = api.server.runtime.clock.read();
      assert.equal(reading.offsetSeconds, 0);
      assert.ok(Math.abs(reading.now.getTime() - Date.now()) < 5_000);
    });
  });
}
