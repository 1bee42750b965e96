import {
  TransactionsAlreadyStored,
  type Transaction,
  type TransactionInput,
  type TransactionsRepository,
  type UpsertCounts,
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

/**
 * One batch of one account's rows as one statement: arrays unnested server-side (PGlite pays per
 * statement). The account row is locked once for the batch, as a foreign key would lock it for
 * every row (migration 0013): an account deleted meanwhile gets no rows, and one being deleted
 * waits for this batch, whose rows its trigger then deletes. The user, connection, institution and
 * creation time come from that row. `job` makes it a running job's batch (`$14`): the job's row is
 * touched in the same statement, and an ended job gets no rows; the statement then commits on its
 * own without waiting for the disk (the job's success, committed durably later, flushes it).
 */
function insertBatch(job: boolean): { ctes: string; insert: string } {
  const jobParts = job
    ? `durability AS (SELECT set_config('synchronous_commit', 'off', true) AS setting),
  job AS (UPDATE connection_jobs SET updated_at = $2
    WHERE id = $14 AND finished_at IS NULL RETURNING id),
  `
    : '';
  return {
    ctes: `${jobParts}account AS (
    SELECT id, user_id, connection_id, institution_id, created_at FROM accounts
    WHERE id = $1${job ? ' AND EXISTS (SELECT 1 FROM job)' : ''} FOR KEY SHARE)`,
    insert: `INSERT INTO transactions (id, user_id, account_id, connection_id, institution_id,
    account_created_at, bank_key, status, description, amount, currency, balance, class,
    transaction_date, post_date, sort_date, payment_details, created_at, updated_at)
  SELECT t.id, a.user_id, a.id, a.connection_id, a.institution_id, a.created_at, t.bank_key,
    t.status, t.description, t.amount, t.currency, t.balance, t.class, t.transaction_date,
    t.post_date, COALESCE(t.post_date, t.transaction_date), t.payment_details, $2, $2
  FROM account a,${job ? ' durability,' : ''} unnest($3::uuid[], $4::text[], $5::text[],
    $6::text[], $7::numeric[], $8::text[], $9::numeric[], $10::text[], $11::date[], $12::date[],
    $13::jsonb[])
    AS t(id, bank_key, status, description, amount, currency, balance, class,
         transaction_date, post_date, payment_details)`,
  };
}

/** The upsert of {@link insertBatch}: its counts come back as one row, not a row per transaction. */
function upsertBatch(job: boolean): string {
  const { ctes, insert } = insertBatch(job);
  return `WITH ${ctes}, written AS (${insert}
    ON CONFLICT (account_id, bank_key) DO UPDATE SET description = EXCLUDED.description,
      amount = EXCLUDED.amount, balance = EXCLUDED.balance, class = EXCLUDED.class,
      transaction_date = EXCLUDED.transaction_date, payment_details = EXCLUDED.payment_details,
      updated_at = EXCLUDED.updated_at
    WHERE (transactions.description, transactions.amount, transactions.balance,
           transactions.class, transactions.transaction_date, transactions.payment_details)
      IS DISTINCT FROM (EXCLUDED.description, EXCLUDED.amount, EXCLUDED.balance,
           EXCLUDED.class, EXCLUDED.transaction_date, EXCLUDED.payment_details)
    RETURNING (xmax = 0) AS inserted)
  SELECT (count(*) FILTER (WHERE inserted))::int AS added, count(*)::int AS written${
    job ? ', (SELECT count(*) FROM job)::int AS live' : ''
  }
  FROM written`;
}

const jobInsert = insertBatch(true);

const statements = {
  upsert: upsertBatch(false),
  jobInsert: `WITH ${jobInsert.ctes} ${jobInsert.insert}`,
  jobUpsert: upsertBatch(true),
};

/** The one row an upsert statement answers; `live` with a job's batch only. */
interface Counted extends Row {
  added: number;
  written: number;
  live?: number;
}

function countsOf(row: Counted | undefined): UpsertCounts {
  const added = row?.added ?? 0;
  return { added, modified: (row?.written ?? 0) - added };
}

/** PostgreSQL's SQLSTATE for a unique index violation. */
const uniqueViolation = '23505';

function batchParams(rows: readonly TransactionInput[], at: Date): unknown[] | null {
  const first = rows[0];
  if (first === undefined) return null;
  return [
    first.accountId,
    at,
    arrayLiteral(rows, (r) => r.id, plain),
    arrayLiteral(rows, (r) => r.bankKey),
    arrayLiteral(rows, (r) => r.status, plain),
    arrayLiteral(rows, (r) => r.description),
    arrayLiteral(rows, (r) => r.amount),
    arrayLiteral(rows, (r) => r.currency),
    arrayLiteral(rows, (r) => r.balance),
    arrayLiteral(rows, (r) => r.class),
    arrayLiteral(rows, (r) => r.transactionDate),
    arrayLiteral(rows, (r) => r.postDate),
    arrayLiteral(rows, (r) =>
      r.paymentDetails === null ? null : JSON.stringify(r.paymentDetails),
    ),
  ];
}

/**
 * One column of a batch as a PostgreSQL array literal (every element quoted, NULL for null).
 * Both drivers would build it from a JavaScript array too, escaping every element with two
 * regular-expression replacements: a first sync spent a tenth of its time there.
 */
export function arrayLiteral<T>(
  rows: readonly T[],
  value: (row: T) => string | null,
  options: { plain?: boolean } = {},
): string {
  // The values themselves, joined once: no string made per element when none is null and none
  // needs escaping (the usual case), which a first sync's garbage collection noticed.
  const texts = rows.map(value);
  let simple = true;
  for (const text of texts) {
    if (text === null || (options.plain !== true && needsEscape.test(text))) {
      simple = false;
      break;
    }
  }
  if (texts.length === 0) return '{}';
  if (simple) {
    // The braces joined in too: one flat string, not one wrapped (a driver flattens it again).
    texts[0] = `{"${texts[0] ?? ''}`;
    texts[texts.length - 1] = `${texts[texts.length - 1] ?? ''}"}`;
    return texts.join('","');
  }
  const elements = texts.map((text) =>
    text === null
      ? 'NULL'
      : `"${options.plain !== true && needsEscape.test(text) ? text.replace(needsEscapeAll, '\\$&') : text}"`,
  );
  elements[0] = `{${elements[0] ?? ''}`;
  elements[elements.length - 1] = `${elements[elements.length - 1] ?? ''}}`;
  return elements.join(',');
}

/** Columns whose values Tributary makes itself (ids, statuses): never a quote or a backslash. */
const plain = { plain: true } as const;

const needsEscape = /["\\]/;
const needsEscapeAll = /["\\]/g;

export function createTransactionsRepository(db: Queryable): TransactionsRepository {
  const many = async (sql: string, params: unknown[]) => {
    const { rows } = await db.query(sql, params);
    return rows.map(toTransaction);
  };
  return {
    async upsert(rows, at) {
      const params = batchParams(rows, at);
      if (params === null) return { added: 0, modified: 0 };
      const { rows: counted } = await db.query<Counted>(statements.upsert, params);
      return countsOf(counted[0]);
    },
    async writeJobBatch(rows, { at, jobId, fresh }) {
      const params = batchParams(rows, at);
      if (params === null) return { added: 0, modified: 0 };
      params.push(jobId);
      if (!fresh) {
        const { rows: counted } = await db.query<Counted>(statements.jobUpsert, params);
        return counted[0]?.live === 0 ? null : countsOf(counted[0]);
      }
      let added: number;
      try {
        added = (await db.query(statements.jobInsert, params)).rowCount;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw code === uniqueViolation ? new TransactionsAlreadyStored(error) : error;
      }
      if (added > 0) return { added, modified: 0 };
      // Nothing inserted: the job ended, or the account is gone.
      const { rows: live } = await db.query(
        'SELECT 1 FROM connection_jobs WHERE id = $1 AND finished_at IS NULL',
        [jobId],
      );
      return live.length > 0 ? { added: 0, modified: 0 } : null;
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
