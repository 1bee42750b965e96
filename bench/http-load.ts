import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { freePort } from './support.ts';

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

/**
 * A bare node:http server answering one fixed JSON body (read from its stdin: a page can exceed
 * what an environment variable holds): the ceiling of any Node HTTP service.
 */
async function startBaseline(body: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const script = `let body = ''; process.stdin.setEncoding('utf8'); process.stdin.on('data', (d) => (body += d)).on('end', () => require('node:http').createServer((q, s) => { s.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }); s.end(body); }).listen(${port}, '127.0.0.1', () => process.stdout.write('ready\\n')));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(body);
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

/**
 * Requests per second of `url` against a bare node:http server answering its body: a warm-up of
 * each, then `samples` of each in turns, so that machine noise falls on both alike.
 */
export async function throughputAgainstBaseline(
  url: string,
  headers: Record<string, string>,
  options: { samples: number; durationMs: number; concurrency: number },
): Promise<{ values: number[]; baselines: number[] }> {
  const body = await (await fetch(url, { headers })).text();
  const baseline = await startBaseline(body);
  try {
    const { concurrency, durationMs } = options;
    await measureThroughput(url, { headers, concurrency, durationMs: 1_000 });
    await measureThroughput(baseline.url, { concurrency, durationMs: 1_000 });
    const values: number[] = [];
    const baselines: number[] = [];
    for (let i = 0; i < options.samples; i++) {
      values.push(await measureThroughput(url, { headers, concurrency, durationMs }));
      baselines.push(await measureThroughput(baseline.url, { concurrency, durationMs }));
    }
    return { values, baselines };
  } finally {
    await baseline.stop();
  }
}
