import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { renderConfig } from '../../src/cli/commands/config.ts';
import { loadConfig } from '../../src/config/load.ts';
import { settingGroups, settings } from '../../src/config/schema.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tributary-config-command-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function workdir(): string {
  return mkdtempSync(join(scratch, 'wd-'));
}

const ADMIN_TOKEN = 'Adm1n-Token-Canary-0123456789abcdefghij';
const API_KEY = 'Api-Key-Canary-0123456789abcdefghijklmnop';

type JsonOutput = Record<string, { value: string | null; source: string }>;

function renderJson(env: Record<string, string>, cwd = workdir()): JsonOutput {
  const out = renderConfig(loadConfig(env, { cwd }), { json: true });
  assert.equal(out.exitCode, 0, out.stderr);
  assert.equal(out.stdout.split('\n').length, 2, 'one line and its newline');
  return JSON.parse(out.stdout) as JsonOutput;
}

/** The data rows of the human table: NAME, VALUE, SOURCE. */
function tableRows(stdout: string): Map<string, { value: string; source: string }> {
  const rows = new Map<string, { value: string; source: string }>();
  for (const line of stdout.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]+)\s{2,}(.+?)\s{2,}(env|file|default|generated)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined && match[3] !== undefined) {
      rows.set(match[1], { value: match[2], source: match[3] });
    }
  }
  return rows;
}

test('operations.md A10: every setting shown, admin token and API key redacted', () => {
  const cwd = workdir();
  const result = loadConfig(
    { TRIBUTARY_ADMIN_TOKEN: ADMIN_TOKEN, TRIBUTARY_API_KEY: API_KEY },
    { cwd },
  );
  const human = renderConfig(result, { json: false });
  assert.equal(human.exitCode, 0);
  assert.equal(human.stderr, '');
  assert.match(human.stdout.split('\n')[0] ?? '', /^NAME\s+VALUE\s+SOURCE$/);
  const rows = tableRows(human.stdout);
  assert.deepEqual(
    [...rows.keys()],
    settings.map((s) => s.name),
    'every setting, in order',
  );
  assert.deepEqual(rows.get('TRIBUTARY_ADMIN_TOKEN'), { value: '[redacted]', source: 'env' });
  assert.deepEqual(rows.get('TRIBUTARY_API_KEY'), { value: '[redacted]', source: 'env' });
  assert.deepEqual(rows.get('TRIBUTARY_METRICS_TOKEN'), { value: '(not set)', source: 'default' });
  assert.deepEqual(rows.get('PORT'), { value: '8080', source: 'default' });
  assert.deepEqual(rows.get('TRIBUTARY_DATA_DIR'), {
    value: join(cwd, '.tributary'),
    source: 'default',
  });

  const json = renderConfig(result, { json: true });
  for (const output of [human.stdout, json.stdout]) {
    assert.ok(!output.includes(ADMIN_TOKEN), 'admin token leaked');
    assert.ok(!output.includes(API_KEY), 'API key leaked');
  }
  const object = JSON.parse(json.stdout) as JsonOutput;
  assert.deepEqual(
    Object.keys(object),
    settings.map((s) => s.name),
  );
  assert.deepEqual(object.TRIBUTARY_ADMIN_TOKEN, { value: '[redacted]', source: 'env' });
  assert.deepEqual(object.TRIBUTARY_API_KEY, { value: '[redacted]', source: 'env' });
  assert.deepEqual(object.TRIBUTARY_ENCRYPTION_KEY, { value: null, source: 'default' });
  assert.deepEqual(object.PORT, { value: '8080', source: 'default' });
});

test('operations.md A10: DATABASE_URL is shown without its password', () => {
  const env = { DATABASE_URL: 'postgres://u:pw123@h/db' };
  const object = renderJson(env);
  assert.deepEqual(object.DATABASE_URL, { value: 'postgres://u:[redacted]@h/db', source: 'env' });
  const human = renderConfig(loadConfig(env, { cwd: workdir() }), { json: false });
  assert.ok(!human.stdout.includes('pw123'));
  assert.equal(tableRows(human.stdout).get('DATABASE_URL')?.value, 'postgres://u:[redacted]@h/db');
});

test('the human table is grouped by the headings of §7.2', () => {
  const out = renderConfig(loadConfig({}, { cwd: workdir() }), { json: false });
  const lines = out.stdout.split('\n');
  const headings = lines.filter((line, i) => lines[i - 1] === '' && line !== '');
  assert.deepEqual(headings, [...settingGroups]);
  const afterSandbox = lines[lines.indexOf('Sandbox') + 1] ?? '';
  assert.match(afterSandbox, /^TRIBUTARY_SANDBOX\s/);
});

