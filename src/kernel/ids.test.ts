import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { isUuid, newId } from './ids.ts';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The 48-bit Unix millisecond timestamp at the front of a UUIDv7. */
function timestampOf(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

function assertStrictlyAscending(ids: readonly string[]): void {
  for (let i = 1; i < ids.length; i += 1) {
    const previous = ids[i - 1] ?? '';
    const current = ids[i] ?? '';
    assert.ok(previous < current, `id ${i} (${current}) does not sort after ${previous}`);
  }
}

// newId keeps per-process state (last millisecond, counter); these tests run in declaration order
// and only ever move its clock forward, except the one that tests going backwards on purpose.
describe('newId', () => {
  test('embeds the current Unix time in milliseconds', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    assert.ok(timestampOf(id) >= before && timestampOf(id) <= after, id);
  });

  test('embeds a given time exactly when it is later than any before', () => {
    const at = Date.now() + 60_000;
    assert.equal(timestampOf(newId(at)), at);
  });

  test('is a lowercase hyphenated UUID, version 7, RFC 9562 variant', () => {
    for (let i = 0; i < 1000; i += 1) {
      const id = newId();
      assert.match(id, uuidV7);
      assert.equal(id.length, 36);
      assert.equal(id.charAt(14), '7');
      const variantNibble = parseInt(id.charAt(19), 16);
      assert.equal(variantNibble & 0b1100, 0b1000, id);
      assert.equal(isUuid(id), true);
    }
  });

  test('orders many ids made in one millisecond, past the 4096 a counter can hold', () => {
    const at = Date.now() + 120_000;
    const ids = Array.from({ length: 10_000 }, () => newId(at));
    assertStrictlyAscending(ids);
    assert.equal(timestampOf(ids[0] ?? ''), at);
    for (const id of ids) assert.match(id, uuidV7);
  });

  test('stays ordered when the clock goes backwards', () => {
    const at = Date.now() + 180_000;
    const ids = [newId(at), newId(at - 5_000), newId(at - 60_000), newId(at)];
    assertStrictlyAscending(ids);
  });

  test('orders ids made across milliseconds', () => {
    const at = Date.now() + 240_000;
    const ids = [newId(at), newId(at), newId(at + 1), newId(at + 2), newId(at + 1_000)];
    assertStrictlyAscending(ids);
    assert.equal(timestampOf(ids[4] ?? ''), at + 1_000);
  });

  test('never repeats', () => {
    const count = 100_000;
    const ids = new Set(Array.from({ length: count }, () => newId()));
    assert.equal(ids.size, count);
  });
});

describe('isUuid', () => {
  test('accepts lowercase hyphenated UUIDs of any version', () => {
    assert.equal(isUuid(randomUUID()), true);
    assert.equal(isUuid('00000000-0000-0000-0000-000000000000'), true);
    assert.equal(isUuid('0193a4f2-7c1e-7b3d-9f2a-4c5d6e7f8a9b'), true);
  });

  test('rejects uppercase, unhyphenated, braced, padded and truncated forms', () => {
    const id = '0193a4f2-7c1e-7b3d-9f2a-4c5d6e7f8a9b';
    for (const value of [
      id.toUpperCase(),
      id.replace(/-/g, ''),
      `{${id}}`,
      ` ${id}`,
      `${id}\n`,
      id.slice(0, -1),
      `${id}0`,
      id.replace('-7c1e-', '-7c1g-'),
      '',
    ]) {
      assert.equal(isUuid(value), false, JSON.stringify(value));
    }
  });
});
