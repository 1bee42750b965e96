// The web connector against the sandbox web bank over real HTTP on 127.0.0.1 (sandbox.md §4),
// with ground truth from the generator; plus the pure pieces (page readers, the one failure
// translation, the cookie jar) on small inputs.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import {
  ConnectorError,
  listTransactions,
  type ConnectorContext,
  type ConnectorErrorKind,
  type ConnectorSession,
  type ConnectorTransaction,
  type HttpResponse,
} from '../../src/connectors/connector.ts';
import {
  translateWebBankFailure,
  type WebBankFailure,
} from '../../src/connectors/web/web-errors.ts';
import { storeCookies } from '../../src/connectors/web/web-http.ts';
import { createWebConnector, type WebConnector } from '../../src/connectors/web/web-connector.ts';
import {
  parseBankDate,
  parseBankMoney,
  parseOptionalMoney,
  parsePage,
  readMfaForm,
  readPageError,
  readProfile,
  readAccounts,
  readAccountsPage,
  readTransactions,
} from '../../src/connectors/web/web-pages.ts';
import {
  describeAccount,
  formatCents,
  iteratePosted,
  listAccounts,
  listPending,
  listPosted,
} from '../../src/sandbox/generator.ts';
import {
  persona,
  useWebBank,
  today,
  wholeHistory,
  type RunningWebBank,
} from './sandbox-web-bank.ts';

let bank: RunningWebBank;
useWebBank((started) => (bank = started));

async function logIn(
  connector: WebConnector,
  ctx: ConnectorContext,
  loginId: string,
  password = 'tributary',
): Promise<ConnectorSession> {
  const verified = await connector.verifyCredentials(ctx, { loginId, password });
  assert.equal(verified.mfa, undefined, 'no MFA expected');
  return verified.session;
}

/** Asserts that `promise` rejects with a ConnectorError of `kind` and returns it. */
async function rejectsWith(
  promise: Promise<unknown>,
  kind: ConnectorErrorKind,
): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ConnectorError, `a ConnectorError, got ${String(error)}`);
    assert.equal(error.kind, kind, `kind (detail: ${error.detail})`);
    return error;
  }
  return assert.fail(`expected ${kind}, but the call succeeded`);
}

function posted(transactions: readonly ConnectorTransaction[]): ConnectorTransaction[] {
  return transactions.filter((tx) => tx.status === 'posted');
}

function warnings(logs: readonly string[]): Record<string, unknown>[] {
  return logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.level === 'warn');
}

