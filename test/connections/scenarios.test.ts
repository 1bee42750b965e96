// The sandbox personas and scenarios end to end: what Tributary stores after syncing each, and the
// reason code each failure gives (sandbox.md §3, §6; connections.md §12).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertError, startTestApi, type TestApi } from '../support/api.ts';
import { BankBrowser } from '../support/bank-browser.ts';
import {
  allTransactions,
  connectAndSync,
  connectionOf,
  createConnection,
  getConnection,
  waitForJob,
  waitForMfa,
  type Job,
  type Transaction,
} from '../support/connections.ts';
import { testDrivers } from '../support/environment.ts';

interface GroundTruthAccount {
  id: string;
  name: string;
  postedCount: number;
  pendingCount: number;
  firstPostDate: string | null;
  lastPostDate: string | null;
}

interface Account {
  id: string;
  name: string;
  status: string;
}

const personas: Record<string, string> = {
  gavinBelson: 'hooli2016',
  jared: 'django',
  richard: 'tabsnotspaces',
  Gilfoyle: 'PiedPiper',
  Whistler: 'ShowBox',
  'Wentworth-Smith': 'whislter',
  laurieBream: 'business2024',
  ashMann: 'hooli2024',
  'scenario-pending': 'tributary',
  'scenario-session': 'tributary',
  'scenario-slow': 'tributary',
  'scenario-flaky': 'tributary',
  'scenario-growing': 'tributary',
  'scenario-duplicates': 'tributary',
  'scenario-empty': 'tributary',
  'scenario-intermittent': 'tributary',
};

function failure(job: Job): { step: string; code: string; detail: string } {
  const step = job.steps.find((s) => s.status === 'failed');
  assert.ok(step, `job ${job.id} has no failed step: ${JSON.stringify(job)}`);
  const result = step.result as { code: string; detail: string };
  return { step: step.title, code: result.code, detail: result.detail };
}

