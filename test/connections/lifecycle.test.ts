import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { reasonCodes } from '../../src/connectors/connector.ts';
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
  type Connection,
  type Job,
} from '../support/connections.ts';
import { testDrivers } from '../support/environment.ts';

const gavin = { loginId: 'gavinBelson', password: 'hooli2016', institution: { id: 'AU00000' } };
const canonical = ['verify-credentials', 'retrieve-accounts', 'retrieve-transactions'];
const gavinProfile = {
  fullName: 'Gavin Belson',
  firstName: 'Gavin',
  middleName: '',
  lastName: 'Belson',
  emailAddresses: ['gavinbelson@personas.example'],
  phoneNumbers: ['XXXX XXX 001'],
  physicalAddresses: [],
};
const nextActions = new Set(Object.values(reasonCodes).map((facts) => facts.nextAction));

interface EventItem {
  eventTypeId: string;
  data: { id?: string };
  dataRef: string;
}

/** Every failed step result and reason must use §12's codes and actions (connections.md A24). */
function assertClosedCodes(job: Job, connection?: Connection): void {
  for (const step of job.steps) {
    if (step.status !== 'failed') continue;
    const result = step.result as { code: string; nextAction: string };
    assert.ok(Object.hasOwn(reasonCodes, result.code), `unknown code ${result.code}`);
    assert.ok(nextActions.has(result.nextAction as never), `unknown action ${result.nextAction}`);
  }
  if (connection?.reason) {
    assert.ok(Object.hasOwn(reasonCodes, connection.reason.code));
    assert.ok(nextActions.has(connection.reason.nextAction as never));
  }
}