describe('web connector: data (sandbox.md §2, §4.4)', () => {
  test('gavinBelson at Hooli: 3 accounts as the generator makes them, 832 + 65 + 39 posted and 2 pending, ids and running balances equal', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const session = await logIn(connector, ctx, 'gavinBelson', 'hooli2016');
    const gavin = persona('gavinBelson');
    const truth = listAccounts(gavin, today);

    const accounts = await connector.listAccounts(ctx, session);
    assert.deepEqual(
      accounts,
      truth.map((a) => ({
        bankAccountId: a.id,
        name: a.name,
        accountNo: `999001-${a.number}`,
        maskedNumber: null,
        bsb: '999001',
        unmaskedAccNum: a.number,
        accountHolder: gavin.accountHolder,
        classType: a.type,
        product: a.product,
        currency: 'AUD',
        balance: formatCents(a.balanceCents),
        availableFunds: formatCents(a.availableFundsCents),
        creditLimit: null,
      })),
    );

    const counts: number[] = [];
    for (const account of truth) {
      const transactions = await listTransactions(
        connector,
        ctx,
        session,
        account.id,
        wholeHistory,
      );
      const expectedPending = listPending(gavin, account.index, today).map((tx) => ({
        status: 'pending',
        bankTransactionId: null,
        description: tx.description,
        amount: formatCents(tx.amountCents),
        currency: 'AUD',
        balance: null,
        direction: tx.direction,
        class: tx.class,
        transactionDate: tx.date,
        postDate: null,
        bpay: null,
      }));
      const expectedPosted = [...iteratePosted(gavin, account.index, today)].map((tx) => ({
        status: 'posted',
        bankTransactionId: tx.id,
        description: tx.description,
        amount: formatCents(tx.amountCents),
        currency: 'AUD',
        balance: tx.balanceCents === null ? null : formatCents(tx.balanceCents),
        direction: tx.direction,
        class: tx.class,
        transactionDate: tx.date,
        postDate: tx.postDate,
        bpay: null,
      }));
      assert.deepEqual(transactions, [...expectedPending, ...expectedPosted]);
      counts.push(posted(transactions).length, transactions.length - posted(transactions).length);
    }
    assert.deepEqual(counts, [832, 2, 65, 0, 39, 0]);
    await connector.endSession(ctx, session);
  });

  test('credit cards: the masked number, no BSB, the credit limit (richard)', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const session = await logIn(connector, ctx, 'richard', 'tabsnotspaces');
    const accounts = await connector.listAccounts(ctx, session);
    assert.equal(accounts.length, 8);
    const card = accounts[4];
    const truth = describeAccount(persona('richard'), 5, today);
    assert.deepEqual(card, {
      bankAccountId: truth.id,
      name: 'Platinum Card',
      accountNo: truth.number,
      maskedNumber: truth.number,
      bsb: null,
      unmaskedAccNum: null,
      accountHolder: persona('richard').accountHolder,
      classType: 'credit-card',
      product: 'Hooli Platinum',
      currency: 'AUD',
      balance: '-2310.45',
      availableFunds: formatCents(truth.availableFundsCents),
      creditLimit: '20000.00',
    });
    assert.match(truth.number, /^5217 29XX XXXX 0035$/);
  });

  test('BPAY rows carry the biller code and CRN (ashMann)', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const session = await logIn(connector, ctx, 'ashMann', 'hooli2024');
    const [everyday] = await connector.listAccounts(ctx, session);
    assert.ok(everyday);
    const transactions = await listTransactions(
      connector,
      ctx,
      session,
      everyday.bankAccountId,
      wholeHistory,
    );
    const bpay = transactions.filter((tx) => tx.bpay !== null);
    assert.equal(bpay.length, 13);
    for (const tx of bpay) {
      assert.equal(tx.description, 'BPAY ORIGIN ENERGY');
      assert.deepEqual(tx.bpay, { billerCode: '23796', billerName: null, crn: '40000080001' });
    }
  });

  test('a window before today: only its posted rows, no pending', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const session = await logIn(connector, ctx, 'gavinBelson', 'hooli2016');
    const gavin = persona('gavinBelson');
    const window = { from: '2026-10-01', to: '2026-10-31' };
    const accountId = describeAccount(gavin, 1, today).id;
    const transactions = await listTransactions(connector, ctx, session, accountId, window);
    const truth = listPosted(gavin, 1, today, window).items.map((tx) => tx.id);
    assert.ok(truth.length > 0);
    assert.deepEqual(
      transactions.map((tx) => [tx.status, tx.bankTransactionId]),
      truth.map((id) => ['posted', id]),
    );
  });

  test('pagination: scenario-huge account 1 lists 20,000 posted over 20 pages', async () => {
    const { ctx, logs } = bank.context();
    const connector = bank.connector('AU00000');
    const session = await logIn(connector, ctx, 'scenario-huge');
    const huge = persona('scenario-huge');
    const accountId = describeAccount(huge, 1, today).id;
    const transactions = await listTransactions(connector, ctx, session, accountId, wholeHistory);
    assert.equal(transactions.length, 20_000);
    assert.deepEqual(
      new Set(transactions.map((tx) => tx.bankTransactionId)),
      new Set([...iteratePosted(huge, 1, today)].map((tx) => tx.id)),
    );
    const read = logs
      .map((line) => JSON.parse(line) as { message: string; pages?: number })
      .find((line) => line.message === 'web bank transactions read');
    assert.equal(read?.pages, 20);
  });

  test('scenario-duplicates: a row listed twice is one transaction (140 posted, 5 pending)', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const session = await logIn(connector, ctx, 'scenario-duplicates');
    const [account] = await connector.listAccounts(ctx, session);
    assert.ok(account);
    const transactions = await listTransactions(
      connector,
      ctx,
      session,
      account.bankAccountId,
      wholeHistory,
    );
    assert.equal(posted(transactions).length, 140);
    assert.equal(transactions.length - 140, 5);
  });

  test('scenario-empty: no accounts is an answer, not an error', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const session = await logIn(connector, ctx, 'scenario-empty');
    assert.deepEqual(await connector.listAccounts(ctx, session), []);
  });
});

