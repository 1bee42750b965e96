import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConnectorTransaction } from '../../connectors/connector.ts';
import {
  credentialKey,
  institutionToday,
  nextSmartCacheSlot,
  refreshBudget,
  statusAfterFailure,
  transactionWindow,
} from './connection-rules.ts';
import type { Transaction } from './connection-types.ts';
import { matchPending, normaliseDescription, transactionKeys } from './job-recorder.ts';

const secret = Buffer.alloc(32, 7);

describe('connection rules', () => {
  test('connections.md §12: a first job always invalidates; a refresh follows the table', () => {
    assert.equal(statusAfterFailure('pending', 'service-unavailable'), 'invalid');
    assert.equal(statusAfterFailure('active', 'service-unavailable'), 'active');
    assert.equal(statusAfterFailure('active', 'invalid-credentials'), 'invalid');
    assert.equal(statusAfterFailure('active', 'mfa-timeout'), 'active');
    assert.equal(statusAfterFailure('invalid', 'maintenance'), 'invalid');
    assert.equal(statusAfterFailure('deleted', 'maintenance'), 'deleted');
  });

  test('connections.md §7: the credential key ignores case and spaces of the login, not the institution', () => {
    const key = (loginId: string, institutionId = 'AU00000', applicationId: string | null = null) =>
      credentialKey(secret, { institutionId, loginId, secondaryLoginId: null, applicationId });
    assert.equal(key('gavinBelson'), key('  GAVINBELSON '));
    assert.notEqual(key('gavinBelson'), key('gavinBelson', 'AU00002'));
    assert.notEqual(key('gavinBelson', 'AU00000', 'a'), key('gavinBelson', 'AU00000', 'b'));
  });

  test('connections.md §6.5: the budget resets 24 hours after the oldest counted refresh', () => {
    const oldest = new Date('2026-11-24T07:00:12Z');
    assert.deepEqual(refreshBudget({ count: 2, oldest }, 2), {
      limit: 2,
      remaining: 0,
      resetsAt: new Date('2026-11-25T07:00:12Z'),
    });
    assert.deepEqual(refreshBudget({ count: 1, oldest }, 3), {
      limit: 3,
      remaining: 2,
      resetsAt: new Date('2026-11-25T07:00:12Z'),
    });
    assert.deepEqual(refreshBudget({ count: 0, oldest: null }, 20), {
      limit: 20,
      remaining: 20,
      resetsAt: null,
    });
  });

  test('connections.md §6.2: the first window reads the initial history; later ones overlap the last end', () => {
    const now = new Date('2026-11-24T02:00:00Z'); // 13:00 in Sydney
    const settings = { initialHistoryDays: 730, refreshOverlapDays: 7 };
    assert.equal(institutionToday(now), '2026-11-24');
    assert.deepEqual(transactionWindow({ windowEnd: null }, now, settings), {
      from: '2024-11-24',
      to: '2026-11-24',
    });
    assert.deepEqual(transactionWindow({ windowEnd: '2026-11-20' }, now, settings), {
      from: '2026-11-13',
      to: '2026-11-24',
    });
    // Sydney is ahead of UTC: late on the 23rd UTC is already the 24th there.
    assert.equal(institutionToday(new Date('2026-11-23T20:00:00Z')), '2026-11-24');
  });

  test('connections.md §9.2: slots follow the golden-ratio phase, skip recent successes and move forward', () => {
    const settings = { intervalS: 86_400, jitterS: 300, minAgeS: 43_200 };
    const now = new Date('2026-11-24T00:00:00Z');
    const connection = {
      id: 'c1f0a7e2-5b9d-4e0f-8a61-3d2b9c4e5f60',
      ordinal: 1,
      lastSuccessAt: null,
    };
    const slot = nextSmartCacheSlot(connection, now, settings);
    assert.ok(slot > now);
    assert.ok(slot.getTime() - now.getTime() <= (86_400 + 300) * 1000);
    const phase = (0.6180339887498949 % 1) * 86_400;
    const offset = (slot.getTime() / 1000) % 86_400;
    assert.ok(Math.abs(offset - phase) <= 301, `offset ${offset} vs phase ${phase}`);
    const recent = nextSmartCacheSlot({ ...connection, lastSuccessAt: slot }, slot, settings);
    assert.ok(recent.getTime() - slot.getTime() >= 43_200_000);
    assert.equal(slot.getUTCMilliseconds(), 0);
  });
});