for (const driver of testDrivers) {
  describe(`web connection lifecycle on ${driver}`, () => {
    let api: TestApi;
    let token: string;

    before(async () => {
      api = await startTestApi(driver);
      token = await api.token();
    });
    after(() => api.stop());

    const events = async (filter: string) => {
      const response = await api.request<{ data: EventItem[] }>(
        'GET',
        `/events?filter=${encodeURIComponent(filter)}&limit=500`,
        { token },
      );
      assert.equal(response.status, 200, response.text);
      return response.body.data;
    };

    test('connections.md A1: the job answers at once with the three canonical steps and links.source', async () => {
      const user = await api.createUser(token);
      const jobId = await createConnection(api, token, user.id, gavin);
      const job = await getJob(api, token, jobId);
      assert.deepEqual(
        job.steps.map((s) => s.title),
        canonical,
      );
      for (const step of job.steps) {
        assert.ok(['pending', 'in-progress', 'success'].includes(step.status));
      }
      assert.match(
        job.links.source,
        new RegExp(`^${api.base}/users/${user.id}/connections/[0-9a-f-]{36}$`),
      );
      assert.equal(job.links.self, `${api.base}/jobs/${jobId}`);
      await waitForJob(api, token, jobId);
    });

    test('connections.md A2, connections.md A3, connections.md A17: gavinBelson syncs 3 accounts, 936 posted and 2 pending; links and lastUsed', async () => {
      const user = await api.createUser(token);
      const { job, connectionId } = await connectAndSync(api, token, user.id, gavin);
      assert.equal(job.status, 'success', JSON.stringify(job));
      assert.deepEqual(
        job.steps.map((s) => [s.title, s.status]),
        canonical.map((title) => [title, 'success']),
      );
      const links = Object.fromEntries(job.steps.map((s) => [s.title, s.result]));
      assert.deepEqual(links['verify-credentials'], {
        type: 'link',
        url: `/users/${user.id}/connections/${connectionId}`,
      });
      assert.deepEqual(Object.keys(links['verify-credentials'] ?? {}), ['type', 'url']);
      assert.deepEqual(links['retrieve-accounts'], {
        type: 'link',
        url: `/users/${user.id}/accounts?filter=connection.id.eq('${connectionId}')`,
      });
      assert.deepEqual(links['retrieve-transactions'], {
        type: 'link',
        url: `/users/${user.id}/transactions?filter=connection.id.eq('${connectionId}')`,
      });
      const connection = await getConnection(api, token, user.id, connectionId);
      assert.equal(connection.status, 'active');
      assert.equal(connection.reason, null);
      assert.equal(connection.lastUsed, job.steps[0]?.startedAt);
      assert.ok(
        connection.lastSuccessAt && connection.lastSuccessAt >= (connection.lastUsed ?? ''),
      );
      assert.ok(connection.dataAsOf && connection.dataAsOf >= (connection.lastUsed ?? ''));
      assert.equal(connection.accounts?.count, 3);
      // connections.md §1: the customer as the bank shows them (sandbox.md §3: persona 001).
      assert.deepEqual(connection.profile, gavinProfile);
      assert.deepEqual(Object.keys(connection.profile ?? {}), Object.keys(gavinProfile));
      const rows = await allTransactions(
        api,
        token,
        `/users/${user.id}/transactions?filter=connection.id.eq('${connectionId}')`,
      );
      assert.equal(rows.filter((r) => r.status === 'posted').length, 936);
      assert.equal(rows.filter((r) => r.status === 'pending').length, 2);
      assert.equal(new Set(rows.map((r) => r.id)).size, rows.length);
      const activated = await events(`connection.id.eq('${connectionId}')`);
      const types = activated.map((e) => e.eventTypeId);
      for (const type of ['connection.created', 'connection.activated', 'job.completed']) {
        assert.ok(types.includes(type), `${type} missing from ${types.join(', ')}`);
      }
    });

    test('connections.md A5: missing password, unknown institution, unknown user', async () => {
      const user = await api.createUser(token);
      const missing = await api.request('POST', `/users/${user.id}/connections`, {
        token,
        body: { loginId: 'gavinBelson', institution: { id: 'AU00000' } },
      });
      const item = assertError(missing, 400, 'parameter-not-supplied');
      assert.deepEqual(item.source, { pointer: '/password' });
      const unknown = await api.request('POST', `/users/${user.id}/connections`, {
        token,
        body: { ...gavin, institution: { id: 'AU99999' } },
      });
      assert.equal(
        assertError(unknown, 400, 'parameter-not-valid').detail,
        'Requested institution does not exist.',
      );
      const noUser = await api.request('POST', `/users/${crypto.randomUUID()}/connections`, {
        token,
        body: gavin,
      });
      assertError(noUser, 404, 'resource-not-found');
    });

    test('bad connection bodies answer 400, never 500', async () => {
      const user = await api.createUser(token);
      const cases: [unknown, number, string][] = [
        [[1, 2], 400, 'invalid-content'],
        [{ ...gavin, loginId: 42 }, 400, 'parameter-not-valid'],
        [{ ...gavin, loginId: '   ' }, 400, 'parameter-not-supplied'],
        [{ ...gavin, password: 'x'.repeat(257) }, 400, 'parameter-not-valid'],
        [{ ...gavin, institution: { id: 'hooli' } }, 400, 'parameter-not-valid'],
        [{ ...gavin, institution: 'AU00000' }, 400, 'parameter-not-valid'],
        [{ ...gavin, method: 'carrier-pigeon' }, 400, 'parameter-not-valid'],
      ];
      for (const [body, status, code] of cases) {
        const response = await api.request('POST', `/users/${user.id}/connections`, {
          token,
          body,
        });
        assertError(response, status, code);
      }
      const text = await api.request('POST', `/users/${user.id}/connections`, {
        token,
        raw: '{"loginId":',
        headers: { 'content-type': 'application/json' },
      });
      assertError(text, 400, 'invalid-content');
    });

    test('connections.md A6: the same create body twice gives one connection and one job', async () => {
      const user = await api.createUser(token);
      const first = await createConnection(api, token, user.id, gavin);
      const second = await createConnection(api, token, user.id, gavin);
      assert.equal(second, first);
      const list = await api.request<{ data: { id: string }[] }>(
        'GET',
        `/users/${user.id}/connections`,
        { token },
      );
      assert.equal(list.body.data.length, 1);
      await waitForJob(api, token, first);
    });

    test('connections.md A7, connections.md A24: bighead fails at verify-credentials with invalid-credentials', async () => {
      const user = await api.createUser(token);
      const { job, connectionId } = await connectAndSync(api, token, user.id, {
        loginId: 'bighead',
        password: 'password',
        institution: { id: 'AU00000' },
      });
      assert.equal(job.status, 'failed');
      const [verify, ...rest] = job.steps;
      assert.equal(verify?.status, 'failed');
      const result = verify?.result as Record<string, unknown>;
      assert.equal(result.code, 'invalid-credentials');
      assert.equal(result.title, 'Cannot login to target institution, check credentials.');
      assert.equal(typeof result.detail, 'string');
      assert.equal(result.detail, result.details);
      assert.match(String(result.detail), /Account is locked/);
      assert.equal(result.nextAction, 'update-credentials');
      assert.equal(result.retryable, false);
      // Fields in the spec's order (§5.1, §1), whatever order the database keeps them in.
      assert.deepEqual(Object.keys(result), [
        'code',
        'title',
        'detail',
        'details',
        'nextAction',
        'retryable',
      ]);
      for (const step of rest) assert.equal(step.status, 'pending');
      const connection = await getConnection(api, token, user.id, connectionId);
      assert.equal(connection.status, 'invalid');
      assert.equal(connection.reason?.code, 'invalid-credentials');
      assert.equal(connection.reason?.jobId, job.id);
      assert.deepEqual(Object.keys(connection.reason ?? {}), [
        'code',
        'title',
        'detail',
        'nextAction',
        'retryable',
        'occurredAt',
        'jobId',
      ]);
      assertClosedCodes(job, connection);
      const invalidated = await events(`connection.id.eq('${connectionId}')`);
      assert.ok(invalidated.some((e) => e.eventTypeId === 'connection.invalidated'));
    });

    test('connections.md A8: a wrong password, refused refresh, then a credential update restores active', async () => {
      const user = await api.createUser(token);
      // At Endframe: a rejected login pauses later connections of the same login (§7).
      const endframe = { ...gavin, institution: { id: 'ZZ00001' } };
      const { job, connectionId } = await connectAndSync(api, token, user.id, {
        ...endframe,
        password: 'wrong',
      });
      assert.equal(job.status, 'failed');
      const invalid = await getConnection(api, token, user.id, connectionId);
      assert.equal(invalid.status, 'invalid');
      assert.equal(invalid.reason?.code, 'invalid-credentials');
      assert.equal(invalid.profile, null);
      const refresh = await api.request(
        'POST',
        `/users/${user.id}/connections/${connectionId}/refresh`,
        { token },
      );
      const refused = assertError(refresh, 400, 'invalid-credentials');
      assert.match(
        refused.detail,
        new RegExp(`POST /users/${user.id}/connections/${connectionId}`),
      );
      const update = await api.request<{ id: string; type: string }>(
        'POST',
        `/users/${user.id}/connections/${connectionId}`,
        { token, body: { password: 'hooli2016' } },
      );
      assert.equal(update.status, 202, update.text);
      const updated = await waitForJob(api, token, update.body.id);
      assert.equal(updated.status, 'success', JSON.stringify(updated));
      assert.equal(updated.trigger, 'credentials-update');
      const active = await getConnection(api, token, user.id, connectionId);
      assert.equal(active.status, 'active');
      assert.equal(active.reason, null);
      // The job with the new credentials read the customer's profile.
      assert.deepEqual(active.profile, gavinProfile);
      const types = (await events(`connection.id.eq('${connectionId}')`)).map((e) => e.eventTypeId);
      assert.ok(types.includes('connection.activated'));
      assert.ok(types.includes('connection.updated'));
    });

    test('credential update errors: missing password, different login, deleted connection', async () => {
      const user = await api.createUser(token);
      const { connectionId } = await connectAndSync(api, token, user.id, gavin);
      const path = `/users/${user.id}/connections/${connectionId}`;
      assertError(
        await api.request('POST', path, { token, body: {} }),
        400,
        'parameter-not-supplied',
      );
      assertError(
        await api.request('POST', path, { token, body: { password: 'x', loginId: 'someoneElse' } }),
        400,
        'parameter-not-valid',
      );
      assert.equal((await api.request('DELETE', path, { token })).status, 204);
      assertError(
        await api.request('POST', path, { token, body: { password: 'hooli2016' } }),
        409,
        'connection-deleted',
      );
    });

    test('connections.md A9: MFA at Pied Piper — challenge, answer, success', async () => {
      const user = await api.createUser(token);
      const jobId = await createConnection(api, token, user.id, {
        loginId: 'jared',
        password: 'django',
        institution: { id: 'AU00002' },
      });
      const waiting = await waitForJob(api, token, jobId, (job) =>
        job.steps.some((s) => s.title === 'mfa-challenge'),
      );
      assert.deepEqual(
        waiting.steps.map((s) => s.title),
        ['verify-credentials', 'mfa-challenge', 'retrieve-accounts', 'retrieve-transactions'],
      );
      const mfa = waiting.steps[1];
      assert.equal(mfa?.status, 'in-progress');
      const result = mfa?.result as {
        type: string;
        method: string;
        input: string[];
        expiryMs: number;
        links: { response: string };
      };
      assert.equal(result.type, 'mfa');
      assert.equal(result.method, 'token');
      assert.deepEqual(result.input, ['OTP Password']);
      assert.equal(result.links.response, `${api.base}/jobs/${jobId}/mfa`);
      assert.equal(waiting.waitReason, 'mfa-response');
      const types = (await events(`connection.id.eq('${connectionOf(waiting)}')`)).map(
        (e) => e.eventTypeId,
      );
      assert.ok(types.includes('job.mfa-required'));
      const answer = await api.request<{ id: string }>('POST', `/jobs/${jobId}/mfa`, {
        token,
        body: { 'mfa-response': ['1234'] },
      });
      assert.equal(answer.status, 202, answer.text);
      assert.equal(answer.body.id, jobId);
      const repeat = await api.request('POST', `/jobs/${jobId}/mfa`, {
        token,
        body: { 'mfa-response': ['1234'] },
      });
      assert.equal(repeat.status, 202, repeat.text);
      const done = await waitForJob(api, token, jobId);
      assert.equal(done.status, 'success', JSON.stringify(done));
      const connection = await getConnection(api, token, user.id, connectionOf(done));
      assert.equal(connection.mfaEnabled, true);
      assert.equal(connection.smartCache.eligible, false);
      assert.equal(connection.smartCache.ineligibleReason, 'requires-user-presence');
    });

    test('connections.md A10: MFA on a job not waiting answers 409; two answers for one 400', async () => {
      const user = await api.createUser(token);
      const { job } = await connectAndSync(api, token, user.id, gavin);
      assertError(
        await api.request('POST', `/jobs/${job.id}/mfa`, {
          token,
          body: { 'mfa-response': ['1234'] },
        }),
        409,
        'mfa-not-requested',
      );
      const jobId = await createConnection(api, token, user.id, {
        loginId: 'richard',
        password: 'tabsnotspaces',
        institution: { id: 'AU00002' },
      });
      await waitForJob(api, token, jobId, (j) => j.steps.some((s) => s.title === 'mfa-challenge'));
      for (const body of [
        { 'mfa-response': ['1234', '5678'] },
        { 'mfa-response': '1234' },
        { 'mfa-response': [''] },
        {},
      ]) {
        const item = assertError(
          await api.request('POST', `/jobs/${jobId}/mfa`, { token, body }),
          400,
          'parameter-not-valid',
        );
        assert.deepEqual(item.source, { pointer: '/mfa-response' });
      }
      assertError(
        await api.request('POST', `/jobs/${crypto.randomUUID()}/mfa`, {
          token,
          body: { 'mfa-response': ['1'] },
        }),
        404,
        'resource-not-found',
      );
      const wrong = await api.request('POST', `/jobs/${jobId}/mfa`, {
        token,
        body: { 'mfa-response': ['0000'] },
      });
      assert.equal(wrong.status, 202);
      const failed = await waitForJob(api, token, jobId);
      assert.equal(failed.status, 'failed');
      assert.equal((failed.steps[1]?.result as { code: string }).code, 'invalid-mfa-response');
      assertClosedCodes(failed);
    });

    test('connections.md A12: two refreshes back to back answer the same job', async () => {
      const user = await api.createUser(token);
      const { connectionId } = await connectAndSync(api, token, user.id, gavin);
      const path = `/users/${user.id}/connections/${connectionId}/refresh`;
      const [a, b] = await Promise.all([
        api.request<{ id: string }>('POST', path, { token }),
        api.request<{ id: string }>('POST', path, { token }),
      ]);
      assert.equal(a.status, 202, a.text);
      assert.equal(b.status, 202, b.text);
      assert.equal(a.body.id, b.body.id);
      // The body is ignored: absent, empty, "", null, {} or any Content-Type (§6.1).
      for (const [contentType, body] of [
        ['text/plain', 'hello'],
        ['application/json', '""'],
        ['application/json', 'null'],
        ['application/json', '{}'],
        ['application/x-www-form-urlencoded', 'a=b'],
      ] as const) {
        const again = await api.rawRequest(
          'POST',
          path,
          { authorization: `Bearer ${token}`, 'content-type': contentType },
          body,
        );
        assert.equal(again.status, 202, `${contentType} ${body}: ${again.text}`);
        // The same job while it runs; a refresh that finds nothing new may already be done.
        const id = (again.body as { id: string }).id;
        if (id !== a.body.id) {
          assert.equal((await getJob(api, token, a.body.id)).status, 'success');
          await waitForJob(api, token, id);
        }
      }
      const job = await waitForJob(api, token, a.body.id);
      assert.equal(job.trigger, 'manual-refresh');
      assert.equal(job.status, 'success');
    });

    test('connections.md A13: a refresh of a deleted connection answers 409 connection-deleted', async () => {
      const user = await api.createUser(token);
      const { connectionId } = await connectAndSync(api, token, user.id, gavin);
      const path = `/users/${user.id}/connections/${connectionId}`;
      assert.equal((await api.request('DELETE', path, { token })).status, 204);
      assertError(
        await api.request('POST', `${path}/refresh`, { token }),
        409,
        'connection-deleted',
      );
      assertError(
        await api.request('POST', `/users/${user.id}/connections/${crypto.randomUUID()}/refresh`, {
          token,
        }),
        404,
        'resource-not-found',
      );
    });

    test('connections.md A20: delete answers 204, hides the connection and keeps its transactions', async () => {
      const user = await api.createUser(token);
      const { connectionId } = await connectAndSync(api, token, user.id, gavin);
      const txPath = `/users/${user.id}/transactions?filter=connection.id.eq('${connectionId}')`;
      const before = await allTransactions(api, token, txPath);
      const path = `/users/${user.id}/connections/${connectionId}`;
      const deleted = await api.request('DELETE', path, { token });
      assert.equal(deleted.status, 204);
      assert.equal(deleted.text, '');
      assert.equal(deleted.headers.get('content-type'), null);
      const list = await api.request<{ data: { id: string }[] }>(
        'GET',
        `/users/${user.id}/connections`,
        { token },
      );
      assert.ok(!list.body.data.some((c) => c.id === connectionId));
      const withDeleted = await api.request<{ data: { id: string }[] }>(
        'GET',
        `/users/${user.id}/connections?filter=connection.status.eq('deleted')`,
        { token },
      );
      assert.deepEqual(
        withDeleted.body.data.map((c) => c.id),
        [connectionId],
      );
      // §1 spells the field bare too.
      const bare = await api.request<{ data: { id: string }[] }>(
        'GET',
        `/users/${user.id}/connections?filter=status.eq('deleted')`,
        { token },
      );
      assert.deepEqual(
        bare.body.data.map((c) => c.id),
        [connectionId],
      );
      const connection = await getConnection(api, token, user.id, connectionId);
      assert.equal(connection.status, 'deleted');
      const afterDelete = await allTransactions(api, token, txPath);
      assert.deepEqual(afterDelete.map((t) => t.id).sort(), before.map((t) => t.id).sort());
      const accounts = await api.request<{ data: { status: string }[] }>(
        'GET',
        `/users/${user.id}/accounts?filter=connection.id.eq('${connectionId}')`,
        { token },
      );
      assert.equal(accounts.body.data.length, 3);
      assert.ok(accounts.body.data.every((a) => a.status === 'unavailable'));
      assert.equal((await api.request('DELETE', path, { token })).status, 204);
      const types = (await events(`connection.id.eq('${connectionId}')`)).map((e) => e.eventTypeId);
      assert.equal(types.filter((t) => t === 'connection.deleted').length, 1);
    });

    test('delete cancels a waiting job: its step fails with connection-deleted', async () => {
      const user = await api.createUser(token);
      const jobId = await createConnection(api, token, user.id, {
        loginId: 'jared',
        password: 'django',
        institution: { id: 'AU00002' },
      });
      const waiting = await waitForMfa(api, token, jobId);
      const path = `/users/${user.id}/connections/${connectionOf(waiting)}`;
      assert.equal((await api.request('DELETE', path, { token })).status, 204);
      const job = await getJob(api, token, jobId);
      assert.equal(job.status, 'failed');
      const failed = job.steps.find((s) => s.status === 'failed');
      assert.equal((failed?.result as { code: string }).code, 'connection-deleted');
    });

    test('connections.md A21: purge with a receipt, empties the lists, keeps the connection active', async () => {
      const user = await api.createUser(token);
      const { connectionId } = await connectAndSync(api, token, user.id, gavin);
      const filter = `filter=connection.id.eq('${connectionId}')`;
      const rows = await allTransactions(api, token, `/users/${user.id}/transactions?${filter}`);
      const path = `/users/${user.id}/connections/${connectionId}/purge`;
      assert.deepEqual(
        (await getConnection(api, token, user.id, connectionId)).profile,
        gavinProfile,
      );
      const purge = await api.request<Record<string, unknown>>('POST', path, {
        token,
        headers: { prefer: 'return=representation' },
      });
      assert.equal(purge.status, 200, purge.text);
      assert.equal(purge.body.type, 'purge-receipt');
      assert.equal(purge.body.connection, connectionId);
      assert.equal(purge.body.institution, 'AU00000');
      assert.equal(purge.body.accounts, 3);
      assert.equal(purge.body.transactions, rows.length);
      assert.equal(
        (await allTransactions(api, token, `/users/${user.id}/transactions?${filter}`)).length,
        0,
      );
      const accounts = await api.request<{ data: unknown[] }>(
        'GET',
        `/users/${user.id}/accounts?${filter}`,
        { token },
      );
      assert.equal(accounts.body.data.length, 0);
      const connection = await getConnection(api, token, user.id, connectionId);
      assert.equal(connection.status, 'active');
      assert.equal(connection.dataAsOf, null);
      assert.equal(connection.profile, null);
      const purged = (await events(`connection.id.eq('${connectionId}')`)).filter(
        (e) => e.eventTypeId === 'connection.purged',
      );
      assert.equal(purged.length, 1);
      const again = await api.request<Record<string, unknown>>('POST', path, {
        token,
        headers: { prefer: 'return=representation' },
      });
      assert.equal(again.status, 200);
      assert.equal(again.body.accounts, 0);
      assert.equal(again.body.transactions, 0);
      const plain = await api.request('POST', path, { token });
      assert.equal(plain.status, 204);
      assert.equal(
        (await events(`connection.id.eq('${connectionId}')`)).filter(
          (e) => e.eventTypeId === 'connection.purged',
        ).length,
        1,
      );
      // The next job is a first retrieval again.
      const refresh = await api.request<{ id: string }>(
        'POST',
        `/users/${user.id}/connections/${connectionId}/refresh`,
        { token },
      );
      const job = await waitForJob(api, token, refresh.body.id);
      assert.equal(job.status, 'success');
      assert.equal(
        (await allTransactions(api, token, `/users/${user.id}/transactions?${filter}`)).length,
        rows.length,
      );
      // A connection without a profile reads it again.
      assert.deepEqual(
        (await getConnection(api, token, user.id, connectionId)).profile,
        gavinProfile,
      );
    });

    test('connections.md A22: purge of a deleted connection, and during a job, answer 409', async () => {
      const user = await api.createUser(token);
      const jobId = await createConnection(api, token, user.id, {
        loginId: 'jared',
        password: 'django',
        institution: { id: 'AU00002' },
      });
      const waiting = await waitForMfa(api, token, jobId);
      const path = `/users/${user.id}/connections/${connectionOf(waiting)}`;
      assertError(await api.request('POST', `${path}/purge`, { token }), 409, 'job-in-progress');
      assert.equal((await api.request('DELETE', path, { token })).status, 204);
      const item = assertError(
        await api.request('POST', `${path}/purge`, { token }),
        409,
        'connection-deleted',
      );
      assert.match(item.detail, /not deleted/);
    });

    test('connections.md A23 (conflict half): an open-banking create next to a web connection answers 409 naming purge and delete', async () => {
      const user = await api.createUser(token);
      const { connectionId } = await connectAndSync(api, token, user.id, gavin);
      const response = await api.request('POST', `/users/${user.id}/connections`, {
        token,
        body: { institution: { id: 'AU00000' }, method: 'open-banking' },
      });
      const item = assertError(response, 409, 'connection-method-conflict');
      assert.ok(item.detail.includes(connectionId));
      assert.match(item.detail, /purge[\s\S]*delete/);
      assert.deepEqual(item.source, { pointer: '/institution/id' });
    });

    test('jobs list: newest first, filtered by connection, paginated', async () => {
      const user = await api.createUser(token);
      const { connectionId, job } = await connectAndSync(api, token, user.id, gavin);
      const refresh = await api.request<{ id: string }>(
        'POST',
        `/users/${user.id}/connections/${connectionId}/refresh`,
        { token },
      );
      await waitForJob(api, token, refresh.body.id);
      const list = await api.request<{
        data: Job[];
        size: number;
        count: number;
        links: { next?: string };
      }>('GET', `/users/${user.id}/jobs?limit=1`, { token });
      assert.equal(list.status, 200, list.text);
      assert.equal(list.body.size, 2);
      assert.equal(list.body.count, 1);
      assert.equal(list.body.data[0]?.id, refresh.body.id);
      const next = list.body.links.next;
      assert.ok(next);
      const second = await api.request<{ data: Job[] }>('GET', next.slice(api.base.length), {
        token,
      });
      assert.equal(second.body.data[0]?.id, job.id);
      const byConnection = await api.request<{ data: Job[] }>(
        'GET',
        `/users/${user.id}/connections/${connectionId}/jobs?filter=job.trigger.eq('create')`,
        { token },
      );
      assert.deepEqual(
        byConnection.body.data.map((j) => j.id),
        [job.id],
      );
    });
  });
}
