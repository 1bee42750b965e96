import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { isUuid } from './ids.ts';

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT_VERSION = 'v1';

/** First 8 hex characters of SHA-256 over the key: the key id stored with each value (operations.md §8.1). */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Why a sealed value could not be opened; lets `reencrypt` and start-up counts tell them apart. */
export type UnreadableReason = 'unknown-key' | 'malformed' | 'authentication-failed';

/**
 * A sealed value that cannot be opened: its key id names no configured key (operations.md §8.4),
 * it is not in the sealed format, or it fails authentication (tampered, or sealed for another
 * row). The message never carries plaintext or key material.
 */
export class UnreadableSecretError extends Error {
  /** The key id the value names, or null when the value is not in the sealed format. */
  readonly keyId: string | null;
  readonly reason: UnreadableReason;

  constructor(keyId: string | null, reason: UnreadableReason) {
    super(
      reason === 'unknown-key'
        ? `secret was sealed with key ${keyId ?? ''}, which is not configured`
        : reason === 'malformed'
          ? 'secret is not in the sealed format'
          : `secret sealed with key ${keyId ?? ''} failed authentication`,
    );
    this.name = 'UnreadableSecretError';
    this.keyId = keyId;
    this.reason = reason;
  }
}

/**
 * Encryption at rest for secrets stored in the database (operations.md §8): AES-256-GCM with a
 * fresh 96-bit nonce per value, the row's id as associated data, and the key id stored with the
 * ciphertext so rotation (§8.3) can pick the right key.
 *
 * Sealed values are `v1.<keyId>.<nonce>.<ciphertext||tag>` (base64url parts): ASCII, safe for a
 * text column.
 */
export interface SecretBox {
  /** Key id of the key new values are sealed with. */
  readonly currentKeyId: string;
  /** Encrypts `plaintext` under the current key, bound to `associatedData` (the row's id). */
  seal(plaintext: string, associatedData: string): string;
  /**
   * Decrypts a sealed value with the key its key id names (current or previous).
   * @throws UnreadableSecretError for an unknown key id, a malformed or tampered value, or
   *   `associatedData` other than the one it was sealed with.
   */
  open(sealed: string, associatedData: string): string;
  /** True when the value names the current key: `reencrypt` skips it. False when malformed. */
  isUnderCurrentKey(sealed: string): boolean;
  /**
   * True when the value is well-formed and names a configured key. It cannot authenticate the
   * value (that needs the associated data); it answers "is the key lost?" (§8.4).
   */
  canOpen(sealed: string): boolean;
}

interface ParsedSealed {
  keyId: string;
  nonce: Buffer;
  body: Buffer;
}

const base64UrlPart = /^[A-Za-z0-9_-]+$/;
const keyIdPattern = /^[0-9a-f]{8}$/;

function parseSealed(sealed: string): ParsedSealed | null {
  const parts = sealed.split('.');
  if (parts.length !== 4) return null;
  const [version, keyId, nonceText, bodyText] = parts;
  if (version !== FORMAT_VERSION || keyId === undefined || !keyIdPattern.test(keyId)) return null;
  if (nonceText === undefined || bodyText === undefined) return null;
  if (!base64UrlPart.test(nonceText) || !base64UrlPart.test(bodyText)) return null;
  const nonce = Buffer.from(nonceText, 'base64url');
  const body = Buffer.from(bodyText, 'base64url');
  if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) return null;
  return { keyId, nonce, body };
}

function assertKey(key: Buffer, what: string): void {
  // Length only: the message must never describe the key's content.
  if (key.length !== KEY_BYTES) {
    throw new RangeError(`${what} must be exactly ${KEY_BYTES} bytes, got ${key.length}`);
  }
}

/**
 * Builds a SecretBox sealing under `current` and also opening values sealed under any of
 * `previous` (newest first, as in `TRIBUTARY_ENCRYPTION_PREVIOUS_KEYS`).
 */