const row = (overrides: Partial<ConnectorTransaction>): ConnectorTransaction => ({
  status: 'posted',
  bankTransactionId: null,
  description: 'CAFE NERO SYDNEY',
  amount: '-4.50',
  currency: 'AUD',
  balance: null,
  direction: 'debit',
  class: 'payment',
  transactionDate: '2026-11-20',
  postDate: '2026-11-20',
  bpay: null,
  ...overrides,
});

describe('transaction identity (connections.md §13)', () => {
  test('two identical rows stay two; a repeated listing maps to the same keys; a bank id listed twice is one', () => {
    const listing = [row({}), row({})];
    const first = transactionKeys('acct', listing).map((k) => k.key);
    assert.equal(new Set(first).size, 2);
    assert.deepEqual(
      transactionKeys('acct', listing).map((k) => k.key),
      first,
    );
    const twice = transactionKeys('acct', [
      row({ bankTransactionId: 'x' }),
      row({ bankTransactionId: 'x' }),
    ]);
    assert.equal(twice.length, 1);
    assert.equal(twice[0]?.key, 'b:x');
    const pending = transactionKeys('acct', [row({ status: 'pending', postDate: null })]);
    assert.match(pending[0]?.key ?? '', /^pf:/);
  });

  test('descriptions are normalised to upper-case letters, digits and single spaces', () => {
    assert.equal(normaliseDescription('Uber *Eats  help.uber.com'), 'UBER EATS HELPUBERCOM');
  });
});

describe('pending → posted lineage (api.md §10.3)', () => {
  const stored = (id: string, fields: Partial<Transaction>): Transaction => ({
    id,
    userId: 'u',
    accountId: 'a',
    connectionId: 'c',
    institutionId: 'AU00000',
    bankKey: id,
    status: 'posted',
    description: '',
    amount: '0.00',
    currency: 'AUD',
    balance: null,
    class: 'payment',
    transactionDate: null,
    postDate: null,
    paymentDetails: null,
    pendingTransactionId: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...fields,
  });

  test('a truncated description and a tip match; a hotel hold with no successor is released', () => {
    const pending = [
      stored('p1', {
        status: 'pending',
        description: 'WOOLWORTHS 123',
        amount: '-50.00',
        transactionDate: '2026-11-23',
      }),
      stored('p2', {
        status: 'pending',
        description: 'CAFE NERO SYDN',
        amount: '-20.00',
        transactionDate: '2026-11-23',
      }),
      stored('p3', {
        status: 'pending',
        description: 'QT HOTEL SYDNEY HOLD',
        amount: '-250.00',
        transactionDate: '2026-11-23',
      }),
    ];
    const posted = [
      stored('q1', {
        description: 'WOOLWORTHS 1234 SYDNEY',
        amount: '-50.00',
        postDate: '2026-11-23',
      }),
      stored('q2', { description: 'CAFE NERO SYDNEY', amount: '-23.00', postDate: '2026-11-23' }),
      stored('q3', { description: 'OFFICEWORKS 0611', amount: '-250.00', postDate: '2026-11-23' }),
    ];
    const matches = matchPending(pending, posted, 10);
    assert.equal(matches.get('p1'), 'q1');
    assert.equal(matches.get('p2'), 'q2');
    assert.equal(matches.get('p3'), null);
  });

  test('a posted row replaces at most one pending row, and never one dated after it', () => {
    const pending = [
      stored('p1', {
        status: 'pending',
        description: 'SPOTIFY AUSTRALIA',
        amount: '-11.99',
        transactionDate: '2026-11-20',
      }),
      stored('p2', {
        status: 'pending',
        description: 'SPOTIFY AUSTRALIA',
        amount: '-11.99',
        transactionDate: '2026-11-21',
      }),
    ];
    const posted = [
      stored('q1', { description: 'SPOTIFY AUSTRALIA', amount: '-11.99', postDate: '2026-11-20' }),
    ];
    const matches = matchPending(pending, posted, 10);
    assert.equal(matches.get('p1'), 'q1');
    assert.equal(matches.get('p2'), null);
  });
});
