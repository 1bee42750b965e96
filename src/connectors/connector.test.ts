import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ConnectorError,
  connectorErrorKinds,
  isConnectorErrorKind,
  reasonCodes,
  type NextAction,
  type StatusOnRefresh,
} from './connector.ts';

// connections.md §12, transcribed row by row: code, title (exact), status on refresh of
// `active` ("—" → null), retryable, nextAction.
const spec: readonly [string, string, StatusOnRefresh, boolean, NextAction][] = [
  [
    'invalid-credentials',
    'Cannot login to target institution, check credentials.',
    'invalid',
    false,
    'update-credentials',
  ],
  ['account-locked', 'Account is locked', 'invalid', false, 'contact-institution'],
  [
    'account-not-accessible-requires-user-action',
    'Action required at the institution',
    'invalid',
    false,
    'resolve-at-institution',
  ],
  ['user-action-required', 'User presence required', 'invalid', false, 'retry-with-user'],
  ['invalid-mfa-response', 'Incorrect MFA response', 'active', false, 'retry-with-user'],
  ['mfa-timeout', 'MFA challenge expired', 'active', false, 'retry-with-user'],
  ['authorization-failed', 'Authorisation failed', null, false, 'reconsent'],
  ['consent-expired', 'Consent expired', 'invalid', false, 'reconsent'],
  ['consent-revoked', 'Consent revoked', 'invalid', false, 'reconsent'],
  ['service-unavailable', 'Institution unavailable', 'active', true, 'retry-later'],
  ['maintenance', 'Institution under maintenance', 'active', true, 'retry-later'],
  ['institution-not-available', 'Institution temporarily paused', 'active', true, 'retry-later'],
  ['connector-error', 'Institution response not understood', 'active', true, 'contact-support'],
  ['job-timed-out', 'Job timed out', 'active', true, 'retry-later'],
  ['institution-disabled', 'Institution disabled', 'invalid', false, 'contact-support'],
  ['connection-deleted', 'Connection deleted', 'deleted', false, 'none'],
  ['unknown-error', 'Unexpected error', 'active', true, 'contact-support'],
];

describe('reason codes (connections.md §12)', () => {
  test('the table holds exactly the §12 codes, in §12 order', () => {
    assert.deepEqual(
      Object.keys(reasonCodes),
      spec.map(([code]) => code),
    );
  });

  for (const [code, title, statusOnRefresh, retryable, nextAction] of spec) {
    test(`${code}: title, status on refresh, retryable, nextAction`, () => {
      const facts = (reasonCodes as Record<string, (typeof reasonCodes)[keyof typeof reasonCodes]>)[
        code
      ];
      assert.ok(facts, `${code} is in the table`);
      assert.deepEqual(
        {
          title: facts.title,
          statusOnRefresh: facts.statusOnRefresh,
          retryable: facts.retryable,
          nextAction: facts.nextAction,
        },
        { title, statusOnRefresh, retryable, nextAction },
      );
      assert.ok(facts.meaning.length > 0);
    });
  }

  test('every nextAction value is one of the closed list', () => {
    const closed = new Set([
      'update-credentials',
      'contact-institution',
      'resolve-at-institution',
      'retry-with-user',
      'reconsent',
      'retry-later',
      'contact-support',
      'none',
    ]);
    for (const facts of Object.values(reasonCodes)) assert.ok(closed.has(facts.nextAction));
  });
});

describe('ConnectorError', () => {
  test('its kinds are the bank-caused subset of §12, spelt the same', () => {
    assert.deepEqual(
      [...connectorErrorKinds],
      [
        'invalid-credentials',
        'account-locked',
        'account-not-accessible-requires-user-action',
        'user-action-required',
        'invalid-mfa-response',
        'mfa-timeout',
        'authorization-failed',
        'consent-expired',
        'consent-revoked',
        'service-unavailable',
        'maintenance',
        'connector-error',
      ],
    );
    for (const kind of connectorErrorKinds) assert.ok(kind in reasonCodes);
    for (const own of [
      'institution-not-available',
      'job-timed-out',
      'institution-disabled',
      'connection-deleted',
      'unknown-error',
    ]) {
      assert.equal(isConnectorErrorKind(own), false, `${own} is Tributary's, not a bank's`);
    }
  });

  test('title, retryable and nextAction come from the table; retryAfterMs and cause are kept', () => {
    const cause = new Error('socket hang up');
    const error = new ConnectorError('maintenance', 'Down for maintenance.', {
      retryAfterMs: 600_000,
      cause,
    });
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'ConnectorError');
    assert.equal(error.kind, 'maintenance');
    assert.equal(error.detail, 'Down for maintenance.');
    assert.equal(error.title, 'Institution under maintenance');
    assert.equal(error.retryable, true);
    assert.equal(error.nextAction, 'retry-later');
    assert.equal(error.retryAfterMs, 600_000);
    assert.equal(error.cause, cause);

    const locked = new ConnectorError('invalid-credentials', 'Account is locked');
    assert.equal(locked.retryAfterMs, null);
    assert.equal(locked.retryable, false);
    assert.equal(locked.nextAction, 'update-credentials');
    assert.equal(locked.title, 'Cannot login to target institution, check credentials.');
  });

  test('isConnectorErrorKind reads stored strings back', () => {
    assert.equal(isConnectorErrorKind('account-locked'), true);
    assert.equal(isConnectorErrorKind('Account-Locked'), false);
    assert.equal(isConnectorErrorKind(''), false);
  });
});
