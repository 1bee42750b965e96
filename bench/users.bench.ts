import { join } from 'node:path';
import { throughputAgainstBaseline } from './http-load.ts';
import { result, startServe, type Bench } from './support.ts';

const samples = 5;
const durationMs = 3_000;
const concurrency = 16;
const apiKey = 'bench-api-key-0123456789-abcdefghijklmnopq';

/** `users.get.throughput`: `GET /users/{id}` with a valid token, against a bare node:http baseline. */
export const usersBench: Bench = async (context) => {
  const env: Record<string, string> = {
    TRIBUTARY_DATA_DIR: join(context.tempDir(), 'data'),
    TRIBUTARY_API_KEY: apiKey,
    TRIBUTARY_ENCRYPTION_KEY: 'LS3nO6bS2q1o3JxKfGlrH2x8wzqjPZ1c9pXc3yH9T6c=',
    TRIBUTARY_RATE_LIMIT_PER_MINUTE: '100000000',
  };
  if (context.driver === 'postgres') env.DATABASE_URL = await context.createDatabase();
  const server = await startServe(env);
  try {
    const tokenResponse = await fetch(`${server.url}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${apiKey}`, 'basiq-version': '3.0' },
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const headers = { authorization: `Bearer ${token}` };
    const created = await fetch(`${server.url}/users`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.test', firstName: 'Bench', lastName: 'User' }),
    });
    const user = (await created.json()) as { id: string };
    const { values, baselines } = await throughputAgainstBaseline(
      `${server.url}/users/${user.id}`,
      headers,
      { samples, durationMs, concurrency },
    );
    return [result('users.get.throughput', context.driver, values, 'req/s', baselines)];
  } finally {
    await server.stop();
  }
};
