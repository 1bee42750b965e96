import type {
  BusinessAddress,
  User,
  UsersRepository,
  UserWithReferences,
} from '../../domain/users/users-types.ts';
import type { Queryable } from '../database.ts';
import { filterToSql, type SqlColumn } from '../filter-sql.ts';

interface UserRow {
  id: string;
  application_id: string;
  email: string | null;
  mobile: string | null;
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  business_name: string | null;
  business_id_no: string | null;
  business_id_no_type: 'ABN' | 'ACN' | null;
  business_address: BusinessAddress | null;
  verification_status: boolean | null;
  verification_date: Date | null;
  external_id: string | null;
  created_at: Date;
  [key: string]: unknown;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  applicationId: row.application_id,
  email: row.email,
  mobile: row.mobile,
  firstName: row.first_name,
  middleName: row.middle_name,
  lastName: row.last_name,
  businessName: row.business_name,
  businessIdNo: row.business_id_no,
  businessIdNoType: row.business_id_no_type,
  businessAddress: row.business_address,
  verificationStatus: row.verification_status,
  verificationDate: row.verification_date,
  externalId: row.external_id,
  createdAt: row.created_at,
});

/** Columns behind the `GET /users` filter fields (api.md §4). */
const filterColumns: Record<string, SqlColumn> = {
  'user.email': { sql: 'email', type: 'citext-like' },
  'user.mobile': { sql: 'mobile', type: 'text' },
  'user.externalId': { sql: 'external_id', type: 'text' },
  'user.createdDate': { sql: 'created_at', type: 'timestamptz' },
};

const values = (u: User) => [
  u.id,
  u.applicationId,
  u.email,
  u.mobile,
  u.firstName,
  u.middleName,
  u.lastName,
  u.businessName,
  u.businessIdNo,
  u.businessIdNoType,
  u.businessAddress === null ? null : JSON.stringify(u.businessAddress),
  u.verificationStatus,
  u.verificationDate,
  u.externalId,
  u.createdAt,
];

/**
 * The users of several `find`s in one query, one answer per key in their order. Ids are unique
 * across applications, so a row answers a key only if it belongs to that key's application.
 */
export async function findUsers(
  db: Queryable,
  keys: readonly { applicationId: string; id: string }[],
): Promise<(User | null)[]> {
  const ids = [...new Set(keys.map((key) => key.id))];
  const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE id = ANY($1::uuid[])', [ids]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return keys.map((key) => {
    const row = byId.get(key.id);
    return row && row.application_id === key.applicationId ? toUser(row) : null;
  });
}

const withReferences = `SELECT u.*,
   COALESCE((SELECT json_agg(c.id ORDER BY c.created_at, c.id) FROM connections c
             WHERE c.user_id = u.id AND c.status <> 'deleted'), '[]'::json) AS connection_ids,
   COALESCE((SELECT json_agg(a.id ORDER BY a.created_at, a.id) FROM accounts a
             WHERE a.user_id = u.id), '[]'::json) AS account_ids
 FROM users u`;

type ReferencesRow = UserRow & { connection_ids: string[]; account_ids: string[] };

const toWithReferences = (row: ReferencesRow): UserWithReferences => ({
  user: toUser(row),
  connectionIds: row.connection_ids,
  accountIds: row.account_ids,
});

/** `findWithReferences` for several keys in one query (see `findUsers`). */
export async function findUsersWithReferences(
  db: Queryable,
  keys: readonly { applicationId: string; id: string }[],
): Promise<(UserWithReferences | null)[]> {
  const ids = [...new Set(keys.map((key) => key.id))];
  const { rows } = await db.query<ReferencesRow>(`${withReferences} WHERE u.id = ANY($1::uuid[])`, [
    ids,
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return keys.map((key) => {
    const row = byId.get(key.id);
    return row && row.application_id === key.applicationId ? toWithReferences(row) : null;
  });
}

export function createUsersRepository(db: Queryable): UsersRepository {
  return {
    async insert(user) {
      await db.query(
        `INSERT INTO users (id, application_id, email, mobile, first_name, middle_name, last_name,
           business_name, business_id_no, business_id_no_type, business_address, verification_status,
           verification_date, external_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        values(user),
      );
    },
    async find(applicationId, id) {
      const { rows } = await db.query<UserRow>(
        'SELECT * FROM users WHERE application_id = $1 AND id = $2',
        [applicationId, id],
      );
      return rows[0] ? toUser(rows[0]) : null;
    },
    async findWithReferences(applicationId, id) {
      const { rows } = await db.query<ReferencesRow>(
        `${withReferences} WHERE u.application_id = $1 AND u.id = $2`,
        [applicationId, id],
      );
      return rows[0] ? toWithReferences(rows[0]) : null;
    },
    async update(user) {
      await db.query(
        `UPDATE users SET email = $3, mobile = $4, first_name = $5, middle_name = $6, last_name = $7,
           business_name = $8, business_id_no = $9, business_id_no_type = $10, business_address = $11,
           verification_status = $12, verification_date = $13, external_id = $14
         WHERE id = $1 AND application_id = $2`,
        values(user).slice(0, 14),
      );
    },
    async delete(applicationId, id, at) {
      const { rowCount } = await db.query(
        'DELETE FROM users WHERE application_id = $1 AND id = $2',
        [applicationId, id],
      );
      if (rowCount === 0) return false;
      await db.query(
        'INSERT INTO user_tombstones (id, application_id, deleted_at) VALUES ($1, $2, $3)',
        [id, applicationId, at],
      );
      return true;
    },
    async wasDeleted(applicationId, id) {
      const { rows } = await db.query(
        'SELECT 1 FROM user_tombstones WHERE application_id = $1 AND id = $2',
        [applicationId, id],
      );
      return rows.length > 0;
    },
    async externalIdTaken(applicationId, externalId, exceptId) {
      const { rows } = await db.query(
        'SELECT 1 FROM users WHERE application_id = $1 AND external_id = $2 AND id IS DISTINCT FROM $3',
        [applicationId, externalId, exceptId],
      );
      return rows.length > 0;
    },
    async list(applicationId, filter, after, limit) {
      const where = filterToSql(filter, filterColumns, 2);
      const base = `application_id = $1 AND ${where.sql}`;
      const params: unknown[] = [applicationId, ...where.params];
      const { rows: counted } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM users WHERE ${base}`,
        params,
      );
      const page: unknown[] = [...params];
      let keyset = '';
      if (after) {
        page.push(after.createdAt, after.id);
        keyset = ` AND (created_at, id) > ($${page.length - 1}::timestamptz, $${page.length}::uuid)`;
      }
      page.push(limit);
      const { rows } = await db.query<UserRow>(
        `SELECT * FROM users WHERE ${base}${keyset} ORDER BY created_at, id LIMIT $${page.length}`,
        page,
      );
      return { rows: rows.map(toUser), size: counted[0]?.n ?? 0 };
    },
  };
}
