// The behavioural suite every connector must pass (ARCHITECTURE §3.4; better-auth's adapter
// tests are the model). It drives a connector through the job's steps against a running bank
// that a harness provides, and checks the contract of connector.ts rather than any one bank:
// normalised shapes, exact data against the harness's ground truth, only ConnectorError with the
// expected kind at the expected step, sessions that survive JSON, no credential in logs or
// errors, and cancellation. A test file calls `describeConnectorConformance` once per connector.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  accountClassTypes,
  ConnectorError,
  listTransactions,
  reasonCodes,
  transactionClasses,
  type AccountClassType,
  type Connector,
  type ConnectorAccount,
  type ConnectorContext,
  type ConnectorCredentials,
  type ConnectorErrorKind,
  type ConnectorLogger,
  type ConnectorProfile,
  type ConnectorSession,
  type ConnectorTransaction,
  type MfaChallenge,
  type Money,
  type TransactionWindow,
} from './connector.ts';

/** The job steps a journey goes through (connections.md §5.1). */
export type ConformanceStep =
  'verify-credentials' | 'mfa-challenge' | 'retrieve-accounts' | 'retrieve-transactions';

/** What the bank holds for one account, from the harness's ground truth. */
export interface ExpectedAccount {
  readonly bankAccountId: string;
  readonly name?: string;
  readonly classType?: AccountClassType;
  readonly balance?: Money | null;
  readonly availableFunds?: Money | null;
  /** Every posted bank transaction id within the journey's window: the exact set expected. */
  readonly postedIds: readonly string[];
  /** Pending transactions expected when the window reaches the bank's today. */
  readonly pendingCount: number;
}

/** A journey ending with every step done. */
export interface ExpectedSuccess {
  readonly outcome: 'success';
  /** The accounts in the bank's order. */
  readonly accounts: readonly ExpectedAccount[];
  /** The customer's profile, for a connector that reads one; unchecked when absent. */
  readonly profile?: ConnectorProfile | null;
}

/** A journey ending with a ConnectorError at one step. */
export interface ExpectedFailure {
  readonly outcome: 'failure';
  readonly step: ConformanceStep;
  readonly kind: ConnectorErrorKind;
  /** The detail, exactly (string) or matching (RegExp); unchecked when absent. */
  readonly detail?: string | RegExp;
  /** The bank's `Retry-After`; unchecked when absent. */
  readonly retryAfterMs?: number | null;
}

/** One login taken through the job's steps. */
export interface ConformanceJourney {
  readonly title: string;
  readonly institutionId: string;
  readonly credentials: ConnectorCredentials;
  /** Puts the bank into the state the journey needs (a fault), after the harness's reset. */
  readonly arrange?: () => Promise<void> | void;
  /** The second factor the bank asks for, and the answers to give; absent when it asks none. */
  readonly mfa?: MfaChallenge & { readonly answers: readonly string[] };
  /** The window of `listTransactions`; it should reach the bank's today so pending rows show. */
  readonly window: TransactionWindow;
  readonly expect: ExpectedSuccess | ExpectedFailure;
}

/**
 * What the suite needs from a test file: a running bank with known personas, the connector under
 * test, a context to call it with, and the journeys with their ground truth. At least one journey
 * must succeed and one must fail with `invalid-credentials` at `verify-credentials`.
 */
export interface ConformanceHarness {
  readonly name: string;
  /** Starts the bank (once, before the first test). */
  start(): Promise<void>;
  /** Stops it (once, after the last test). */
  stop(): Promise<void>;
  /** Clears bank-side state (sessions, locks, faults) before each test. */
  reset(): Promise<void>;
  /** The connector under test for an institution (called after `start`). */
  connector(institutionId: string): Connector;
  /** A fresh context; the suite replaces its logger with one that records. */
  context(): ConnectorContext;
  readonly journeys: readonly ConformanceJourney[];
  /**
   * Requests the bank has answered so far; lets the suite check that a kept session saves
   * requests and that a stale one costs none. Optional: those checks are skipped without it.
   */
  bankRequests?(): number;
  /** Ends every session at the bank now, as a bank that logs its users out would. */
  endBankSessions?(): Promise<void> | void;
  /** Moves the bank's (and the contexts') business clock forward. */
  advanceClock?(seconds: number): Promise<void> | void;
}

