// The bank work on /metrics (connections.md §9.3, operations.md §9.2): job starts and ends, the
// bank's requests by outcome, job durations, the breakers and the connection-job queue.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApi, type TestApi } from '../support/api.ts';
import { connectAndSync, waitForJob } from '../support/connections.ts';
import { testDrivers } from '../support/environment.ts';

/** The samples of `name` on /metrics whose labels include `labels`, summed. */
function sum(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const wanted = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (wanted) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

for (const driver of testDrivers) {
  describe(`bank metrics on ${driver}`, () => {
    let api: TestApi;
    let token: string;
    const metrics = async () => (await fetch(`${api.url}/metrics`)).text();

    before(async () => {
      api = await startTestApi(driver, {
        TRIBUTARY_BANK_RETRIES: '0',
        TRIBUTARY_BREAKER_THRESHOLD: '2',
      });
      token = await api.token();
    });
    after(() => api.stop());

    test('connections.md §9.3: job starts and ends, bank requests and durations are counted per institution, method and trigger', async () => {
      const user = await api.createUser(token);
      const ok = await connectAndSync(api, token, user.id, {
        loginId: 'gavinBelson',
        password: 'hooli2016',
        institution: { id: 'AU00000' },
      });
      assert.equal(ok.job.status, 'success');
      const refused = await connectAndSync(api, token, user.id, {
        loginId: 'jared',
        password: 'not-his-password',
        institution: { id: 'AU00000' },
      });
      assert.equal(refused.job.status, 'failed');

      const text = await metrics();
      const bank = { institution: 'AU00000', method: 'web' };
      assert.equal(sum(text, 'tributary_bank_job_starts_total', { ...bank, trigger: 'create' }), 2);
      const finished = (result: string) =>
        sum(text, 'tributary_bank_jobs_finished_total', { ...bank, trigger: 'create', result });
      assert.equal(finished('success'), 1);
      assert.equal(finished('failed'), 1);
      assert.equal(sum(text, 'tributary_job_duration_seconds_count', bank), 2);
      // Every request the connector sent is one the sandbox bank (same process) answered.
      const sent = sum(text, 'tributary_bank_requests_total', bank);
      assert.ok(sent >= 4, text);
      assert.equal(
        sent,
        text
          .split('\n')
          .filter((line) => line.startsWith('tributary_http_requests_total{'))
          .filter((line) => line.includes('route="/sandbox/web/'))
          .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0),
      );
      assert.equal(
        sent,
        sum(text, 'tributary_bank_requests_total', { ...bank, outcome: '2xx' }) +
          sum(text, 'tributary_bank_requests_total', { ...bank, outcome: '3xx' }),
      );
      // operations.md §9.2: the queue's name is the `type` label.
      assert.equal(
        sum(text, 'tributary_jobs_total', { type: 'connection-job', status: 'completed' }),
        2,
      );
      assert.match(text, /tributary_queue_depth\{type="connection-job"\} 0/);
      // Labels never carry ids or user data.
      for (const value of [ok.connectionId, user.id, 'gavinBelson', 'jared']) {
        assert.ok(!text.includes(value), value);
      }
    });

    test("connections.md §9.3: a bank's 5xx answers are counted as such, and an open breaker shows as 2", async () => {
      const user = await api.createUser(token);
      const { connectionId } = await connectAndSync(api, token, user.id, {
        loginId: 'jared',
        password: 'django',
        institution: { id: 'ZZ00001' },
      });
      const bank = { institution: 'ZZ00001', method: 'web' };
      const before = await metrics();
      assert.equal(sum(before, 'tributary_institution_breaker_state', bank), 0);
      const fault = (mode: string) =>
        api.request('PUT', '/sandbox/faults/ZZ00001', { token, body: { surface: 'web', mode } });
      assert.equal((await fault('error-5xx')).status, 200);
      try {
        for (let i = 0; i < 2; i++) {
          const response = await api.request<{ id: string }>(
            'POST',
            `/users/${user.id}/connections/${connectionId}/refresh`,
            { token },
          );
          assert.equal((await waitForJob(api, token, response.body.id)).status, 'failed');
        }
      } finally {
        await fault('none');
      }
      const text = await metrics();
      assert.equal(sum(text, 'tributary_bank_requests_total', { ...bank, outcome: '5xx' }), 2);
      assert.equal(
        sum(text, 'tributary_bank_jobs_finished_total', {
          ...bank,
          trigger: 'manual-refresh',
          result: 'failed',
        }),
        2,
      );
      assert.equal(sum(text, 'tributary_institution_breaker_state', bank), 2);
    });
  });
}
