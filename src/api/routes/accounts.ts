import type { FastifyInstance } from 'fastify';
import type { TransactionPosition } from '../../domain/connections/connection-types.ts';
import type { ConnectionsService } from '../../domain/connections/connections-service.ts';
import { parseFilter, type FilterFields } from '../../domain/filters/filter.ts';
import type { CursorCodec } from '../../kernel/cursor.ts';
import { AppError } from '../../kernel/errors.ts';
import {
  callerApplicationId,
  keysetPage,
  limitParam,
  listBody,
  queryParam,
  selfLink,
  uuidParam,
} from '../http.ts';
import { presentAccount, presentTransaction } from '../presenters/connections.ts';
import { accountSchemas } from '../schemas/connections.ts';

const idOps = ['eq', 'ne', 'in'] as const;
const dateOps = ['eq', 'gt', 'gteq', 'lt', 'lteq', 'bt'] as const;
const accountClassTypes = [
  'transaction',
  'savings',
  'credit-card',
  'mortgage',
  'loan',
  'investment',
  'term-deposit',
  'insurance',
  'foreign',
  'unknown',
];

export const accountFilterFields: FilterFields = {
  'account.id': { ops: idOps, kind: 'uuid' },
  'connection.id': { ops: idOps, kind: 'uuid' },
  'institution.id': { ops: idOps, kind: 'institution-id' },
  'account.status': { ops: idOps, kind: 'enum', values: ['available', 'unavailable'] },
  'account.class.type': { ops: idOps, kind: 'enum', values: accountClassTypes },
};

export const transactionFilterFields: FilterFields = {
  'account.id': { ops: idOps, kind: 'uuid' },
  'connection.id': { ops: idOps, kind: 'uuid' },
  'institution.id': { ops: idOps, kind: 'institution-id' },
  'transaction.status': { ops: idOps, kind: 'enum', values: ['posted', 'pending'] },
  'transaction.direction': { ops: idOps, kind: 'enum', values: ['debit', 'credit'] },
  'transaction.class': {
    ops: idOps,
    kind: 'enum',
    values: [
      'payment',
      'cash-withdrawal',
      'transfer',
      'bank-fee',
      'interest',
      'loan-interest',
      'loan-repayment',
      'refund',
      'direct-credit',
    ],
  },
  'transaction.postDate': { ops: dateOps, kind: 'date' },
  'transaction.transactionDate': { ops: dateOps, kind: 'date' },
  'transaction.amount': { ops: ['gt', 'gteq', 'lt', 'lteq', 'bt'], kind: 'decimal' },
};

function isTransactionPosition(value: unknown): value is TransactionPosition {
  const p = value as Partial<TransactionPosition> | null;
  return (
    !!p &&
    typeof p.accountCreatedAt === 'string' &&
    typeof p.accountId === 'string' &&
    (p.status === 'pending' || p.status === 'posted') &&
    (p.sortDate === null || typeof p.sortDate === 'string') &&
    typeof p.id === 'string'
  );
}

/** A user's accounts and transactions (api.md §9–§10). */
export function registerAccountRoutes(
  app: FastifyInstance,
  deps: { connections: ConnectionsService; cursors: CursorCodec; base: string },
): void {
  const { connections, cursors, base } = deps;

  app.get(
    '/users/:userId/accounts',
    { config: { access: 'client' }, schema: accountSchemas.list },
    async (request) => {
      const filter = parseFilter(queryParam(request, 'filter'), accountFilterFields);
      const accounts = await connections.listAccounts(
        callerApplicationId(request),
        uuidParam(request, 'userId'),
        filter,
      );
      const data = accounts.map((account) => presentAccount(base, account));
      return listBody(data, data.length, { self: selfLink(base, request) });
    },
  );

  app.get(
    '/users/:userId/accounts/:accountId',
    { config: { access: 'client' }, schema: accountSchemas.get },
    async (request) => {
      const account = await connections.getAccount(
        callerApplicationId(request),
        uuidParam(request, 'userId'),
        uuidParam(request, 'accountId'),
      );
      return presentAccount(base, account);
    },
  );

  app.get(
    '/users/:userId/transactions',
    { config: { access: 'client' }, schema: accountSchemas.listTransactions },
    async (request) => {
      const applicationId = callerApplicationId(request);
      const userId = uuidParam(request, 'userId');
      const rawFilter = queryParam(request, 'filter');
      const filter = parseFilter(rawFilter, transactionFilterFields);
      const limit = limitParam(request, 500, 500);
      return keysetPage(request, {
        base,
        cursors,
        scope: `transactions:${applicationId}:${userId}:${rawFilter ?? ''}`,
        limit,
        isPosition: isTransactionPosition,
        fetch: (after, size) =>
          connections.listTransactions(applicationId, userId, filter, after, size),
        positionOf: (row) => ({
          accountCreatedAt: row.accountCreatedAt.toISOString(),
          accountId: row.accountId,
          status: row.status,
          sortDate: row.status === 'posted' ? row.postDate : row.transactionDate,
          id: row.id,
        }),
        present: (row) => presentTransaction(base, row),
      });
    },
  );

  // The change feed (events-webhooks.md §7) is not built yet: its paths are unknown routes, not
  // transaction ids.
  for (const feed of ['changes', 'sync']) {
    app.get(
      `/users/:userId/transactions/${feed}`,
      { config: { access: 'public' }, schema: { hide: true } },
      () => {
        throw new AppError('resource-not-found', 'No route matches this path.');
      },
    );
  }

  app.get(
    '/users/:userId/transactions/:transactionId',
    { config: { access: 'client' }, schema: accountSchemas.getTransaction },
    async (request) => {
      const transaction = await connections.getTransaction(
        callerApplicationId(request),
        uuidParam(request, 'userId'),
        uuidParam(request, 'transactionId'),
      );
      return presentTransaction(base, transaction);
    },
  );
}
