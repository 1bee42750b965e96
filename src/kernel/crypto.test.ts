import assert from 'node:assert/strict';
import { createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  UnreadableSecretError,
  apiKeyHint,
  constantTimeEqual,
  createSecretBox,
  generateApiKey,
  generateKey,
  hashApiKey,
  keyIdOf,
  parseKey,
  randomToken,
} from './crypto.ts';

const rowId = '0193a4f2-7c1e-7b3d-9f2a-4c5d6e7f8a9b';
const otherRowId = '0193a4f2-7c1e-7b3d-9f2a-4c5d6e7f8a9c';
const secret = 'hunter2-correct-horse-battery-staple';

/** Rewrites one base64url part of a sealed value through `change`. */
function alterPart(sealed: string, index: number, change: (bytes: Buffer) => Buffer): string {
  const parts = sealed.split('.');
  const part = parts[index];
  assert.ok(part !== undefined);
  parts[index] = change(Buffer.from(part, 'base64url')).toString('base64url');
  return parts.join('.');
}

function flipFirstBit(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy[0] = (copy[0] ?? 0) ^ 0x01;
  return copy;
}

function assertUnreadable(run: () => unknown, keyId: string | null, reason: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof UnreadableSecretError);
    assert.equal(error.keyId, keyId);
    assert.equal(error.reason, reason);
    return true;
  });
}

describe('keyIdOf', () => {
  test('is the first 8 lowercase hex characters of SHA-256 over the key', () => {
    const key = generateKey();
    const id = keyIdOf(key);
    assert.match(id, /^[0-9a-f]{8}$/);
    assert.equal(id, createHash('sha256').update(key).digest('hex').slice(0, 8));
  });

  test('matches a known answer', () => {
    // sha256 of 32 zero bytes is 66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925.
    assert.equal(keyIdOf(Buffer.alloc(32)), '66687aad');
  });

  test('differs between keys', () => {
    assert.notEqual(keyIdOf(generateKey()), keyIdOf(generateKey()));
  });
});