const moneyPattern = /^-?\d+\.\d{2}$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Declares the suite for one harness with node:test. */
export function describeConnectorConformance(harness: ConformanceHarness): void {
  describe(`connector conformance: ${harness.name}`, () => {
    before(() => harness.start());
    after(() => harness.stop());
    beforeEach(() => harness.reset());

    const institutions = [...new Set(harness.journeys.map((j) => j.institutionId))];
    const success = harness.journeys.find((j) => j.expect.outcome === 'success');

    test('the harness has a successful journey and an invalid-credentials one', () => {
      assert.ok(success, 'no journey expects success');
      assert.ok(
        harness.journeys.some(
          (j) =>
            j.expect.outcome === 'failure' &&
            j.expect.kind === 'invalid-credentials' &&
            j.expect.step === 'verify-credentials',
        ),
        'no journey expects invalid-credentials at verify-credentials',
      );
    });

    test('static facts: id, institution, method, capabilities, valid settings', () => {
      for (const institutionId of institutions) {
        const connector = harness.connector(institutionId);
        assert.match(connector.id, /^[a-z][a-z0-9-]*$/);
        assert.equal(connector.institutionId, institutionId);
        assert.ok(['web', 'open-banking'].includes(connector.method));
        const c = connector.capabilities;
        for (const flag of [
          c.pendingTransactions,
          c.postedTransactionIds,
          c.pendingTransactionIds,
          c.runningBalances,
        ]) {
          assert.equal(typeof flag, 'boolean');
        }
        assert.ok(c.historyDays === null || (Number.isInteger(c.historyDays) && c.historyDays > 0));
        assert.ok(['never', 'always', 'sometimes'].includes(c.mfa));
        assert.deepEqual(connector.validateConfig(), []);
      }
    });

    for (const journey of harness.journeys) {
      test(`${journey.institutionId}: ${journey.title}`, async () => {
        await journey.arrange?.();
        await runJourney(harness, journey);
      });
    }

    test('a narrower window lists only its posted transactions and, before today, no pending', async (t) => {
      if (success === undefined) return t.skip('no successful journey');
      const recorder = recordingLogger();
      const ctx: ConnectorContext = { ...harness.context(), logger: recorder };
      const connector = harness.connector(success.institutionId);
      const session = await logIn(connector, ctx, success);
      const [account] = await connector.listAccounts(ctx, session);
      if (account === undefined) return t.skip('the successful journey has no account');
      const to = previousDay(success.window.to);
      const all = await listTransactions(
        connector,
        ctx,
        session,
        account.bankAccountId,
        success.window,
      );
      const narrow = await listTransactions(connector, ctx, session, account.bankAccountId, {
        from: success.window.from,
        to,
      });
      assert.equal(narrow.filter((tx) => tx.status === 'pending').length, 0);
      const expected = all
        .filter((tx) => tx.status === 'posted' && (tx.postDate ?? '') <= to)
        .map((tx) => tx.bankTransactionId);
      assert.deepEqual(
        narrow.map((tx) => tx.bankTransactionId),
        expected,
      );
      await connector.endSession?.(ctx, session);
    });

    test('an aborted signal stops a call with the signal’s own reason', async (t) => {
      if (success === undefined) return t.skip('no successful journey');
      const controller = new AbortController();
      const reason = new Error('job cancelled');
      controller.abort(reason);
      const ctx: ConnectorContext = { ...harness.context(), signal: controller.signal };
      await assert.rejects(
        harness.connector(success.institutionId).verifyCredentials(ctx, success.credentials),
        (error: unknown) => error === reason,
      );
    });

    describe('kept sessions (endSession with keep, verifyCredentials with kept)', () => {
      const wrongPassword = (journey: ConformanceJourney): ConnectorCredentials => ({
        ...journey.credentials,
        password: `${journey.credentials.password}-not-it`,
      });

      /** A full first job: login (and MFA), accounts, then the session kept. */
      const firstJob = async (ctx: ConnectorContext, journey: ConformanceJourney) => {
        const connector = harness.connector(journey.institutionId);
        const before = harness.bankRequests?.() ?? 0;
        const session = await logIn(connector, ctx, journey);
        const accounts = await connector.listAccounts(ctx, session);
        const cost = (harness.bankRequests?.() ?? 0) - before;
        const kept = (await connector.endSession?.(ctx, session, { keep: true })) ?? null;
        return { connector, accounts, cost, kept };
      };

      test('without keep, endSession keeps nothing', async (t) => {
        if (success === undefined) return t.skip('no successful journey');
        const ctx = harness.context();
        const connector = harness.connector(success.institutionId);
        const session = await logIn(connector, ctx, success);
        assert.equal((await connector.endSession?.(ctx, session)) ?? null, null);
      });

      test('a kept session holds no credential, survives JSON, and the next verification uses it', async (t) => {
        if (success === undefined) return t.skip('no successful journey');
        const recorder = recordingLogger();
        const ctx: ConnectorContext = { ...harness.context(), logger: recorder };
        const first = await firstJob(ctx, success);
        if (first.kept === null) return t.skip('the connector keeps no session');
        const text = JSON.stringify(first.kept);
        assertNoSecrets(success.credentials, text, 'the kept session');
        assert.equal(first.kept.connectorId, first.connector.id);
        assert.equal(first.kept.institutionId, success.institutionId);
        const kept = JSON.parse(text) as ConnectorSession;

        const before = harness.bankRequests?.() ?? 0;
        const verified = await first.connector.verifyCredentials(ctx, success.credentials, kept);
        if (verified.resumed === true) {
          assert.equal(verified.mfa, undefined, 'a resumed session asks no second factor');
        } else if (verified.mfa !== undefined) {
          assert.ok(success.mfa, 'the bank asked for MFA the journey does not expect');
          await first.connector.answerMfa(ctx, verified.session, success.mfa.answers);
        }
        const accounts = await first.connector.listAccounts(ctx, verified.session);
        assert.deepEqual(accounts, first.accounts, 'the same accounts through the kept session');
        if (verified.resumed === true && harness.bankRequests !== undefined) {
          const cost = harness.bankRequests() - before;
          assert.ok(cost < first.cost, `resuming cost ${cost} requests, a login ${first.cost}`);
        }
        assert.equal((await first.connector.endSession?.(ctx, verified.session)) ?? null, null);
        assertNoSecrets(success.credentials, recorder.text(), 'the logs');
      });

      test('a kept session the bank has ended: verification logs in afresh; a wrong password still fails there', async (t) => {
        if (success === undefined) return t.skip('no successful journey');
        if (harness.endBankSessions === undefined) return t.skip('the harness cannot end sessions');
        const ctx = harness.context();
        const first = await firstJob(ctx, success);
        if (first.kept === null) return t.skip('the connector keeps no session');
        await harness.endBankSessions();

        await assert.rejects(
          first.connector.verifyCredentials(ctx, wrongPassword(success), first.kept),
          (error: unknown) =>
            error instanceof ConnectorError && error.kind === 'invalid-credentials',
        );
        const session = await logIn(first.connector, ctx, success, first.kept);
        assert.deepEqual(await first.connector.listAccounts(ctx, session), first.accounts);
        await first.connector.endSession?.(ctx, session);
      });

      test('a kept session past the bank’s idle time is not tried: the login costs what a first one does', async (t) => {
        if (success === undefined) return t.skip('no successful journey');
        if (harness.advanceClock === undefined) return t.skip('the harness has no clock');
        const ctx = harness.context();
        const connector = harness.connector(success.institutionId);
        const before = harness.bankRequests?.() ?? 0;
        const fresh = await connector.verifyCredentials(ctx, success.credentials);
        const loginCost = (harness.bankRequests?.() ?? 0) - before;
        if (fresh.mfa !== undefined && success.mfa !== undefined) {
          await connector.answerMfa(ctx, fresh.session, success.mfa.answers);
        }
        const kept = (await connector.endSession?.(ctx, fresh.session, { keep: true })) ?? null;
        if (kept === null) return t.skip('the connector keeps no session');
        await harness.advanceClock(86_400);

        const again = harness.bankRequests?.() ?? 0;
        const verified = await connector.verifyCredentials(ctx, success.credentials, kept);
        assert.notEqual(verified.resumed, true);
        if (harness.bankRequests !== undefined) {
          assert.equal(harness.bankRequests() - again, loginCost, 'no request for the stale one');
        }
        await assert.rejects(
          connector.verifyCredentials(ctx, wrongPassword(success), kept),
          (error: unknown) =>
            error instanceof ConnectorError && error.kind === 'invalid-credentials',
        );
        await connector.endSession?.(ctx, verified.session);
      });

      test('a kept session it cannot use (another institution’s, malformed) is ignored', async (t) => {
        if (success === undefined) return t.skip('no successful journey');
        const ctx = harness.context();
        const connector = harness.connector(success.institutionId);
        const strangers: ConnectorSession[] = [
          { connectorId: connector.id, institutionId: 'XX99999', state: {} },
          { connectorId: 'another', institutionId: success.institutionId, state: {} },
          { connectorId: connector.id, institutionId: success.institutionId, state: { x: 1 } },
        ];
        for (const stranger of strangers) {
          const session = await logIn(connector, ctx, success, stranger);
          await connector.endSession?.(ctx, session);
        }
      });
    });

    test('a session of another institution is refused', async (t) => {
      if (success === undefined || institutions.length < 2) return t.skip('one institution only');
      const other = institutions.find((id) => id !== success.institutionId);
      if (other === undefined) return t.skip('one institution only');
      const ctx = harness.context();
      const connector = harness.connector(success.institutionId);
      const session = await logIn(connector, ctx, success);
      await assert.rejects(harness.connector(other).listAccounts(ctx, session), TypeError);
      await connector.endSession?.(ctx, session);
    });
  });
}