for (const driver of testDrivers) {
  describe(`sandbox personas end to end on ${driver}`, () => {
    let api: TestApi;
    let token: string;

    before(async () => {
      api = await startTestApi(driver);
      token = await api.token();
    });
    after(() => api.stop());

    const sync = async (
      loginId: string,
      password: string,
      institution = 'AU00000',
      timeoutMs = 30_000,
    ) => {
      const user = await api.createUser(token);
      const jobId = await createConnection(api, token, user.id, {
        loginId,
        password,
        institution: { id: institution },
      });
      const job = await waitForJob(api, token, jobId, undefined, timeoutMs);
      return { user, job, connectionId: connectionOf(job) };
    };

    const stored = async (userId: string, connectionId: string) => {
      const filter = `filter=connection.id.eq('${connectionId}')`;
      const accounts = await api.request<{ data: Account[] }>(
        'GET',
        `/users/${userId}/accounts?${filter}`,
        { token },
      );
      const rows = await allTransactions(api, token, `/users/${userId}/transactions?${filter}`);
      return { accounts: accounts.body.data, rows };
    };

    test('sandbox.md A3: every persona stores what the ground truth lists, with posted dates from D − H to D − 1', async () => {
      for (const [loginId, password] of Object.entries(personas)) {
        const { user, job, connectionId } = await sync(loginId, password);
        assert.equal(job.status, 'success', `${loginId}: ${JSON.stringify(job)}`);
        const truth = await api.request<{
          accounts: GroundTruthAccount[];
          historyDays: number | null;
        }>('GET', `/sandbox/personas/${loginId}`, { token });
        assert.equal(truth.status, 200, truth.text);
        const { accounts, rows } = await stored(user.id, connectionId);
        assert.equal(accounts.length, truth.body.accounts.length, loginId);
        for (const expected of truth.body.accounts) {
          const account = accounts.find((a) => a.name === expected.name);
          assert.ok(account, `${loginId}: ${expected.name}`);
          const mine = rows.filter((r) => r.account === account.id);
          const posted = mine.filter((r) => r.status === 'posted');
          const dates = posted.map((r) => r.postDate ?? '').sort();
          assert.equal(posted.length, expected.postedCount, `${loginId} ${expected.name} posted`);
          assert.equal(
            mine.filter((r) => r.status === 'pending').length,
            expected.pendingCount,
            `${loginId} ${expected.name} pending`,
          );
          assert.equal(dates[0] ?? null, expected.firstPostDate, `${loginId} first date`);
          assert.equal(dates.at(-1) ?? null, expected.lastPostDate, `${loginId} last date`);
        }
      }
    });

    test('sandbox.md A2: gavinBelson 3 accounts 936 + 2, richard 8 accounts 2,457 + 6', async () => {
      for (const [loginId, accountsWanted, posted, pending] of [
        ['gavinBelson', 3, 936, 2],
        ['richard', 8, 2457, 6],
      ] as const) {
        const { user, job, connectionId } = await sync(loginId, personas[loginId] ?? '');
        assert.equal(job.status, 'success');
        const { accounts, rows } = await stored(user.id, connectionId);
        assert.equal(accounts.length, accountsWanted);
        assert.equal(rows.filter((r) => r.status === 'posted').length, posted);
        assert.equal(rows.filter((r) => r.status === 'pending').length, pending);
      }
    });

    test('sandbox.md A2: scenario-huge stores 5 accounts and exactly 100,000 transactions', async () => {
      const { user, job, connectionId } = await sync(
        'scenario-huge',
        'tributary',
        'ZZ00001',
        600_000,
      );
      assert.equal(job.status, 'success', JSON.stringify(job));
      const { accounts } = await stored(user.id, connectionId);
      assert.equal(accounts.length, 5);
      const page = await api.request<{ size: number }>(
        'GET',
        `/users/${user.id}/transactions?filter=connection.id.eq('${connectionId}')&limit=1`,
        { token },
      );
      assert.equal(page.body.size, 100_000);
    });

    test('sandbox.md A6: bighead, erlich and jianYang fail with their codes', async () => {
      const cases = [
        ['bighead', 'password', 'invalid-credentials', /Account is locked/],
        ['erlich', 'aviato', 'account-not-accessible-requires-user-action', /./],
        ['jianYang', 'nothotdog', 'service-unavailable', /./],
      ] as const;
      for (const [loginId, password, code, detail] of cases) {
        const { job } = await sync(loginId, password, 'ZZ00001');
        assert.equal(job.status, 'failed');
        const failed = failure(job);
        assert.equal(failed.step, 'verify-credentials');
        assert.equal(failed.code, code, loginId);
        assert.match(failed.detail, detail);
      }
    });

    test('sandbox.md A7: Whistler answers two security questions; at Nucleus richard is not asked and jared is', async () => {
      const user = await api.createUser(token);
      const jobId = await createConnection(api, token, user.id, {
        loginId: 'Whistler',
        password: 'ShowBox',
        institution: { id: 'AU00002' },
      });
      const waiting = await waitForMfa(api, token, jobId);
      const mfa = waiting.steps.find((s) => s.title === 'mfa-challenge')?.result as {
        method: string;
        input: string[];
      };
      assert.equal(mfa.method, 'security-questions');
      assert.deepEqual(mfa.input, [
        "What's your favourite company?",
        "What's the ID of this institution?",
      ]);
      const answer = await api.request('POST', `/jobs/${jobId}/mfa`, {
        token,
        body: { 'mfa-response': ['Basiq', 'AU00000'] },
      });
      assert.equal(answer.status, 202);
      assert.equal((await waitForJob(api, token, jobId)).status, 'success');

      const richard = await sync('richard', 'tabsnotspaces', 'AU00003');
      assert.equal(richard.job.status, 'success');
      assert.ok(!richard.job.steps.some((s) => s.title === 'mfa-challenge'));
      const jared = await createConnection(api, token, user.id, {
        loginId: 'jared',
        password: 'django',
        institution: { id: 'AU00003' },
      });
      const asked = await waitForMfa(api, token, jared);
      assert.ok(asked.steps.some((s) => s.title === 'mfa-challenge'));
      await api.request('POST', `/jobs/${jared}/mfa`, {
        token,
        body: { 'mfa-response': ['1234'] },
      });
      assert.equal((await waitForJob(api, token, jared)).status, 'success');
    });

    test('sandbox.md A10, api.md A22: scenario-pending — after P1D the four items post with lineage and the hotel hold is released', async () => {
      const { user, job, connectionId } = await sync('scenario-pending', 'tributary', 'ZZ00001');
      assert.equal(job.status, 'success');
      const path = `/users/${user.id}/transactions?filter=connection.id.eq('${connectionId}')`;
      const before = await allTransactions(api, token, path);
      const pendingBefore = before.filter((t) => t.status === 'pending');
      assert.equal(pendingBefore.length, 5);
      const clock = await api.request('POST', '/sandbox/clock', {
        token,
        body: { advance: 'P1D' },
      });
      assert.equal(clock.status, 200, clock.text);
      const refresh = await api.request<{ id: string }>(
        'POST',
        `/users/${user.id}/connections/${connectionId}/refresh`,
        { token },
      );
      assert.equal((await waitForJob(api, token, refresh.body.id)).status, 'success');
      const afterRows = await allTransactions(api, token, path);
      const pendingIds = new Set(pendingBefore.map((t) => t.id));
      const linked = afterRows.filter(
        (t) => t.status === 'posted' && t.pendingTransactionId !== null,
      );
      assert.equal(linked.length, 4);
      for (const posted of linked) assert.ok(pendingIds.has(posted.pendingTransactionId ?? ''));
      const byId = new Map(pendingBefore.map((t) => [t.id, t]));
      const tipped = linked.filter((t) => {
        const original = byId.get(t.pendingTransactionId ?? '') as Transaction;
        return t.amount !== original.amount;
      });
      assert.equal(tipped.length, 1);
      const tip = tipped[0] as Transaction;
      const original = byId.get(tip.pendingTransactionId ?? '') as Transaction;
      assert.equal(
        Math.round(Math.abs(Number(original.amount)) * 115) / 100,
        Math.abs(Number(tip.amount)),
      );
      const hotel = pendingBefore.find((t) => t.description === 'QT HOTEL SYDNEY HOLD');
      assert.ok(hotel);
      assert.ok(!afterRows.some((t) => t.id === hotel.id));
      assert.ok(!linked.some((t) => t.pendingTransactionId === hotel.id));
      assert.equal(afterRows.filter((t) => t.status === 'pending').length, 5);
      for (const pending of pendingBefore) {
        const read = await api.request('GET', `/users/${user.id}/transactions/${pending.id}`, {
          token,
        });
        const item = assertError(read, 404, 'resource-not-found');
        const successor = linked.find((t) => t.pendingTransactionId === pending.id);
        if (successor) assert.ok(item.detail.includes(successor.id), item.detail);
        else assert.match(item.detail, /released/);
      }
    });

    test('sandbox.md A12: scenario-session and scenario-flaky complete; scenario-broken fails with connector-error', async () => {
      for (const loginId of ['scenario-session', 'scenario-flaky']) {
        const { job } = await sync(loginId, 'tributary', 'ZZ00001');
        assert.equal(job.status, 'success', `${loginId}: ${JSON.stringify(job)}`);
      }
      const broken = await sync('scenario-broken', 'tributary', 'ZZ00001');
      assert.equal(broken.job.status, 'failed');
      assert.deepEqual(
        { step: failure(broken.job).step, code: failure(broken.job).code },
        { step: 'retrieve-accounts', code: 'connector-error' },
      );
    });

    test('sandbox.md A13: three rejected logins lock scenario-lockout; thirty clock minutes later it opens', async () => {
      const wrong = {
        loginId: 'scenario-lockout',
        password: 'nope',
        institution: { id: 'AU00003' },
      };
      const user = await api.createUser(token);
      const { job, connectionId } = await connectAndSync(api, token, user.id, wrong);
      assert.equal(failure(job).code, 'invalid-credentials');
      const update = async (password: string) => {
        const response = await api.request<{ id: string }>(
          'POST',
          `/users/${user.id}/connections/${connectionId}`,
          { token, body: { password } },
        );
        assert.equal(response.status, 202, response.text);
        return waitForJob(api, token, response.body.id);
      };
      for (let i = 0; i < 2; i++)
        assert.equal(failure(await update('still-wrong')).code, 'invalid-credentials');
      assert.equal(failure(await update('correct-horse')).code, 'account-locked');
      const locked = await getConnection(api, token, user.id, connectionId);
      assert.equal(locked.reason?.code, 'account-locked');
      assert.equal(locked.reason?.nextAction, 'contact-institution');
      await api.request('POST', '/sandbox/clock', { token, body: { advance: 'PT30M' } });
      assert.equal((await update('correct-horse')).status, 'success');
    });

    test('sandbox.md A14: scenario-terms needs the user at the bank; after accepting the notice a refresh succeeds', async () => {
      const { user, job, connectionId } = await sync('scenario-terms', 'tributary');
      assert.equal(failure(job).code, 'account-not-accessible-requires-user-action');
      const browser = new BankBrowser(() => api.url, 'hooli');
      const login = await browser.login('scenario-terms', 'tributary');
      assert.equal(login.status, 303);
      const csrf = await browser.csrfOf('notice', 'form#notice-form');
      const accepted = await browser.post('notice/accept', { _csrf: csrf });
      assert.equal(accepted.status, 303, accepted.text);
      const refresh = await api.request<{ id: string }>(
        'POST',
        `/users/${user.id}/connections/${connectionId}/refresh`,
        { token },
      );
      assert.equal(refresh.status, 202, refresh.text);
      assert.equal((await waitForJob(api, token, refresh.body.id)).status, 'success');
      assert.equal((await getConnection(api, token, user.id, connectionId)).status, 'active');
    });

    test('sandbox.md A17: a maintenance fault at ZZ00001 fails a new connection with maintenance; none restores it', async () => {
      const put = (mode: string) =>
        api.request('PUT', '/sandbox/faults/ZZ00001', { token, body: { surface: 'web', mode } });
      assert.equal((await put('maintenance')).status, 200);
      try {
        const { job } = await sync('ashMann', 'hooli2024', 'ZZ00001');
        assert.equal(failure(job).code, 'maintenance');
      } finally {
        assert.equal((await put('none')).status, 200);
      }
      const { job } = await sync('Gilfoyle', 'PiedPiper', 'ZZ00001');
      assert.equal(job.status, 'success');
    });

    test('an error-5xx fault gives service-unavailable and a broken layout connector-error', async () => {
      const put = (mode: string) =>
        api.request('PUT', '/sandbox/faults/ZZ00001', { token, body: { surface: 'web', mode } });
      try {
        assert.equal((await put('error-5xx')).status, 200);
        assert.equal(
          failure((await sync('Whistler', 'ShowBox', 'ZZ00001')).job).code,
          'service-unavailable',
        );
        assert.equal((await put('broken-layout')).status, 200);
        assert.equal(
          failure((await sync('laurieBream', 'business2024', 'ZZ00001')).job).code,
          'connector-error',
        );
      } finally {
        await put('none');
      }
    });
  });

  describe(`the job time limit on ${driver}`, () => {
    let api: TestApi;
    let token: string;

    before(async () => {
      api = await startTestApi(driver, { TRIBUTARY_JOB_TIMEOUT_S: '2' });
      token = await api.token();
    });
    after(() => api.stop());

    const runMs = async (jobId: string) => {
      const { rows } = await api.server.runtime.database.query<{ run_ms: number | string }>(
        'SELECT run_ms FROM connection_jobs WHERE id = $1',
        [jobId],
      );
      return Number(rows[0]?.run_ms);
    };

    test('connections.md §5.5: a job running longer than TRIBUTARY_JOB_TIMEOUT_S fails its step with job-timed-out', async () => {
      const user = await api.createUser(token);
      // The bank answers each request after 3 s: the login alone outlasts the 2 s limit.
      const { job } = await connectAndSync(api, token, user.id, {
        loginId: 'scenario-slow',
        password: 'tributary',
        institution: { id: 'AU00000' },
      });
      assert.deepEqual(
        { step: failure(job).step, code: failure(job).code },
        { step: 'verify-credentials', code: 'job-timed-out' },
      );
      assert.ok((await runMs(job.id)) >= 1_000);
    });

    test("connections.md §5.5: a job's time limit counts its runs, not its waits", async () => {
      const user = await api.createUser(token);
      const started = performance.now();
      // One account of 28 transactions, and a one-time password at Pied Piper.
      const jobId = await createConnection(api, token, user.id, {
        loginId: 'scenario-lockout',
        password: 'correct-horse',
        institution: { id: 'AU00002' },
      });
      await waitForMfa(api, token, jobId);
      // The run up to the challenge is on the job.
      const firstRun = await runMs(jobId);
      assert.ok(firstRun > 0);
      // Waiting for the answer longer than the limit does not count.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const waited = performance.now() - started;
      const answer = await api.request('POST', `/jobs/${jobId}/mfa`, {
        token,
        body: { 'mfa-response': ['1234'] },
      });
      assert.equal(answer.status, 202, answer.text);
      const done = await waitForJob(api, token, jobId);
      assert.equal(done.status, 'success');
      const total = await runMs(jobId);
      assert.ok(total > firstRun, `${total} ms after ${firstRun} ms`);
      assert.ok(total < waited, `${total} ms counted of ${waited} ms`);
    });
  });

  describe(`bank timeouts and sandbox limits on ${driver}`, () => {
    let api: TestApi;
    let token: string;

    before(async () => {
      api = await startTestApi(driver, {
        TRIBUTARY_BANK_TIMEOUT_S: '1',
        TRIBUTARY_BANK_RETRIES: '0',
        TRIBUTARY_SANDBOX_MAX_CONNECTIONS: '2',
      });
      token = await api.token();
    });
    after(() => api.stop());

    test('sandbox.md A12: scenario-timeout fails with service-unavailable', async () => {
      const user = await api.createUser(token);
      const { job, connectionId } = await connectAndSync(api, token, user.id, {
        loginId: 'scenario-timeout',
        password: 'tributary',
        institution: { id: 'AU00000' },
      });
      assert.equal(failure(job).code, 'service-unavailable');
      await api.request('DELETE', `/users/${user.id}/connections/${connectionId}`, { token });
    });

    test('sandbox.md A15: over TRIBUTARY_SANDBOX_MAX_CONNECTIONS a create answers 403; after a delete it is accepted', async () => {
      const user = await api.createUser(token);
      const made: string[] = [];
      for (const loginId of ['gavinBelson', 'jared']) {
        const { connectionId } = await connectAndSync(api, token, user.id, {
          loginId,
          password: personas[loginId] ?? '',
          institution: { id: 'AU00000' },
        });
        made.push(connectionId);
      }
      const over = await api.request('POST', `/users/${user.id}/connections`, {
        token,
        body: { loginId: 'richard', password: 'tabsnotspaces', institution: { id: 'AU00000' } },
      });
      const item = assertError(over, 403, 'too-many-sandbox-connections');
      assert.equal(item.detail, 'Limit reached for sandbox connections.');
      await api.request('DELETE', `/users/${user.id}/connections/${made[0] ?? ''}`, { token });
      const accepted = await api.request('POST', `/users/${user.id}/connections`, {
        token,
        body: { loginId: 'richard', password: 'tabsnotspaces', institution: { id: 'AU00000' } },
      });
      assert.equal(accepted.status, 202, accepted.text);
    });
  });
}
