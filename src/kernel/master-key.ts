import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { generateKey, parseKey, randomToken } from './crypto.ts';

const FILE_NAME = 'master.key';

function masterKeyPath(dataDir: string): string {
  return join(dataDir, FILE_NAME);
}

function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Best effort: a leftover temporary file is harmless and never read.
  }
}

/**
 * The generated key in `{dataDir}/master.key`, or null when there is none (operations.md §8.2).
 * Never creates the file.
 * @throws Error naming the path when the file holds anything but base64 of 32 bytes.
 */
export function readMasterKey(dataDir: string): Buffer | null {
  const path = masterKeyPath(dataDir);
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return null;
    throw error;
  }
  const key = parseKey(content.trim());
  // The content is never quoted: a near-miss may still be most of a real key.
  if (key === null) {
    throw new Error(`${path} is not a valid key: expected one line of base64 of 32 bytes`);
  }
  return key;
}

/** The generated encryption key and where it lives. */
export interface LoadedMasterKey {
  /** The 32-byte key. */
  key: Buffer;
  /** `{dataDir}/master.key`, for the start warning of operations.md §8.2. */
  path: string;
  /** True when this call generated the key; false when it was already there. */
  created: boolean;
}

/**
 * Reads `{dataDir}/master.key`, creating it (mode 0600, operations.md §3.1) with a new random key
 * when absent. `created` says whether this call wrote it, so the caller can warn (§8.2).
 * The caller ensures `dataDir` exists.
 */
export function loadOrCreateMasterKey(dataDir: string): LoadedMasterKey {
  const path = masterKeyPath(dataDir);
  const existing = readMasterKey(dataDir);
  if (existing !== null) return { key: existing, path, created: false };

  // Write the whole file under a private name, then hard-link it into place: link is atomic and
  // never replaces an existing file, so a concurrent start sees no file or a complete one, and
  // exactly one creator wins.
  const key = generateKey();
  const temporary = join(dataDir, `.${FILE_NAME}.${process.pid}.${randomToken(6)}.tmp`);
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    try {
      fchmodSync(fd, 0o600); // open's mode is narrowed by umask, never widened; be exact
      writeSync(fd, `${key.toString('base64')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(temporary, path);
  } catch (error) {
    if (!hasCode(error, 'EEXIST')) throw error;
    // Another process created it between our read and our link: theirs is the key.
    const theirs = readMasterKey(dataDir);
    if (theirs === null) throw error;
    return { key: theirs, path, created: false };
  } finally {
    removeQuietly(temporary);
  }
  return { key, path, created: true };
}
