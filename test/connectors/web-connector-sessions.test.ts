// The web connector's kept sessions (connector.ts `endSession` with `keep`, `verifyCredentials`
// with `kept`) and its remembered account details, against the sandbox web bank over real HTTP
// on 127.0.0.1, counting the requests the bank answered.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { describe, test } from 'node:test';
import {
  ConnectorError,
  type ConnectorContext,
  type ConnectorSession,
  type HttpClient,
} from '../../src/connectors/connector.ts';
import type { WebConnector } from '../../src/connectors/web/web-connector.ts';
import { useWebBank, type RunningWebBank } from './sandbox-web-bank.ts';

let bank: RunningWebBank;
useWebBank((started) => (bank = started));

const gavin = { loginId: 'gavinBelson', password: 'hooli2016' };

/** The requests `fn` made the bank answer, as `METHOD /page` under the bank's base path. */
async function requestsOf(fn: () => Promise<unknown>): Promise<string[]> {
  const from = bank.requests.length;
  await fn();
  return bank.requests
    .slice(from)
    .map((line) => line.replace(/ \/sandbox\/web\/[a-z-]+\//, ' ').replace(/\?.*$/, ''));
}

/** A first job: login, accounts, then the session kept. */
async function firstJob(connector: WebConnector, ctx: ConnectorContext) {
  const verified = await connector.verifyCredentials(ctx, gavin);
  const accounts = await connector.listAccounts(ctx, verified.session);
  const kept = await connector.endSession(ctx, verified.session, { keep: true });
  assert.ok(kept, 'a session is kept');
  return { accounts, kept };
}

/** The next job's verification and accounts, with the kept session. */
async function nextJob(
  connector: WebConnector,
  ctx: ConnectorContext,
  kept: ConnectorSession,
  credentials = gavin,
) {
  const verified = await connector.verifyCredentials(ctx, credentials, kept);
  const accounts = await connector.listAccounts(ctx, verified.session);
  return { verified, accounts };
}

describe('web connector: kept bank sessions', () => {
  test('within the idle window the next job asks the bank once: GET accounts, no login, no details page', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const first = await firstJob(connector, ctx);
    assert.ok(!bank.requests.some((line) => line.includes('/logout')), 'no logout when kept');

    bank.clock.advance(200_000);
    let next: Awaited<ReturnType<typeof nextJob>> | undefined;
    const requests = await requestsOf(async () => {
      next = await nextJob(connector, ctx, first.kept);
    });
    assert.deepEqual(requests, ['GET accounts']);
    assert.equal(next?.verified.resumed, true);
    assert.deepEqual(next?.accounts, first.accounts);

    // And again from the session this job keeps: its idle timer restarted at that request.
    const kept = await connector.endSession(ctx, next?.verified.session ?? first.kept, {
      keep: true,
    });
    assert.ok(kept);
    bank.clock.advance(200_000);
    assert.deepEqual(
      await requestsOf(() => nextJob(connector, ctx, kept)),
      ['GET accounts'],
      'still live 400 s after the login',
    );
  });

  test('the kept session holds cookies but no credential, and the job’s own copy is ended', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const verified = await connector.verifyCredentials(ctx, gavin);
    await connector.listAccounts(ctx, verified.session);
    const kept = await connector.endSession(ctx, verified.session, { keep: true });
    const text = JSON.stringify(kept);
    assert.ok(!text.includes(gavin.password) && !text.includes(gavin.loginId), text);
    assert.ok(Object.keys((kept?.state.cookies ?? {}) as object).length > 0);
    assert.ok(!JSON.stringify(verified.session).includes(gavin.password));
    await assert.rejects(connector.listAccounts(ctx, verified.session), TypeError);
  });

  test('a session the bank ended within the window: one wasted request, then a login at verify-credentials', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const first = await firstJob(connector, ctx);
    bank.state.reset();
    let next: Awaited<ReturnType<typeof nextJob>> | undefined;
    const requests = await requestsOf(async () => {
      next = await nextJob(connector, ctx, first.kept);
    });
    // The details pages are still the same bank day's: not read again.
    assert.deepEqual(requests, ['GET accounts', 'GET login', 'POST login', 'GET accounts']);
    assert.notEqual(next?.verified.resumed, true);
    assert.deepEqual(next?.accounts, first.accounts);
  });

  test('a wrong password with an ended kept session fails verify-credentials with invalid-credentials', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const first = await firstJob(connector, ctx);
    bank.state.reset();
    const error = await connector
      .verifyCredentials(ctx, { ...gavin, password: 'not-hooli' }, first.kept)
      .then(
        () => assert.fail('a wrong password was accepted'),
        (reason: unknown) => reason,
      );
    assert.ok(error instanceof ConnectorError);
    assert.equal(error.kind, 'invalid-credentials');
  });

  test('past the idle window (240 s) the kept session is not tried: login, accounts, and the details remembered the same day', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const first = await firstJob(connector, ctx);
    bank.clock.advance(241_000);
    let next: Awaited<ReturnType<typeof nextJob>> | undefined;
    const requests = await requestsOf(async () => {
      next = await nextJob(connector, ctx, first.kept);
    });
    assert.deepEqual(requests, ['GET login', 'POST login', 'GET accounts']);
    assert.deepEqual(next?.accounts, first.accounts);
  });

  test('past the bank’s lifetime (1,500 s of 1,800) it is not tried either', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    let { kept } = await firstJob(connector, ctx);
    for (let i = 0; i < 6; i++) {
      bank.clock.advance(230_000);
      const next = await nextJob(connector, ctx, kept);
      assert.equal(next.verified.resumed, true, `resumed at ${(i + 1) * 230} s`);
      const again = await connector.endSession(ctx, next.verified.session, { keep: true });
      assert.ok(again);
      kept = again;
    }
    bank.clock.advance(230_000);
    const requests = await requestsOf(() => nextJob(connector, ctx, kept));
    assert.deepEqual(requests.slice(0, 2), ['GET login', 'POST login']);
  });

  test('the sandbox’s own idle timeout caps the window (80 % of it)', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000', { bankSessionLimits: { idleS: 60, maxS: 1_800 } });
    const first = await firstJob(connector, ctx);
    bank.clock.advance(49_000);
    const requests = await requestsOf(() => nextJob(connector, ctx, first.kept));
    assert.deepEqual(requests, ['GET login', 'POST login', 'GET accounts']);
  });

  test('a bank that always asks MFA does not ask while the kept session lives', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00002');
    const verified = await connector.verifyCredentials(ctx, gavin);
    assert.ok(verified.mfa);
    await connector.answerMfa(ctx, verified.session, ['Hooli']);
    const accounts = await connector.listAccounts(ctx, verified.session);
    const kept = await connector.endSession(ctx, verified.session, { keep: true });
    assert.ok(kept);
    const next = await nextJob(connector, ctx, kept);
    assert.equal(next.verified.mfa, undefined);
    assert.deepEqual(next.accounts, accounts);
  });

  test('without keep it logs out and keeps nothing', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const verified = await connector.verifyCredentials(ctx, gavin);
    const requests = await requestsOf(async () => {
      assert.equal(await connector.endSession(ctx, verified.session), null);
    });
    assert.deepEqual(requests, ['POST logout']);
  });

  test('keeping after the bank session ended keeps only the details, and the next job logs in', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const verified = await connector.verifyCredentials(ctx, gavin);
    await connector.listAccounts(ctx, verified.session);
    assert.equal(await connector.endSession(ctx, verified.session), null);
    const kept = await connector.endSession(ctx, verified.session, { keep: true });
    assert.ok(kept);
    assert.deepEqual(kept.state.cookies, {});
    const requests = await requestsOf(() => nextJob(connector, ctx, kept));
    assert.deepEqual(requests, ['GET login', 'POST login', 'GET accounts']);
  });
});