describe('web connector: MFA (sandbox.md §3.4, §4.3)', () => {
  test('Pied Piper asks gavinBelson his question; the right answer opens the session', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00002');
    const verified = await connector.verifyCredentials(ctx, {
      loginId: 'gavinBelson',
      password: 'hooli2016',
    });
    assert.equal(verified.mfa?.method, 'security-questions');
    assert.deepEqual(verified.mfa.input, ["What's your first company?"]);
    await assert.rejects(connector.listAccounts(ctx, verified.session), TypeError);
    await connector.answerMfa(ctx, verified.session, ['Hooli']);
    const accounts = await connector.listAccounts(ctx, verified.session);
    assert.equal(accounts.length, 3);
  });

  test('Whistler gets two questions and answers both', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00002');
    const verified = await connector.verifyCredentials(ctx, {
      loginId: 'Whistler',
      password: 'ShowBox',
    });
    assert.deepEqual(verified.mfa?.input, [
      "What's your favourite company?",
      "What's the ID of this institution?",
    ]);
    await assert.rejects(connector.answerMfa(ctx, verified.session, ['Basiq']), RangeError);
    await connector.answerMfa(ctx, verified.session, ['Basiq', 'AU00000']);
    assert.equal((await connector.listAccounts(ctx, verified.session)).length, 2);
  });

  test('a wrong answer is invalid-mfa-response and ends the session', async () => {
    const { ctx, logs } = bank.context();
    const connector = bank.connector('AU00002');
    const verified = await connector.verifyCredentials(ctx, {
      loginId: 'gavinBelson',
      password: 'hooli2016',
    });
    const error = await rejectsWith(
      connector.answerMfa(ctx, verified.session, ['Pied Piper']),
      'invalid-mfa-response',
    );
    assert.equal(error.detail, 'The verification answer is incorrect.');
    assert.equal(error.nextAction, 'retry-with-user');
    await assert.rejects(connector.listAccounts(ctx, verified.session), TypeError);
    assert.ok(!logs.join('\n').includes('Pied Piper'), 'the answer is not logged');
  });

  test('an answer after the bank’s 120 s is mfa-timeout', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00002');
    const verified = await connector.verifyCredentials(ctx, {
      loginId: 'jared',
      password: 'django',
    });
    assert.deepEqual(verified.mfa, {
      method: 'token',
      description: verified.mfa?.description ?? null,
      input: ['OTP Password'],
    });
    bank.clock.advance(121_000);
    await rejectsWith(connector.answerMfa(ctx, verified.session, ['1234']), 'mfa-timeout');
  });

  test('Nucleus asks jared and not richard', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00003');
    assert.equal(connector.capabilities.mfa, 'sometimes');
    const jared = await connector.verifyCredentials(ctx, { loginId: 'jared', password: 'django' });
    assert.equal(jared.mfa?.method, 'token');
    const richard = await connector.verifyCredentials(ctx, {
      loginId: 'richard',
      password: 'tabsnotspaces',
    });
    assert.equal(richard.mfa, undefined);
  });
});

