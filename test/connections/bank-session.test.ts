// The bank session a successful job keeps for the connection's next one (docs/connections.md
// "Refresh"): an unchanged refresh within the bank's idle window asks the bank once; past it,
// or once the bank ended the session, verify-credentials logs in; a failed job, a credential
// update, a delete and a purge drop it. Bank requests are counted on the server's /metrics.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApi, type TestApi } from '../support/api.ts';
import {
  connectAndSync,
  getConnection,
  waitForJob,
  waitForMfa,
  type Job,
} from '../support/connections.ts';
import { testDrivers } from '../support/environment.ts';

const canary = 'Canary-Pw-Reuse-5d1';
const gavin = { loginId: 'gavinBelson', password: 'hooli2016', institution: { id: 'AU00000' } };
const ash = { loginId: 'ashMann', password: 'hooli2024', institution: { id: 'AU00000' } };

/** Requests the sandbox web banks answered, by `METHOD page` (`GET accounts/:id`, `POST login`). */
async function bankRequests(api: TestApi): Promise<Map<string, number>> {
  const text = await (await fetch(`${api.url}/metrics`)).text();
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match =
      /^tributary_http_requests_total\{method="(\w+)",route="\/sandbox\/web\/:slug\/([^"]*)",status="\d+"\} (\d+)$/.exec(
        line,
      );
    if (!match) continue;
    const key = `${match[1]} ${match[2]}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(match[3]));
  }
  return counts;
}

/**
 * What `fn` resolved to, and what it made the banks answer: `METHOD page` → count, zero counts
 * left out.
 */
async function requestsDuring<T>(
  api: TestApi,
  fn: () => Promise<T>,
): Promise<{ value: T; requests: Record<string, number> }> {
  const before = await bankRequests(api);
  const value = await fn();
  const after = await bankRequests(api);
  const requests: Record<string, number> = {};
  for (const [key, n] of after) {
    const d = n - (before.get(key) ?? 0);
    if (d > 0) requests[key] = d;
  }
  return { value, requests };
}

for (const driver of testDrivers) {
  describe(`the kept bank session on ${driver}`, () => {
    let api: TestApi;
    let token: string;

    before(async () => {
      api = await startTestApi(driver, { TRIBUTARY_LOG_LEVEL: 'trace' });
      token = await api.token();
    });
    after(() => api.stop());

    async function refresh(userId: string, connectionId: string): Promise<Job> {
      const response = await api.request<{ id: string }>(
        'POST',
        `/users/${userId}/connections/${connectionId}/refresh`,
        { token },
      );
      assert.equal(response.status, 202, response.text);
      return waitForJob(api, token, response.body.id);
    }

    async function storedSession(connectionId: string) {
      const { rows } = await api.server.runtime.database.query<{
        sealed: string | null;
        at: Date | null;
      }>(
        'SELECT bank_session_sealed AS sealed, bank_session_at AS at FROM connections WHERE id = $1',
        [connectionId],
      );
      return rows[0];
    }

    async function advanceClock(advance: string) {
      const response = await api.request('POST', '/sandbox/clock', { token, body: { advance } });
      assert.equal(response.status, 200, response.text);
    }

    async function setFault(institutionId: string, mode: string) {
      const response = await api.request('PUT', `/sandbox/faults/${institutionId}`, {
        token,
        body: { surface: 'web', mode },
      });
      assert.equal(response.status, 200, response.text);
    }

    test('an unchanged refresh within the idle window asks the bank once: GET accounts, no login, no logout, no details page', async () => {
      const user = await api.createUser(token);
      const {
        value: { connectionId },
        requests: first,
      } = await requestsDuring(api, () => connectAndSync(api, token, user.id, gavin));
      assert.equal(first['POST login'], 1);
      assert.equal(first['POST logout'], undefined, 'the first job keeps its session');
      const kept = await storedSession(connectionId);
      assert.ok(kept?.sealed && kept.at, 'a sealed session is stored with the connection');

      for (let i = 0; i < 2; i++) {
        const { value: job, requests } = await requestsDuring(api, () =>
          refresh(user.id, connectionId),
        );
        assert.equal(job.status, 'success');
        assert.deepEqual(
          job.steps.map((s) => [s.title, s.status]),
          [
            ['verify-credentials', 'success'],
            ['retrieve-accounts', 'success'],
            ['retrieve-transactions', 'success'],
          ],
        );
        assert.deepEqual(requests, { 'GET accounts': 1 });
      }
      const connection = await getConnection(api, token, user.id, connectionId);
      assert.equal(connection.status, 'active');
      assert.ok(!JSON.stringify(connection).includes('ession'), 'no session in the API');
    });

    test('past the idle window verify-credentials logs in at once; the bank day’s details are not read again', async () => {
      const user = await api.createUser(token);
      const { connectionId } = await connectAndSync(api, token, user.id, gavin);
      const day = (await api.request<{ now: string }>('GET', '/sandbox/clock', { token })).body.now;
      await advanceClock('PT5M');
      const now = (await api.request<{ now: string }>('GET', '/sandbox/clock', { token })).body.now;
      const { value: job, requests } = await requestsDuring(api, () =>
        refresh(user.id, connectionId),
      );
      assert.equal(job.status, 'success');
      assert.equal(requests['GET login'], 1);
      assert.equal(requests['POST login'], 1);
      assert.equal(requests['GET accounts'], 1, 'no request wasted on the idle session');
      const sydney = (at: string) =>
        new Date(at).toLocaleDateString('en-CA', { timeZone: 'Australia/Sydney' });
      if (sydney(day) === sydney(now)) assert.equal(requests['GET accounts/:accountId'], undefined);
    });

    test('a kept session the bank ended: one request, then a login within verify-credentials', async () => {
      const user = await api.createUser(token);
      const { connectionId } = await connectAndSync(api, token, user.id, gavin);
      assert.equal((await api.request('POST', '/sandbox/reset', { token })).status, 204);
      const { value: job, requests } = await requestsDuring(api, () =>
        refresh(user.id, connectionId),
      );
      assert.equal(job.status, 'success');
      assert.equal(requests['GET login'], 1);
      assert.equal(requests['POST login'], 1);
      assert.equal(requests['GET accounts'], 2, 'the ended session, then the accounts');
    });

    test('a credential update never uses the kept session: a wrong password fails verify-credentials with invalid-credentials and drops it', async () => {
      const user = await api.createUser(token);
      // Its own persona: a rejected login pauses new connections of it (connections.md §7).
      const { connectionId } = await connectAndSync(api, token, user.id, ash);
      assert.ok((await storedSession(connectionId))?.sealed);
      const update = await api.request<{ id: string }>(
        'POST',
        `/users/${user.id}/connections/${connectionId}`,
        { token, body: { password: canary } },
      );
      assert.equal(update.status, 202, update.text);
      assert.equal((await storedSession(connectionId))?.sealed, null, 'dropped with the update');
      const failed = await waitForJob(api, token, update.body.id);
      assert.equal(failed.status, 'failed');
      assert.equal(failed.steps[0]?.title, 'verify-credentials');
      assert.equal((failed.steps[0]?.result as { code: string }).code, 'invalid-credentials');

      const fixed = await api.request<{ id: string }>(
        'POST',
        `/users/${user.id}/connections/${connectionId}`,
        { token, body: { password: ash.password } },
      );
      const { value: job, requests } = await requestsDuring(api, () =>
        waitForJob(api, token, fixed.body.id),
      );
      assert.equal(job.status, 'success');
      assert.equal(requests['POST login'], 1, 'the new password is checked at the bank');
      assert.ok((await storedSession(connectionId))?.sealed, 'kept again');
      assert.ok(!api.server.logs.text().includes(canary), 'the password reached the logs');
    });

    test('a failed job logs its session out and drops it; the next refresh logs in', async () => {
      const user = await api.createUser(token);
      const { connectionId } = await connectAndSync(api, token, user.id, {
        ...gavin,
        institution: { id: 'ZZ00001' },
      });
      await setFault('ZZ00001', 'broken-layout');
      const { value: failed, requests } = await requestsDuring(api, () =>
        refresh(user.id, connectionId),
      );
      await setFault('ZZ00001', 'none');
      assert.equal(failed.status, 'failed');
      const step = failed.steps.find((s) => s.status === 'failed');
      assert.equal(step?.title, 'retrieve-accounts');
      assert.equal((step?.result as { code: string }).code, 'connector-error');
      assert.equal(requests['POST logout'], 1, 'logged out');
      assert.equal((await storedSession(connectionId))?.sealed, null);

      const { value: job, requests: next } = await requestsDuring(api, () =>
        refresh(user.id, connectionId),
      );
      assert.equal(job.status, 'success');
      assert.equal(next['POST login'], 1);
    });

    test('delete and purge drop the kept session; after a purge the next job reads every details page', async () => {
      const user = await api.createUser(token);
      const purged = await connectAndSync(api, token, user.id, gavin);
      const purge = await api.request(
        'POST',
        `/users/${user.id}/connections/${purged.connectionId}/purge`,
        { token },
      );
      assert.equal(purge.status, 204, purge.text);
      assert.equal((await storedSession(purged.connectionId))?.sealed, null);
      const { value: job, requests } = await requestsDuring(api, () =>
        refresh(user.id, purged.connectionId),
      );
      assert.equal(job.status, 'success');
      assert.equal(requests['POST login'], 1);
      assert.equal(requests['GET accounts/:accountId'], 3);

      const other = await api.createUser(token);
      const deleted = await connectAndSync(api, token, other.id, gavin);
      assert.ok((await storedSession(deleted.connectionId))?.sealed);
      const response = await api.request(
        'DELETE',
        `/users/${other.id}/connections/${deleted.connectionId}`,
        { token },
      );
      assert.equal(response.status, 204);
      const stored = await storedSession(deleted.connectionId);
      assert.equal(stored?.sealed, null);
      assert.equal(stored?.at, null);
    });

    test('at a bank that always asks MFA, a refresh while the kept session lives asks no second factor', async () => {
      const user = await api.createUser(token);
      const created = await api.request<{ id: string }>('POST', `/users/${user.id}/connections`, {
        token,
        body: { loginId: 'jared', password: 'django', institution: { id: 'AU00002' } },
      });
      assert.equal(created.status, 202, created.text);
      await waitForMfa(api, token, created.body.id);
      const answer = await api.request('POST', `/jobs/${created.body.id}/mfa`, {
        token,
        body: { 'mfa-response': ['1234'] },
      });
      assert.equal(answer.status, 202, answer.text);
      const first = await waitForJob(api, token, created.body.id);
      assert.equal(first.status, 'success');
      const connectionId = first.links.source.split('/').at(-1) ?? '';
      const job = await refresh(user.id, connectionId);
      assert.equal(job.status, 'success');
      assert.ok(!job.steps.some((s) => s.title === 'mfa-challenge'));
    });

    test('the kept session is stored sealed: no cookie or credential in the clear', async () => {
      const { rows } = await api.server.runtime.database.query<{ v: string }>(
        'SELECT bank_session_sealed AS v FROM connections WHERE bank_session_sealed IS NOT NULL',
      );
      assert.ok(rows.length > 0);
      for (const row of rows) {
        for (const secret of ['sb_session', gavin.password, gavin.loginId, 'cookies']) {
          assert.ok(!row.v.includes(secret), `${secret} in bank_session_sealed`);
        }
      }
    });
  });
}
