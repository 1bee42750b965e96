import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { formatProblems, loadConfig } from './load.ts';
import type { Config, LoadResult } from './load.ts';
import { settings } from './schema.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tributary-config-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A fresh, empty working directory for one test. */
function workdir(): string {
  return mkdtempSync(join(scratch, 'wd-'));
}

function load(env: Record<string, string>, cwd = workdir()): LoadResult {
  return loadConfig(env, { cwd });
}

function valid(
  env: Record<string, string>,
  cwd = workdir(),
): { config: Config; warnings: string[] } {
  const result = load(env, cwd);
  assert.ok(result.ok, result.ok ? '' : formatProblems(result.problems));
  return { config: result.config, warnings: result.warnings };
}

function problems(env: Record<string, string>, cwd = workdir()): string[] {
  const result = load(env, cwd);
  assert.ok(!result.ok, 'expected configuration problems');
  return result.problems;
}

const KEY = Buffer.alloc(32, 9).toString('base64');
const TOKEN = 'admin-token-0123456789-abcdefghijklmnop';
const API_KEY = 'api-key-0123456789-abcdefghijklmnopqrstu';

test('an empty environment gives the defaults of §7.2 and touches nothing on disk', () => {
  const cwd = workdir();
  const { config, warnings } = valid({}, cwd);
  assert.deepEqual(warnings, []);
  assert.equal(config.nodeEnv, null);
  assert.equal(config.production, false);
  assert.equal(config.configFile, null);
  assert.deepEqual(config.server, {
    port: 8080,
    host: '127.0.0.1',
    publicUrl: 'http://localhost:8080',
    trustProxy: false,
    shutdownGraceS: 25,
    logLevel: 'info',
    metricsToken: null,
  });
  assert.deepEqual(config.database, { mode: 'embedded', url: null, poolMax: 10 });
  assert.equal(config.dataDir, join(cwd, '.tributary'));
  assert.deepEqual(config.worker, { enabled: true, concurrency: 4, pollS: 1 });
  assert.deepEqual(config.security, {
    apiKey: null,
    adminToken: null,
    encryptionKey: null,
    previousKeys: [],
  });
  assert.equal(config.sandbox.enabled, true);
  assert.equal(config.sandbox.baseUrl, 'http://127.0.0.1:8080');
  assert.equal(config.sandbox.maxConnections, 500);
  assert.equal(config.sandbox.cdrHolderKey, null);
  assert.equal(config.connections.staleAfterS, 172800);
  assert.equal(config.connections.initialHistoryDays, 730);
  assert.equal(config.smartCache.intervalS, 86400);
  assert.deepEqual(config.bankLoad.disabledInstitutions, []);
  assert.deepEqual(config.bankLoad.institutionLimits, {});
  assert.equal(config.bankLoad.reserve, 0.2);
  assert.equal(config.openBanking.clientId, 'tributary');
  assert.deepEqual(config.openBanking.holders, []);
  assert.deepEqual(config.openBanking.smartCacheWindow, { startMinute: 0, endMinute: 360 });
  assert.equal(config.webhooks.allowPrivate, true, 'embedded and not production');
  assert.deepEqual(config.webhooks.retryScheduleS, [0, 5, 300, 1800, 7200, 18000, 36000, 36000]);
  assert.deepEqual(config.retention, {
    jobDays: 90,
    eventDays: 90,
    changeFeedDays: 90,
    bankLedgerDays: 30,
  });
  assert.deepEqual(config.api, {
    tokenTtlS: 3600,
    idempotencyTtlS: 86400,
    rateLimitPerMinute: 6000,
    clientRateLimitPerMinute: 600,
    tokenRateLimitPer5Min: 1500,
    corsOrigins: '*',
    bodyLimitBytes: 1048576,
    requestTimeoutS: 30,
    pendingMatchDays: 10,
  });
  assert.deepEqual(
    config.settings.map((s) => s.name),
    settings.map((s) => s.name),
  );
  const notDefault = config.settings.filter((s) => s.source !== 'default');
  assert.deepEqual(
    notDefault.map((s) => [s.name, s.source]),
    [['TRIBUTARY_ADMIN_TOKEN', 'generated']],
  );
  assert.deepEqual(readdirSync(cwd), [], 'the loader creates no data directory');
});

