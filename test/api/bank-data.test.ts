// Accounts, transactions and connections through the API contract (api.md §2.4, §3, §7, §9, §10).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertError, runCommonAuthChecks, startTestApi, type TestApi } from '../support/api.ts';
import {
  allTransactions,
  connectAndSync,
  createConnection,
  waitForJob,
  type Transaction,
} from '../support/connections.ts';
import { testDrivers } from '../support/environment.ts';

const gavin = { loginId: 'gavinBelson', password: 'hooli2016', institution: { id: 'AU00000' } };
const money = /^-?[0-9]+\.[0-9]{2}$/;
const transactionFields = [
  'type',
  'id',
  'status',
  'description',
  'reference',
  'amount',
  'currency',
  'balance',
  'direction',
  'class',
  'subClass',
  'transactionDate',
  'postDate',
  'paymentDetails',
  'enrich',
  'merchant',
  'account',
  'connection',
  'institution',
  'pendingTransactionId',
  'createdDate',
  'updatedDate',
  'links',
];
const accountFields = [
  'type',
  'id',
  'name',
  'displayName',
  'accountNo',
  'maskedNumber',
  'bsb',
  'unmaskedAccNum',
  'accountHolder',
  'accountOwnership',
  'isOwned',
  'balance',
  'availableFunds',
  'creditLimit',
  'amortisedLimit',
  'depositRate',
  'lendingRate',
  'bundleName',
  'creationDate',
  'purses',
  'class',
  'currency',
  'connection',
  'institution',
  'lastUpdated',
  'status',
  'transactionIntervals',
  'meta',
  'links',
];

interface List<T> {
  type: string;
  count: number;
  size: number;
  data: T[];
  links: { self: string; next?: string };
}