describe('web connector: account details remembered in the kept session', () => {
  test('a new bank day reads every details page again', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const first = await firstJob(connector, ctx);
    bank.clock.advance(86_400_000);
    const requests = await requestsOf(() => nextJob(connector, ctx, first.kept));
    assert.deepEqual(requests.slice(0, 3), ['GET login', 'POST login', 'GET accounts']);
    assert.deepEqual(
      requests.slice(3),
      first.accounts.map((account) => `GET accounts/${account.bankAccountId}`),
    );
  });

  test('a changed accounts-list row reads that account’s details page again, the others not', async () => {
    const first = await firstJob(bank.connector('AU00000'), bank.context().ctx);
    const [changed, ...others] = first.accounts;
    assert.ok(changed && others.length > 0);
    // The bank now lists the first account with another available balance (the list row changes).
    const { ctx } = bank.context();
    const http: HttpClient = async (request) => {
      const response = await ctx.http(request);
      if (!new URL(request.url).pathname.endsWith('/accounts') || response.status !== 200) {
        return response;
      }
      const $ = load(response.body);
      $(`tr[data-account-id="${changed.bankAccountId}"] td.available`).text('$1.00');
      return { ...response, body: $.html() };
    };
    const connector = bank.connector('AU00000');
    let next: Awaited<ReturnType<typeof nextJob>> | undefined;
    const requests = await requestsOf(async () => {
      next = await nextJob(connector, { ...ctx, http }, first.kept);
    });
    assert.deepEqual(requests, ['GET accounts', `GET accounts/${changed.bankAccountId}`]);
    assert.equal(next?.accounts[0]?.availableFunds, '1.00');
    assert.deepEqual(next?.accounts.slice(1), first.accounts.slice(1));
  });

  test('an account no longer listed is forgotten; one listed again is read again', async () => {
    const { ctx } = bank.context();
    const connector = bank.connector('AU00000');
    const first = await firstJob(connector, ctx);
    const [gone] = first.accounts;
    assert.ok(gone);
    const hiding: HttpClient = async (request) => {
      const response = await ctx.http(request);
      if (!new URL(request.url).pathname.endsWith('/accounts') || response.status !== 200) {
        return response;
      }
      const $ = load(response.body);
      $(`tr[data-account-id="${gone.bankAccountId}"]`).remove();
      return { ...response, body: $.html() };
    };
    const hidden = await nextJob(connector, { ...ctx, http: hiding }, first.kept);
    assert.equal(hidden.accounts.length, first.accounts.length - 1);
    const kept = await connector.endSession(ctx, hidden.verified.session, { keep: true });
    assert.ok(kept);
    const requests = await requestsOf(() => nextJob(connector, ctx, kept));
    assert.deepEqual(requests, ['GET accounts', `GET accounts/${gone.bankAccountId}`]);
  });
});