test('URL defaults follow PORT; empty values count as unset', () => {
  const { config } = valid({ PORT: '9090', HOST: '', TRIBUTARY_LOG_LEVEL: '' });
  assert.equal(config.server.publicUrl, 'http://localhost:9090');
  assert.equal(config.sandbox.baseUrl, 'http://127.0.0.1:9090');
  assert.equal(config.server.host, '127.0.0.1');
  assert.equal(config.server.logLevel, 'info');
  const publicUrl = config.settings.find((s) => s.name === 'TRIBUTARY_PUBLIC_URL');
  assert.deepEqual(publicUrl?.value, 'http://localhost:9090');
});

test('private webhook destinations default to off with DATABASE_URL or in production', () => {
  const postgres = valid({ DATABASE_URL: 'postgres://u:p@db:5432/t' });
  assert.equal(postgres.config.database.mode, 'postgres');
  assert.equal(postgres.config.database.url, 'postgres://u:p@db:5432/t');
  assert.equal(postgres.config.webhooks.allowPrivate, false);
  const production = valid({
    NODE_ENV: 'production',
    TRIBUTARY_ENCRYPTION_KEY: KEY,
    TRIBUTARY_ADMIN_TOKEN: TOKEN,
  });
  assert.equal(production.config.production, true);
  assert.equal(production.config.webhooks.allowPrivate, false);
  assert.equal(
    valid({ DATABASE_URL: 'postgres://db/t', TRIBUTARY_WEBHOOKS_ALLOW_PRIVATE: 'on' }).config
      .webhooks.allowPrivate,
    true,
  );
});

test('TRIBUTARY_DATA_DIR is resolved against the working directory, never created', () => {
  const cwd = workdir();
  assert.equal(
    valid({ TRIBUTARY_DATA_DIR: 'data/here' }, cwd).config.dataDir,
    join(cwd, 'data/here'),
  );
  assert.equal(valid({ TRIBUTARY_DATA_DIR: '/srv/t' }, cwd).config.dataDir, '/srv/t');
  assert.equal(existsSync(join(cwd, 'data')), false);
});

test('operations.md A7: a TRIBUTARY_API_KEY with a space or too short is a problem', () => {
  for (const key of ['has space in it and is long enough 1234', 'short']) {
    const lines = problems({ TRIBUTARY_API_KEY: key });
    const line = lines[0] ?? '';
    assert.equal(lines.length, 1);
    assert.ok(line.startsWith('TRIBUTARY_API_KEY: '), line);
    assert.ok(!line.includes(key), 'the key is not echoed');
  }
  assert.equal(valid({ TRIBUTARY_API_KEY: 'k'.repeat(40) }).config.security.apiKey, 'k'.repeat(40));
});

test('operations.md A8: PORT, TRIBUTARY_LOG_LEVEL and DATABASE_URL problems, in table order', () => {
  const lines = problems({
    DATABASE_URL: 'mysql://x',
    TRIBUTARY_LOG_LEVEL: 'loud',
    PORT: 'eighty',
  });
  assert.equal(lines.length, 3);
  assert.equal(lines[0], 'PORT: must be an integer from 1 to 65535, got "eighty"');
  assert.ok(lines[1]?.startsWith('TRIBUTARY_LOG_LEVEL: '), lines[1]);
  assert.ok(lines[2]?.startsWith('DATABASE_URL: '), lines[2]);
  assert.equal(
    formatProblems(lines),
    [
      'tributary: invalid configuration (3 problems)',
      `  ${lines[0]}`,
      `  ${lines[1]}`,
      `  ${lines[2]}`,
    ].join('\n'),
  );
});

test('formatProblems: the spec block, singular for one problem', () => {
  assert.equal(
    formatProblems([
      'PORT: must be an integer from 1 to 65535, got "eighty"',
      'TRIBUTARY_ENCRYPTION_KEY: required when NODE_ENV=production',
    ]),
    'tributary: invalid configuration (2 problems)\n' +
      '  PORT: must be an integer from 1 to 65535, got "eighty"\n' +
      '  TRIBUTARY_ENCRYPTION_KEY: required when NODE_ENV=production',
  );
  assert.equal(
    formatProblems(['PORT: x']),
    'tributary: invalid configuration (1 problem)\n  PORT: x',
  );
});

