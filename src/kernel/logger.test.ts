import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  return { lines, destination };
}

test('secret fields are redacted at any depth, by name', () => {
  const { lines, destination } = capture();
  const logger = createLogger({ level: 'info', destination });
  logger.info(
    {
      connection: { credentials: { loginId: 'u', password: 'hunter2-secret' } },
      headers: { authorization: 'Bearer abc' },
      code: 'invalid-credentials',
    },
    'x',
  );
  const line = JSON.parse(lines[0] ?? '{}') as {
    connection: { credentials: unknown };
    headers: { authorization: unknown };
    code: unknown;
  };
  assert.equal(line.connection.credentials, '[redacted]');
  assert.equal(line.headers.authorization, '[redacted]');
  assert.equal(line.code, 'invalid-credentials', 'reason codes are not secrets');
  assert.ok(!lines[0]?.includes('hunter2-secret'));
});

test('configured secret values are scrubbed wherever they appear, message and errors included', () => {
  const { lines, destination } = capture();
  const secret = 'Canary-Secret-Value-42';
  const logger = createLogger({ level: 'info', destination, secrets: [secret] });
  logger.info(`connecting with ${secret}`);
  logger.error({ err: new Error(`failed for ${secret}`), note: [`x${secret}x`] }, 'oops');
  assert.equal(lines.length, 2);
  for (const line of lines) {
    assert.ok(!line.includes(secret), line);
    assert.ok(line.includes('[redacted]'), line);
  }
  const first = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
  assert.equal(first.level, 'info');
  assert.equal(typeof first.pid, 'number');
  assert.equal(typeof first.hostname, 'string');
  assert.match(String(first.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});
