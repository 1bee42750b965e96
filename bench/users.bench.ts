import { throughputAgainstBaseline } from './http-load.ts';
import { Api, benchEnv, result, startServe, type Bench } from './support.ts';

const samples = 5;
const durationMs = 3_000;
const concurrency = 16;

/** `users.get.throughput`: `GET /users/{id}` with a valid token, against a bare node:http baseline. */
export const usersBench: Bench = async (context) => {
  const server = await startServe(
    await benchEnv(context, { TRIBUTARY_RATE_LIMIT_PER_MINUTE: '100000000' }),
  );
  try {
    const api = await Api.signIn(server.url);
    const user = await api.call<{ id: string }>('POST', '/users', {
      email: 'bench@example.test',
      firstName: 'Bench',
      lastName: 'User',
    });
    const { values, baselines } = await throughputAgainstBaseline(
      `${server.url}/users/${user.id}`,
      api.headers,
      { samples, durationMs, concurrency },
    );
    return [result('users.get.throughput', context.driver, values, 'req/s', baselines)];
  } finally {
    await server.stop();
  }
};