test('operations.md A9: production without key and admin token names both; no master.key', () => {
  const cwd = workdir();
  const lines = problems({ NODE_ENV: 'production', TRIBUTARY_DATA_DIR: 'd' }, cwd);
  assert.deepEqual(lines, [
    'TRIBUTARY_ADMIN_TOKEN: required when NODE_ENV=production',
    'TRIBUTARY_ENCRYPTION_KEY: required when NODE_ENV=production',
  ]);
  assert.deepEqual(readdirSync(cwd), [], 'neither the data directory nor master.key exists');
  const onlyToken = problems({ NODE_ENV: 'production', TRIBUTARY_ENCRYPTION_KEY: KEY });
  assert.deepEqual(onlyToken, ['TRIBUTARY_ADMIN_TOKEN: required when NODE_ENV=production']);
});

test('an invalid production key is reported once, as invalid rather than missing', () => {
  const lines = problems({
    NODE_ENV: 'production',
    TRIBUTARY_ENCRYPTION_KEY: 'c2hvcnQ=',
    TRIBUTARY_ADMIN_TOKEN: TOKEN,
  });
  assert.equal(lines.length, 1);
  assert.match(lines[0] ?? '', /^TRIBUTARY_ENCRYPTION_KEY: must be base64 .* got 5 bytes$/);
});

test('TRIBUTARY_WORKER=off needs DATABASE_URL', () => {
  assert.deepEqual(problems({ TRIBUTARY_WORKER: 'off' }), [
    'TRIBUTARY_WORKER: off needs DATABASE_URL; in embedded mode no other process could run the jobs',
  ]);
  const { config } = valid({ TRIBUTARY_WORKER: 'off', DATABASE_URL: 'postgresql://db/t' });
  assert.equal(config.worker.enabled, false);
});

test('every problem is collected before reporting', () => {
  const lines = problems({
    PORT: '0',
    TRIBUTARY_DB_POOL_MAX: '500',
    TRIBUTARY_WORKER_CONCURRENCY: 'many',
    TRIBUTARY_CDR_PAGE_SIZE: '5000',
    TRIBUTARY_JOB_RETENTION_DAYS: '0',
    TRIBUTARY_CORS_ORIGINS: 'nope',
    TRIBUTARY_PENDING_MATCH_DAYS: '-1',
  });
  assert.deepEqual(
    lines.map((line) => line.slice(0, line.indexOf(':'))),
    [
      'PORT',
      'TRIBUTARY_DB_POOL_MAX',
      'TRIBUTARY_WORKER_CONCURRENCY',
      'TRIBUTARY_CDR_PAGE_SIZE',
      'TRIBUTARY_JOB_RETENTION_DAYS',
      'TRIBUTARY_CORS_ORIGINS',
      'TRIBUTARY_PENDING_MATCH_DAYS',
    ],
  );
});

test('TRIBUTARY_CONFIG_FILE: NAME=value lines beneath the environment', () => {
  const cwd = workdir();
  writeFileSync(
    join(cwd, 'tributary.env'),
    [
      '# comment line',
      '',
      'PORT=9000',
      'TRIBUTARY_LOG_LEVEL = "debug"',
      'TRIBUTARY_CONSENT_REDIRECT_URL="https://app.example/done#x"',
      `TRIBUTARY_ADMIN_TOKEN=${TOKEN}`,
      'HOST=0.0.0.0\r',
    ].join('\n'),
  );
  const { config } = valid({ TRIBUTARY_CONFIG_FILE: 'tributary.env', PORT: '7000' }, cwd);
  assert.equal(config.configFile, join(cwd, 'tributary.env'));
  assert.equal(config.server.port, 7000, 'the environment wins');
  assert.equal(config.server.logLevel, 'debug');
  assert.equal(config.server.host, '0.0.0.0');
  assert.equal(config.openBanking.consentRedirectUrl, 'https://app.example/done#x');
  assert.equal(config.security.adminToken, TOKEN);
  const source = (name: string): string | undefined =>
    config.settings.find((s) => s.name === name)?.source;
  assert.equal(source('PORT'), 'env');
  assert.equal(source('TRIBUTARY_LOG_LEVEL'), 'file');
  assert.equal(source('TRIBUTARY_ADMIN_TOKEN'), 'file');
  assert.equal(source('TRIBUTARY_CONFIG_FILE'), 'env');
  assert.equal(source('TRIBUTARY_SANDBOX'), 'default');
});

