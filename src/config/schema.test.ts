import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import {
  decodeKey,
  findSetting,
  knownNames,
  redactDatabaseUrl,
  settingGroups,
  settings,
} from './schema.ts';

const ctx = { cwd: tmpdir() };

/** Parses through the schema entry, as the loader does; returns the value or the problem text. */
function parse(name: string, raw: string): { value: unknown } | { problem: string } {
  const setting = findSetting(name);
  assert.ok(setting, `${name} is not in the schema`);
  const result = setting.parse(raw, ctx);
  return result.ok ? { value: result.value } : { problem: result.problem };
}

function value(name: string, raw: string): unknown {
  const result = parse(name, raw);
  assert.ok('value' in result, `${name}=${raw} should be valid, got ${JSON.stringify(result)}`);
  return result.value;
}

function problem(name: string, raw: string): string {
  const result = parse(name, raw);
  assert.ok('problem' in result, `${name}=${raw} should be a problem`);
  return result.problem;
}

test('the schema lists every group of operations.md §7.2 in order, names unique', () => {
  const groupsInOrder = [...new Set(settings.map((s) => s.group))];
  assert.deepEqual(groupsInOrder, [...settingGroups]);
  assert.equal(new Set(settings.map((s) => s.name)).size, settings.length);
  assert.equal(settings.length, 84);
  assert.deepEqual(
    settings.filter((s) => s.secret).map((s) => s.name),
    [
      'TRIBUTARY_METRICS_TOKEN',
      'DATABASE_URL',
      'TRIBUTARY_API_KEY',
      'TRIBUTARY_ADMIN_TOKEN',
      'TRIBUTARY_ENCRYPTION_KEY',
      'TRIBUTARY_ENCRYPTION_PREVIOUS_KEYS',
      'TRIBUTARY_SANDBOX_CDR_HOLDER_KEY_FILE',
    ],
  );
  assert.ok(knownNames.has('TRIBUTARY_API_KEY_FILE'));
  assert.ok(knownNames.has('TRIBUTARY_TEST_DB'));
  assert.ok(!knownNames.has('TRIBUTARY_PORT_FILE'), 'only secrets accept _FILE');
});

test('PORT: the spec example message, and the range ends', () => {
  assert.equal(problem('PORT', 'eighty'), 'must be an integer from 1 to 65535, got "eighty"');
  assert.equal(value('PORT', '1'), 1);
  assert.equal(value('PORT', '65535'), 65535);
  assert.match(problem('PORT', '0'), /from 1 to 65535, got "0"/);
  assert.match(problem('PORT', '65536'), /got "65536"/);
  assert.match(problem('PORT', '80.5'), /got "80\.5"/);
  assert.match(problem('PORT', ' 80'), /got " 80"/);
});

test('ranges of the spec are enforced', () => {
  assert.equal(value('TRIBUTARY_DB_POOL_MAX', '100'), 100);
  assert.match(problem('TRIBUTARY_DB_POOL_MAX', '101'), /from 1 to 100/);
  assert.match(problem('TRIBUTARY_DB_POOL_MAX', '0'), /from 1 to 100/);
  assert.equal(value('TRIBUTARY_WORKER_CONCURRENCY', '64'), 64);
  assert.match(problem('TRIBUTARY_WORKER_CONCURRENCY', '65'), /from 1 to 64/);
  assert.equal(value('TRIBUTARY_WORKER_POLL_S', '0.5'), 0.5);
  assert.equal(value('TRIBUTARY_WORKER_POLL_S', '60'), 60);
  assert.match(problem('TRIBUTARY_WORKER_POLL_S', '0.4'), /from 0\.5 to 60/);
  assert.match(problem('TRIBUTARY_WORKER_POLL_S', '61'), /from 0\.5 to 60/);
  assert.equal(value('TRIBUTARY_CDR_PAGE_SIZE', '1'), 1);
  assert.match(problem('TRIBUTARY_CDR_PAGE_SIZE', '1001'), /from 1 to 1000/);
  assert.equal(value('TRIBUTARY_INSTITUTION_RESERVE', '0'), 0);
  assert.match(problem('TRIBUTARY_INSTITUTION_RESERVE', '1.5'), /from 0 to 1/);
  assert.equal(value('TRIBUTARY_SANDBOX_MAX_CONNECTIONS', '0'), 0, '0 = unlimited');
});