describe('web connector: bank failures (connections.md §12)', () => {
  test('bighead: invalid-credentials with the bank’s "Account is locked", not retried', async () => {
    const { ctx, sleeps } = bank.context();
    const error = await rejectsWith(
      bank
        .connector('AU00000')
        .verifyCredentials(ctx, { loginId: 'bighead', password: 'password' }),
      'invalid-credentials',
    );
    assert.equal(error.detail, 'Account is locked');
    assert.equal(error.title, 'Cannot login to target institution, check credentials.');
    assert.deepEqual(sleeps, []);
  });

  test('a wrong password: invalid-credentials; the password is in neither the error nor the logs', async () => {
    const { ctx, logs } = bank.context();
    const password = 'not-hooli2016-secret';
    const error = await rejectsWith(
      bank.connector('AU00000').verifyCredentials(ctx, { loginId: 'gavinBelson', password }),
      'invalid-credentials',
    );
    assert.equal(error.detail, 'The login details you entered are incorrect.');
    const seen = `${error.message}\n${error.detail}\n${logs.join('\n')}`;
    assert.ok(!seen.includes(password));
    assert.ok(!seen.includes('gavinBelson'));
  });

  test('scenario-lockout: after 3 failures the right password meets account-locked', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    for (let i = 0; i < 3; i += 1) {
      await rejectsWith(
        connector.verifyCredentials(ctx, { loginId: 'scenario-lockout', password: 'wrong' }),
        'invalid-credentials',
      );
    }
    const error = await rejectsWith(
      connector.verifyCredentials(ctx, { loginId: 'scenario-lockout', password: 'correct-horse' }),
      'account-locked',
    );
    assert.equal(error.nextAction, 'contact-institution');
  });

  for (const loginId of ['erlich', 'scenario-terms']) {
    test(`${loginId}: the notice page is account-not-accessible-requires-user-action`, async () => {
      const { ctx } = bank.context();
      const password = loginId === 'erlich' ? 'aviato' : 'tributary';
      const error = await rejectsWith(
        bank.connector('AU00000').verifyCredentials(ctx, { loginId, password }),
        'account-not-accessible-requires-user-action',
      );
      assert.equal(error.nextAction, 'resolve-at-institution');
      assert.ok(error.detail.length > 0);
    });
  }

  test('jianYang: the 503 service page is retried 3 times (1 s, 2 s, 4 s), then service-unavailable', async () => {
    const { ctx, sleeps, logs } = bank.context();
    const error = await rejectsWith(
      bank
        .connector('AU00000')
        .verifyCredentials(ctx, { loginId: 'jianYang', password: 'nothotdog' }),
      'service-unavailable',
    );
    assert.deepEqual(sleeps, [1_000, 2_000, 4_000]);
    assert.equal(warnings(logs).length, 3);
    assert.equal(error.retryable, true);
    assert.equal(error.detail, 'The institution answered HTTP 503 (tried 4 times).');
  });

  test('back-off jitter stays within ±20 %', async () => {
    const jitters = [0, 0.999];
    for (const r of jitters) {
      const { ctx, sleeps } = bank.context();
      await rejectsWith(
        bank.connector('AU00000', { random: () => r }).verifyCredentials(ctx, {
          loginId: 'jianYang',
          password: 'nothotdog',
        }),
        'service-unavailable',
      );
      [1_000, 2_000, 4_000].forEach((base, i) => {
        const slept = sleeps[i] ?? 0;
        assert.ok(slept >= base * 0.8 && slept <= base * 1.2, `${slept} within ±20 % of ${base}`);
      });
    }
  });

  test('scenario-broken: logs in, then connector-error at the accounts page (§4.6)', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const session = await logIn(connector, ctx, 'scenario-broken');
    const error = await rejectsWith(connector.listAccounts(ctx, session), 'connector-error');
    assert.match(error.detail, /table#accounts/);
    assert.equal(error.nextAction, 'contact-support');
  });

  test('fault broken-layout: connector-error at the accounts page', async () => {
    const { ctx } = bank.context();
    bank.state.setFault('ZZ00001', { surface: 'web', mode: 'broken-layout' });
    const connector = bank.connector('ZZ00001');
    const session = await logIn(connector, ctx, 'gavinBelson', 'hooli2016');
    await rejectsWith(connector.listAccounts(ctx, session), 'connector-error');
  });

  test('fault maintenance: maintenance at once with retryAfterMs 600000 (beyond the 30 s wait)', async () => {
    const { ctx, sleeps } = bank.context();
    bank.state.setFault('ZZ00001', { surface: 'web', mode: 'maintenance' });
    const error = await rejectsWith(
      bank.connector('ZZ00001').verifyCredentials(ctx, {
        loginId: 'gavinBelson',
        password: 'hooli2016',
      }),
      'maintenance',
    );
    assert.equal(error.retryAfterMs, 600_000);
    assert.equal(error.detail, 'Online banking is down for maintenance.');
    assert.deepEqual(sleeps, [], 'a Retry-After beyond the limit is not waited for');
  });

  test('fault maintenance with a longer allowed wait: Retry-After is waited for, then maintenance', async () => {
    const { ctx, sleeps } = bank.context();
    bank.state.setFault('ZZ00001', { surface: 'web', mode: 'maintenance' });
    const error = await rejectsWith(
      bank.connector('ZZ00001', { retryAfterMaxMs: 600_000, retries: 2 }).verifyCredentials(ctx, {
        loginId: 'gavinBelson',
        password: 'hooli2016',
      }),
      'maintenance',
    );
    assert.deepEqual(sleeps, [600_000, 600_000]);
    assert.equal(error.retryAfterMs, 600_000);
  });

  test('fault error-5xx: retried, then service-unavailable', async () => {
    const { ctx, sleeps } = bank.context();
    bank.state.setFault('ZZ00001', { surface: 'web', mode: 'error-5xx' });
    const error = await rejectsWith(
      bank.connector('ZZ00001').verifyCredentials(ctx, {
        loginId: 'gavinBelson',
        password: 'hooli2016',
      }),
      'service-unavailable',
    );
    assert.equal(sleeps.length, 3);
    assert.equal(error.detail, 'The institution answered HTTP 500 (tried 4 times).');
  });

  test('fault timeout: each request times out, then service-unavailable', async () => {
    const { ctx, sleeps } = bank.context();
    bank.state.setFault('ZZ00001', { surface: 'web', mode: 'timeout' });
    const error = await rejectsWith(
      bank.connector('ZZ00001', { timeoutMs: 150, retries: 1 }).verifyCredentials(ctx, {
        loginId: 'gavinBelson',
        password: 'hooli2016',
      }),
      'service-unavailable',
    );
    assert.equal(sleeps.length, 1);
    assert.equal(error.detail, 'The institution did not answer within 0.2 s (tried 2 times).');
  });

  test('a bank nobody answers at: service-unavailable', async () => {
    const port = await closedPort();
    const { ctx } = bank.context();
    const connector = createWebConnector({
      institutionId: 'AU00000',
      baseUrl: `http://127.0.0.1:${port}/sandbox/web/hooli`,
      timeoutMs: 2_000,
      retries: 1,
      retryAfterMaxMs: 30_000,
    });
    const error = await rejectsWith(
      connector.verifyCredentials(ctx, { loginId: 'gavinBelson', password: 'hooli2016' }),
      'service-unavailable',
    );
    assert.match(error.detail, /could not be reached \(ECONNREFUSED\)/);
  });
});