/** Verifies (with a kept session when given) and answers MFA when the bank asks for it. */
async function logIn(
  connector: Connector,
  ctx: ConnectorContext,
  journey: ConformanceJourney,
  kept: ConnectorSession | null = null,
): Promise<ConnectorSession> {
  const verified = await connector.verifyCredentials(ctx, journey.credentials, kept);
  if (verified.mfa !== undefined) {
    assert.ok(journey.mfa, 'the bank asked for MFA the journey does not expect');
    await connector.answerMfa(ctx, verified.session, journey.mfa.answers);
  }
  return verified.session;
}

async function runJourney(harness: ConformanceHarness, journey: ConformanceJourney): Promise<void> {
  const recorder = recordingLogger();
  const ctx: ConnectorContext = { ...harness.context(), logger: recorder };
  const connector = harness.connector(journey.institutionId);
  let step: ConformanceStep = 'verify-credentials';
  try {
    const verified = await connector.verifyCredentials(ctx, journey.credentials);
    let session = verified.session;
    if (journey.mfa === undefined) {
      assert.equal(verified.mfa, undefined, 'the bank asked for MFA the journey does not expect');
    } else {
      step = 'mfa-challenge';
      assert.deepEqual(verified.mfa, {
        method: journey.mfa.method,
        description: verified.mfa?.description ?? null,
        input: journey.mfa.input,
      });
      await connector.answerMfa(ctx, session, journey.mfa.answers);
    }
    // A worker may store the session between steps: it must survive JSON.
    session = JSON.parse(JSON.stringify(session)) as ConnectorSession;

    step = 'retrieve-accounts';
    const accounts = await connector.listAccounts(ctx, session);
    accounts.forEach(checkAccountShape);
    const expected = journey.expect.outcome === 'success' ? journey.expect.accounts : null;
    if (expected !== null) {
      assert.deepEqual(
        accounts.map((a) => a.bankAccountId),
        expected.map((a) => a.bankAccountId),
        'accounts (bank ids, in order)',
      );
    }

    if (connector.readProfile !== undefined) {
      const profile = await connector.readProfile(ctx, session);
      if (profile !== null) checkProfileShape(profile);
      const want = journey.expect.outcome === 'success' ? journey.expect.profile : undefined;
      if (want !== undefined) assert.deepEqual(profile, want, 'profile');
    }

    step = 'retrieve-transactions';
    for (const [i, account] of accounts.entries()) {
      const transactions = await listTransactions(
        connector,
        ctx,
        session,
        account.bankAccountId,
        journey.window,
      );
      checkTransactions(connector, transactions, journey.window);
      const want = expected?.[i];
      if (want !== undefined) checkAgainstTruth(account, transactions, want);
    }
    await connector.endSession?.(ctx, session);
    if (journey.expect.outcome === 'failure') {
      assert.fail(
        `expected ${journey.expect.kind} at ${journey.expect.step}, but every step passed`,
      );
    }
  } catch (error) {
    if (journey.expect.outcome === 'success' || !(error instanceof ConnectorError)) throw error;
    const want = journey.expect;
    assert.equal(error.kind, want.kind, `kind (detail: ${error.detail})`);
    assert.equal(step, want.step, 'the step that failed');
    assert.equal(error.title, reasonCodes[error.kind].title);
    assert.ok(error.detail.length > 0, 'a detail');
    if (typeof want.detail === 'string') assert.equal(error.detail, want.detail);
    else if (want.detail !== undefined) assert.match(error.detail, want.detail);
    if (want.retryAfterMs !== undefined) assert.equal(error.retryAfterMs, want.retryAfterMs);
    assertNoSecrets(journey.credentials, `${error.message}\n${error.detail}`, 'the error');
  } finally {
    assertNoSecrets(journey.credentials, recorder.text(), 'the logs');
  }
}

