import type { Account, AccountsRepository } from '../../domain/connections/connection-types.ts';
import type { Queryable, Row } from '../database.ts';
import { filterToSql, type SqlColumn } from '../filter-sql.ts';
import { dateText, moneyText } from './values.ts';

const filterColumns: Record<string, SqlColumn> = {
  'account.id': { sql: 'id', type: 'uuid' },
  'connection.id': { sql: 'connection_id', type: 'uuid' },
  'institution.id': { sql: 'institution_id', type: 'text' },
  'account.status': { sql: 'status', type: 'text' },
  'account.class.type': { sql: 'class_type', type: 'text' },
};

function toAccount(row: Row): Account {
  return {
    id: row.id as string,
    applicationId: row.application_id as string,
    userId: row.user_id as string,
    connectionId: row.connection_id as string,
    institutionId: row.institution_id as string,
    bankKey: row.bank_key as string,
    name: row.name as string,
    accountNo: row.account_no as string,
    maskedNumber: (row.masked_number as string | null) ?? null,
    bsb: (row.bsb as string | null) ?? null,
    unmaskedAccNum: (row.unmasked_acc_num as string | null) ?? null,
    accountHolder: (row.account_holder as string | null) ?? null,
    classType: row.class_type as Account['classType'],
    product: (row.product as string | null) ?? null,
    currency: row.currency as string,
    balance: moneyText(row.balance),
    availableFunds: moneyText(row.available_funds),
    creditLimit: moneyText(row.credit_limit),
    status: row.status as Account['status'],
    createdAt: row.created_at as Date,
    lastUpdated: row.last_updated as Date,
    txFrom: dateText(row.tx_from),
    txTo: dateText(row.tx_to),
  };
}

const columns = `id, application_id, user_id, connection_id, institution_id, bank_key, name, account_no,
  masked_number, bsb, unmasked_acc_num, account_holder, class_type, product, currency, balance,
  available_funds, credit_limit, status, created_at, last_updated, tx_from, tx_to`;

const values = (a: Account): unknown[] => [
  a.id,
  a.applicationId,
  a.userId,
  a.connectionId,
  a.institutionId,
  a.bankKey,
  a.name,
  a.accountNo,
  a.maskedNumber,
  a.bsb,
  a.unmaskedAccNum,
  a.accountHolder,
  a.classType,
  a.product,
  a.currency,
  a.balance,
  a.availableFunds,
  a.creditLimit,
  a.status,
  a.createdAt,
  a.lastUpdated,
  a.txFrom,
  a.txTo,
];

export function createAccountsRepository(db: Queryable): AccountsRepository {
  return {
    async listForUser(userId, filter) {
      const where = filterToSql(filter, filterColumns, 2);
      const { rows } = await db.query(
        `SELECT ${columns} FROM accounts WHERE user_id = $1 AND ${where.sql} ORDER BY created_at, id`,
        [userId, ...where.params],
      );
      return rows.map(toAccount);
    },
    async find(userId, id) {
      const { rows } = await db.query(
        `SELECT ${columns} FROM accounts WHERE user_id = $1 AND id = $2`,
        [userId, id],
      );
      return rows[0] ? toAccount(rows[0]) : null;
    },
    async listForConnection(connectionId) {
      const { rows } = await db.query(
        `SELECT ${columns} FROM accounts WHERE connection_id = $1 ORDER BY created_at, id`,
        [connectionId],
      );
      return rows.map(toAccount);
    },
    async insert(account) {
      await db.query(
        `INSERT INTO accounts (${columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
           $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
        values(account),
      );
    },
    async update(account) {
      await db.query(
        `UPDATE accounts SET name = $7, account_no = $8, masked_number = $9, bsb = $10,
           unmasked_acc_num = $11, account_holder = $12, class_type = $13, product = $14,
           currency = $15, balance = $16, available_funds = $17, credit_limit = $18, status = $19,
           last_updated = $21, tx_from = $22, tx_to = $23
         WHERE id = $1 AND application_id = $2 AND user_id = $3 AND connection_id = $4
           AND institution_id = $5 AND bank_key = $6 AND created_at = $20`,
        values(account),
      );
    },
    async markRetrieved(ids, at) {
      if (ids.length === 0) return;
      await db.query('UPDATE accounts SET last_updated = $2 WHERE id = ANY($1::uuid[])', [ids, at]);
    },
    async markUnavailable(connectionId, exceptIds) {
      await db.query(
        `UPDATE accounts SET status = 'unavailable'
         WHERE connection_id = $1 AND status <> 'unavailable' AND NOT (id = ANY($2::uuid[]))`,
        [connectionId, exceptIds],
      );
    },
    async deleteForConnection(connectionId) {
      const { rowCount } = await db.query('DELETE FROM accounts WHERE connection_id = $1', [
        connectionId,
      ]);
      return rowCount;
    },
  };
}
