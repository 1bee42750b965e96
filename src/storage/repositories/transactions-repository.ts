import type {
  Transaction,
  TransactionsRepository,
} from '../../domain/connections/connection-types.ts';
import type { Queryable, Row } from '../database.ts';
import { filterToSql, type SqlColumn } from '../filter-sql.ts';
import { dateText, moneyText } from './values.ts';

const filterColumns: Record<string, SqlColumn> = {
  'account.id': { sql: 'account_id', type: 'uuid' },
  'connection.id': { sql: 'connection_id', type: 'uuid' },
  'institution.id': { sql: 'institution_id', type: 'text' },
  'transaction.status': { sql: 'status', type: 'text' },
  'transaction.direction': {
    sql: "CASE WHEN amount > 0 THEN 'credit' ELSE 'debit' END",
    type: 'text',
  },
  'transaction.class': { sql: 'class', type: 'text' },
  'transaction.postDate': { sql: 'post_date', type: 'date' },
  'transaction.transactionDate': { sql: 'transaction_date', type: 'date' },
  'transaction.amount': { sql: 'amount', type: 'numeric' },
};

function toTransaction(row: Row): Transaction & { accountCreatedAt: Date } {
  return {
    id: row.id as string,
    userId: row.user_id as string,
    accountId: row.account_id as string,
    connectionId: row.connection_id as string,
    institutionId: row.institution_id as string,
    bankKey: row.bank_key as string,
    status: row.status as Transaction['status'],
    description: row.description as string,
    amount: moneyText(row.amount) ?? '0.00',
    currency: row.currency as string,
    balance: moneyText(row.balance),
    class: (row.class as string | null) ?? null,
    transactionDate: dateText(row.transaction_date),
    postDate: dateText(row.post_date),
    paymentDetails: (row.payment_details as Transaction['paymentDetails']) ?? null,
    pendingTransactionId: (row.pending_transaction_id as string | null) ?? null,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
    accountCreatedAt: row.account_created_at as Date,
  };
}

const columns = `id, user_id, account_id, connection_id, institution_id, account_created_at, bank_key,
  status, description, amount, currency, balance, class, transaction_date, post_date, sort_date,
  payment_details, pending_transaction_id, created_at, updated_at`;

