// `transactions.list.throughput` (operations.md §14): `GET /users/{id}/transactions` pages of 500
// of a synced sandbox persona, against a bare node:http server answering the same page.
import { join } from 'node:path';
import { throughputAgainstBaseline } from './http-load.ts';
import { result, startServe, type Bench } from './support.ts';

const samples = 5;
const durationMs = 3_000;
const concurrency = 4;
const apiKey = 'bench-api-key-0123456789-abcdefghijklmnopq';

export const transactionsBench: Bench = async (context) => {
  const env: Record<string, string> = {
    TRIBUTARY_DATA_DIR: join(context.tempDir(), 'data'),
    TRIBUTARY_API_KEY: apiKey,
    TRIBUTARY_ENCRYPTION_KEY: 'LS3nO6bS2q1o3JxKfGlrH2x8wzqjPZ1c9pXc3yH9T6c=',
    TRIBUTARY_RATE_LIMIT_PER_MINUTE: '100000000',
  };
  if (context.driver === 'postgres') env.DATABASE_URL = await context.createDatabase();
  const server = await startServe(env);
  try {
    const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
      const response = await fetch(`${server.url}${path}`, init);
      const text = await response.text();
      if (response.status >= 400) throw new Error(`${path}: ${response.status} ${text}`);
      return JSON.parse(text) as T;
    };
    const { access_token: token } = await call<{ access_token: string }>('/token', {
      method: 'POST',
      headers: { authorization: `Basic ${apiKey}`, 'basiq-version': '3.0' },
    });
    const headers = { authorization: `Bearer ${token}` };
    const json = { ...headers, 'content-type': 'application/json' };
    const user = await call<{ id: string }>('/users', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'bench@example.test' }),
    });
    // richard: 8 accounts, 2,457 posted transactions (sandbox.md §3).
    const job = await call<{ id: string }>(`/users/${user.id}/connections`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        loginId: 'richard',
        password: 'tabsnotspaces',
        institution: { id: 'AU00000' },
      }),
    });
    for (;;) {
      const { status } = await call<{ status: string }>(`/jobs/${job.id}`, { headers });
      if (status === 'success') break;
      if (status === 'failed') throw new Error(`job ${job.id} failed`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const url = `${server.url}/users/${user.id}/transactions?limit=500`;
    const page = await call<{ data: unknown[] }>(url.slice(server.url.length), { headers });
    if (page.data.length !== 500) throw new Error(`a page of ${page.data.length}, not 500`);
    const { values, baselines } = await throughputAgainstBaseline(url, headers, {
      samples,
      durationMs,
      concurrency,
    });
    return [result('transactions.list.throughput', context.driver, values, 'req/s', baselines)];
  } finally {
    await server.stop();
  }
};
