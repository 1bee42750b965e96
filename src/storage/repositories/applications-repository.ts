import type {
  ApiKeyRecord,
  Application,
  ApplicationsRepository,
  ApplicationStatus,
} from '../../domain/applications/applications-types.ts';
import type { Queryable } from '../database.ts';

interface ApplicationRow {
  id: string;
  name: string;
  status: ApplicationStatus;
  is_default: boolean;
  created_at: Date;
  [key: string]: unknown;
}

interface KeyRow {
  id: string;
  application_id: string;
  hint: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  [key: string]: unknown;
}

const toApplication = (row: ApplicationRow): Application => ({
  id: row.id,
  name: row.name,
  status: row.status,
  isDefault: row.is_default,
  createdAt: row.created_at,
});

const toKey = (row: KeyRow): ApiKeyRecord => ({
  id: row.id,
  applicationId: row.application_id,
  hint: row.hint,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

const keyColumns = 'id, application_id, hint, created_at, last_used_at, revoked_at';

export function createApplicationsRepository(db: Queryable): ApplicationsRepository {
  return {
    async insertApplication(app) {
      await db.query(
        'INSERT INTO applications (id, name, status, is_default, created_at) VALUES ($1, $2, $3, $4, $5)',
        [app.id, app.name, app.status, app.isDefault, app.createdAt],
      );
    },
    async findApplication(id) {
      const { rows } = await db.query<ApplicationRow>('SELECT * FROM applications WHERE id = $1', [
        id,
      ]);
      return rows[0] ? toApplication(rows[0]) : null;
    },
    async findDefaultApplication() {
      const { rows } = await db.query<ApplicationRow>(
        'SELECT * FROM applications WHERE is_default',
        [],
      );
      return rows[0] ? toApplication(rows[0]) : null;
    },
    async listApplications() {
      const { rows } = await db.query<ApplicationRow & { keys: number }>(
        `SELECT a.*, (SELECT count(*)::int FROM api_keys k WHERE k.application_id = a.id AND k.revoked_at IS NULL) AS keys
         FROM applications a ORDER BY a.created_at, a.id`,
        [],
      );
      return rows.map((row) => ({ ...toApplication(row), keys: row.keys }));
    },
    async updateApplication(id, changes) {
      const { rows } = await db.query<ApplicationRow>(
        `UPDATE applications SET name = coalesce($2, name), status = coalesce($3, status)
         WHERE id = $1 RETURNING *`,
        [id, changes.name ?? null, changes.status ?? null],
      );
      return rows[0] ? toApplication(rows[0]) : null;
    },
    async insertKey(key) {
      await db.query(
        `INSERT INTO api_keys (id, application_id, key_hash, hint, created_at, last_used_at, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          key.id,
          key.applicationId,
          key.keyHash,
          key.hint,
          key.createdAt,
          key.lastUsedAt,
          key.revokedAt,
        ],
      );
    },
    async findKeyByHash(keyHash) {
      const { rows } = await db.query<KeyRow>(
        `SELECT ${keyColumns} FROM api_keys WHERE key_hash = $1`,
        [keyHash],
      );
      return rows[0] ? toKey(rows[0]) : null;
    },
    async findKey(id) {
      const { rows } = await db.query<KeyRow>(`SELECT ${keyColumns} FROM api_keys WHERE id = $1`, [
        id,
      ]);
      return rows[0] ? toKey(rows[0]) : null;
    },
    async listKeys(applicationId) {
      const { rows } = await db.query<KeyRow>(
        `SELECT ${keyColumns} FROM api_keys WHERE application_id = $1 ORDER BY created_at, id`,
        [applicationId],
      );
      return rows.map(toKey);
    },
    async revokeKey(id, at) {
      await db.query('UPDATE api_keys SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1', [
        id,
        at,
      ]);
    },
    async touchKey(id, at) {
      await db.query('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [id, at]);
    },
    async revocations() {
      const keys = await db.query<{ id: string }>(
        'SELECT id FROM api_keys WHERE revoked_at IS NOT NULL',
        [],
      );
      const apps = await db.query<{ id: string }>(
        "SELECT id FROM applications WHERE status = 'disabled'",
        [],
      );
      return {
        revokedKeyIds: keys.rows.map((r) => r.id),
        disabledApplicationIds: apps.rows.map((r) => r.id),
      };
    },
  };
}
