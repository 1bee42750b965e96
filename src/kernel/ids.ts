import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0;

// Random bytes drawn in batches: one system call per 256 ids instead of two per id. An id's 16
// bytes are written over its slice of the pool and spelled from there: no Buffer per id.
const poolSize = 16 * 256;
let pool = randomBytes(poolSize);
let poolOffset = 0;

/** Two ASCII hex digits per byte value. */
const hexDigits = new Uint8Array(512);
for (let i = 0; i < 256; i += 1) hexDigits.set(Buffer.from(i.toString(16).padStart(2, '0')), 2 * i);
const spelled = Buffer.alloc(36);

/** 16 bytes as the 36 characters of a hyphenated UUID. */
function spell(bytes: Buffer, offset: number): string {
  let at = 0;
  for (let i = 0; i < 16; i += 1) {
    if (i === 4 || i === 6 || i === 8 || i === 10) spelled[at++] = 45; // '-'
    const byte = bytes[offset + i] ?? 0;
    spelled[at++] = hexDigits[2 * byte] ?? 48;
    spelled[at++] = hexDigits[2 * byte + 1] ?? 48;
  }
  return spelled.toString('latin1');
}

/**
 * A lowercase hyphenated UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits, with a
 * 12-bit counter in `rand_a` so ids made in the same millisecond by this process stay ordered.
 * Generated here rather than by the database: PostgreSQL 15 has no `uuidv7()` (ARCHITECTURE §3.5).
 */
export function newId(nowMs: number = Date.now()): string {
  if (nowMs <= lastMs) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMs += 1;
    nowMs = lastMs;
  } else {
    lastMs = nowMs;
    sequence = -1;
  }
  if (poolOffset + 16 > poolSize) {
    pool = randomBytes(poolSize);
    poolOffset = 0;
  }
  const at = poolOffset;
  poolOffset += 16;
  // A fresh millisecond starts its counter at a random point below 1024, leaving room to count.
  if (sequence === -1) sequence = (((pool[at + 6] ?? 0) << 8) | (pool[at + 7] ?? 0)) & 0x3ff;
  pool.writeUIntBE(nowMs, at, 6);
  pool[at + 6] = 0x70 | (sequence >> 8);
  pool[at + 7] = sequence & 0xff;
  pool[at + 8] = 0x80 | ((pool[at + 8] ?? 0) & 0x3f);
  return spell(pool, at);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every lowercase hyphenated UUID is accepted in a path (api.md §1), whatever its version. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
