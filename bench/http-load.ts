import { Agent, request } from 'node:http';

/**
 * A fixed-concurrency keep-alive load against one URL for `durationMs`; returns requests per
 * second of 2xx answers. The same client measures Tributary and its baseline, so the ratio is fair.
 */
export async function measureThroughput(
  url: string,
  options: { headers?: Record<string, string>; concurrency: number; durationMs: number },
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const target = new URL(url);
  let completed = 0;
  let failed = 0;
  const deadline = Date.now() + options.durationMs;
  const one = () =>
    new Promise<void>((resolve) => {
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          headers: options.headers,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if ((res.statusCode ?? 0) < 300) completed++;
            else failed++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed++;
        resolve();
      });
      req.end();
    });
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (Date.now() < deadline) await one();
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  if (failed > 0 && completed === 0) throw new Error(`every request failed (${failed})`);
  return completed / seconds;
}