function checkProfileShape(profile: ConnectorProfile): void {
  for (const name of ['fullName', 'firstName', 'middleName', 'lastName'] as const) {
    assert.equal(typeof profile[name], 'string', `profile ${name}`);
  }
  for (const name of ['emailAddresses', 'phoneNumbers', 'physicalAddresses'] as const) {
    assert.ok(
      Array.isArray(profile[name]) && profile[name].every((v) => typeof v === 'string' && v !== ''),
      `profile ${name}: non-empty strings`,
    );
  }
}

function checkAccountShape(account: ConnectorAccount): void {
  const where = `account ${account.bankAccountId}`;
  assert.ok(account.bankAccountId.length > 0, 'an account has a bank id');
  assert.ok(account.name.length > 0, `${where}: name`);
  assert.ok(account.accountNo.length > 0, `${where}: accountNo`);
  assert.ok(accountClassTypes.includes(account.classType), `${where}: class type`);
  assert.match(account.currency, /^[A-Z]{3}$/, `${where}: currency`);
  for (const money of [account.balance, account.availableFunds, account.creditLimit]) {
    if (money !== null) checkMoney(money, where);
  }
  for (const digits of [account.bsb, account.unmaskedAccNum]) {
    if (digits !== null) assert.match(digits, /^\d+$/, `${where}: digits only`);
  }
}