for (const driver of testDrivers) {
  describe(`accounts and transactions on ${driver}`, () => {
    let api: TestApi;
    let token: string;
    let userId: string;
    let connectionId: string;

    before(async () => {
      api = await startTestApi(driver);
      token = await api.token();
      userId = (await api.createUser(token)).id;
      ({ connectionId } = await connectAndSync(api, token, userId, {
        loginId: 'richard',
        password: 'tabsnotspaces',
        institution: { id: 'AU00000' },
      }));
    });
    after(() => api.stop());

    test('api.md A20: every transaction has every field, money with two decimals, postDate null exactly for pending', async () => {
      const rows = await allTransactions(api, token, `/users/${userId}/transactions`);
      assert.equal(rows.length, 2457 + 6);
      for (const row of rows) {
        for (const field of transactionFields) assert.ok(field in row, `${field} missing`);
        assert.match(row.amount, money);
        if (row.balance !== null) assert.match(row.balance, money);
        assert.equal(row.postDate === null, row.status === 'pending');
        if (row.status === 'pending') assert.equal(row.balance, null);
        assert.equal(row.direction, Number(row.amount) > 0 ? 'credit' : 'debit');
        assert.equal(row.enrich, null);
        assert.equal(row.connection, connectionId);
      }
    });

    test('api.md A21: every account has every field; links.transactions lists only its own', async () => {
      const response = await api.request<List<Record<string, unknown>>>(
        'GET',
        `/users/${userId}/accounts`,
        { token },
      );
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.data.length, 8);
      for (const account of response.body.data) {
        for (const field of accountFields) assert.ok(field in account, `${field} missing`);
        assert.equal(typeof account.accountNo, 'string');
        assert.notEqual(account.accountNo, '');
        const links = account.links as { self: string; transactions: string };
        assert.equal(links.self, `${api.base}/users/${userId}/accounts/${String(account.id)}`);
        const own = await allTransactions(api, token, links.transactions);
        assert.ok(own.length > 0);
        assert.ok(own.every((t) => t.account === account.id));
        const one = await api.request('GET', links.self.slice(api.base.length), { token });
        assert.equal(one.status, 200);
      }
      const cards = await api.request<List<{ class: { type: string } }>>(
        'GET',
        `/users/${userId}/accounts?filter=account.class.type.eq('credit-card')`,
        { token },
      );
      assert.equal(cards.body.data.length, 4);
    });

    test('api.md A18: limit 501 and a tampered next answer 400', async () => {
      const over = await api.request('GET', `/users/${userId}/transactions?limit=501`, { token });
      assertError(over, 400, 'parameter-not-valid', { parameter: 'limit' });
      const page = await api.request<List<Transaction>>(
        'GET',
        `/users/${userId}/transactions?limit=2`,
        { token },
      );
      const next = page.body.links.next ?? '';
      const cursor = new URL(next).searchParams.get('next') ?? '';
      const tampered = `${cursor.slice(0, 10)}${cursor[10] === 'x' ? 'y' : 'x'}${cursor.slice(11)}`;
      const bad = await api.request(
        'GET',
        `/users/${userId}/transactions?limit=2&next=${encodeURIComponent(tampered)}`,
        { token },
      );
      assertError(bad, 400, 'parameter-not-valid', { parameter: 'next' });
    });

    test('api.md A19: a walk with limit=200 returns every row once while a refresh runs; next keeps the filter', async () => {
      const filter = `filter=connection.id.eq('${connectionId}')`;
      const expected = await allTransactions(api, token, `/users/${userId}/transactions?${filter}`);
      const refresh = await api.request<{ id: string }>(
        'POST',
        `/users/${userId}/connections/${connectionId}/refresh`,
        { token },
      );
      assert.equal(refresh.status, 202);
      const seen: string[] = [];
      let path: string | undefined = `/users/${userId}/transactions?${filter}&limit=200`;
      let pages = 0;
      while (path !== undefined) {
        const response: { status: number; text: string; body: List<Transaction> } =
          await api.request('GET', path, { token });
        assert.equal(response.status, 200, response.text);
        seen.push(...response.body.data.map((t) => t.id));
        const next = response.body.links.next;
        if (next !== undefined) {
          assert.ok(next.startsWith(`${api.base}/users/${userId}/transactions?`), next);
          assert.ok(
            decodeURIComponent(next).includes(`filter=connection.id.eq('${connectionId}')`),
            next,
          );
          // A client may append its own limit to links.next.
          const appended = await api.request('GET', `${next.slice(api.base.length)}&limit=200`, {
            token,
          });
          assert.equal(appended.status, 200, appended.text);
        }
        path = next?.slice(api.base.length);
        pages++;
      }
      assert.ok(pages >= 12);
      assert.equal(new Set(seen).size, seen.length, 'a row was returned twice');
      for (const row of expected) assert.ok(seen.includes(row.id), `row ${row.id} skipped`);
      await waitForJob(api, token, refresh.body.id);
    });

    test('transaction filters: status, direction, dates and amounts', async () => {
      const get = (filter: string) =>
        allTransactions(api, token, `/users/${userId}/transactions?filter=${filter}`);
      const pending = await get("transaction.status.eq('pending')");
      assert.equal(pending.length, 6);
      const credits = await get("transaction.direction.eq('credit')");
      assert.ok(credits.length > 0 && credits.every((t) => Number(t.amount) > 0));
      const ranged = await get("transaction.postDate.bt('2026-01-01','2026-03-31')");
      assert.ok(
        ranged.every(
          (t) => (t.postDate ?? '') >= '2026-01-01' && (t.postDate ?? '') <= '2026-03-31',
        ),
      );
      const large = await get("transaction.amount.gt('1000.00')");
      assert.ok(large.length > 0 && large.every((t) => Number(t.amount) > 1000));
      const bad = await api.request(
        'GET',
        `/users/${userId}/transactions?filter=transaction.colour.eq('red')`,
        { token },
      );
      assertError(bad, 400, 'parameter-not-valid', { parameter: 'filter' });
    });

    test('api.md A10: the user lists its connections and accounts; links.self + "/accounts" answers a list', async () => {
      const user = await api.request<{
        connections: { count: number; data: { id: string }[] };
        accounts: { count: number; data: { id: string }[] };
        links: Record<string, string>;
      }>('GET', `/users/${userId}`, { token });
      assert.equal(user.status, 200);
      assert.equal(user.body.connections.count, 1);
      assert.equal(user.body.connections.data[0]?.id, connectionId);
      assert.equal(user.body.accounts.count, 8);
      for (const name of ['self', 'accounts', 'connections', 'transactions']) {
        assert.ok(user.body.links[name]?.startsWith(`${api.base}/users/${userId}`));
      }
      const accounts = await api.request<List<unknown>>(
        'GET',
        `${(user.body.links.self ?? '').slice(api.base.length)}/accounts`,
        { token },
      );
      assert.equal(accounts.status, 200);
      assert.equal(accounts.body.type, 'list');
      assert.equal(accounts.body.data.length, 8);
    });

    test('GET /users/{id} follows connections created, deleted and purged after an earlier read', async () => {
      const user = await api.createUser(token);
      const read = async () =>
        (
          await api.request<{ connections: { count: number }; accounts: { count: number } }>(
            'GET',
            `/users/${user.id}`,
            { token },
          )
        ).body;
      assert.equal((await read()).connections.count, 0);
      const { connectionId: id } = await connectAndSync(api, token, user.id, {
        loginId: 'ashMann',
        password: 'hooli2024',
        institution: { id: 'ZZ00001' },
      });
      assert.deepEqual(
        { connections: (await read()).connections.count, accounts: (await read()).accounts.count },
        { connections: 1, accounts: 2 },
      );
      // api.md §10.1's paymentDetails, fields in its order, on ashMann's BPAY rows.
      const rows = await allTransactions(api, token, `/users/${user.id}/transactions`);
      const bpay = rows.filter((row) => row.paymentDetails !== null);
      assert.ok(bpay.length > 0);
      for (const row of bpay) {
        const details = row.paymentDetails as { bpay: Record<string, unknown> };
        assert.deepEqual(Object.keys(details), ['bpay', 'apcaNumber']);
        assert.deepEqual(Object.keys(details.bpay), ['billerCode', 'billerName', 'crn']);
      }
      await api.request('POST', `/users/${user.id}/connections/${id}/purge`, { token });
      assert.equal((await read()).accounts.count, 0);
      await api.request('DELETE', `/users/${user.id}/connections/${id}`, { token });
      assert.equal((await read()).connections.count, 0);
    });

    test('api.md A6, api.md A2: client tokens — one bound to user A reads its data and not B’s; a v2 token without a user connects any user', async () => {
      const client = await api.token({ scope: 'CLIENT_ACCESS', userId });
      for (const path of ['connections', 'accounts', 'transactions', 'jobs']) {
        const own = await api.request('GET', `/users/${userId}/${path}`, { token: client });
        assert.equal(own.status, 200, `${path}: ${own.text}`);
      }
      const other = await api.createUser(token);
      for (const path of ['connections', 'accounts', 'transactions']) {
        const denied = await api.request('GET', `/users/${other.id}/${path}`, { token: client });
        assertError(denied, 403, 'forbidden-access');
      }
      const purge = await api.request(
        'POST',
        `/users/${userId}/connections/${connectionId}/purge`,
        { token: client },
      );
      assertError(purge, 403, 'forbidden-access');
      const v2 = await api.token({ scope: 'CLIENT_ACCESS' }, '2.0');
      const jobId = await createConnection(api, v2, other.id, {
        loginId: 'ashMann',
        password: 'hooli2024',
        institution: { id: 'AU00000' },
      });
      const job = await waitForJob(api, v2, jobId);
      assert.equal(job.status, 'success');
      const otherJob = await api.request('GET', `/jobs/${jobId}`, { token: client });
      assertError(otherJob, 403, 'forbidden-access');
    });

    test('api.md §2.5: another application sees none of it, as if unknown', async () => {
      const key = await api.secondApplicationKey();
      const foreign = await api.token(undefined, '3.0', key);
      for (const path of [
        `/users/${userId}/connections`,
        `/users/${userId}/connections/${connectionId}`,
        `/users/${userId}/accounts`,
        `/users/${userId}/transactions`,
        `/users/${userId}/jobs`,
      ]) {
        assertError(await api.request('GET', path, { token: foreign }), 404, 'resource-not-found');
      }
      const jobs = await api.request<List<{ id: string }>>('GET', `/users/${userId}/jobs`, {
        token,
      });
      const jobId = jobs.body.data[0]?.id ?? '';
      assertError(
        await api.request('GET', `/jobs/${jobId}`, { token: foreign }),
        404,
        'resource-not-found',
      );
      assertError(
        await api.request('POST', `/users/${userId}/connections/${connectionId}/refresh`, {
          token: foreign,
        }),
        404,
        'resource-not-found',
      );
    });

    test('ill-formed ids answer 400 on every data route', async () => {
      for (const path of [
        `/users/${userId}/connections/nope`,
        `/users/${userId}/accounts/nope`,
        `/users/${userId}/transactions/nope`,
        '/jobs/nope',
      ]) {
        assertError(await api.request('GET', path, { token }), 400, 'parameter-not-valid');
      }
    });

    test('api.md A12: deleting the user removes its connections, accounts and transactions', async () => {
      const user = await api.createUser(token);
      const { connectionId: doomed } = await connectAndSync(api, token, user.id, {
        ...gavin,
        institution: { id: 'ZZ00001' },
      });
      const deleted = await api.request('DELETE', `/users/${user.id}`, { token });
      assert.equal(deleted.status, 204);
      assertError(
        await api.request('GET', `/users/${user.id}`, { token }),
        404,
        'resource-not-found',
      );
      assertError(
        await api.request('GET', `/users/${user.id}/transactions`, { token }),
        404,
        'resource-not-found',
      );
      const database = api.server.runtime.database;
      for (const table of ['connections', 'accounts', 'transactions', 'connection_jobs']) {
        const { rows } = await database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`,
          [user.id],
        );
        assert.equal(rows[0]?.n, 0, table);
      }
      const events = await api.request<List<{ eventTypeId: string }>>(
        'GET',
        `/events?filter=connection.id.eq('${doomed}')`,
        { token },
      );
      assert.ok(events.body.data.some((e) => e.eventTypeId === 'connection.deleted'));
    });

    test('the shared auth checks hold on every data route', async () => {
      const jobs = await api.request<List<{ id: string }>>('GET', `/users/${userId}/jobs`, {
        token,
      });
      const jobId = jobs.body.data[0]?.id ?? '';
      const accounts = await api.request<List<{ id: string }>>('GET', `/users/${userId}/accounts`, {
        token,
      });
      const accountId = accounts.body.data[0]?.id ?? '';
      for (const route of [
        { method: 'GET', path: `/users/${userId}/connections` },
        { method: 'GET', path: `/users/${userId}/connections/${connectionId}` },
        { method: 'GET', path: `/users/${userId}/accounts` },
        { method: 'GET', path: `/users/${userId}/accounts/${accountId}` },
        { method: 'GET', path: `/users/${userId}/transactions` },
        { method: 'GET', path: `/users/${userId}/jobs` },
        { method: 'GET', path: `/jobs/${jobId}` },
        { method: 'POST', path: `/users/${userId}/connections/${connectionId}/refresh` },
        { method: 'DELETE', path: `/users/${userId}/connections/${crypto.randomUUID()}` },
      ]) {
        await runCommonAuthChecks(api, { ...route, access: 'client' });
      }
      await runCommonAuthChecks(api, {
        method: 'POST',
        path: `/users/${userId}/connections/${connectionId}/purge`,
        access: 'server',
      });
    });
  });
}
