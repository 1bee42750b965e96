// `npm run bench`: runs every bench on the embedded driver and, when TRIBUTARY_TEST_DB asks for
// PostgreSQL and one answers, on PostgreSQL too. Prints one JSON object per line on stdout and
// nothing else there (operations.md §14); progress goes to stderr.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startBench } from './start.bench.ts';
import { syncBench } from './sync.bench.ts';
import { transactionsBench } from './transactions.bench.ts';
import { usersBench } from './users.bench.ts';
import type { Bench, BenchContext, Driver } from './support.ts';

const benches: Record<string, Bench> = {
  start: startBench,
  users: usersBench,
  transactions: transactionsBench,
  sync: syncBench,
};

const serverUrl =
  process.env.TRIBUTARY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const wanted = process.env.TRIBUTARY_TEST_DB ?? '';
const runId = `b${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const scratch = mkdtempSync(join(tmpdir(), 'tributary-bench-'));
const created: string[] = [];

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function postgresAnswers(): Promise<boolean> {
  return admin(async (client) => (await client.query('SELECT 1')).rowCount === 1).catch(
    () => false,
  );
}

function context(driver: Driver): BenchContext {
  let dirs = 0;
  return {
    driver,
    tempDir: () => mkdtempSync(join(scratch, `${driver}-${dirs++}-`)),
    async createDatabase() {
      const name = `tributary_bench_${runId}_${created.length}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      created.push(name);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
  };
}

const drivers: Driver[] = ['embedded'];
if ((wanted === 'postgres' || wanted === 'both') && (await postgresAnswers()))
  drivers.push('postgres');
const only = process.argv.slice(2);

try {
  for (const driver of drivers) {
    for (const [name, bench] of Object.entries(benches)) {
      if (only.length > 0 && !only.includes(name)) continue;
      process.stderr.write(`bench ${name} on ${driver}…\n`);
      for (const line of await bench(context(driver)))
        process.stdout.write(`${JSON.stringify(line)}\n`);
    }
  }
} finally {
  if (created.length > 0) {
    await admin(async (client) => {
      for (const name of created)
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  }
  rmSync(scratch, { recursive: true, force: true });
}
