import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0;

// Random bytes drawn in batches: one system call per 256 ids instead of two per id.
const poolSize = 16 * 256;
let pool = randomBytes(poolSize);
let poolOffset = 0;

function random16(): Buffer {
  if (poolOffset + 16 > poolSize) {
    pool = randomBytes(poolSize);
    poolOffset = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  return bytes;
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
  const bytes = random16();
  // A fresh millisecond starts its counter at a random point below 1024, leaving room to count.
  if (sequence === -1) sequence = (((bytes[6] ?? 0) << 8) | (bytes[7] ?? 0)) & 0x3ff;
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every lowercase hyphenated UUID is accepted in a path (api.md §1), whatever its version. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