test('sources: env, file, default and generated', () => {
  const cwd = workdir();
  writeFileSync(join(cwd, 'conf.env'), 'TRIBUTARY_LOG_LEVEL=debug\n');
  const object = renderJson({ TRIBUTARY_CONFIG_FILE: 'conf.env', PORT: '9000' }, cwd);
  assert.deepEqual(object.PORT, { value: '9000', source: 'env' });
  assert.deepEqual(object.TRIBUTARY_LOG_LEVEL, { value: 'debug', source: 'file' });
  assert.deepEqual(object.TRIBUTARY_PUBLIC_URL, {
    value: 'http://localhost:9000',
    source: 'default',
  });
  assert.deepEqual(object.TRIBUTARY_CONFIG_FILE, { value: join(cwd, 'conf.env'), source: 'env' });
  // Embedded outside production: a token is generated at each start (§6).
  assert.deepEqual(object.TRIBUTARY_ADMIN_TOKEN, { value: '[redacted]', source: 'generated' });
  // No master.key yet: nothing is in force until the first start generates one.
  assert.deepEqual(object.TRIBUTARY_ENCRYPTION_KEY, { value: null, source: 'default' });
});

test('TRIBUTARY_ENCRYPTION_KEY is generated when {data}/master.key exists', () => {
  const cwd = workdir();
  const result = loadConfig({ TRIBUTARY_DATA_DIR: 'data' }, { cwd });
  const show = (dataDir?: string): JsonOutput =>
    JSON.parse(
      renderConfig(result, { json: true, ...(dataDir ? { dataDir } : {}) }).stdout,
    ) as JsonOutput;
  assert.deepEqual(show().TRIBUTARY_ENCRYPTION_KEY, { value: null, source: 'default' });
  assert.deepEqual(readdirSync(cwd), [], 'config creates no data directory');

  mkdirSync(join(cwd, 'data'));
  writeFileSync(join(cwd, 'data', 'master.key'), `${Buffer.alloc(32).toString('base64')}\n`);
  assert.deepEqual(show().TRIBUTARY_ENCRYPTION_KEY, { value: '[redacted]', source: 'generated' });
  // options.dataDir overrides where master.key is looked for.
  assert.deepEqual(show(workdir()).TRIBUTARY_ENCRYPTION_KEY, { value: null, source: 'default' });
});

test('PostgreSQL mode without an admin token shows it as not set', () => {
  const object = renderJson({ DATABASE_URL: 'postgresql://db/t' });
  assert.deepEqual(object.TRIBUTARY_ADMIN_TOKEN, { value: null, source: 'default' });
  const human = renderConfig(
    loadConfig({ DATABASE_URL: 'postgresql://db/t' }, { cwd: workdir() }),
    {
      json: false,
    },
  );
  assert.deepEqual(tableRows(human.stdout).get('TRIBUTARY_ADMIN_TOKEN'), {
    value: '(not set)',
    source: 'default',
  });
});

test('an invalid configuration exits 78 with the problem block on stderr', () => {
  const out = renderConfig(
    loadConfig({ PORT: 'eighty', TRIBUTARY_API_KEY: 'short' }, { cwd: workdir() }),
    {
      json: true,
    },
  );
  assert.equal(out.exitCode, 78);
  assert.equal(out.stdout, '');
  assert.equal(
    out.stderr,
    'tributary: invalid configuration (2 problems)\n' +
      '  PORT: must be an integer from 1 to 65535, got "eighty"\n' +
      '  TRIBUTARY_API_KEY: must be 32 to 256 printable ASCII characters (0x21-0x7E, no spaces), got 5 characters\n',
  );
});

test('unknown settings are reported on stderr, output unchanged', () => {
  const out = renderConfig(loadConfig({ TRIBUTARY_SMARTCACHE: 'off' }, { cwd: workdir() }), {
    json: true,
  });
  assert.equal(out.exitCode, 0);
  assert.equal(
    out.stderr,
    'tributary: warning: unknown setting TRIBUTARY_SMARTCACHE (did you mean TRIBUTARY_SMART_CACHE?)\n',
  );
  assert.ok(!out.stdout.includes('TRIBUTARY_SMARTCACHE'));
});
