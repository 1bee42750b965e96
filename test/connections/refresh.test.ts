// Refresh rules, the same-credentials pause, the Smart Cache and everything that moves with the
// sandbox clock (connections.md §5.3, §6–§9; sandbox.md §5). Each suite has its own server,
// because the clock it advances is the whole deployment's.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertError, startTestApi, type TestApi } from '../support/api.ts';
import {
  allTransactions,
  connectAndSync,
  connectionOf,
  createConnection,
  getConnection,
  getJob,
  waitForJob,
  waitForMfa,
  type Job,
} from '../support/connections.ts';
import { testDrivers } from '../support/environment.ts';

const gavin = { loginId: 'gavinBelson', password: 'hooli2016', institution: { id: 'AU00000' } };

async function advance(api: TestApi, token: string, body: Record<string, string>) {
  const response = await api.request<{ now: string; offsetSeconds: number }>(
    'POST',
    '/sandbox/clock',
    { token, body },
  );
  assert.equal(response.status, 200, response.text);
  return response.body;
}

async function refresh(api: TestApi, token: string, userId: string, connectionId: string) {
  return api.request<{ id: string }>(
    'POST',
    `/users/${userId}/connections/${connectionId}/refresh`,
    { token },
  );
}

/** Polls a user's jobs until one matches. */
async function waitForUserJob(
  api: TestApi,
  token: string,
  userId: string,
  match: (job: Job) => boolean,
  timeoutMs = 20_000,
): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await api.request<{ data: Job[] }>('GET', `/users/${userId}/jobs`, { token });
    const found = response.body.data.find(match);
    if (found) return found;
    if (Date.now() > deadline) assert.fail(`no matching job: ${response.text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

for (const driver of testDrivers) {
  describe(`refresh budgets and the clock on ${driver}`, () => {
    let api: TestApi;
    let token: string;

    before(async () => {
      api = await startTestApi(driver, {
        TRIBUTARY_REFRESH_LIMIT_WEB_PER_DAY: '2',
        TRIBUTARY_REFRESH_BULK_PER_DAY: '1',
      });
      token = await api.token();
    });
    after(() => api.stop());

    test('connections.md A14: the third refresh in 24 h answers 429 with Retry-After; P1D restores the budget', async () => {
      const user = await api.createUser(token);
      const { connectionId } = await connectAndSync(api, token, user.id, gavin);
      for (let i = 0; i < 2; i++) {
        const response = await refresh(api, token, user.id, connectionId);
        assert.equal(response.status, 202, response.text);
        assert.equal((await waitForJob(api, token, response.body.id)).status, 'success');
      }
      const third = await refresh(api, token, user.id, connectionId);
      const item = assertError(third, 429, 'refresh-limit-reached');
      assert.deepEqual(item.source, { parameter: 'connectionId' });
      const retryAfter = Number(third.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter > 0, `Retry-After ${retryAfter}`);
      const connection = await getConnection(api, token, user.id, connectionId);
      assert.equal(connection.refresh.limit, 2);
      assert.equal(connection.refresh.remaining, 0);
      assert.ok(connection.refresh.resetsAt);
      const clock = await api.request<{ now: string }>('GET', '/sandbox/clock', { token });
      const untilReset =
        (Date.parse(connection.refresh.resetsAt) - Date.parse(clock.body.now)) / 1000;
      assert.ok(Math.abs(retryAfter - untilReset) <= 1, `${retryAfter} vs ${untilReset}`);
      await advance(api, token, { advance: 'P1D' });
      const later = await getConnection(api, token, user.id, connectionId);
      assert.equal(later.refresh.remaining, 2);
      assert.equal(later.refresh.resetsAt, null);
    });

    test('connections.md A15: a bulk refresh spreads its jobs by TRIBUTARY_BULK_REFRESH_SPACING_S; a second bulk the same day is refused', async () => {
      const user = await api.createUser(token);
      const logins = [
        { loginId: 'ashMann', password: 'hooli2024', institution: { id: 'AU00000' } },
        { loginId: 'laurieBream', password: 'business2024', institution: { id: 'ZZ00001' } },
        { loginId: 'richard', password: 'tabsnotspaces', institution: { id: 'AU00003' } },
      ];
      const connections: string[] = [];
      for (const login of logins) {
        const { connectionId, job } = await connectAndSync(api, token, user.id, login);
        assert.equal(job.status, 'success', JSON.stringify(job));
        connections.push(connectionId);
      }
      const bulk = await api.request<{ data: { id: string }[]; skipped: unknown[] }>(
        'POST',
        `/users/${user.id}/connections/refresh`,
        { token },
      );
      assert.equal(bulk.status, 202, bulk.text);
      assert.equal(bulk.body.data.length, 3);
      assert.deepEqual(bulk.body.skipped, []);
      const ids = bulk.body.data.map((job) => job.id);
      const first = await waitForJob(api, token, ids[0] ?? '');
      assert.equal(first.status, 'success');
      const waiting = await getJob(api, token, ids[1] ?? '');
      assert.equal(waiting.waitReason, 'bulk-spacing');
      assert.ok(waiting.resumeAt);
      await advance(api, token, { advance: 'PT15S' });
      await waitForJob(api, token, ids[1] ?? '');
      await advance(api, token, { advance: 'PT15S' });
      await waitForJob(api, token, ids[2] ?? '');
      const starts = await Promise.all(
        ids.map(async (id) => Date.parse((await getJob(api, token, id)).steps[0]?.startedAt ?? '')),
      );
      for (let i = 1; i < starts.length; i++) {
        assert.ok(
          (starts[i] ?? 0) - (starts[i - 1] ?? 0) >= 15_000,
          `starts ${starts.map((s) => new Date(s).toISOString()).join(', ')}`,
        );
      }
      for (const id of ids) assert.equal((await getJob(api, token, id)).trigger, 'bulk-refresh');
      const again = await api.request('POST', `/users/${user.id}/connections/refresh`, { token });
      const item = assertError(again, 429, 'refresh-limit-reached');
      assert.ok(Number(again.headers.get('retry-after')) > 0);
      assert.ok(item.detail.length > 0);
    });

    test('connections.md A11: an unanswered MFA challenge fails with mfa-timeout once the clock passes expiryMs', async () => {
      const user = await api.createUser(token);
      const jobId = await createConnection(api, token, user.id, {
        loginId: 'Gilfoyle',
        password: 'PiedPiper',
        institution: { id: 'AU00002' },
      });
      const waiting = await waitForMfa(api, token, jobId);
      const mfa = waiting.steps.find((s) => s.title === 'mfa-challenge');
      const expiryMs = Number((mfa?.result as { expiryMs: number }).expiryMs);
      assert.equal(expiryMs, 120_000);
      assert.equal(
        waiting.resumeAt,
        new Date(Date.parse(mfa?.startedAt ?? '') + expiryMs).toISOString().replace('.000Z', 'Z'),
      );
      await advance(api, token, { advance: 'PT3M' });
      const failed = await waitForJob(api, token, jobId);
      assert.equal(failed.status, 'failed');
      assert.equal((failed.steps[1]?.result as { code: string }).code, 'mfa-timeout');
      const answer = await api.request('POST', `/jobs/${jobId}/mfa`, {
        token,
        body: { 'mfa-response': ['Hooli'] },
      });
      assertError(answer, 409, 'mfa-not-requested');
    });

    test('sandbox.md A8: after P1D a refresh adds exactly the previous day’s posted items and removes no posted one', async () => {
      const user = await api.createUser(token);
      const login = {
        loginId: 'Wentworth-Smith',
        password: 'whislter',
        institution: { id: 'AU00000' },
      };
      const { connectionId } = await connectAndSync(api, token, user.id, login);
      const path = `/users/${user.id}/transactions?filter=connection.id.eq('${connectionId}')`;
      const before = await allTransactions(api, token, path);
      const clock = await advance(api, token, { advance: 'P1D' });
      const response = await refresh(api, token, user.id, connectionId);
      assert.equal(response.status, 202, response.text);
      assert.equal((await waitForJob(api, token, response.body.id)).status, 'success');
      const afterRows = await allTransactions(api, token, path);
      const postedBefore = new Set(before.filter((t) => t.status === 'posted').map((t) => t.id));
      const postedAfter = afterRows.filter((t) => t.status === 'posted');
      for (const id of postedBefore)
        assert.ok(
          postedAfter.some((t) => t.id === id),
          `lost ${id}`,
        );
      const added = postedAfter.filter((t) => !postedBefore.has(t.id));
      // D moved one day: the new posted rows are exactly the ground truth's items of D − 1.
      const d = new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Sydney' }).format(
        new Date(clock.now),
      );
      const yesterday = new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000)
        .toISOString()
        .slice(0, 10);
      const persona = await api.request<{ accounts: { id: string }[] }>(
        'GET',
        `/sandbox/personas/Wentworth-Smith`,
        { token },
      );
      let expected = 0;
      for (const account of persona.body.accounts) {
        const truth = await api.request<{ data: { status: string }[] }>(
          'GET',
          `/sandbox/personas/Wentworth-Smith/accounts/${account.id}/transactions?from=${yesterday}&to=${yesterday}&limit=1000`,
          { token },
        );
        expected += truth.body.data.filter((t) => t.status === 'posted').length;
      }
      assert.equal(added.length, expected);
      assert.ok(added.every((t) => t.postDate === yesterday));
      assert.equal(afterRows.filter((t) => t.status === 'pending').length, 4);
    });

    test('connections.md A17: a failed refresh moves lastUsed, not lastSuccessAt', async () => {
      const user = await api.createUser(token);
      const login = { loginId: 'jared', password: 'django', institution: { id: 'ZZ00001' } };
      const { connectionId } = await connectAndSync(api, token, user.id, login);
      const ok = await getConnection(api, token, user.id, connectionId);
      const fault = await api.request('PUT', '/sandbox/faults/ZZ00001', {
        token,
        body: { surface: 'web', mode: 'maintenance' },
      });
      assert.equal(fault.status, 200, fault.text);
      try {
        await advance(api, token, { advance: 'PT1M' });
        const response = await refresh(api, token, user.id, connectionId);
        const job = await waitForJob(api, token, response.body.id);
        assert.equal(job.status, 'failed');
        assert.equal((job.steps[0]?.result as { code: string }).code, 'maintenance');
        const failed = await getConnection(api, token, user.id, connectionId);
        assert.equal(failed.lastUsed, job.steps[0]?.startedAt);
        assert.notEqual(failed.lastUsed, ok.lastUsed);
        assert.equal(failed.lastSuccessAt, ok.lastSuccessAt);
        // A transient code keeps the connection active, with its reason set (§2 T8).
        assert.equal(failed.status, 'active');
        assert.equal(failed.reason?.code, 'maintenance');
      } finally {
        await api.request('PUT', '/sandbox/faults/ZZ00001', {
          token,
          body: { surface: 'web', mode: 'none' },
        });
      }
    });
  });

  describe(`the same-credentials pause on ${driver}`, () => {
    let api: TestApi;
    let token: string;

    before(async () => {
      api = await startTestApi(driver);
      token = await api.token();
    });
    after(() => api.stop());

    test('connections.md A16: a second connection of the same login waits 360 s, then runs; a third after both is not paused', async () => {
      const login = { ...gavin, institution: { id: 'AU00002' } };
      const userA = await api.createUser(token);
      const jobA = await createConnection(api, token, userA.id, login);
      await waitForMfa(api, token, jobA);
      const userB = await api.createUser(token);
      const jobB = await createConnection(api, token, userB.id, login);
      const paused = await getJob(api, token, jobB);
      assert.equal(paused.waitReason, 'same-credentials-pause');
      assert.equal(paused.status, 'in-progress');
      const connectionB = await getConnection(api, token, userB.id, connectionOf(paused));
      assert.equal(connectionB.status, 'pending');
      const expected = new Date(Date.parse(connectionB.createdDate) + 360_000)
        .toISOString()
        .replace('.000Z', 'Z');
      assert.equal(paused.resumeAt, expected);
      assert.equal(connectionB.resumeAt, expected);
      for (const step of paused.steps) {
        assert.equal(step.status, 'pending');
        assert.equal(step.startedAt, null);
      }
      // A refresh during the pause returns the paused job.
      const during = await refresh(api, token, userB.id, connectionOf(paused));
      assert.equal(during.body.id, jobB);
      const answer = await api.request('POST', `/jobs/${jobA}/mfa`, {
        token,
        body: { 'mfa-response': ['Hooli'] },
      });
      assert.equal(answer.status, 202, answer.text);
      assert.equal((await waitForJob(api, token, jobA)).status, 'success');
      assert.equal((await getJob(api, token, jobB)).steps[0]?.startedAt, null);
      await advance(api, token, { advance: 'PT6M' });
      const started = await waitForMfa(api, token, jobB);
      assert.ok(started.steps[0]?.startedAt);
      const answerB = await api.request('POST', `/jobs/${jobB}/mfa`, {
        token,
        body: { 'mfa-response': ['Hooli'] },
      });
      assert.equal(answerB.status, 202);
      assert.equal((await waitForJob(api, token, jobB)).status, 'success');
      const userC = await api.createUser(token);
      const jobC = await createConnection(api, token, userC.id, login);
      const fresh = await getJob(api, token, jobC);
      assert.notEqual(fresh.waitReason, 'same-credentials-pause');
      await waitForMfa(api, token, jobC);
      await api.request('POST', `/jobs/${jobC}/mfa`, {
        token,
        body: { 'mfa-response': ['Hooli'] },
      });
      assert.equal((await waitForJob(api, token, jobC)).status, 'success');
    });

    test('a rejected login pauses the next connection of that login, even after a delete', async () => {
      const login = { loginId: 'ashMann', password: 'wrong', institution: { id: 'ZZ00001' } };
      const userA = await api.createUser(token);
      const { job, connectionId } = await connectAndSync(api, token, userA.id, login);
      assert.equal(job.status, 'failed');
      assert.equal(
        (await api.request('DELETE', `/users/${userA.id}/connections/${connectionId}`, { token }))
          .status,
        204,
      );
      const userB = await api.createUser(token);
      const jobB = await createConnection(api, token, userB.id, {
        ...login,
        password: 'hooli2024',
      });
      assert.equal((await getJob(api, token, jobB)).waitReason, 'same-credentials-pause');
      await advance(api, token, { advance: 'PT7M' });
      assert.equal((await waitForJob(api, token, jobB)).status, 'success');
    });
  });

  describe(`the circuit breaker on ${driver}`, () => {
    let api: TestApi;
    let token: string;

    before(async () => {
      api = await startTestApi(driver, { TRIBUTARY_BANK_RETRIES: '0' });
      token = await api.token();
    });
    after(() => api.stop());

    test('connections.md A19: five service-unavailable failures open the breaker; after the fault and 300 s it closes', async () => {
      const user = await api.createUser(token);
      const login = { loginId: 'jared', password: 'django', institution: { id: 'ZZ00001' } };
      const { connectionId } = await connectAndSync(api, token, user.id, login);
      const fault = (mode: string) =>
        api.request('PUT', '/sandbox/faults/ZZ00001', { token, body: { surface: 'web', mode } });
      assert.equal((await fault('error-5xx')).status, 200);
      try {
        for (let i = 0; i < 5; i++) {
          const response = await refresh(api, token, user.id, connectionId);
          const job = await waitForJob(api, token, response.body.id);
          assert.equal((job.steps[0]?.result as { code: string }).code, 'service-unavailable');
        }
        const paused = await refresh(api, token, user.id, connectionId);
        const job = await waitForJob(api, token, paused.body.id);
        assert.equal(job.steps[0]?.status, 'failed');
        const result = job.steps[0]?.result as {
          code: string;
          nextAction: string;
          retryable: boolean;
        };
        assert.equal(result.code, 'institution-not-available');
        assert.equal(result.nextAction, 'retry-later');
        assert.equal(result.retryable, true);
        const institution = await api.request<{
          status: string;
          health: { web: { breaker: string; nextProbeAt: string | null } };
        }>('GET', '/institutions/ZZ00001', { token });
        assert.equal(institution.body.status, 'major-outage');
        assert.equal(institution.body.health.web.breaker, 'open');
        assert.ok(institution.body.health.web.nextProbeAt);
      } finally {
        await fault('none');
      }
      await advance(api, token, { advance: 'PT300S' });
      const probe = await refresh(api, token, user.id, connectionId);
      assert.equal((await waitForJob(api, token, probe.body.id)).status, 'success');
      const institution = await api.request<{
        status: string;
        health: { web: { breaker: string } };
      }>('GET', '/institutions/ZZ00001', { token });
      assert.equal(institution.body.health.web.breaker, 'closed');
      assert.notEqual(institution.body.status, 'major-outage');
    });
  });

  describe(`Smart Cache on ${driver}`, () => {
    let api: TestApi;
    let token: string;

    before(async () => {
      api = await startTestApi(driver, { TRIBUTARY_REFRESH_LIMIT_WEB_PER_DAY: '25' });
      token = await api.token();
    });
    after(() => api.stop());

    test('connections.md A18: an active connection is scheduled; passing its slot starts a smart-cache job; invalid is not eligible', async () => {
      const user = await api.createUser(token);
      const { connectionId } = await connectAndSync(api, token, user.id, gavin);
      const connection = await getConnection(api, token, user.id, connectionId);
      assert.equal(connection.smartCache.eligible, true);
      assert.equal(connection.smartCache.ineligibleReason, null);
      const next = connection.smartCache.nextScheduledAt;
      assert.ok(next);
      const clock = await api.request<{ now: string }>('GET', '/sandbox/clock', { token });
      assert.ok(Date.parse(next) > Date.parse(clock.body.now));
      await advance(api, token, { to: new Date(Date.parse(next) + 1000).toISOString() });
      const job = await waitForUserJob(api, token, user.id, (j) => j.trigger === 'smart-cache');
      assert.equal((await waitForJob(api, token, job.id)).status, 'success');
      const after = await getConnection(api, token, user.id, connectionId);
      assert.ok(after.smartCache.nextScheduledAt && after.smartCache.nextScheduledAt > next);

      const other = await api.createUser(token);
      const failed = await connectAndSync(api, token, other.id, {
        loginId: 'erlich',
        password: 'aviato',
        institution: { id: 'AU00000' },
      });
      const invalid = await getConnection(api, token, other.id, failed.connectionId);
      assert.equal(invalid.status, 'invalid');
      assert.equal(invalid.reason?.code, 'account-not-accessible-requires-user-action');
      assert.equal(invalid.smartCache.eligible, false);
      assert.equal(invalid.smartCache.ineligibleReason, 'status');
      assert.equal(invalid.smartCache.nextScheduledAt, null);
    });

    test('connections.md A25: scenario-intermittent — the Smart Cache job meets MFA and fails with user-action-required', async () => {
      const user = await api.createUser(token);
      const { job, connectionId } = await connectAndSync(api, token, user.id, {
        loginId: 'scenario-intermittent',
        password: 'tributary',
        institution: { id: 'AU00003' },
      });
      assert.equal(job.status, 'success', JSON.stringify(job));
      assert.ok(!job.steps.some((s) => s.title === 'mfa-challenge'));
      const connection = await getConnection(api, token, user.id, connectionId);
      assert.equal(connection.status, 'active');
      assert.equal(connection.mfaEnabled, false);
      assert.equal(connection.smartCache.eligible, true);
      const next = connection.smartCache.nextScheduledAt ?? '';
      await advance(api, token, { to: new Date(Date.parse(next) + 1000).toISOString() });
      const cached = await waitForUserJob(api, token, user.id, (j) => j.trigger === 'smart-cache');
      const done = await waitForJob(api, token, cached.id);
      assert.equal(done.status, 'failed');
      const mfa = done.steps.find((s) => s.title === 'mfa-challenge');
      assert.equal(mfa?.status, 'failed');
      assert.equal((mfa?.result as { code: string }).code, 'user-action-required');
      const after = await getConnection(api, token, user.id, connectionId);
      assert.equal(after.status, 'invalid');
      assert.equal(after.mfaEnabled, true);
      assert.equal(after.smartCache.eligible, false);
    });

    test('a refresh that finds the accounts as stored moves only their lastUpdated, and its job shows every step done', async () => {
      const user = await api.createUser(token);
      // A login of its own: A18's Smart Cache job for gavinBelson may still be running, and a
      // connection of a login in use waits the same-credentials pause.
      const { connectionId } = await connectAndSync(api, token, user.id, {
        loginId: 'Whistler',
        password: 'ShowBox',
        institution: { id: 'AU00000' },
      });
      const path = `/users/${user.id}/accounts?filter=connection.id.eq('${connectionId}')`;
      type Account = { id: string; lastUpdated: string; [field: string]: unknown };
      const list = async () => {
        const response = await api.request<{ data: Account[] }>('GET', path, { token });
        assert.equal(response.status, 200, response.text);
        return new Map(response.body.data.map((account) => [account.id, account]));
      };
      const before = await list();
      assert.ok(before.size > 0);
      await advance(api, token, { advance: 'PT1M' });
      const response = await refresh(api, token, user.id, connectionId);
      assert.equal(response.status, 202, response.text);
      const job = await waitForJob(api, token, response.body.id);
      assert.equal(job.status, 'success');
      assert.deepEqual(
        job.steps.map((step) => [step.title, step.status]),
        [
          ['verify-credentials', 'success'],
          ['retrieve-accounts', 'success'],
          ['retrieve-transactions', 'success'],
        ],
      );
      const after = await list();
      assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
      for (const [id, account] of after) {
        const was = before.get(id);
        assert.ok(was);
        assert.ok(Date.parse(account.lastUpdated) > Date.parse(was.lastUpdated), id);
        assert.deepEqual({ ...account, lastUpdated: null }, { ...was, lastUpdated: null });
      }
    });

    test('connections.md A26, sandbox.md A11: twenty refreshes in one clock day leave the transaction ids as after the first sync', async () => {
      const user = await api.createUser(token);
      const { connectionId } = await connectAndSync(api, token, user.id, {
        loginId: 'scenario-duplicates',
        password: 'tributary',
        institution: { id: 'AU00000' },
      });
      const path = `/users/${user.id}/transactions?filter=connection.id.eq('${connectionId}')`;
      const first = (await allTransactions(api, token, path)).map((t) => t.id).sort();
      for (let i = 0; i < 20; i++) {
        const response = await refresh(api, token, user.id, connectionId);
        assert.equal(response.status, 202, response.text);
        assert.equal((await waitForJob(api, token, response.body.id)).status, 'success');
      }
      const rows = await allTransactions(api, token, path);
      assert.deepEqual(rows.map((t) => t.id).sort(), first);
      // sandbox.md A11: 140 posted, every day with two identical café items.
      const posted = rows.filter((t) => t.status === 'posted');
      assert.equal(posted.length, 140);
      const cafes = new Map<string, number>();
      for (const t of posted) {
        if (t.description === 'CAFE NERO SYDNEY' && t.amount === '-4.50') {
          cafes.set(t.postDate ?? '', (cafes.get(t.postDate ?? '') ?? 0) + 1);
        }
      }
      assert.equal(cafes.size, 28);
      assert.ok([...cafes.values()].every((n) => n === 2));
    });
  });
}