export function createSecretBox(keys: {
  current: Buffer;
  previous?: readonly Buffer[];
}): SecretBox {
  assertKey(keys.current, 'encryption key');
  const current = Buffer.from(keys.current);
  const currentKeyId = keyIdOf(current);
  const byId = new Map<string, Buffer>([[currentKeyId, current]]);
  for (const [index, previousKey] of (keys.previous ?? []).entries()) {
    assertKey(previousKey, `previous encryption key ${index + 1}`);
    const id = keyIdOf(previousKey);
    const known = byId.get(id);
    if (known === undefined) {
      byId.set(id, Buffer.from(previousKey));
    } else if (!known.equals(previousKey)) {
      // Two distinct keys sharing 8 hex chars: values would be opened with the wrong key.
      throw new Error(`two configured encryption keys share the key id ${id}; generate a new key`);
    }
  }

  return {
    currentKeyId,

    seal(plaintext, associatedData) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = Buffer.concat([
        cipher.update(plaintext, 'utf8'),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return `${FORMAT_VERSION}.${currentKeyId}.${nonce.toString('base64url')}.${body.toString('base64url')}`;
    },

    open(sealed, associatedData) {
      const parsed = parseSealed(sealed);
      if (parsed === null) throw new UnreadableSecretError(null, 'malformed');
      const key = byId.get(parsed.keyId);
      if (key === undefined) throw new UnreadableSecretError(parsed.keyId, 'unknown-key');
      const ciphertext = parsed.body.subarray(0, parsed.body.length - TAG_BYTES);
      const tag = parsed.body.subarray(parsed.body.length - TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, parsed.nonce, {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        // Node's message ("Unsupported state or unable to authenticate data") adds nothing.
        throw new UnreadableSecretError(parsed.keyId, 'authentication-failed');
      }
    },

    isUnderCurrentKey(sealed) {
      return parseSealed(sealed)?.keyId === currentKeyId;
    },

    canOpen(sealed) {
      const parsed = parseSealed(sealed);
      return parsed !== null && byId.has(parsed.keyId);
    },
  };
}

// 32 bytes are 43 base64 characters plus one optional "=". One alphabet per value: a mix is
// not something any encoder produces.
const standardKey = /^[A-Za-z0-9+/]{43}=?$/;
const urlSafeKey = /^[A-Za-z0-9_-]{43}=?$/;

/**
 * Parses `TRIBUTARY_ENCRYPTION_KEY` or `master.key` content: standard or url-safe base64 of
 * exactly 32 bytes, padding optional (operations.md §8.2). Null for anything else, including
 * surrounding whitespace (the caller trims a file's line ending).
 */
export function parseKey(base64: string): Buffer | null {
  if (!standardKey.test(base64) && !urlSafeKey.test(base64)) return null;
  const unpadded = base64.replace(/=$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const key = Buffer.from(unpadded, 'base64url');
  // Buffer ignores stray low bits in the last character; demand the canonical encoding so one
  // key has one spelling.
  if (key.length !== KEY_BYTES || key.toString('base64url') !== unpadded) return null;
  return key;
}

/** A new random 32-byte encryption key. */
export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** `bytes` random bytes as base64url: the generated admin token (operations.md §6). */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 1) {
    throw new RangeError('randomToken needs a positive whole number of bytes');
  }
  return randomBytes(bytes).toString('base64url');
}

/**
 * Compares two secrets without leaking, through timing, where they differ or how long either is:
 * both are hashed first so `timingSafeEqual` always sees 32 bytes (operations.md §6).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const digestA = createHash('sha256').update(a, 'utf8').digest();
  const digestB = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(digestA, digestB);
}

/**
 * The stored form of an API key (api.md §2.1): HMAC-SHA256 keyed with the installation's pepper,
 * hex. Keys are high-entropy, so no slow hash is needed; the pepper keeps a leaked table from
 * being checked against keys found elsewhere.
 */
export function hashApiKey(key: string, pepper: Buffer): string {
  if (pepper.length === 0) throw new RangeError('API key pepper must not be empty');
  return createHmac('sha256', pepper).update(key, 'utf8').digest('hex');
}

/**
 * A key in Basiq's shape (api.md §2.1): Base64 of `<key id>:<random UUID>`. Pure: the caller
 * passes the key's id and a fresh random UUID.
 */
export function generateApiKey(keyId: string, secretUuid: string): string {
  if (!isUuid(keyId) || !isUuid(secretUuid)) {
    throw new TypeError('generateApiKey needs two lowercase UUIDs');
  }
  return Buffer.from(`${keyId}:${secretUuid}`, 'utf8').toString('base64');
}

/** The hint stored and shown for a key: its last 4 characters (operations.md §4.2). */
export function apiKeyHint(key: string): string {
  return key.slice(-4);
}