test('TRIBUTARY_CONFIG_FILE: unreadable file and malformed lines are its problems', () => {
  const cwd = workdir();
  const missing = problems({ TRIBUTARY_CONFIG_FILE: 'nope.env' }, cwd);
  assert.deepEqual(missing, [
    `TRIBUTARY_CONFIG_FILE: cannot read ${join(cwd, 'nope.env')} (ENOENT)`,
  ]);
  writeFileSync(
    join(cwd, 'bad.env'),
    ['just words', 'TRIBUTARY_API_KEY="secret-value-with-no-closing-quote', 'PORT=eighty'].join(
      '\n',
    ),
  );
  const lines = problems({ TRIBUTARY_CONFIG_FILE: 'bad.env' }, cwd);
  assert.deepEqual(lines, [
    'PORT: must be an integer from 1 to 65535, got "eighty"',
    `TRIBUTARY_CONFIG_FILE: ${join(cwd, 'bad.env')}: line 1: expected NAME=value`,
    `TRIBUTARY_CONFIG_FILE: ${join(cwd, 'bad.env')}: line 2: the value of TRIBUTARY_API_KEY has no closing double quote`,
  ]);
});

test('secrets accept NAME_FILE; the final newline is trimmed', () => {
  const cwd = workdir();
  writeFileSync(join(cwd, 'admin'), `${TOKEN}\n`);
  writeFileSync(join(cwd, 'key'), `${KEY}\r\n`);
  writeFileSync(join(cwd, 'db'), 'postgres://u:pw@db/t\n');
  const { config } = valid(
    {
      TRIBUTARY_ADMIN_TOKEN_FILE: 'admin',
      TRIBUTARY_ENCRYPTION_KEY_FILE: join(cwd, 'key'),
      DATABASE_URL_FILE: 'db',
    },
    cwd,
  );
  assert.equal(config.security.adminToken, TOKEN);
  assert.deepEqual(config.security.encryptionKey, Buffer.alloc(32, 9));
  assert.equal(config.database.url, 'postgres://u:pw@db/t');
  assert.equal(config.settings.find((s) => s.name === 'TRIBUTARY_ADMIN_TOKEN')?.source, 'env');

  // Only the final newline goes: a second one stays in the value, which then fails validation.
  writeFileSync(join(cwd, 'admin2'), `${TOKEN}\n\n`);
  const lines = problems({ TRIBUTARY_ADMIN_TOKEN_FILE: 'admin2' }, cwd);
  assert.match(lines[0] ?? '', /^TRIBUTARY_ADMIN_TOKEN: .*non-printable/);
});

test('NAME and NAME_FILE both set is a problem; unreadable and empty files are problems', () => {
  const cwd = workdir();
  writeFileSync(join(cwd, 'token'), TOKEN);
  writeFileSync(join(cwd, 'empty'), '\n');
  const lines = problems(
    {
      TRIBUTARY_ADMIN_TOKEN: TOKEN,
      TRIBUTARY_ADMIN_TOKEN_FILE: 'token',
      TRIBUTARY_API_KEY_FILE: 'missing',
      TRIBUTARY_METRICS_TOKEN_FILE: 'empty',
    },
    cwd,
  );
  assert.deepEqual(lines, [
    `TRIBUTARY_METRICS_TOKEN_FILE: ${join(cwd, 'empty')} is empty`,
    `TRIBUTARY_API_KEY_FILE: cannot read ${join(cwd, 'missing')} (ENOENT)`,
    'TRIBUTARY_ADMIN_TOKEN: both TRIBUTARY_ADMIN_TOKEN and TRIBUTARY_ADMIN_TOKEN_FILE are set; set only one',
  ]);
  assert.ok(lines.every((line) => !line.includes(TOKEN)));
});