describe('web connector: sessions (sandbox.md §4.2, connections.md §5.5)', () => {
  test('scenario-flaky: the 502 on every 4th request is retried and nothing is lost', async () => {
    const { ctx, logs } = bank.context();
    const connector = bank.connector('AU00000');
    const session = await logIn(connector, ctx, 'scenario-flaky');
    const flaky = persona('scenario-flaky');
    // accounts, details, transactions, transactions again: the 4th request meets the 502.
    const [account] = await connector.listAccounts(ctx, session);
    assert.ok(account);
    const first = await listTransactions(
      connector,
      ctx,
      session,
      account.bankAccountId,
      wholeHistory,
    );
    const second = await listTransactions(
      connector,
      ctx,
      session,
      account.bankAccountId,
      wholeHistory,
    );
    assert.deepEqual(second, first);
    assert.equal(posted(first).length, 140);
    assert.equal(first.length, 140 + listPending(flaky, 1, today).length);
    assert.deepEqual(
      warnings(logs).map((line) => line.failure),
      [502],
    );
  });

  test('scenario-session: the bank ends the session after 3 requests; the connector logs in again', async () => {
    const { ctx, logs } = bank.context();
    const connector = bank.connector('AU00000');
    const session = await logIn(connector, ctx, 'scenario-session');
    const accounts = await connector.listAccounts(ctx, session);
    assert.equal(accounts.length, 2);
    const counts: number[] = [];
    for (const account of accounts) {
      const transactions = await listTransactions(
        connector,
        ctx,
        session,
        account.bankAccountId,
        wholeHistory,
      );
      counts.push(posted(transactions).length);
    }
    assert.deepEqual(counts, [140, 4]);
    assert.ok(logs.some((line) => line.includes('logging in again')));
    assert.ok((session.state.relogins as number) >= 1);
  });

  test('re-logins beyond the limit: service-unavailable', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000', { maxRelogins: 0 });
    const session = await logIn(connector, ctx, 'scenario-session');
    const accounts = await connector.listAccounts(ctx, session);
    const [account] = accounts;
    assert.ok(account);
    const error = await rejectsWith(
      listTransactions(connector, ctx, session, account.bankAccountId, wholeHistory),
      'service-unavailable',
    );
    assert.match(error.detail, /kept ending the session/);
  });

  test('an idle bank session (300 s) is re-established too', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const session = await logIn(connector, ctx, 'gavinBelson', 'hooli2016');
    bank.clock.advance(301_000);
    assert.equal((await connector.listAccounts(ctx, session)).length, 3);
  });

  test('a session survives JSON and is refused by another institution’s connector', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const session = await logIn(connector, ctx, 'gavinBelson', 'hooli2016');
    const copy = JSON.parse(JSON.stringify(session)) as ConnectorSession;
    assert.equal((await connector.listAccounts(ctx, copy)).length, 3);
    await assert.rejects(bank.connector('ZZ00001').listAccounts(ctx, copy), TypeError);
    await assert.rejects(
      listTransactions(connector, ctx, copy, 'x', { from: '2026-11-24', to: '2026-11-01' }),
      RangeError,
    );
  });

  test('endSession logs out, forgets the credentials, and never fails on a bank failure', async () => {
    const { ctx, logs } = bank.context();
    const connector = bank.connector('ZZ00001');
    const session = await logIn(connector, ctx, 'gavinBelson', 'hooli2016');
    await connector.listAccounts(ctx, session);
    await connector.endSession(ctx, session);
    const status = logs
      .map((line) => JSON.parse(line) as { path?: string; status?: number })
      .find((line) => line.path === '/logout')?.status;
    assert.equal(status, 303, 'the bank accepted the logout');
    assert.ok(!JSON.stringify(session).includes('hooli2016'));
    await assert.rejects(connector.listAccounts(ctx, session), TypeError);

    const again = await logIn(connector, ctx, 'gavinBelson', 'hooli2016');
    bank.state.setFault('ZZ00001', { surface: 'web', mode: 'error-5xx' });
    await connector.endSession(ctx, again);
  });

  test('an aborted signal rejects with its own reason, between retries too', async () => {
    const controller = new AbortController();
    const reason = new Error('job cancelled');
    const { ctx } = bank.context({
      signal: controller.signal,
      sleep: () => {
        controller.abort(reason);
        return Promise.reject(reason);
      },
    });
    await assert.rejects(
      bank
        .connector('AU00000')
        .verifyCredentials(ctx, { loginId: 'jianYang', password: 'nothotdog' }),
      (error: unknown) => error === reason,
    );
  });

  test('validateConfig reports every problem at once', () => {
    const connector = createWebConnector({
      institutionId: 'hooli',
      baseUrl: 'ftp://bank.example/web?x=1',
      timeoutMs: 0,
      retries: -1,
      retryAfterMaxMs: 1.5,
    });
    assert.equal(connector.validateConfig().length, 6);
    assert.deepEqual(bank.connector('AU00000').validateConfig(), []);
  });
});

