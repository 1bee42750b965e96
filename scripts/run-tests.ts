// The test runner behind `npm test` (after type-check, lint and format check): prepares one
// migrated template per driver, then runs every test file once with node:test.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import pg from 'pg';
import { PgBossJobQueue } from '../src/jobs/queue.ts';
import { openEmbeddedDatabase } from '../src/storage/drivers/embedded.ts';
import { openPostgresDatabase } from '../src/storage/drivers/postgres.ts';
import { migrate } from '../src/storage/migrate.ts';

const requested = process.env.TRIBUTARY_TEST_DB ?? '';
const serverUrl =
  process.env.TRIBUTARY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const runId = `r${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const scratch = mkdtempSync(join(tmpdir(), 'tributary-test-'));

if (!['', 'embedded', 'postgres', 'both'].includes(requested)) {
  console.error(`TRIBUTARY_TEST_DB must be embedded, postgres or both, got "${requested}"`);
  process.exit(2);
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function prepareEmbedded(): Promise<string> {
  const db = await openEmbeddedDatabase({ dataDir: 'memory://' });
  await migrate(db);
  const queue = new PgBossJobQueue(db);
  await queue.start();
  await queue.close();
  const path = join(scratch, 'embedded-snapshot.tar.gz');
  writeFileSync(path, Buffer.from(await (await db.dumpSnapshot()).arrayBuffer()));
  await db.close();
  return path;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function preparePostgres(): Promise<string> {
  const name = `tributary_tpl_${runId}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = openPostgresDatabase({ url: url.toString(), poolMax: 2 });
  await migrate(db);
  const queue = new PgBossJobQueue(db);
  await queue.start();
  await queue.close();
  await db.close();
  return name;
}

async function dropRunDatabases(): Promise<string[]> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`tributary\\_%\\_${runId}%`],
    );
    for (const { datname } of rows)
      await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

function testFiles(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...testFiles(path));
    else if (entry.endsWith('.test.ts')) out.push(relative(process.cwd(), path));
  }
  return out.sort();
}

const reachable = requested === 'embedded' ? false : await postgresAnswers();
if (requested === 'postgres' || requested === 'both') {
  if (!reachable) {
    console.error(
      `TRIBUTARY_TEST_DB=${requested} but PostgreSQL does not answer at ${serverUrl.replace(/:[^:@/]*@/, ':[redacted]@')}`,
    );
    process.exit(1);
  }
}
const drivers =
  requested === 'embedded'
    ? ['embedded']
    : requested === 'postgres'
      ? ['postgres']
      : reachable
        ? ['embedded', 'postgres']
        : ['embedded'];

const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  TRIBUTARY_TEST_DRIVERS: drivers.join(','),
  TRIBUTARY_TEST_RUN_ID: runId,
  TRIBUTARY_TEST_DATABASE_URL: serverUrl,
};
if (drivers.includes('embedded')) env.TRIBUTARY_TEST_SNAPSHOT = await prepareEmbedded();
if (drivers.includes('postgres')) env.TRIBUTARY_TEST_TEMPLATE_DB = await preparePostgres();

const files =
  process.argv.slice(2).length > 0
    ? process.argv.slice(2)
    : [...testFiles('src'), ...testFiles('test'), ...testFiles('packages')];
const concurrency = process.env.TRIBUTARY_TEST_CONCURRENCY ?? '2';
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec',
    ...files,
  ],
  { stdio: 'inherit', env },
);
const code: number = await new Promise((resolve) =>
  child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))),
);

if (drivers.includes('postgres')) {
  if (code === 0) await dropRunDatabases();
  else {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`tributary\\_%\\_${runId}%`],
    );
    await client.end();
    console.error(
      `Kept the PostgreSQL databases of this failed run for inspection: ${rows.map((r) => r.datname).join(', ')}`,
    );
  }
}
if (code === 0) rmSync(scratch, { recursive: true, force: true });
console.log(`drivers: ${drivers.join(', ')}`);
if (!drivers.includes('postgres')) {
  console.log(
    'The PostgreSQL matrix did not run: no PostgreSQL answered at TRIBUTARY_TEST_DATABASE_URL.',
  );
}
process.exit(code);
