// `tributary reencrypt` (operations.md §8.3): every sealed value not under the current key is
// opened with the key its id names and sealed again under the current one, in batches, each batch
// in one transaction. Idempotent; safe beside running processes (a row changed meanwhile is simply
// re-read in the next pass).
import { UnreadableSecretError, type SecretBox } from '../kernel/crypto.ts';
import type { Database } from './database.ts';

/** Every column holding a sealed value, and the associated data it was sealed with. */
const sealedColumns = [
  { table: 'token_signing_keys', column: 'sealed', associated: (id: string) => id },
  { table: 'connections', column: 'credentials', associated: (id: string) => `credentials:${id}` },
  {
    table: 'connections',
    column: 'bank_session_sealed',
    associated: (id: string) => `bank-session:${id}`,
  },
  { table: 'connection_jobs', column: 'session', associated: (id: string) => `session:${id}` },
  { table: 'connection_jobs', column: 'mfa_answer', associated: (id: string) => `mfa:${id}` },
] as const;

const batchSize = 500;

export interface ReencryptResult {
  reencrypted: number;
  unreadable: number;
}

export async function reencryptSecrets(
  database: Database,
  secretBox: SecretBox,
): Promise<ReencryptResult> {
  const result: ReencryptResult = { reencrypted: 0, unreadable: 0 };
  for (const { table, column, associated } of sealedColumns) {
    let after = '';
    for (;;) {
      const { rows } = await database.query<{ id: string; value: string }>(
        `SELECT id::text AS id, ${column} AS value FROM ${table}
         WHERE ${column} IS NOT NULL AND id::text > $1 ORDER BY id::text LIMIT $2`,
        [after, batchSize],
      );
      if (rows.length === 0) break;
      after = rows.at(-1)?.id ?? after;
      await database.transaction(async (tx) => {
        for (const row of rows) {
          if (secretBox.isUnderCurrentKey(row.value)) continue;
          let plain: string;
          try {
            plain = secretBox.open(row.value, associated(row.id));
          } catch (error) {
            if (!(error instanceof UnreadableSecretError)) throw error;
            result.unreadable += 1;
            continue;
          }
          const { rowCount } = await tx.query(
            `UPDATE ${table} SET ${column} = $2 WHERE id::text = $1 AND ${column} = $3`,
            [row.id, secretBox.seal(plain, associated(row.id)), row.value],
          );
          result.reencrypted += rowCount;
        }
      });
    }
  }
  return result;
}