export function createTransactionsRepository(db: Queryable): TransactionsRepository {
  const many = async (sql: string, params: unknown[]) => {
    const { rows } = await db.query(sql, params);
    return rows.map(toTransaction);
  };
  return {
    async upsert(rows, accountCreatedAt, at) {
      const first = rows[0];
      if (first === undefined) return { added: 0, modified: 0 };
      // One statement per batch: arrays unnested server-side (PGlite pays per statement).
      // The counts come back as one row, not a row per transaction to parse.
      const { rows: counted } = await db.query<{ added: number; written: number }>(
        `WITH written AS (
         INSERT INTO transactions (id, user_id, account_id, connection_id, institution_id,
           account_created_at, bank_key, status, description, amount, currency, balance, class,
           transaction_date, post_date, sort_date, payment_details, created_at, updated_at)
         SELECT t.id, $12::uuid, $13::uuid, $14::uuid, $15::text, $16::timestamptz, t.bank_key,
           t.status, t.description, t.amount, t.currency, t.balance, t.class, t.transaction_date,
           t.post_date, COALESCE(t.post_date, t.transaction_date), t.payment_details, $17, $17
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::text[],
           $7::numeric[], $8::text[], $9::date[], $10::date[], $11::jsonb[])
           AS t(id, bank_key, status, description, amount, currency, balance, class,
                transaction_date, post_date, payment_details)
         ON CONFLICT (account_id, bank_key) DO UPDATE SET description = EXCLUDED.description,
           amount = EXCLUDED.amount, balance = EXCLUDED.balance, class = EXCLUDED.class,
           transaction_date = EXCLUDED.transaction_date, payment_details = EXCLUDED.payment_details,
           updated_at = EXCLUDED.updated_at
         WHERE (transactions.description, transactions.amount, transactions.balance,
                transactions.class, transactions.transaction_date, transactions.payment_details)
           IS DISTINCT FROM (EXCLUDED.description, EXCLUDED.amount, EXCLUDED.balance,
                EXCLUDED.class, EXCLUDED.transaction_date, EXCLUDED.payment_details)
         RETURNING (xmax = 0) AS inserted)
         SELECT (count(*) FILTER (WHERE inserted))::int AS added, count(*)::int AS written
         FROM written`,
        [
          rows.map((r) => r.id),
          rows.map((r) => r.bankKey),
          rows.map((r) => r.status),
          rows.map((r) => r.description),
          rows.map((r) => r.amount),
          rows.map((r) => r.currency),
          rows.map((r) => r.balance),
          rows.map((r) => r.class),
          rows.map((r) => r.transactionDate),
          rows.map((r) => r.postDate),
          rows.map((r) => (r.paymentDetails === null ? null : JSON.stringify(r.paymentDetails))),
          first.userId,
          first.accountId,
          first.connectionId,
          first.institutionId,
          accountCreatedAt,
          at,
        ],
      );
      const added = counted[0]?.added ?? 0;
      return { added, modified: (counted[0]?.written ?? 0) - added };
    },
    listPending(accountId) {
      return many(
        `SELECT ${columns} FROM transactions WHERE account_id = $1 AND status = 'pending'
         ORDER BY transaction_date, id`,
        [accountId],
      );
    },
    listUnlinkedPosted(accountId, since) {
      return many(
        `SELECT ${columns} FROM transactions t WHERE account_id = $1 AND status = 'posted'
           AND post_date >= $2::date AND pending_transaction_id IS NULL
         ORDER BY id`,
        [accountId, since],
      );
    },
    async linkPending(postedId, pendingId, at) {
      await db.query(
        'UPDATE transactions SET pending_transaction_id = $2, updated_at = $3 WHERE id = $1',
        [postedId, pendingId, at],
      );
    },
    async removePending(userId, removals, at) {
      if (removals.length === 0) return;
      await db.query('DELETE FROM transactions WHERE id = ANY($1::uuid[])', [
        removals.map((r) => r.pendingId),
      ]);
      await db.query(
        `INSERT INTO transaction_replacements (pending_id, user_id, posted_id, removed_at)
         SELECT p, $2::uuid, q, $4 FROM unnest($1::uuid[], $3::uuid[]) AS r(p, q)
         ON CONFLICT (pending_id) DO NOTHING`,
        [removals.map((r) => r.pendingId), userId, removals.map((r) => r.postedId), at],
      );
    },
    async find(userId, id) {
      const [row] = await many(
        `SELECT ${columns} FROM transactions WHERE user_id = $1 AND id = $2`,
        [userId, id],
      );
      return row ?? null;
    },
    async findReplacement(userId, pendingId) {
      const { rows } = await db.query<{ posted_id: string | null }>(
        'SELECT posted_id FROM transaction_replacements WHERE user_id = $1 AND pending_id = $2',
        [userId, pendingId],
      );
      return rows[0] ? { postedId: rows[0].posted_id } : null;
    },
    async list(userId, filter, after, limit) {
      const where = filterToSql(filter, filterColumns, 2);
      const base = `user_id = $1 AND ${where.sql}`;
      const params: unknown[] = [userId, ...where.params];
      const { rows: counted } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM transactions WHERE ${base}`,
        params,
      );
      const page = [...params];
      let keyset = '';
      if (after) {
        // (account_created_at, account_id, status) ascending, then (sort_date, id) descending.
        const p = (value: unknown) => {
          page.push(value);
          return `$${page.length}`;
        };
        const created = p(after.accountCreatedAt);
        const account = p(after.accountId);
        const status = p(after.status);
        const date = p(after.sortDate);
        const id = p(after.id);
        keyset = ` AND ((account_created_at, account_id) > (${created}::timestamptz, ${account}::uuid)
          OR ((account_created_at, account_id) = (${created}::timestamptz, ${account}::uuid)
            AND (status > ${status}::text
              OR (status = ${status}::text AND (
                sort_date < ${date}::date
                OR (sort_date IS NOT DISTINCT FROM ${date}::date AND id < ${id}::uuid)
                OR (${date}::date IS NOT NULL AND sort_date IS NULL))))))`;
      }
      page.push(limit);
      const { rows } = await db.query(
        `SELECT ${columns} FROM transactions WHERE ${base}${keyset}
         ORDER BY account_created_at, account_id, status, sort_date DESC NULLS LAST, id DESC
         LIMIT $${page.length}`,
        page,
      );
      return { rows: rows.map(toTransaction), size: counted[0]?.n ?? 0 };
    },
    async deleteForConnection(connectionId) {
      const { rowCount } = await db.query('DELETE FROM transactions WHERE connection_id = $1', [
        connectionId,
      ]);
      return rowCount;
    },
    async countForConnection(connectionId) {
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM transactions WHERE connection_id = $1',
        [connectionId],
      );
      return rows[0]?.n ?? 0;
    },
    async interval(accountId) {
      const { rows } = await db.query<{ f: unknown; t: unknown }>(
        `SELECT min(post_date) AS f, max(post_date) AS t FROM transactions
         WHERE account_id = $1 AND status = 'posted'`,
        [accountId],
      );
      return { from: dateText(rows[0]?.f), to: dateText(rows[0]?.t) };
    },
  };
}