test('retention settings are whole days of at least 1', () => {
  for (const name of [
    'TRIBUTARY_JOB_RETENTION_DAYS',
    'TRIBUTARY_EVENT_RETENTION_DAYS',
    'TRIBUTARY_CHANGE_FEED_RETENTION_DAYS',
    'TRIBUTARY_BANK_LEDGER_RETENTION_DAYS',
  ]) {
    assert.equal(value(name, '1'), 1);
    assert.match(problem(name, '0'), /at least 1/);
    assert.match(problem(name, '1.5'), /integer/);
  }
});

test('switches take on and off only; the log level is one of six', () => {
  assert.equal(value('TRIBUTARY_SANDBOX', 'off'), false);
  assert.equal(value('TRIBUTARY_SMART_CACHE', 'on'), true);
  assert.equal(problem('TRIBUTARY_WORKER', 'true'), 'must be on or off, got "true"');
  assert.equal(value('TRIBUTARY_LOG_LEVEL', 'trace'), 'trace');
  assert.equal(
    problem('TRIBUTARY_LOG_LEVEL', 'loud'),
    'must be one of fatal, error, warn, info, debug, trace, got "loud"',
  );
});

test('DATABASE_URL: postgres:// or postgresql://; the problem echoes nothing of the value', () => {
  assert.equal(value('DATABASE_URL', 'postgres://u:p@h:5432/db'), 'postgres://u:p@h:5432/db');
  assert.equal(value('DATABASE_URL', 'postgresql://h/db'), 'postgresql://h/db');
  const text = problem('DATABASE_URL', 'mysql://root:hunter2@h/db');
  assert.ok(!text.includes('hunter2') && !text.includes('root'), text);
  assert.match(text, /postgres:\/\//);
});

test('redactDatabaseUrl replaces only the password', () => {
  assert.equal(redactDatabaseUrl('postgres://u:pw123@h/db'), 'postgres://u:[redacted]@h/db');
  assert.equal(redactDatabaseUrl('postgres://u@h/db'), 'postgres://u@h/db');
  assert.equal(redactDatabaseUrl('postgres://h:5432/db?x=a@b'), 'postgres://h:5432/db?x=a@b');
  assert.equal(
    redactDatabaseUrl('postgresql://u:p%40ss@h:5432/db?sslmode=require'),
    'postgresql://u:[redacted]@h:5432/db?sslmode=require',
  );
});

test('API key and admin token: 32–256 printable ASCII; the value is never echoed', () => {
  for (const name of ['TRIBUTARY_API_KEY', 'TRIBUTARY_ADMIN_TOKEN']) {
    assert.equal(value(name, 'k'.repeat(32)), 'k'.repeat(32));
    assert.equal(value(name, '!~'.repeat(128)), '!~'.repeat(128));
    assert.match(problem(name, 'k'.repeat(31)), /got 31 characters$/);
    assert.match(problem(name, 'k'.repeat(257)), /got 257 characters$/);
    const spaced = 'has space in it and is long enough 1234';
    const text = problem(name, spaced);
    assert.match(text, /including a space/);
    assert.ok(!text.includes(spaced));
    assert.match(problem(name, `${'k'.repeat(40)}é`), /non-printable/);
  }
});

test('encryption key: base64, standard or url-safe, of exactly 32 bytes', () => {
  const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => 250 - i));
  const standard = bytes.toString('base64');
  const urlSafe = bytes.toString('base64url');
  assert.ok(
    standard.includes('+') || standard.includes('/'),
    'the fixture exercises the alphabets',
  );
  assert.deepEqual(value('TRIBUTARY_ENCRYPTION_KEY', standard), bytes);
  assert.deepEqual(value('TRIBUTARY_ENCRYPTION_KEY', urlSafe), bytes);
  assert.deepEqual(decodeKey(`${urlSafe}=`), bytes);
  const short = Buffer.alloc(31, 7).toString('base64');
  assert.equal(
    problem('TRIBUTARY_ENCRYPTION_KEY', short),
    'must be base64 (standard or url-safe) of exactly 32 bytes, got 31 bytes',
  );
  assert.match(problem('TRIBUTARY_ENCRYPTION_KEY', 'not base64 at all!'), /not base64$/);
  assert.match(
    problem('TRIBUTARY_ENCRYPTION_KEY', Buffer.alloc(33).toString('base64')),
    /33 bytes/,
  );
  assert.equal(decodeKey(`${'A'.repeat(40)}+_A`), null, 'one alphabet per key');
  assert.equal(decodeKey(`${'A'.repeat(40)}++A`)?.length, 32);
});

