import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays } from '../../src/sandbox/generator.ts';
import { sydneyDate } from '../../src/sandbox/web-bank/format.ts';
import { assertError, runCommonAuthChecks, startTestApi, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/environment.ts';

interface Fault {
  institution: string;
  surface: string;
  mode: string;
  until: string | null;
}
interface List<T> {
  type: string;
  count: number;
  size: number;
  data: T[];
  links: { self: string; next?: string };
}
interface PersonaSummary {
  loginId: string;
  personaNumber: number;
  memberNumber: string | null;
  historyDays: number | null;
  accounts: number;
  postedCount: number;
  pendingCount: number;
}
interface Account {
  id: string;
  name: string;
  type: string;
  product: string;
  bsb: string | null;
  number: string;
  balance: string;
  availableFunds: string;
  creditLimit: string | null;
  postedCount: number;
  pendingCount: number;
  firstPostDate: string | null;
  lastPostDate: string | null;
}
interface PersonaDetail extends Omit<PersonaSummary, 'accounts'> {
  accounts: Account[];
}
interface Transaction {
  id: string | null;
  status: 'posted' | 'pending';
  date: string;
  time: string;
  description: string;
  amount: string;
  class: string;
  balance: string | null;
  becomes: string | null;
}
interface TransactionPage {
  data: Transaction[];
  total: number;
}

const money = /^-?[0-9]+\.[0-9]{2}$/;
const routes = [
  { method: 'POST', path: '/sandbox/reset' },
  {
    method: 'PUT',
    path: '/sandbox/faults/AU00000',
    body: { surface: 'web', mode: 'maintenance' },
  },
  { method: 'GET', path: '/sandbox/faults' },
  { method: 'GET', path: '/sandbox/personas' },
  { method: 'GET', path: '/sandbox/personas/gavinBelson' },
  { method: 'GET', path: '/sandbox/personas/gavinBelson/accounts/0/transactions' },
];

for (const driver of testDrivers) {
  describe(`sandbox control routes on ${driver}`, () => {
    let api: TestApi;
    let token: string;
    let gavin: PersonaDetail;

    before(async () => {
      api = await startTestApi(driver);
      token = await api.token();
      const response = await api.request<PersonaDetail>('GET', '/sandbox/personas/gavinBelson', {
        token,
      });
      assert.equal(response.status, 200, response.text);
      gavin = response.body;
    });
    after(() => api.stop());

    const webLogin = () => fetch(`${api.url}/sandbox/web/hooli/login`);
    const putFault = (institution: string, body: unknown) =>
      api.request<Fault>('PUT', `/sandbox/faults/${institution}`, { token, body });
    const transactions = (accountId: string, query = '') =>
      api.request<TransactionPage>(
        'GET',
        `/sandbox/personas/gavinBelson/accounts/${accountId}/transactions${query}`,
        { token },
      );

    test('sandbox.md §6.1: POST /sandbox/reset answers 204 with an empty body', async () => {
      const response = await api.request('POST', '/sandbox/reset', { token });
      assert.equal(response.status, 204, response.text);
      assert.equal(response.text, '');
      assert.equal(response.headers.get('content-type'), null);
    });

    test('sandbox.md §6.2: a maintenance fault set through the API makes the web bank answer 503 with Retry-After 600; GET /sandbox/faults lists it; reset clears it', async () => {
      const healthy = await webLogin();
      assert.equal(healthy.status, 200);
      await healthy.text();

      const set = await putFault('AU00000', { surface: 'web', mode: 'maintenance' });
      assert.equal(set.status, 200, set.text);
      assert.match(set.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(set.body, {
        institution: 'AU00000',
        surface: 'web',
        mode: 'maintenance',
        until: null,
      });

      const down = await webLogin();
      assert.equal(down.status, 503);
      assert.equal(down.headers.get('retry-after'), '600');
      await down.text();

      const listed = await api.request<List<Fault>>('GET', '/sandbox/faults', { token });
      assert.equal(listed.status, 200, listed.text);
      assert.deepEqual(listed.body, {
        type: 'list',
        count: 1,
        size: 1,
        data: [set.body],
        links: { self: `${api.server.runtime.config.server.publicUrl}/sandbox/faults` },
      });

      assert.equal((await api.request('POST', '/sandbox/reset', { token })).status, 204);
      const cleared = await api.request<List<Fault>>('GET', '/sandbox/faults', { token });
      assert.deepEqual(cleared.body.data, []);
      const back = await webLogin();
      assert.equal(back.status, 200);
      await back.text();
    });

    test('sandbox.md §6.2: mode none removes a fault; a cdr-only fault leaves the web bank up; until is echoed in RFC 3339 and a past until has already ended', async () => {
      const future = new Date(Date.now() + 3_600_000);
      const withUntil = await putFault('AU00002', {
        surface: 'both',
        mode: 'error-5xx',
        until: future.toISOString(),
      });
      assert.equal(withUntil.status, 200, withUntil.text);
      assert.equal(withUntil.body.until, future.toISOString().replace(/\.\d{3}Z$/, 'Z'));
      const failing = await fetch(`${api.url}/sandbox/web/pied-piper/login`);
      assert.equal(failing.status, 500);
      await failing.text();

      const cdrOnly = await putFault('AU00000', { surface: 'cdr', mode: 'maintenance' });
      assert.equal(cdrOnly.status, 200, cdrOnly.text);
      const webUp = await webLogin();
      assert.equal(webUp.status, 200);
      await webUp.text();

      const past = await putFault('ZZ00001', {
        surface: 'web',
        mode: 'maintenance',
        until: '2020-01-01T00:00:00+10:00',
      });
      assert.equal(past.status, 200, past.text);
      assert.equal(past.body.until, '2019-12-31T14:00:00Z');

      const listed = await api.request<List<Fault>>('GET', '/sandbox/faults', { token });
      assert.deepEqual(
        listed.body.data.map((f) => `${f.institution} ${f.surface} ${f.mode}`),
        ['AU00000 cdr maintenance', 'AU00002 both error-5xx'],
      );

      const none = await putFault('AU00002', { surface: 'both', mode: 'none' });
      assert.equal(none.status, 200, none.text);
      assert.deepEqual(none.body, {
        institution: 'AU00002',
        surface: 'both',
        mode: 'none',
        until: null,
      });
      const restored = await fetch(`${api.url}/sandbox/web/pied-piper/login`);
      assert.equal(restored.status, 200);
      await restored.text();
      assert.equal((await api.request('POST', '/sandbox/reset', { token })).status, 204);
    });

    test('sandbox.md §6.2: ill-formed institution id is 400, a non-sandbox or unknown one 404, a bad body 400 naming each field', async () => {
      assertError(
        await putFault('hooli', { surface: 'web', mode: 'maintenance' }),
        400,
        'parameter-not-valid',
        { parameter: 'institutionId' },
      );
      assertError(
        await putFault('AU12345', { surface: 'web', mode: 'maintenance' }),
        404,
        'resource-not-found',
      );
      assertError(
        await putFault('AU00000', { surface: 'web', mode: 'sideways' }),
        400,
        'parameter-not-valid',
        { pointer: '/mode' },
      );
      const several = await putFault('AU00000', {
        surface: 'moon',
        mode: 'timeout',
        until: 'tomorrow',
      });
      assertError(several, 400, 'parameter-not-valid', { pointer: '/surface' });
      const items = (several.body as unknown as { data: { source: unknown }[] }).data;
      assert.deepEqual(
        items.map((item) => item.source),
        [{ pointer: '/surface' }, { pointer: '/until' }],
      );
      assertError(
        await putFault('AU00000', { surface: 'web', mode: 'maintenance', until: 42 }),
        400,
        'parameter-not-valid',
        { pointer: '/until' },
      );
      assertError(
        await putFault('AU00000', {
          surface: 'web',
          mode: 'maintenance',
          until: '2026-02-30T00:00:00Z',
        }),
        400,
        'parameter-not-valid',
        { pointer: '/until' },
      );
      assertError(await putFault('AU00000', { surface: 'web' }), 400, 'parameter-not-supplied', {
        pointer: '/mode',
      });
      assertError(await putFault('AU00000', ['web']), 400, 'invalid-content');
      assertError(
        await api.request('PUT', '/sandbox/faults/AU00000', {
          token,
          raw: '{"surface":',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'invalid-content',
      );
      // Nothing was set by the refused requests.
      const listed = await api.request<List<Fault>>('GET', '/sandbox/faults', { token });
      assert.deepEqual(listed.body.data, []);
    });

    test('sandbox.md §3.1, §6.3: GET /sandbox/personas lists every persona with its counts; gavinBelson has 3 accounts, 936 posted and 2 pending', async () => {
      const response = await api.request<List<PersonaSummary>>('GET', '/sandbox/personas', {
        token,
      });
      assert.equal(response.status, 200, response.text);
      const body = response.body;
      assert.equal(body.type, 'list');
      assert.equal(body.count, body.data.length);
      assert.equal(body.size, body.data.length);
      assert.equal(
        body.links.self,
        `${api.server.runtime.config.server.publicUrl}/sandbox/personas`,
      );
      const byLogin = new Map(body.data.map((p) => [p.loginId, p]));
      assert.deepEqual(byLogin.get('gavinBelson'), {
        loginId: 'gavinBelson',
        personaNumber: 1,
        memberNumber: '374829',
        historyDays: 364,
        accounts: 3,
        postedCount: 936,
        pendingCount: 2,
      });
      assert.equal(byLogin.get('jared')?.postedCount, 871);
      assert.equal(byLogin.get('richard')?.postedCount, 2457);
      assert.equal(byLogin.get('richard')?.pendingCount, 6);
      assert.equal(byLogin.get('richard')?.accounts, 8);
    });

    test('sandbox.md §3.1, A2, A3: GET /sandbox/personas/gavinBelson reports per account 832/65/39 posted, 2 pending, dates within D − 364 … D − 1, money as two-decimal strings', () => {
      const today = sydneyDate(new Date());
      assert.equal(gavin.loginId, 'gavinBelson');
      assert.equal(gavin.postedCount, 936);
      assert.equal(gavin.pendingCount, 2);
      assert.equal(gavin.historyDays, 364);
      assert.deepEqual(
        gavin.accounts.map((a) => [a.name, a.type, a.postedCount, a.pendingCount]),
        [
          ['Everyday Account', 'transaction', 832, 2],
          ['Hooli Saver', 'savings', 65, 0],
          ['Personal Loan', 'loan', 39, 0],
        ],
      );
      const [everyday, saver, loan] = gavin.accounts;
      assert.ok(everyday && saver && loan);
      assert.match(everyday.id, /^[0-9a-f]{16}$/);
      assert.equal(everyday.product, 'Hooli Everyday');
      assert.equal(everyday.bsb, '999-001');
      assert.equal(everyday.number, '10001001');
      assert.equal(everyday.balance, '2418.36');
      assert.match(everyday.availableFunds, money);
      assert.equal(everyday.creditLimit, null);
      assert.equal(saver.balance, '15320.10');
      assert.equal(loan.balance, '-12340.55');
      assert.equal(loan.availableFunds, '0.00');
      for (const account of gavin.accounts) {
        assert.ok(account.firstPostDate && account.lastPostDate, account.name);
        assert.ok(account.firstPostDate >= addDays(today, -364), account.name);
        assert.ok(account.lastPostDate <= addDays(today, -1), account.name);
      }
      assert.equal(everyday.lastPostDate, addDays(today, -1));
    });

    test('sandbox.md §6.3: unknown persona or account is 404 resource-not-found', async () => {
      assertError(
        await api.request('GET', '/sandbox/personas/nobody', { token }),
        404,
        'resource-not-found',
      );
      assertError(
        await api.request('GET', '/sandbox/personas/GAVINBELSON', { token }),
        404,
        'resource-not-found',
      );
      assertError(await transactions('0000000000000000'), 404, 'resource-not-found');
      assertError(
        await api.request(
          'GET',
          `/sandbox/personas/nobody/accounts/${gavin.accounts[0]?.id ?? ''}/transactions`,
          { token },
        ),
        404,
        'resource-not-found',
      );
    });

    test('sandbox.md §6.3: transactions list pending first with becomes, then posted newest first with running balances; total counts both', async () => {
      const everyday = gavin.accounts[0];
      assert.ok(everyday);
      const response = await transactions(everyday.id);
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(Object.keys(response.body).sort(), ['data', 'total']);
      assert.equal(response.body.total, 834);
      assert.equal(response.body.data.length, 100);
      const [p1, p2, first] = response.body.data;
      assert.ok(p1 && p2 && first);
      for (const pending of [p1, p2]) {
        assert.equal(pending.status, 'pending');
        assert.equal(pending.id, null);
        assert.equal(pending.balance, null);
        assert.ok(pending.becomes === 'released' || /^[0-9a-f]{24}$/.test(pending.becomes ?? ''));
      }
      assert.equal(first.status, 'posted');
      assert.match(first.id ?? '', /^[0-9a-f]{24}$/);
      assert.equal(first.becomes, null);
      assert.equal(first.balance, everyday.balance);
      for (const item of response.body.data) {
        assert.deepEqual(Object.keys(item).sort(), [
          'amount',
          'balance',
          'becomes',
          'class',
          'date',
          'description',
          'id',
          'status',
          'time',
        ]);
        assert.match(item.amount, money);
        assert.match(item.time, /^[0-9]{2}:[0-9]{2}$/);
        assert.match(item.date, /^\d{4}-\d{2}-\d{2}$/);
      }
      const posted = response.body.data.slice(2);
      for (let i = 1; i < posted.length; i += 1) {
        const newer = posted[i - 1];
        const older = posted[i];
        assert.ok(newer && older);
        assert.ok(newer.date >= older.date);
        // Each running balance is the newer one minus the newer item's amount (integer cents).
        const cents = (s: string | null) => Math.round(Number(s) * 100);
        assert.equal(cents(older.balance), cents(newer.balance) - cents(newer.amount));
      }
    });

    test('sandbox.md §6.3: offset and limit page the listing without gaps; limit above 1000 or bad offset is 400; the other accounts hold no pending', async () => {
      const [everyday, saver] = gavin.accounts;
      assert.ok(everyday && saver);
      const all = await transactions(everyday.id, '?limit=1000');
      assert.equal(all.status, 200, all.text);
      assert.equal(all.body.data.length, 834);
      const page = await transactions(everyday.id, '?offset=1&limit=3');
      assert.deepEqual(page.body.data, all.body.data.slice(1, 4));
      assert.equal(page.body.total, 834);
      const deep = await transactions(everyday.id, '?offset=500&limit=7');
      assert.deepEqual(deep.body.data, all.body.data.slice(500, 507));
      const beyond = await transactions(everyday.id, '?offset=5000');
      assert.deepEqual(beyond.body, { data: [], total: 834 });
      const again = await transactions(everyday.id, '?limit=1000');
      assert.equal(again.text, all.text, 'the ground truth is deterministic');

      const savings = await transactions(saver.id, '?limit=1000');
      assert.equal(savings.body.total, 65);
      assert.ok(savings.body.data.every((t) => t.status === 'posted'));

      const tooMany = assertError(
        await transactions(everyday.id, '?limit=1001'),
        400,
        'parameter-not-valid',
        {
          parameter: 'limit',
        },
      );
      assert.equal(tooMany.detail, 'Maximum limit allowed is 1000');
      assertError(await transactions(everyday.id, '?limit=0'), 400, 'parameter-not-valid', {
        parameter: 'limit',
      });
      assertError(await transactions(everyday.id, '?offset=-1'), 400, 'parameter-not-valid', {
        parameter: 'offset',
      });
    });

    test('sandbox.md §6.3: from and to select posted days inclusively (pending only when today is within); bad dates are 400', async () => {
      const everyday = gavin.accounts[0];
      assert.ok(everyday);
      const today = sydneyDate(new Date());
      const yesterday = addDays(today, -1);
      const all = await transactions(everyday.id, '?limit=1000');
      const expected = all.body.data.filter((t) => t.status === 'posted' && t.date === yesterday);
      assert.ok(expected.length > 0);
      const day = await transactions(everyday.id, `?from=${yesterday}&to=${yesterday}`);
      assert.equal(day.status, 200, day.text);
      assert.deepEqual(day.body, { data: expected, total: expected.length });
      const asTimes = await transactions(
        everyday.id,
        `?from=${yesterday}T00:00:00Z&to=${yesterday}T23:59:59Z`,
      );
      assert.deepEqual(asTimes.body, day.body);
      const withToday = await transactions(everyday.id, `?from=${yesterday}`);
      assert.equal(withToday.body.total, expected.length + 2);
      assert.equal(withToday.body.data[0]?.status, 'pending');

      assertError(await transactions(everyday.id, '?from=yesterday'), 400, 'parameter-not-valid', {
        parameter: 'from',
      });
      assertError(await transactions(everyday.id, '?to=2026-02-30'), 400, 'parameter-not-valid', {
        parameter: 'to',
      });
    });

    test('api.md §13: a CLIENT_ACCESS token gets 403 forbidden-access on every sandbox control route', async () => {
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

  describe(`sandbox off on ${driver}`, () => {
    let api: TestApi;
    let token: string;
    before(async () => {
      api = await startTestApi(driver, { TRIBUTARY_SANDBOX: 'off' });
      token = await api.token();
    });
    after(() => api.stop());

    test('sandbox.md §6.4, A16: with TRIBUTARY_SANDBOX=off every /sandbox/… path answers 404 resource-not-found', async () => {
      for (const route of [
        ...routes,
        { method: 'GET', path: '/sandbox/clock' },
        { method: 'GET', path: '/sandbox/web/hooli/login' },
        { method: 'POST', path: '/sandbox/web/hooli/login' },
      ]) {
        const response = await api.request(route.method, route.path, {
          token,
          body: 'body' in route ? route.body : undefined,
        });
        assertError(response, 404, 'resource-not-found');
      }
    });
  });
}