function checkMoney(money: Money, where: string): void {
  assert.match(money, moneyPattern, `${where}: money "${money}" is a two-decimal string`);
  assert.notEqual(money, '-0.00', `${where}: no negative zero`);
}

function checkTransactions(
  connector: Connector,
  transactions: readonly ConnectorTransaction[],
  window: TransactionWindow,
): void {
  let seenPosted = false;
  const ids = new Set<string>();
  for (const tx of transactions) {
    const where = `transaction ${tx.bankTransactionId ?? '(pending)'}`;
    assert.ok(tx.status === 'posted' || tx.status === 'pending', `${where}: status`);
    checkMoney(tx.amount, where);
    const positive = !tx.amount.startsWith('-') && tx.amount !== '0.00';
    assert.equal(tx.direction, positive ? 'credit' : 'debit', `${where}: direction`);
    assert.ok(tx.class === null || transactionClasses.includes(tx.class), `${where}: class`);
    assert.match(tx.currency, /^[A-Z]{3}$/, `${where}: currency`);
    assert.ok(tx.description.length > 0, `${where}: description`);
    if (tx.transactionDate !== null) assert.match(tx.transactionDate, datePattern);
    if (tx.status === 'pending') {
      assert.ok(!seenPosted, 'pending transactions come first');
      assert.equal(tx.postDate, null, `${where}: a pending transaction has no postDate`);
      assert.equal(tx.balance, null, `${where}: a pending transaction has no running balance`);
    } else {
      seenPosted = true;
      assert.ok(tx.postDate !== null, `${where}: postDate`);
      assert.match(tx.postDate, datePattern);
      assert.ok(tx.postDate >= window.from && tx.postDate <= window.to, `${where}: in the window`);
      if (tx.balance !== null) checkMoney(tx.balance, where);
      if (connector.capabilities.postedTransactionIds) {
        assert.ok(tx.bankTransactionId !== null, `${where}: a bank id`);
      }
    }
    if (tx.bankTransactionId !== null) {
      assert.ok(!ids.has(tx.bankTransactionId), `${where}: listed once`);
      ids.add(tx.bankTransactionId);
    }
  }
}

function checkAgainstTruth(
  account: ConnectorAccount,
  transactions: readonly ConnectorTransaction[],
  want: ExpectedAccount,
): void {
  const where = `account ${want.bankAccountId}`;
  if (want.name !== undefined) assert.equal(account.name, want.name, `${where}: name`);
  if (want.classType !== undefined) assert.equal(account.classType, want.classType, where);
  if (want.balance !== undefined) assert.equal(account.balance, want.balance, `${where}: balance`);
  if (want.availableFunds !== undefined) {
    assert.equal(account.availableFunds, want.availableFunds, `${where}: availableFunds`);
  }
  const posted = transactions.filter((tx) => tx.status === 'posted');
  assert.equal(posted.length, want.postedIds.length, `${where}: posted count`);
  assert.deepEqual(
    new Set(posted.map((tx) => tx.bankTransactionId)),
    new Set(want.postedIds),
    `${where}: posted ids`,
  );
  assert.equal(transactions.length - posted.length, want.pendingCount, `${where}: pending count`);
}

function assertNoSecrets(credentials: ConnectorCredentials, text: string, where: string): void {
  for (const secret of [credentials.password, credentials.securityCode, credentials.loginId]) {
    if (secret !== undefined && secret.length >= 4) {
      assert.ok(!text.includes(secret), `a credential appears in ${where}`);
    }
  }
}

interface RecordingLogger extends ConnectorLogger {
  text(): string;
}

function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const write = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push(JSON.stringify({ level, message, ...fields }));
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    text: () => lines.join('\n'),
  };
}

function previousDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
