import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  acquireDataDirLock,
  DataDirError,
  DataDirInUseError,
  prepareDataDir,
  readDataDirLock,
} from '../../src/storage/data-directory.ts';
import { tempDir } from '../support/server.ts';

const addresses = { baseUrl: 'http://localhost:8080', adminUrl: 'http://127.0.0.1:8080/admin' };

describe('data directory (operations.md §3)', () => {
  test('a missing directory is created 0700; a wider one is narrowed with a warning; a file is refused', () => {
    const root = tempDir();
    const fresh = join(root, 'a', 'b');
    assert.deepEqual(prepareDataDir(fresh), []);
    assert.equal(statSync(fresh).mode & 0o777, 0o700);

    const wide = join(root, 'wide');
    mkdirSync(wide);
    chmodSync(wide, 0o755);
    const warnings = prepareDataDir(wide);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /narrowed to 700/);
    assert.equal(statSync(wide).mode & 0o777, 0o700);

    const file = join(root, 'file');
    writeFileSync(file, 'x');
    assert.throws(() => prepareDataDir(file), DataDirError);
  });

  test('the lock is created exclusively with the spec fields, refused while its holder lives, released only by its owner', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir, {
      ...addresses,
      now: new Date('2026-11-24T09:15:02.123Z'),
      pid: 111,
      isAlive: () => true,
    });
    assert.equal(statSync(lock.path).mode & 0o777, 0o600);
    assert.deepEqual(readDataDirLock(dir), {
      pid: 111,
      hostname: hostname(),
      startedAt: '2026-11-24T09:15:02Z',
      ...addresses,
    });

    assert.throws(
      () =>
        acquireDataDirLock(dir, { ...addresses, now: new Date(), pid: 222, isAlive: () => true }),
      (error: unknown) => {
        assert.ok(error instanceof DataDirInUseError);
        assert.equal(
          error.message,
          `data directory ${dir} is in use by pid 111 (started 2026-11-24T09:15:02Z).\nStop that process, or set TRIBUTARY_DATA_DIR to another directory.`,
        );
        return true;
      },
    );
    lock.update({ baseUrl: 'http://localhost:9', adminUrl: 'http://127.0.0.1:9/admin' });
    assert.equal(readDataDirLock(dir)?.adminUrl, 'http://127.0.0.1:9/admin');
    lock.release();
    assert.ok(!existsSync(lock.path));
  });

  test('a lock of a dead pid on this host is stale and taken over; one from another host is always in use', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'lock'),
      JSON.stringify({ pid: 999999, hostname: hostname(), startedAt: 'x' }),
    );
    const taken: (number | null)[] = [];
    const lock = acquireDataDirLock(dir, {
      ...addresses,
      now: new Date(),
      pid: 5,
      isAlive: () => false,
      onStaleTakeover: (pid) => taken.push(pid),
    });
    assert.deepEqual(taken, [999999]);
    assert.equal(readDataDirLock(dir)?.pid, 5);
    lock.release();

    writeFileSync(
      join(dir, 'lock'),
      JSON.stringify({ pid: 1, hostname: 'build-7', startedAt: '2026-11-24T09:15:02Z' }),
    );
    assert.throws(
      () => acquireDataDirLock(dir, { ...addresses, now: new Date(), isAlive: () => false }),
      /in use by pid 1 on host build-7 \(started 2026-11-24T09:15:02Z\)[\s\S]*may be deleted by hand/,
    );
    assert.equal(readDataDirLock(dir)?.hostname, 'build-7');
  });

  test('a lock that is not JSON is in use while young (a start may be writing it) and stale after 60 s', () => {
    const dir = tempDir();
    const path = join(dir, 'lock');
    writeFileSync(path, '{"pid": 12');
    assert.throws(
      () => acquireDataDirLock(dir, { ...addresses, now: new Date() }),
      DataDirInUseError,
    );
    const old = new Date(Date.now() - 61_000);
    utimesSync(path, old, old);
    const lock = acquireDataDirLock(dir, { ...addresses, now: new Date() });
    assert.equal(readDataDirLock(dir)?.pid, process.pid);
    lock.release();
  });
});
