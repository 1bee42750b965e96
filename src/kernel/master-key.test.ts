import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { generateKey, parseKey } from './crypto.ts';
import { loadOrCreateMasterKey, readMasterKey } from './master-key.ts';

const posix = process.platform !== 'win32';

let dataDir = '';

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tributary-master-key-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `loadOrCreateMasterKey` in a separate Node process started at `startAt` (epoch ms). */
function createInChild(dir: string, startAt: number): Promise<string> {
  const moduleUrl = new URL('./master-key.ts', import.meta.url).href;
  const script = `
    const { loadOrCreateMasterKey } = await import(${JSON.stringify(moduleUrl)});
    const wait = ${startAt} - Date.now();
    if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
    const { key, created } = loadOrCreateMasterKey(${JSON.stringify(dir)});
    process.stdout.write(JSON.stringify({ key: key.toString('base64'), created }));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`child exited ${String(code)}: ${err}`));
    });
  });
}

describe('loadOrCreateMasterKey', () => {
  test('creates master.key with a new 32-byte key, one base64 line', () => {
    const result = loadOrCreateMasterKey(dataDir);
    assert.equal(result.created, true);
    assert.equal(result.path, join(dataDir, 'master.key'));
    assert.equal(result.key.length, 32);
    const content = readFileSync(result.path, 'utf8');
    assert.equal(content, `${result.key.toString('base64')}\n`);
    assert.deepEqual(parseKey(content.trim()), result.key);
  });

  test('creates the file with mode 0600, even under a permissive umask', { skip: !posix }, () => {
    const previous = process.umask(0o000);
    try {
      const { path } = loadOrCreateMasterKey(dataDir);
      assert.equal(statSync(path).mode & 0o777, 0o600);
    } finally {
      process.umask(previous);
    }
  });

  test('leaves no temporary file behind', () => {
    loadOrCreateMasterKey(dataDir);
    assert.deepEqual(readdirSync(dataDir), ['master.key']);
  });

  test('returns the same key with created=false on later calls', () => {
    const first = loadOrCreateMasterKey(dataDir);
    const second = loadOrCreateMasterKey(dataDir);
    assert.equal(second.created, false);
    assert.equal(second.path, first.path);
    assert.deepEqual(second.key, first.key);
  });

  test('uses a key written by hand in either alphabet, with or without a line ending', () => {
    const key = generateKey();
    for (const content of [
      key.toString('base64'),
      `${key.toString('base64url')}\n`,
      `${key.toString('base64')}\r\n`,
    ]) {
      writeFileSync(join(dataDir, 'master.key'), content, { mode: 0o600 });
      const result = loadOrCreateMasterKey(dataDir);
      assert.equal(result.created, false);
      assert.deepEqual(result.key, key);
    }
  });

  test('refuses invalid content, naming the path but never quoting the content', () => {
    const path = join(dataDir, 'master.key');
    const almostAKey = generateKey().toString('base64').slice(0, 40);
    for (const content of [almostAKey, `${almostAKey}\n`, 'correct horse battery staple', '']) {
      writeFileSync(path, content, { mode: 0o600 });
      for (const run of [() => loadOrCreateMasterKey(dataDir), () => readMasterKey(dataDir)]) {
        assert.throws(run, (error: unknown) => {
          assert.ok(error instanceof Error);
          assert.ok(error.message.includes(path), error.message);
          assert.match(error.message, /not a valid key/);
          if (content.trim() !== '') {
            assert.ok(!error.message.includes(content.trim()), error.message);
            assert.ok(!error.message.includes(content.trim().slice(0, 8)), error.message);
          }
          return true;
        });
      }
      // The bad file is left for the operator to inspect, not replaced by a new key.
      assert.equal(readFileSync(path, 'utf8'), content);
    }
  });

  test('lets concurrent creators agree on one key', async () => {
    const startAt = Date.now() + 1500;
    const outputs = await Promise.all(
      Array.from({ length: 6 }, () => createInChild(dataDir, startAt)),
    );
    const results = outputs.map((out) => JSON.parse(out) as { key: string; created: boolean });
    const onDisk = readFileSync(join(dataDir, 'master.key'), 'utf8').trim();
    for (const result of results) assert.equal(result.key, onDisk);
    assert.equal(results.filter((result) => result.created).length, 1);
    assert.deepEqual(readdirSync(dataDir), ['master.key']);
  });

  // Root ignores directory permissions, so there is nothing to provoke.
  const canProvokeEacces = posix && process.getuid?.() !== 0;
  test('propagates a failure to write the data directory', { skip: !canProvokeEacces }, () => {
    const readOnly = join(dataDir, 'read-only');
    mkdirSync(readOnly, { mode: 0o500 });
    try {
      assert.throws(() => loadOrCreateMasterKey(readOnly), { code: 'EACCES' });
    } finally {
      chmodSync(readOnly, 0o700);
    }
  });
});

describe('readMasterKey', () => {
  test('is null when there is no master.key, and creates none', () => {
    assert.equal(readMasterKey(dataDir), null);
    assert.deepEqual(readdirSync(dataDir), []);
  });

  test('returns the key loadOrCreateMasterKey created', () => {
    const { key } = loadOrCreateMasterKey(dataDir);
    assert.deepEqual(readMasterKey(dataDir), key);
  });
});
