// `transactions.list.throughput` (operations.md §14): `GET /users/{id}/transactions` pages of 500
// of a synced sandbox persona, against a bare node:http server answering the same page.
import { throughputAgainstBaseline } from './http-load.ts';
import { Api, benchEnv, result, startServe, type Bench } from './support.ts';

const samples = 5;
const durationMs = 3_000;
const concurrency = 4;

export const transactionsBench: Bench = async (context) => {
  const server = await startServe(
    await benchEnv(context, { TRIBUTARY_RATE_LIMIT_PER_MINUTE: '100000000' }),
  );
  try {
    const api = await Api.signIn(server.url);
    const user = await api.call<{ id: string }>('POST', '/users', { email: 'bench@example.test' });
    // richard: 8 accounts, 2,457 posted transactions (sandbox.md §3).
    const job = await api.call<{ id: string }>('POST', `/users/${user.id}/connections`, {
      loginId: 'richard',
      password: 'tabsnotspaces',
      institution: { id: 'AU00000' },
    });
    await api.waitForJob(job.id);
    const path = `/users/${user.id}/transactions?limit=500`;
    const page = await api.call<{ data: unknown[] }>('GET', path);
    if (page.data.length !== 500) throw new Error(`a page of ${page.data.length}, not 500`);
    const { values, baselines } = await throughputAgainstBaseline(
      `${server.url}${path}`,
      api.headers,
      { samples, durationMs, concurrency },
    );
    return [result('transactions.list.throughput', context.driver, values, 'req/s', baselines)];
  } finally {
    await server.stop();
  }
};