test('an environment NAME_FILE overrides the config file NAME without a conflict', () => {
  const cwd = workdir();
  writeFileSync(join(cwd, 'conf.env'), `TRIBUTARY_API_KEY=${'f'.repeat(40)}\n`);
  writeFileSync(join(cwd, 'key'), API_KEY);
  const { config } = valid(
    { TRIBUTARY_CONFIG_FILE: 'conf.env', TRIBUTARY_API_KEY_FILE: 'key' },
    cwd,
  );
  assert.equal(config.security.apiKey, API_KEY);
});

test('an invalid secret read from NAME_FILE names the setting and the file, not the value', () => {
  const cwd = workdir();
  writeFileSync(join(cwd, 'key'), 'short secret\n');
  const lines = problems({ TRIBUTARY_API_KEY_FILE: 'key' }, cwd);
  assert.equal(lines.length, 1);
  assert.match(lines[0] ?? '', /^TRIBUTARY_API_KEY: .* \(read from TRIBUTARY_API_KEY_FILE\)$/);
  assert.ok(!lines[0]?.includes('short secret'));
});

test('a problem line never contains a secret value', () => {
  const cwd = workdir();
  const secrets: Record<string, string> = {
    TRIBUTARY_METRICS_TOKEN: 'canary metrics token',
    DATABASE_URL: 'mysql://canary-user:canary-password@h/db',
    TRIBUTARY_API_KEY: 'canary-api-key',
    TRIBUTARY_ADMIN_TOKEN: 'canary admin token that is long enough',
    TRIBUTARY_ENCRYPTION_KEY: 'canary-encryption-key',
    TRIBUTARY_ENCRYPTION_PREVIOUS_KEYS: `${KEY},canary-previous-key`,
    TRIBUTARY_SANDBOX_CDR_HOLDER_KEY_FILE: 'canary-holder-key-path',
  };
  const lines = problems(secrets, cwd);
  assert.deepEqual(
    lines.map((line) => line.slice(0, line.indexOf(':'))),
    Object.keys(secrets),
    'each secret has its line',
  );
  for (const line of lines) {
    assert.ok(!line.includes('canary'), `leaked: ${line}`);
  }
});

test('unknown TRIBUTARY_ settings are warnings, with the nearest known name when close', () => {
  const cwd = workdir();
  writeFileSync(join(cwd, 'conf.env'), 'TRIBUTARY_WORKERS=on\nFOO=1\n');
  const { warnings } = valid(
    {
      TRIBUTARY_SMARTCACHE: 'on',
      TRIBUTARY_PORT: '80',
      TRIBUTARY_SOMETHING_ELSE_ENTIRELY: 'x',
      TRIBUTARY_TEST_DB: 'embedded',
      TRIBUTARY_TEST_DATABASE_URL: 'postgres://x',
      TRIBUTARY_API_KEY_FILE_: 'x',
      TRIBUTARY_CONFIG_FILE: 'conf.env',
      HOME: '/root',
    },
    cwd,
  );
  assert.deepEqual(warnings, [
    'unknown setting TRIBUTARY_API_KEY_FILE_ (did you mean TRIBUTARY_API_KEY_FILE?)',
    'unknown setting TRIBUTARY_PORT (did you mean PORT?)',
    'unknown setting TRIBUTARY_SMARTCACHE (did you mean TRIBUTARY_SMART_CACHE?)',
    'unknown setting TRIBUTARY_SOMETHING_ELSE_ENTIRELY',
    'unknown setting FOO in TRIBUTARY_CONFIG_FILE',
    'unknown setting TRIBUTARY_WORKERS in TRIBUTARY_CONFIG_FILE (did you mean TRIBUTARY_WORKER?)',
  ]);
});

test('the configuration is deeply frozen', () => {
  const { config } = valid({
    TRIBUTARY_CORS_ORIGINS: 'https://a.example',
    TRIBUTARY_INSTITUTION_LIMITS: '{"AU00000":{"hourlyBudget":10}}',
  });
  assert.ok(Object.isFrozen(config));
  assert.ok(Object.isFrozen(config.server));
  assert.ok(Object.isFrozen(config.webhooks.retryScheduleS));
  assert.ok(Object.isFrozen(config.bankLoad.institutionLimits.AU00000));
  assert.ok(Object.isFrozen(config.settings));
  assert.ok(Object.isFrozen(config.settings[0]));
  assert.throws(() => {
    Object.assign(config.server, { port: 1 });
  }, TypeError);
  assert.throws(() => {
    config.webhooks.retryScheduleS.push(1);
  }, TypeError);
  assert.equal(config.server.port, 8080);
});