describe('createSecretBox', () => {
  test('round-trips text, including empty and non-ASCII text', () => {
    const box = createSecretBox({ current: generateKey() });
    for (const text of [secret, '', 'pässwörd 🔑 密码', 'x'.repeat(10_000)]) {
      assert.equal(box.open(box.seal(text, rowId), rowId), text);
    }
  });

  test('produces an ASCII value in the documented format that does not contain the plaintext', () => {
    const key = generateKey();
    const box = createSecretBox({ current: key });
    const sealed = box.seal(secret, rowId);
    assert.match(sealed, /^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    assert.equal(sealed.split('.')[1], keyIdOf(key));
    assert.equal(box.currentKeyId, keyIdOf(key));
    assert.ok(!sealed.includes(secret));
    assert.ok(!sealed.includes(key.toString('base64url')));
  });

  test('is AES-256-GCM with a 96-bit nonce, the tag last and the row id as associated data', () => {
    // Decrypting by hand pins the stored format, so a later change cannot silently orphan data.
    const key = generateKey();
    const sealed = createSecretBox({ current: key }).seal(secret, rowId);
    const [, , nonceText = '', bodyText = ''] = sealed.split('.');
    const nonce = Buffer.from(nonceText, 'base64url');
    const body = Buffer.from(bodyText, 'base64url');
    assert.equal(nonce.length, 12);
    assert.equal(body.length, Buffer.byteLength(secret) + 16);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(rowId, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - 16));
    const plain = Buffer.concat([
      decipher.update(body.subarray(0, body.length - 16)),
      decipher.final(),
    ]);
    assert.equal(plain.toString('utf8'), secret);
  });

  test('uses a fresh nonce for every value', () => {
    const box = createSecretBox({ current: generateKey() });
    const first = box.seal(secret, rowId);
    const second = box.seal(secret, rowId);
    assert.notEqual(first, second);
    assert.notEqual(first.split('.')[2], second.split('.')[2]);
    assert.equal(box.open(first, rowId), box.open(second, rowId));
  });

  test('refuses a value opened with other associated data', () => {
    const box = createSecretBox({ current: generateKey() });
    const sealed = box.seal(secret, rowId);
    assertUnreadable(() => box.open(sealed, otherRowId), box.currentKeyId, 'authentication-failed');
    assertUnreadable(() => box.open(sealed, ''), box.currentKeyId, 'authentication-failed');
  });

  test('refuses a tampered ciphertext, tag, nonce or key id', () => {
    const key = generateKey();
    const other = generateKey();
    const box = createSecretBox({ current: key, previous: [other] });
    const sealed = box.seal(secret, rowId);
    const id = box.currentKeyId;
    assertUnreadable(
      () => box.open(alterPart(sealed, 3, flipFirstBit), rowId),
      id,
      'authentication-failed',
    );
    const flipTagBit = (bytes: Buffer): Buffer => {
      const copy = Buffer.from(bytes);
      const last = copy.length - 1;
      copy[last] = (copy[last] ?? 0) ^ 0x80;
      return copy;
    };
    assertUnreadable(
      () => box.open(alterPart(sealed, 3, flipTagBit), rowId),
      id,
      'authentication-failed',
    );
    assertUnreadable(
      () => box.open(alterPart(sealed, 2, flipFirstBit), rowId),
      id,
      'authentication-failed',
    );
    // Pointing the value at the other configured key must fail too, not decrypt to garbage.
    const retargeted = sealed.replace(`.${id}.`, `.${keyIdOf(other)}.`);
    assertUnreadable(() => box.open(retargeted, rowId), keyIdOf(other), 'authentication-failed');
  });

  test('refuses malformed values', () => {
    const box = createSecretBox({ current: generateKey() });
    const sealed = box.seal(secret, rowId);
    const truncatedBody = alterPart(sealed, 3, (bytes) => bytes.subarray(0, 15));
    const shortNonce = alterPart(sealed, 2, (bytes) => bytes.subarray(0, 11));
    for (const value of [
      '',
      secret,
      sealed.replace(/^v1\./, 'v2.'),
      sealed.split('.').slice(0, 3).join('.'),
      `${sealed}.extra`,
      sealed.replace(/\.[0-9a-f]{8}\./, '.ABCDEF12.'),
      truncatedBody,
      shortNonce,
      sealed.replace(/\.([^.]+)$/, '.+$1'),
    ]) {
      assertUnreadable(() => box.open(value, rowId), null, 'malformed');
      assert.equal(box.canOpen(value), false);
      assert.equal(box.isUnderCurrentKey(value), false);
    }
  });

  test('never puts plaintext or key material in an error message', () => {
    const key = generateKey();
    const box = createSecretBox({ current: key });
    const sealed = box.seal(secret, rowId);
    for (const run of [
      () => box.open(sealed, otherRowId),
      () => box.open(alterPart(sealed, 3, flipFirstBit), rowId),
      () => createSecretBox({ current: generateKey() }).open(sealed, rowId),
    ]) {
      assert.throws(run, (error: unknown) => {
        assert.ok(error instanceof Error);
        const text = `${error.message} ${String(error.stack)}`;
        assert.ok(!text.includes(secret));
        assert.ok(!text.includes(key.toString('base64')));
        assert.ok(!text.includes(key.toString('hex')));
        return true;
      });
    }
  });

  test('seals with the current key and opens values sealed with a previous key', () => {
    const oldKey = generateKey();
    const newKey = generateKey();
    const before = createSecretBox({ current: oldKey });
    const sealedBefore = before.seal(secret, rowId);

    const rotated = createSecretBox({ current: newKey, previous: [oldKey] });
    assert.equal(rotated.currentKeyId, keyIdOf(newKey));
    assert.equal(rotated.open(sealedBefore, rowId), secret);
    const sealedAfter = rotated.seal(secret, rowId);
    assert.equal(sealedAfter.split('.')[1], keyIdOf(newKey));
    assert.equal(rotated.open(sealedAfter, rowId), secret);

    // A process still on the old key alone cannot read the new value: the key id says why.
    assertUnreadable(() => before.open(sealedAfter, rowId), keyIdOf(newKey), 'unknown-key');
  });

  test('reports a value under an unconfigured key as unreadable, carrying its key id', () => {
    const lostKey = generateKey();
    const sealed = createSecretBox({ current: lostKey }).seal(secret, rowId);
    const box = createSecretBox({ current: generateKey(), previous: [generateKey()] });
    assertUnreadable(() => box.open(sealed, rowId), keyIdOf(lostKey), 'unknown-key');
    assert.throws(() => box.open(sealed, rowId), new RegExp(keyIdOf(lostKey)));
  });

  test('isUnderCurrentKey tells current-key values from previous-key values', () => {
    const oldKey = generateKey();
    const newKey = generateKey();
    const sealedOld = createSecretBox({ current: oldKey }).seal(secret, rowId);
    const box = createSecretBox({ current: newKey, previous: [oldKey] });
    const sealedNew = box.seal(secret, rowId);
    assert.equal(box.isUnderCurrentKey(sealedNew), true);
    assert.equal(box.isUnderCurrentKey(sealedOld), false);
    const unknown = createSecretBox({ current: generateKey() }).seal(secret, rowId);
    assert.equal(box.isUnderCurrentKey(unknown), false);
  });

  test('canOpen is true exactly for values under a configured key', () => {
    const oldKey = generateKey();
    const box = createSecretBox({ current: generateKey(), previous: [oldKey] });
    assert.equal(box.canOpen(box.seal(secret, rowId)), true);
    assert.equal(box.canOpen(createSecretBox({ current: oldKey }).seal(secret, rowId)), true);
    const unknown = createSecretBox({ current: generateKey() }).seal(secret, rowId);
    assert.equal(box.canOpen(unknown), false);
  });

  test('rejects keys that are not exactly 32 bytes', () => {
    for (const length of [0, 16, 31, 33, 64]) {
      assert.throws(() => createSecretBox({ current: randomBytes(length) }), RangeError);
      assert.throws(
        () => createSecretBox({ current: generateKey(), previous: [randomBytes(length)] }),
        RangeError,
      );
    }
  });

  test('accepts the current key repeated among the previous keys', () => {
    const key = generateKey();
    const box = createSecretBox({ current: key, previous: [key] });
    assert.equal(box.open(box.seal(secret, rowId), rowId), secret);
  });

  test('is not affected by later changes to the caller’s key buffer', () => {
    const key = generateKey();
    const box = createSecretBox({ current: key });
    const sealed = box.seal(secret, rowId);
    key.fill(0);
    assert.equal(box.open(sealed, rowId), secret);
  });
});

