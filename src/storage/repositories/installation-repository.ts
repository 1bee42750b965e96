import type { Queryable } from '../database.ts';

/** The installation row: which encryption key this database's secrets are sealed under. */
export function createInstallationRepository(db: Queryable) {
  return {
    async encryptionKeyId(): Promise<string | null> {
      const { rows } = await db.query<{ encryption_key_id: string }>(
        'SELECT encryption_key_id FROM installation',
      );
      return rows[0]?.encryption_key_id ?? null;
    },
    async recordEncryptionKeyId(keyId: string): Promise<void> {
      await db.query(
        `INSERT INTO installation (id, encryption_key_id) VALUES (true, $1)
         ON CONFLICT (id) DO UPDATE SET encryption_key_id = EXCLUDED.encryption_key_id`,
        [keyId],
      );
    },
  };
}

export type InstallationRepository = ReturnType<typeof createInstallationRepository>;