test('file-valued settings must be readable: holders JSON and private keys', () => {
  const cwd = workdir();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(cwd, 'signing.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(cwd, 'holder.jwk'), JSON.stringify(privateKey.export({ format: 'jwk' })));
  writeFileSync(
    join(cwd, 'holders.json'),
    JSON.stringify([
      {
        institutionId: 'AU12345',
        issuer: 'https://bank.example/idp',
        resourceBaseUrl: 'https://bank.example/api',
        brandId: 'bank-brand',
        clientId: 'client-1',
        tls: { certFile: 'tls/cert.pem', keyFile: 'tls/key.pem', caFile: '/etc/ca.pem' },
      },
    ]),
  );
  const { config } = valid(
    {
      TRIBUTARY_CDR_SIGNING_KEY_FILE: 'signing.pem',
      TRIBUTARY_SANDBOX_CDR_HOLDER_KEY_FILE: 'holder.jwk',
      TRIBUTARY_CDR_HOLDERS_FILE: 'holders.json',
    },
    cwd,
  );
  assert.equal(config.openBanking.signingKey?.format, 'pem');
  assert.equal(config.openBanking.signingKey?.path, join(cwd, 'signing.pem'));
  assert.equal(config.sandbox.cdrHolderKey?.format, 'jwk');
  assert.equal(config.openBanking.holdersFile, join(cwd, 'holders.json'));
  assert.equal(config.openBanking.holders.length, 1);
  assert.deepEqual(config.openBanking.holders[0]?.tls, {
    certFile: join(cwd, 'tls/cert.pem'),
    keyFile: join(cwd, 'tls/key.pem'),
    caFile: '/etc/ca.pem',
  });
  assert.equal(config.openBanking.holders[0]?.institution, null);

  writeFileSync(join(cwd, 'broken.json'), '[{"institutionId":"AU12345"');
  writeFileSync(join(cwd, 'public.pem'), 'not a key');
  const lines = problems(
    {
      TRIBUTARY_CDR_SIGNING_KEY_FILE: 'public.pem',
      TRIBUTARY_CDR_HOLDERS_FILE: 'broken.json',
      TRIBUTARY_SANDBOX_CDR_HOLDER_KEY_FILE: 'absent.jwk',
    },
    cwd,
  );
  assert.deepEqual(lines, [
    'TRIBUTARY_SANDBOX_CDR_HOLDER_KEY_FILE: cannot read the file (ENOENT)',
    `TRIBUTARY_CDR_SIGNING_KEY_FILE: ${join(cwd, 'public.pem')}: must hold a private key as a JWK or PEM`,
    `TRIBUTARY_CDR_HOLDERS_FILE: ${join(cwd, 'broken.json')}: is not valid JSON`,
  ]);
});

test('holder descriptors are validated field by field', () => {
  const cwd = workdir();
  const holder = {
    institutionId: 'AU12345',
    issuer: 'https://bank.example/idp',
    resourceBaseUrl: 'https://bank.example/api',
    brandId: 'b',
    clientId: 'c',
  };
  const cases: [unknown, RegExp][] = [
    [{ ...holder }, /must be a JSON array/],
    [[{ ...holder, issuer: 'bank.example' }], /holder 1 issuer must be an http\(s\) URL/],
    [[holder, { ...holder, institutionId: 'bank' }], /holder 2 institutionId must be/],
    [[{ ...holder, colour: 'red' }], /holder 1 has an unknown field "colour"/],
    [[{ ...holder, institution: { name: 'Bank' } }], /holder 1 institution\.shortName must be/],
  ];
  for (const [index, [content, expected]] of cases.entries()) {
    const file = join(cwd, `holders-${index}.json`);
    writeFileSync(file, JSON.stringify(content));
    const lines = problems({ TRIBUTARY_CDR_HOLDERS_FILE: file }, cwd);
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', expected);
  }
});