describe('parseKey', () => {
  // Bytes chosen so the standard and url-safe encodings differ (they contain + and /).
  const key = Buffer.from(
    'fbefbefbefbefbefbefbefbefbefbefbefbefbefbefbefbefbefbefbefbefbef',
    'hex',
  );
  const standard = key.toString('base64');

  test('accepts standard base64 with or without padding', () => {
    assert.match(standard, /[+/]/);
    assert.ok(standard.endsWith('='));
    assert.deepEqual(parseKey(standard), key);
    assert.deepEqual(parseKey(standard.slice(0, -1)), key);
  });

  test('accepts url-safe base64 with or without padding', () => {
    const urlSafe = key.toString('base64url');
    assert.match(urlSafe, /[-_]/);
    assert.deepEqual(parseKey(urlSafe), key);
    assert.deepEqual(parseKey(`${urlSafe}=`), key);
  });

  test('accepts what `openssl rand -base64 32` prints, once the line ending is trimmed', () => {
    const generated = generateKey();
    assert.deepEqual(parseKey(generated.toString('base64')), generated);
  });

  test('rejects 31 and 33 bytes', () => {
    assert.equal(parseKey(randomBytes(31).toString('base64')), null);
    assert.equal(parseKey(randomBytes(33).toString('base64')), null);
    assert.equal(parseKey(randomBytes(31).toString('base64url')), null);
    assert.equal(parseKey(randomBytes(33).toString('base64url')), null);
  });

  test('rejects garbage, whitespace, mixed alphabets and non-canonical encodings', () => {
    // Same bytes once decoded, but the last character carries stray low bits.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const lastIndex = alphabet.indexOf(standard.charAt(42));
    const nonCanonical = `${standard.slice(0, 42)}${alphabet.charAt(lastIndex | 1)}=`;
    assert.deepEqual(Buffer.from(nonCanonical, 'base64'), key);
    for (const value of [
      '',
      'not a key',
      key.toString('hex'),
      `${'!'.repeat(43)}=`,
      ` ${standard}`,
      `${standard}\n`,
      `${standard}=`,
      `${standard.slice(0, 20)} ${standard.slice(21)}`,
      `+${key.toString('base64url').slice(1)}`,
      nonCanonical,
    ]) {
      assert.equal(parseKey(value), null, JSON.stringify(value));
    }
  });
});

