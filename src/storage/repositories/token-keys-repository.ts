import type { Queryable } from '../database.ts';

/** Sealed access-token signing keys, newest first. */
export function createTokenKeysRepository(db: Queryable) {
  return {
    async list(): Promise<{ id: string; sealed: string }[]> {
      const { rows } = await db.query<{ id: string; sealed: string }>(
        'SELECT id, sealed FROM token_signing_keys ORDER BY created_at DESC, id DESC',
        [],
      );
      return rows;
    },
    async insert(id: string, sealed: string, createdAt: Date): Promise<void> {
      await db.query(
        'INSERT INTO token_signing_keys (id, sealed, created_at) VALUES ($1, $2, $3)',
        [id, sealed, createdAt],
      );
    },
  };
}
