import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { measureThroughput } from './http-load.ts';
import { freePort, result, startServe, type Bench } from './support.ts';

const samples = 5;
const durationMs = 3_000;
const concurrency = 16;
const apiKey = 'bench-api-key-0123456789-abcdefghijklmnopq';

/** A bare node:http server answering one fixed JSON body: the ceiling of any Node HTTP service. */
async function startBaseline(body: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const script = `require('node:http').createServer((q, s) => { s.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }); s.end(process.env.BODY); }).listen(${port}, '127.0.0.1', () => process.stdout.write('ready\\n'));`;
  const child = spawn(process.execPath, ['-e', script], {
    env: { BODY: body },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

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
    const userUrl = `${server.url}/users/${user.id}`;
    const body = await (await fetch(userUrl, { headers })).text();
    const baseline = await startBaseline(body);
    try {
      const values: number[] = [];
      const baselines: number[] = [];
      await measureThroughput(userUrl, { headers, concurrency, durationMs: 1_000 });
      await measureThroughput(baseline.url, { concurrency, durationMs: 1_000 });
      // Alternate the two so that machine noise falls on both alike.
      for (let i = 0; i < samples; i++) {
        values.push(await measureThroughput(userUrl, { headers, concurrency, durationMs }));
        baselines.push(await measureThroughput(baseline.url, { concurrency, durationMs }));
      }
      return [result('users.get.throughput', context.driver, values, 'req/s', baselines)];
    } finally {
      await baseline.stop();
    }
  } finally {
    await server.stop();
  }
};