describe('random values', () => {
  test('generateKey returns 32 fresh random bytes', () => {
    const a = generateKey();
    const b = generateKey();
    assert.equal(a.length, 32);
    assert.ok(!a.equals(b));
  });

  test('randomToken is base64url of 32 random bytes by default', () => {
    const token = randomToken();
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(token, 'base64url').length, 32);
    assert.notEqual(randomToken(), token);
  });

  test('randomToken honours the byte count and refuses nonsense', () => {
    assert.equal(Buffer.from(randomToken(6), 'base64url').length, 6);
    assert.equal(randomToken(6).length, 8);
    assert.throws(() => randomToken(0), RangeError);
    assert.throws(() => randomToken(1.5), RangeError);
  });
});

describe('constantTimeEqual', () => {
  test('is true for equal strings', () => {
    const token = randomToken();
    assert.equal(constantTimeEqual(token, `${token}`), true);
    assert.equal(constantTimeEqual('', ''), true);
    assert.equal(constantTimeEqual('pässwörd', 'pässwörd'), true);
  });

  test('is false for different strings, whatever their lengths', () => {
    const token = randomToken();
    assert.equal(constantTimeEqual(token, randomToken()), false);
    assert.equal(constantTimeEqual(token, token.slice(0, -1)), false);
    assert.equal(constantTimeEqual(token, `${token}x`), false);
    assert.equal(constantTimeEqual(token, ''), false);
    assert.equal(constantTimeEqual('Token', 'token'), false);
  });
});

describe('hashApiKey', () => {
  test('is HMAC-SHA256 in hex (RFC 4231 test case 2)', () => {
    assert.equal(
      hashApiKey('what do ya want for nothing?', Buffer.from('Jefe')),
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  test('is stable for one key and pepper', () => {
    const pepper = randomBytes(32);
    const key = generateApiKey(
      '0193a4f2-7c1e-7b3d-9f2a-4c5d6e7f8a9b',
      '6fb4e2e8-0d91-4ae8-b327-79c14a95d3e0',
    );
    const hash = hashApiKey(key, pepper);
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(hashApiKey(key, Buffer.from(pepper)), hash);
  });

  test('differs per pepper and per key', () => {
    const key = randomToken();
    const pepper = randomBytes(32);
    assert.notEqual(hashApiKey(key, pepper), hashApiKey(key, randomBytes(32)));
    assert.notEqual(hashApiKey(key, pepper), hashApiKey(`${key}x`, pepper));
    assert.notEqual(hashApiKey(key, pepper), createHash('sha256').update(key).digest('hex'));
  });

  test('refuses an empty pepper', () => {
    assert.throws(() => hashApiKey('key', Buffer.alloc(0)), RangeError);
  });
});

describe('API keys', () => {
  test('generateApiKey gives the example key of operations.md §4.2', () => {
    assert.equal(
      generateApiKey(
        '0193a4f2-7c1e-7b3d-9f2a-4c5d6e7f8a9b',
        '6fb4e2e8-0d91-4ae8-b327-79c14a95d3e0',
      ),
      'MDE5M2E0ZjItN2MxZS03YjNkLTlmMmEtNGM1ZDZlN2Y4YTliOjZmYjRlMmU4LTBkOTEtNGFlOC1iMzI3LTc5YzE0YTk1ZDNlMA==',
    );
  });

  test('generateApiKey decodes to `<key id>:<uuid>`', () => {
    const keyId = '0193a4f2-7c1e-7b3d-9f2a-4c5d6e7f8a9b';
    const other = '00000000-0000-4000-8000-000000000000';
    const key = generateApiKey(keyId, other);
    assert.equal(Buffer.from(key, 'base64').toString('utf8'), `${keyId}:${other}`);
    assert.match(key, /^[A-Za-z0-9+/]+=*$/);
  });

  test('generateApiKey refuses anything but two UUIDs', () => {
    const uuid = '0193a4f2-7c1e-7b3d-9f2a-4c5d6e7f8a9b';
    assert.throws(() => generateApiKey('key', uuid), TypeError);
    assert.throws(() => generateApiKey(uuid, ''), TypeError);
    assert.throws(() => generateApiKey(uuid.toUpperCase(), uuid), TypeError);
  });

  test('apiKeyHint is the last 4 characters', () => {
    assert.equal(apiKeyHint('abcdefgh'), 'efgh');
    assert.equal(
      apiKeyHint('MDE5M2E0ZjItN2MxZS03YjNkOjZmYjRlMmU4LTBkOTEtNGFlOC1iMzI3LTc5YzE0YTk1ZDNlMA=='),
      'MA==',
    );
  });
});
