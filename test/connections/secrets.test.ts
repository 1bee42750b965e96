// Bank credentials are never returned, logged or written in the clear (connections.md §3, A4).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApi, type TestApi } from '../support/api.ts';
import { connectAndSync, getConnection } from '../support/connections.ts';
import { testDrivers } from '../support/environment.ts';

const canary = 'Canary-Pw-7f3e';

for (const driver of testDrivers) {
  describe(`credentials stay secret on ${driver}`, () => {
    let api: TestApi;
    let token: string;

    before(async () => {
      api = await startTestApi(driver, { TRIBUTARY_LOG_LEVEL: 'trace' });
      token = await api.token();
    });
    after(() => api.stop());

    test('connections.md A4: the password sent at creation is in no response, log line, event or stored column', async () => {
      const user = await api.createUser(token);
      const seen: string[] = [];
      const { job, connectionId } = await connectAndSync(api, token, user.id, {
        loginId: 'gavinBelson',
        password: canary,
        institution: { id: 'AU00000' },
      });
      assert.equal(job.status, 'failed');
      seen.push(JSON.stringify(job));
      seen.push(JSON.stringify(await getConnection(api, token, user.id, connectionId)));
      // A credential update with the canary too, then the right password.
      const update = await api.request('POST', `/users/${user.id}/connections/${connectionId}`, {
        token,
        body: { password: `${canary}-2` },
      });
      seen.push(update.text);
      for (const path of [
        `/users/${user.id}/connections`,
        `/users/${user.id}/jobs`,
        `/events?filter=connection.id.eq('${connectionId}')`,
      ]) {
        seen.push((await api.request('GET', path, { token })).text);
      }
      for (const text of seen) assert.ok(!text.includes(canary), text);
      assert.ok(!api.server.logs.text().includes(canary), 'the password reached the logs');
      const database = api.server.runtime.database;
      for (const [table, column] of [
        ['connections', 'credentials'],
        ['connection_jobs', 'session'],
        ['events', 'data::text'],
      ] as const) {
        const { rows } = await database.query<{ v: string | null }>(
          `SELECT ${column} AS v FROM ${table}`,
        );
        for (const row of rows) assert.ok(!String(row.v).includes(canary), `${table}.${column}`);
      }
    });
  });
}