describe('web bank pages and failures (pure)', () => {
  test('amounts become two-decimal strings without floats', () => {
    assert.equal(parseBankMoney('-$1,234.56'), '-1234.56');
    assert.equal(parseBankMoney('$1,234,567.05'), '1234567.05');
    assert.equal(parseBankMoney('$0.50'), '0.50');
    assert.equal(parseBankMoney('-$0.00'), '0.00');
    assert.equal(parseBankMoney('$ 12.00'), '12.00');
    assert.equal(parseBankMoney('$90071992547409.93'), '90071992547409.93');
    assert.equal(parseBankMoney('$00.50'), '0.50');
    assert.equal(parseBankMoney('$0,100.00'), '100.00');
    assert.equal(parseBankMoney('−$5.00'), '-5.00');
    assert.equal(parseBankMoney('-$1,000,000.00'), '-1000000.00');
    for (const bad of [
      '1.00',
      '$1.0',
      '$1,23.00',
      '-$',
      'AUD 5.00',
      '$1.005',
      '$1,2345.00',
      '$,100.00',
      '$100,.00',
      '$10,00.00',
      '$1000,000.00',
      '$1a.00',
      '$.50',
    ]) {
      assert.throws(() => parseBankMoney(bad), { name: 'LayoutProblem' }, bad);
    }
  });

  test('dates become YYYY-MM-DD', () => {
    assert.equal(parseBankDate('4 Mar 2026'), '2026-03-04');
    assert.equal(parseBankDate('24 Nov 2026'), '2026-11-24');
    for (const bad of ['31 Feb 2026', '4 March 2026', '2026-03-04', '']) {
      assert.throws(() => parseBankDate(bad), { name: 'LayoutProblem' }, bad);
    }
  });

  test('a transactions page is read in one pass as the DOM readers would read it', () => {
    // Indented and compact markup, entities, several classes on a cell, an unclosed cell, a
    // nested table that is not the transactions table, and links outside the pagination.
    const page = readTransactions(
      `<!doctype html><html><body>
      <form id="logout-form" method="post"><input type="hidden" name="_csrf" value="tok-1"></form>
      <table id="summary"><tbody id="posted"><tr data-txn-id="not-me"><td class="date">1 Jan 2026</td></tr></tbody></table>
      <a rel="next" href="/elsewhere">not the pager</a>
      <table id="transactions">
        <thead><tr><th>Date</th></tr></thead>
        <tbody id="pending">
          <tr>
            <td class="date"> 24 Nov
              2026 </td>
            <td class="description">CAF&Eacute; &amp; CO  PENDING</td>
            <td class="amount">-$4.50</td>
            <td class="type" data-kind="payment">Payment</td>
            <td class="balance"></td>
          </tr>
        </tbody>
        <tbody id="posted">
          <tr data-txn-id="T2"><td class="date">23 Nov 2026</td><td class="description" data-biller="1234" data-crn="5678">BPAY &lt;ENERGY&gt;</td><td class="amount numeric">$1,200.00</td><td class="type" data-kind="direct-credit">Credit</td><td class="balance">$5,000.00</td></tr>
          <tr data-txn-id="T1"><td class="date">22 Nov 2026<td class="description">UNCLOSED CELLS</td><td class="amount">-$0.00</td><td class="type" data-kind="unknown-kind">?</td><td class="balance">-$10.00</td></tr>
        </tbody>
      </table>
      <nav class="pagination wide"><a rel="prev" href="p0">Newer</a> <a rel="next" href="transactions?page=2">Older</a></nav>
    </body></html>`,
      'AUD',
    );
    assert.deepEqual(page.pending, [
      {
        status: 'pending',
        bankTransactionId: null,
        description: 'CAFÉ & CO PENDING',
        amount: '-4.50',
        currency: 'AUD',
        balance: null,
        direction: 'debit',
        class: 'payment',
        transactionDate: '2026-11-24',
        postDate: null,
        bpay: null,
      },
    ]);
    assert.deepEqual(page.posted, [
      {
        status: 'posted',
        bankTransactionId: 'T2',
        description: 'BPAY <ENERGY>',
        amount: '1200.00',
        currency: 'AUD',
        balance: '5000.00',
        direction: 'credit',
        class: 'direct-credit',
        transactionDate: '2026-11-23',
        postDate: '2026-11-23',
        bpay: { billerCode: '1234', billerName: null, crn: '5678' },
      },
      {
        status: 'posted',
        bankTransactionId: 'T1',
        description: 'UNCLOSED CELLS',
        amount: '0.00',
        currency: 'AUD',
        balance: '-10.00',
        direction: 'debit',
        class: null,
        transactionDate: '2026-11-22',
        postDate: '2026-11-22',
        bpay: null,
      },
    ]);
    assert.equal(page.next, 'transactions?page=2');
    assert.equal(page.sessionCsrf, 'tok-1');
  });

  test('a transactions page without its table, or with a posted row without an id, is a layout problem', () => {
    assert.throws(() => readTransactions('<main><p>Nothing here</p></main>', 'AUD'), {
      name: 'LayoutProblem',
      message: /table#transactions/,
    });
    assert.throws(
      () =>
        readTransactions(
          '<table id="transactions"><tbody id="posted"><tr><td class="date">1 Jan 2026</td><td class="amount">$1.00</td></tr></tbody></table>',
          'AUD',
        ),
      { name: 'LayoutProblem', message: /no id/ },
    );
    const last = readTransactions(
      '<table id="transactions"><tbody id="posted"></tbody></table>',
      'AUD',
    );
    assert.deepEqual([last.posted, last.next, last.sessionCsrf], [[], null, null]);
  });

  test('the accounts page is read in one pass: rows of the first table#accounts, cells by class, the session csrf', () => {
    const page = readAccountsPage(
      `<!doctype html><html><body>
      <table id="summary"><tr data-account-id="not-me"><td class="name">Elsewhere</td></tr></table>
      <table id="accounts">
        <thead><tr><th class="name">Account</th></tr></thead>
        <tbody>
          <tr data-account-id=" A1 ">
            <td class="name wide"> Everyday
              Saver </td>
            <td class="bsb">062-000</td><td class="number">1234 5678</td>
            <td class="type" data-type="savings">Savings</td>
            <td class="balance">$1,200.50</td><td class="available">$1,000.00</td>
          </tr>
          <tr data-account-id="A2"><td class="name">Caf&eacute; &amp; Card<td class="name">ignored second name</td><td class="type" data-type="no-such-type"></td><td class="balance">-$5.00</td><td class="available"></td></tr>
        </tbody>
      </table>
      <table id="accounts"><tr data-account-id="A3"><td class="name">Second table</td></tr></table>
      <form id="logout-form" method="post"><input type="hidden" name="_csrf" value="tok-2"></form>
    </body></html>`,
    );
    assert.equal(page.loginForm, false);
    assert.equal(page.sessionCsrf, 'tok-2');
    const rows = readAccounts(page);
    assert.deepEqual(
      rows.map((row) => [row.id, row.name, row.bsb, row.number, row.classType]),
      [
        ['A1', 'Everyday Saver', '062-000', '1234 5678', 'savings'],
        ['A2', 'Café & Card', '', '', 'unknown'],
      ],
    );
    assert.deepEqual(rows[0]?.balance, parseOptionalMoney('$1,200.50'));
    assert.deepEqual(rows[1]?.balance, parseOptionalMoney('-$5.00'));
    assert.equal(rows[1]?.available, null);
  });

  test('an accounts page without its table, or with a row without a name, is a layout problem; the login form is seen', () => {
    const login = readAccountsPage(
      '<form id="login-form" method="post"><input name="loginId"></form>',
    );
    assert.deepEqual([login.rows, login.loginForm, login.sessionCsrf], [null, true, null]);
    assert.throws(() => readAccounts(login), {
      name: 'LayoutProblem',
      message: /table#accounts/,
    });
    assert.throws(
      () =>
        readAccounts(
          readAccountsPage(
            '<table id="accounts"><tr data-account-id="A1"><td class="bsb">062-000</td></tr></table>',
          ),
        ),
      { name: 'LayoutProblem', message: /no id or name/ },
    );
    assert.deepEqual(readAccounts(readAccountsPage('<table id="accounts"></table>')), []);
  });

  test('error pages are read by their data-error attribute; main#locked alone means locked', () => {
    assert.deepEqual(
      readPageError(parsePage('<p class="error" data-error="csrf">  The form\n expired. </p>')),
      { code: 'csrf', message: 'The form expired.' },
    );
    assert.deepEqual(readPageError(parsePage('<main id="locked"><p>Locked</p></main>')), {
      code: 'account-locked',
      message: null,
    });
    assert.equal(readPageError(parsePage('<p class="error">no code</p>')), null);
  });

  test('the profile page: dd[data-field] values, a missing field empty, no dl#profile no profile', () => {
    const page = (items: string) =>
      parsePage(`<main><dl id="profile"><dt>x</dt>${items}</dl></main>`);
    assert.deepEqual(
      readProfile(
        page(
          '<dd data-field="firstName">Monica</dd><dd data-field="lastName"> Hall </dd>' +
            '<dd data-field="email">monica@raviga.example</dd><dd data-field="phone"></dd>' +
            '<dd data-field="address">1 Sand Hill Rd &amp; Co</dd>',
        ),
      ),
      {
        fullName: 'Monica Hall',
        firstName: 'Monica',
        middleName: '',
        lastName: 'Hall',
        emailAddresses: ['monica@raviga.example'],
        phoneNumbers: [],
        physicalAddresses: ['1 Sand Hill Rd & Co'],
      },
    );
    assert.equal(
      readProfile(page('<dd data-field="fullName">Laurie Bream</dd>'))?.fullName,
      'Laurie Bream',
    );
    assert.equal(readProfile(parsePage('<main><p>No details here.</p></main>')), null);
  });

  test('the MFA form: method, prompts by label[for], fields in order', () => {
    const form = readMfaForm(
      parsePage(`<form id="mfa-form" data-method="security-questions">
        <p id="mfa-description">Answer them.</p>
        <label for="q1">Second?</label><input id="q1" name="answer1">
        <label for="q0">First?</label><input id="q0" name="answer0">
        <input type="hidden" name="_csrf" value="abc"></form>`),
    );
    assert.deepEqual(form, {
      challenge: {
        method: 'security-questions',
        description: 'Answer them.',
        input: ['First?', 'Second?'],
      },
      fields: ['answer0', 'answer1'],
      csrf: 'abc',
    });
    assert.throws(() => readMfaForm(parsePage('<form id="mfa-form" data-method="sms"></form>')), {
      name: 'LayoutProblem',
    });
  });

  test('the one translation: data-error first, then status', () => {
    const response = (
      status: number,
      errorCode: string | null,
      message: string | null = null,
      retryAfterMs: number | null = null,
    ): WebBankFailure => ({
      type: 'response',
      status,
      errorCode,
      message,
      retryAfterMs,
      attempts: 4,
    });
    const cases: [WebBankFailure, ConnectorErrorKind][] = [
      [response(200, 'invalid-credentials', 'Account is locked'), 'invalid-credentials'],
      [response(200, 'account-locked'), 'account-locked'],
      [response(200, 'notice-pending'), 'account-not-accessible-requires-user-action'],
      [response(200, 'mfa-invalid'), 'invalid-mfa-response'],
      [response(200, 'mfa-expired'), 'mfa-timeout'],
      [response(503, 'maintenance', null, 600_000), 'maintenance'],
      [response(503, 'service-unavailable'), 'service-unavailable'],
      [response(500, 'server-error'), 'service-unavailable'],
      [response(502, 'bad-gateway'), 'service-unavailable'],
      [response(504, null), 'service-unavailable'],
      [response(429, null), 'service-unavailable'],
      [response(403, 'csrf'), 'connector-error'],
      [response(400, 'bad-request'), 'connector-error'],
      [response(404, 'not-found'), 'connector-error'],
      [response(418, 'something-new'), 'connector-error'],
      [{ type: 'timeout', attempts: 4, timeoutMs: 30_000 }, 'service-unavailable'],
      [{ type: 'network', attempts: 4, code: 'ECONNRESET' }, 'service-unavailable'],
      [{ type: 'layout', what: 'no table#accounts' }, 'connector-error'],
      [{ type: 'mfa-on-relogin' }, 'user-action-required'],
      [{ type: 'session-lost', relogins: 5 }, 'service-unavailable'],
    ];
    for (const [failure, kind] of cases) {
      assert.equal(translateWebBankFailure(failure).kind, kind, JSON.stringify(failure));
    }
    const maintenance = translateWebBankFailure(response(503, 'maintenance', null, 600_000));
    assert.equal(maintenance.retryAfterMs, 600_000);
    const echoed = translateWebBankFailure(
      response(200, 'invalid-credentials', 'No user gavinBelson with password s3cret!'),
      ['gavinBelson', 's3cret!'],
    );
    assert.equal(echoed.detail, 'No user [redacted] with password [redacted]');
  });

  test('the cookie jar keeps, replaces and expires cookies', () => {
    const jar: Record<string, string> = {};
    const answer = (cookies: string[]): HttpResponse => ({
      status: 303,
      headers: { 'set-cookie': cookies, date: 'Tue, 24 Nov 2026 00:00:00 GMT' },
      body: '',
    });
    storeCookies(jar, answer(['sb_csrf=aa; Path=/sandbox/web/hooli; HttpOnly', 'sb_session=bb']));
    assert.deepEqual(jar, { sb_csrf: 'aa', sb_session: 'bb' });
    storeCookies(jar, answer(['sb_session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT']));
    storeCookies(jar, answer(['sb_csrf=cc; Max-Age=60']));
    assert.deepEqual(jar, { sb_csrf: 'cc' });
    storeCookies(jar, answer(['sb_csrf=dd; Max-Age=0']));
    assert.deepEqual(jar, {});
  });
});

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