test('previous keys: a comma list of keys, newest first', () => {
  const a = Buffer.alloc(32, 1);
  const b = Buffer.alloc(32, 2);
  assert.deepEqual(
    value(
      'TRIBUTARY_ENCRYPTION_PREVIOUS_KEYS',
      `${a.toString('base64')}, ${b.toString('base64url')}`,
    ),
    [a, b],
  );
  assert.match(
    problem('TRIBUTARY_ENCRYPTION_PREVIOUS_KEYS', `${a.toString('base64')},c2hvcnQ=`),
    /^key 2 of 2 must be base64 .* got 5 bytes/,
  );
});

test('public and sandbox base URLs: http(s) origin + optional path, no trailing slash', () => {
  for (const name of ['TRIBUTARY_PUBLIC_URL', 'TRIBUTARY_SANDBOX_BASE_URL']) {
    assert.equal(value(name, 'https://api.example.io'), 'https://api.example.io');
    assert.equal(value(name, 'http://api:8080'), 'http://api:8080');
    assert.equal(value(name, 'https://example.com/tributary'), 'https://example.com/tributary');
    assert.match(
      problem(name, 'https://example.com/'),
      /no trailing slash, got "https:\/\/example.com\/"/,
    );
    assert.match(problem(name, 'ftp://example.com'), /http:\/\/ or https:\/\//);
    assert.match(problem(name, 'https://example.com/x?y=1'), /got/);
    assert.match(problem(name, 'example.com'), /got "example.com"/);
  }
});

test('trust proxy: off, on or a list of addresses and CIDRs', () => {
  assert.equal(value('TRIBUTARY_TRUST_PROXY', 'off'), false);
  assert.equal(value('TRIBUTARY_TRUST_PROXY', 'on'), true);
  assert.deepEqual(value('TRIBUTARY_TRUST_PROXY', '10.0.0.1, 192.168.0.0/16,::1,fd00::/8'), [
    '10.0.0.1',
    '192.168.0.0/16',
    '::1',
    'fd00::/8',
  ]);
  assert.match(problem('TRIBUTARY_TRUST_PROXY', '10.0.0.0/33'), /got "10\.0\.0\.0\/33"/);
  assert.match(problem('TRIBUTARY_TRUST_PROXY', 'yes'), /got "yes"/);
});

test('CORS origins: * or a comma list of origins', () => {
  assert.equal(value('TRIBUTARY_CORS_ORIGINS', '*'), '*');
  assert.deepEqual(value('TRIBUTARY_CORS_ORIGINS', 'https://a.example,http://localhost:3000'), [
    'https://a.example',
    'http://localhost:3000',
  ]);
  assert.match(
    problem('TRIBUTARY_CORS_ORIGINS', 'https://a.example/'),
    /got "https:\/\/a.example\/"/,
  );
  assert.match(problem('TRIBUTARY_CORS_ORIGINS', 'a.example'), /got "a.example"/);
});

test('webhook retry schedule parses durations into seconds', () => {
  assert.deepEqual(
    value('TRIBUTARY_WEBHOOK_RETRY_SCHEDULE', '0s,5s,5m,30m,2h,5h,10h,10h'),
    [0, 5, 300, 1800, 7200, 18000, 36000, 36000],
  );
  assert.deepEqual(value('TRIBUTARY_WEBHOOK_RETRY_SCHEDULE', '1d'), [86400]);
  assert.match(problem('TRIBUTARY_WEBHOOK_RETRY_SCHEDULE', '0s,5x'), /got "5x"/);
  assert.match(problem('TRIBUTARY_WEBHOOK_RETRY_SCHEDULE', '0s,,5s'), /got ""/);
});

test('CDR Smart Cache window is HH:MM-HH:MM and may wrap midnight', () => {
  assert.deepEqual(value('TRIBUTARY_CDR_SMART_CACHE_WINDOW', '00:00-06:00'), {
    startMinute: 0,
    endMinute: 360,
  });
  assert.deepEqual(value('TRIBUTARY_CDR_SMART_CACHE_WINDOW', '22:30-04:15'), {
    startMinute: 1350,
    endMinute: 255,
  });
  assert.deepEqual(value('TRIBUTARY_CDR_SMART_CACHE_WINDOW', '18:00-24:00'), {
    startMinute: 1080,
    endMinute: 1440,
  });
  assert.deepEqual(value('TRIBUTARY_CDR_SMART_CACHE_WINDOW', '00:00-24:00'), {
    startMinute: 0,
    endMinute: 1440,
  });
  for (const bad of ['0:00-6:00', '00:00-06:60', '25:00-06:00', '06:00-06:00', '00:00-24:30']) {
    assert.match(problem('TRIBUTARY_CDR_SMART_CACHE_WINDOW', bad), /HH:MM-HH:MM/, bad);
  }
});

test('disabled institutions and institution limits', () => {
  assert.deepEqual(value('TRIBUTARY_DISABLED_INSTITUTIONS', 'AU00000, ZZ00001'), [
    'AU00000',
    'ZZ00001',
  ]);
  assert.match(problem('TRIBUTARY_DISABLED_INSTITUTIONS', 'AU00000,au1'), /got "au1"/);
  assert.deepEqual(
    value('TRIBUTARY_INSTITUTION_LIMITS', '{"AU00000":{"maxConcurrentJobs":4,"hourlyBudget":100}}'),
    { AU00000: { maxConcurrentJobs: 4, hourlyBudget: 100 } },
  );
  assert.match(problem('TRIBUTARY_INSTITUTION_LIMITS', '{"AU00000":'), /not valid JSON/);
  assert.match(problem('TRIBUTARY_INSTITUTION_LIMITS', '[]'), /not an object/);
  assert.match(problem('TRIBUTARY_INSTITUTION_LIMITS', '{"X":{}}'), /"X" is not an institution id/);
  assert.match(
    problem('TRIBUTARY_INSTITUTION_LIMITS', '{"AU00000":{"maxJobs":4}}'),
    /AU00000\.maxJobs is not one of/,
  );
  assert.match(
    problem('TRIBUTARY_INSTITUTION_LIMITS', '{"AU00000":{"hourlyBudget":0}}'),
    /AU00000\.hourlyBudget must be an integer of at least 1/,
  );
});

test('consent redirect URL must be an absolute http(s) URL', () => {
  assert.equal(
    value('TRIBUTARY_CONSENT_REDIRECT_URL', 'https://app.example/done?x=1'),
    'https://app.example/done?x=1',
  );
  assert.match(problem('TRIBUTARY_CONSENT_REDIRECT_URL', '/done'), /absolute/);
});
