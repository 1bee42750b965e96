// Ingestion benches (issue: connections engine): a full first sync of the 100,000-transaction
// persona (`ingest.transactions`), and as a ratio to a raw COPY of the same rows into the same
// database in the same run; the bank calls and server CPU of an unchanged refresh; the server's
// peak RSS during the big sync.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { Api, benchEnv, result, startServe, type Bench, type BenchResult } from './support.ts';

const warmUpRefreshes = 100;
const refreshesPerSample = 10;
const columns = `id, user_id, account_id, connection_id, institution_id, account_created_at, bank_key,
  status, description, amount, currency, balance, class, transaction_date, post_date, sort_date,
  payment_details, pending_transaction_id, created_at, updated_at`;

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

/** Peak resident set size of a process in MiB (VmHWM). */
function peakRssMiB(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

/** Requests the server answered on the sandbox web bank's routes, from `/metrics`. */
async function bankRequests(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (
      !line.startsWith('tributary_http_requests_total{') ||
      !line.includes('route="/sandbox/web/')
    )
      continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

export const syncBench: Bench = async (context) => {
  const env = await benchEnv(context, {
    TRIBUTARY_REFRESH_LIMIT_WEB_PER_DAY: '1000',
    TRIBUTARY_LOG_LEVEL: 'warn',
  });
  const dataDir = env.TRIBUTARY_DATA_DIR ?? '';
  const databaseUrl = env.DATABASE_URL ?? null;
  const server = await startServe(env);
  const out: BenchResult[] = [];
  let syncSeconds = 0;
  try {
    const api = await Api.signIn(server.url);
    const user = await api.call<{ id: string }>('POST', '/users', { email: 'bench@example.test' });

    // An unchanged refresh of a small persona: bank calls and the server's CPU. Measured before
    // the big sync, whose aftermath (the collector shrinking a heap that held 100,000 rows) would
    // otherwise be counted against whichever refreshes happen to follow it.
    const small = await api.call<{ id: string }>('POST', `/users/${user.id}/connections`, {
      loginId: 'gavinBelson',
      password: 'hooli2016',
      institution: { id: 'AU00000' },
    });
    await api.waitForJob(small.id);
    const connectionId = (
      await api.call<{ links: { source: string } }>('GET', `/jobs/${small.id}`)
    ).links.source
      .split('/')
      .at(-1);
    const refresh = async () => {
      const job = await api.call<{ id: string }>(
        'POST',
        `/users/${user.id}/connections/${connectionId}/refresh`,
      );
      await api.waitForJob(job.id);
    };
    // Warm-up first: what is measured is a running server's refresh, not the compiler's first
    // looks at its code (V8 keeps compiling the refresh path, on its helper threads, over the
    // first hundred or so refreshes).
    for (let i = 0; i < warmUpRefreshes; i++) await refresh();
    const calls: number[] = [];
    const cpu: number[] = [];
    for (let sample = 0; sample < 5; sample++) {
      // CPU time is counted in 10 ms ticks: a sample is the mean over a few refreshes.
      const requestsBefore = await bankRequests(server.url);
      const cpuBefore = cpuSeconds(server.pid);
      for (let i = 0; i < refreshesPerSample; i++) await refresh();
      cpu.push(((cpuSeconds(server.pid) - cpuBefore) * 1000) / refreshesPerSample);
      calls.push(((await bankRequests(server.url)) - requestsBefore) / refreshesPerSample);
    }

    // The big first sync, timed from the request to the job's success.
    const started = process.hrtime.bigint();
    const job = await api.call<{ id: string }>('POST', `/users/${user.id}/connections`, {
      loginId: 'scenario-huge',
      password: 'tributary',
      institution: { id: 'ZZ00001' },
    });
    await api.waitForJob(job.id);
    syncSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rss = peakRssMiB(server.pid);
    out.push(result('refresh.unchanged.bank_calls', context.driver, calls, 'requests'));
    out.push(result('refresh.unchanged.server_cpu', context.driver, cpu, 'ms'));
    out.push(result('sync.first.huge.peak_rss', context.driver, [rss], 'MiB'));
  } finally {
    await server.stop();
  }

  // The baseline: the same 100,000 rows, copied raw into the same database.
  const copySeconds = databaseUrl
    ? await copyPostgres(databaseUrl, context.tempDir())
    : await copyEmbedded(dataDir);
  out.unshift(
    // operations.md §14's name for the first sync, and the same figure against a raw COPY.
    result('ingest.transactions', context.driver, [100_000 / syncSeconds], 'rows/s'),
    result('sync.first.huge', context.driver, [100_000 / syncSeconds], 'rows/s', [
      100_000 / copySeconds,
    ]),
  );
  return out;
};

/**
 * Seconds to COPY the stored transactions, exported as CSV, into an empty copy of the table:
 * psql's `\copy`, i.e. `COPY … FROM STDIN` over the same connection kind the server uses.
 */
async function copyPostgres(url: string, dir: string): Promise<number> {
  const file = join(dir, 'transactions.csv');
  const psql = (command: string) => {
    const run = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', command], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`psql failed: ${run.stderr}`);
  };
  psql(
    `\\copy (SELECT ${columns.replace(/\s+/g, ' ')} FROM transactions) TO '${file}' WITH (FORMAT csv)`,
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE bench_copy (LIKE transactions INCLUDING ALL)');
  } finally {
    await client.end();
  }
  const started = process.hrtime.bigint();
  psql(`\\copy bench_copy (${columns.replace(/\s+/g, ' ')}) FROM '${file}' WITH (FORMAT csv)`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function copyEmbedded(dataDir: string): Promise<number> {
  const db = await PGlite.create({ dataDir: join(dataDir, 'pgdata') });
  try {
    const exported = await db.query(
      `COPY (SELECT ${columns} FROM transactions) TO '/dev/blob' WITH (FORMAT csv)`,
    );
    const blob = exported.blob;
    if (!blob) throw new Error('PGlite exported no blob');
    writeFileSync(join(dataDir, 'transactions.csv'), Buffer.from(await blob.arrayBuffer()));
    await db.exec('CREATE TABLE bench_copy (LIKE transactions INCLUDING ALL)');
    const started = process.hrtime.bigint();
    await db.query(`COPY bench_copy (${columns}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob,
    });
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await db.close();
  }
}
