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
    /** The pepper of API key hashes, made on first use. Not encrypted: a lost encryption key must
     * not lose the API keys (operations.md §8.4). */
    async apiKeyPepper(generate: () => string): Promise<string> {
      await db.query('UPDATE installation SET api_key_pepper = coalesce(api_key_pepper, $1)', [
        generate(),
      ]);
      const { rows } = await db.query<{ api_key_pepper: string | null }>(
        'SELECT api_key_pepper FROM installation',
      );
      const pepper = rows[0]?.api_key_pepper;
      if (!pepper) throw new Error('installation row missing');
      return pepper;
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
