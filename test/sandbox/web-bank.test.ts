// The sandbox web bank (sandbox.md §4) over real HTTP on 127.0.0.1: a minimal fastify with the
// app's form parser, a manual clock at 2026-11-24 (D in Sydney) and a cookie-keeping client.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import fastify, { type FastifyInstance } from 'fastify';
import { registerBodyParsers } from '../../src/api/plugins/body.ts';
import { ManualClock } from '../../src/kernel/clock.ts';
import { addDays, listAccounts, listPending, listPosted } from '../../src/sandbox/generator.ts';
import { findPersona, type Persona } from '../../src/sandbox/personas.ts';
import { formatBankDate, formatMoney, sydneyDate } from '../../src/sandbox/web-bank/format.ts';
import { html } from '../../src/sandbox/web-bank/html.ts';
import type { WebBankState } from '../../src/sandbox/web-bank/sessions.ts';
import { registerWebBank } from '../../src/sandbox/web-bank/web-bank.ts';
import { BankBrowser, type Page } from '../support/bank-browser.ts';

const start = '2026-11-24T00:00:00Z';
const D = '2026-11-24';
const clock = new ManualClock(start);
let app: FastifyInstance;
let state: WebBankState;
let baseUrl = '';

before(async () => {
  // The same router options as the API server, whose trailing-slash rule the bank relies on.
  app = fastify({ routerOptions: { ignoreTrailingSlash: true } });
  registerBodyParsers(app);
  state = registerWebBank(app, { clock, sessionIdleS: 300, sessionMaxS: 1800 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  assert.ok(address !== null && typeof address === 'object');
  baseUrl = `http://127.0.0.1:${address.port}`;
});

after(async () => {
  await app.close();
});

beforeEach(() => {
  state.reset();
  clock.set(start);
});

function persona(loginId: string): Persona {
  const found = findPersona(loginId);
  assert.ok(found, loginId);
  return found;
}

/** The bank client of the shared support, on this file's server. */
class Browser extends BankBrowser {
  constructor(slug: string) {
    super(() => baseUrl, slug);
  }
}

function errorCode(page: Pick<Page, '$'>): string | undefined {
  return page.$('p.error').attr('data-error');
}

function postedIds(page: Page): string[] {
  return page
    .$('tbody#posted tr')
    .map((_, tr) => page.$(tr).attr('data-txn-id') ?? '')
    .get();
}

const advanceS = (seconds: number): void => clock.advance(seconds * 1000);

describe('login and session (sandbox.md §4.1, §4.2)', () => {
  test('sandbox.md A1: GET /sandbox/web/hooli/login serves form#login-form with loginId, password, _csrf', async () => {
    const browser = new Browser('hooli');
    const page = await browser.get('login');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const form = page.$('form#login-form');
    assert.equal(form.attr('method'), 'post');
    assert.equal(form.attr('action'), 'login');
    for (const name of ['loginId', 'password', '_csrf']) {
      assert.equal(form.find(`input[name="${name}"]`).length, 1, name);
    }
    assert.equal(form.find('input[name="_csrf"]').attr('type'), 'hidden');
    const csrfCookie = browser.setCookies.find((c) => c.startsWith('sb_csrf='));
    assert.ok(csrfCookie);
    assert.match(csrfCookie, /HttpOnly/);
    assert.match(csrfCookie, /Path=\/sandbox\/web\/hooli(;|$)/);
    assert.equal(form.find('input[name="_csrf"]').val(), browser.cookies.get('sb_csrf'));
  });

  test('the bank root and the forgot page', async () => {
    const browser = new Browser('hooli');
    for (const path of ['/sandbox/web/hooli', '/sandbox/web/hooli/']) {
      const page = await browser.get(path);
      assert.equal(page.status, 303, path);
      assert.equal(page.location, '/sandbox/web/hooli/login');
    }
    const forgot = await browser.get('forgot');
    assert.equal(forgot.status, 200);
    assert.match(forgot.text, /sandbox\.md/);
  });

  test('unknown slug, unknown path and unknown account answer 404 pages', async () => {
    const browser = new Browser('nowhere');
    for (const path of ['/sandbox/web/nowhere/login', '/sandbox/web/hooli/nothing-here']) {
      const page = await browser.get(path);
      assert.equal(page.status, 404, path);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    }
    const hooli = new Browser('hooli');
    await hooli.loginTo('gavinBelson', 'hooli2016', 'accounts');
    assert.equal((await hooli.get('accounts/0000000000000000')).status, 404);
    assert.equal((await hooli.get('accounts/0000000000000000/transactions')).status, 404);
  });

  test('correct password without MFA: 303 to accounts with an sb_session cookie', async () => {
    const browser = new Browser('hooli');
    const page = await browser.login('gavinBelson', 'hooli2016');
    assert.equal(page.status, 303);
    assert.equal(page.location, '/sandbox/web/hooli/accounts');
    const cookie = browser.setCookies.find((c) => c.startsWith('sb_session='));
    assert.ok(cookie);
    assert.match(cookie, /^sb_session=[0-9a-f]{32};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Path=\/sandbox\/web\/hooli(;|$)/);
  });

  test('several sessions of one persona live at once', async () => {
    const first = new Browser('hooli');
    const second = new Browser('hooli');
    await first.loginTo('gavinBelson', 'hooli2016', 'accounts');
    await second.loginTo('gavinBelson', 'hooli2016', 'accounts');
    assert.equal((await first.get('accounts')).status, 200);
    assert.equal((await second.get('accounts')).status, 200);
  });

  test('a POST without a matching _csrf is refused with a 403 csrf page', async () => {
    const browser = new Browser('hooli');
    await browser.get('login');
    const missing = await browser.post('login', { loginId: 'gavinBelson', password: 'hooli2016' });
    assert.equal(missing.status, 403);
    assert.equal(errorCode(missing), 'csrf');
    const wrong = await browser.post('login', {
      loginId: 'gavinBelson',
      password: 'hooli2016',
      _csrf: '0'.repeat(32),
    });
    assert.equal(wrong.status, 403);
    assert.equal(errorCode(wrong), 'csrf');
    const noCookie = new Browser('hooli');
    const page = await noCookie.post('login', {
      loginId: 'gavinBelson',
      password: 'hooli2016',
      _csrf: '',
    });
    assert.equal(page.status, 403);
  });

  test('a body the parser refuses still gets an HTML page, not the API envelope', async () => {
    const response = await fetch(`${baseUrl}/sandbox/web/hooli/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(errorCode({ $: cheerio.load(await response.text()) }), 'bad-request');
  });

  test('wrong password or unknown login: 200 login page with invalid-credentials', async () => {
    const browser = new Browser('hooli');
    for (const [loginId, password] of [
      ['gavinBelson', 'wrong'],
      ['nobody', 'hooli2016'],
      ['gavinbelson', 'hooli2016'],
    ] as const) {
      const page = await browser.login(loginId, password);
      assert.equal(page.status, 200);
      assert.equal(errorCode(page), 'invalid-credentials');
      assert.equal(page.$('p.error').text(), 'The login details you entered are incorrect.');
      assert.equal(page.$('form#login-form').length, 1);
      assert.equal(browser.cookies.has('sb_session'), false);
    }
  });

  test('sandbox.md A6 (bank side): bighead "Account is locked", jianYang 503, erlich a notice without a form', async () => {
    const browser = new Browser('hooli');
    const bighead = await browser.login('bighead', 'password');
    assert.equal(bighead.status, 200);
    assert.equal(errorCode(bighead), 'invalid-credentials');
    assert.equal(bighead.$('p.error').text(), 'Account is locked');

    const jian = await browser.login('jianYang', 'nothotdog');
    assert.equal(jian.status, 503);
    assert.equal(errorCode(jian), 'service-unavailable');

    const erlich = new Browser('hooli');
    await erlich.loginTo('erlich', 'aviato', 'notice');
    const notice = await erlich.get('notice');
    assert.equal(notice.status, 200);
    assert.equal(notice.$('main#notice p.error').attr('data-error'), 'notice-pending');
    assert.equal(notice.$('form#notice-form').length, 0);
    const accounts = await erlich.get('accounts');
    assert.equal(accounts.status, 303);
    assert.equal(accounts.location, '/sandbox/web/hooli/notice');
  });

  test('the session ends after 300 s idle (clock): 303 to login?expired=1 with the notice', async () => {
    const browser = new Browser('hooli');
    await browser.loginTo('gavinBelson', 'hooli2016', 'accounts');
    advanceS(299);
    assert.equal((await browser.get('accounts')).status, 200);
    advanceS(301);
    const page = await browser.get('accounts');
    assert.equal(page.status, 303);
    assert.equal(page.location, '/sandbox/web/hooli/login?expired=1');
    const login = await browser.get(page.location);
    assert.equal(login.$('p.notice').attr('data-notice'), 'session-expired');
    assert.equal((await browser.get('login')).$('p.notice').length, 0);
  });

  test('the session ends 1,800 s after login even when used', async () => {
    const browser = new Browser('hooli');
    await browser.loginTo('gavinBelson', 'hooli2016', 'accounts');
    for (let elapsed = 0; elapsed < 1800; elapsed += 200) {
      assert.equal((await browser.get('profile')).status, 200, String(elapsed));
      advanceS(200);
    }
    assert.equal((await browser.get('profile')).location, '/sandbox/web/hooli/login?expired=1');
  });

  test('no session at all redirects authenticated pages to login?expired=1', async () => {
    const browser = new Browser('hooli');
    for (const path of ['accounts', 'profile', 'mfa', 'notice', 'accounts/x/transactions']) {
      const page = await browser.get(path);
      assert.equal(page.status, 303, path);
      assert.equal(page.location, '/sandbox/web/hooli/login?expired=1', path);
    }
  });

  test('POST logout ends the session', async () => {
    const browser = new Browser('hooli');
    await browser.loginTo('gavinBelson', 'hooli2016', 'accounts');
    const csrf = await browser.csrfOf('accounts', 'form#logout-form');
    const refused = await browser.post('logout', { _csrf: 'nope' });
    assert.equal(refused.status, 403);
    const sessionCookie = browser.cookies.get('sb_session');
    const out = await browser.post('logout', { _csrf: csrf });
    assert.equal(out.status, 303);
    assert.equal(out.location, '/sandbox/web/hooli/login');
    // The old cookie no longer opens anything, even if a client keeps sending it.
    browser.cookies.set('sb_session', sessionCookie ?? '');
    assert.equal((await browser.get('accounts')).location, '/sandbox/web/hooli/login?expired=1');
  });
});

describe('data pages (sandbox.md §4.4)', () => {
  test('accounts of gavinBelson at hooli: 3 rows with the generator ids, numbers and balances', async () => {
    const browser = new Browser('hooli');
    await browser.loginTo('gavinBelson', 'hooli2016', 'accounts');
    const page = await browser.get('accounts');
    assert.equal(page.status, 200);
    const expected = listAccounts(persona('gavinBelson'), D);
    const rows = page.$('table#accounts tr[data-account-id]');
    assert.equal(rows.length, 3);
    rows.each((i, tr) => {
      const row = page.$(tr);
      const account = expected[i];
      assert.ok(account);
      assert.equal(row.attr('data-account-id'), account.id);
      assert.equal(row.find('td.name').text(), account.name);
      assert.equal(row.find('td.bsb').text(), '999-001');
      assert.equal(row.find('td.number').text(), account.number);
      assert.equal(row.find('td.type').attr('data-type'), account.type);
      assert.equal(row.find('td.balance').text(), formatMoney(account.balanceCents));
      assert.equal(row.find('td.available').text(), formatMoney(account.availableFundsCents));
      assert.equal(row.find('a.details').attr('href'), `accounts/${account.id}`);
    });
    const first = page.$('tr[data-account-id]').first();
    assert.equal(first.find('td.balance').text(), '$2,418.36');
    assert.equal(first.find('td.type').text(), 'Transaction');
    assert.equal(page.$('tr[data-account-id]').last().find('td.balance').text(), '-$12,340.55');
  });

  test('cards have an empty BSB; account details and profile', async () => {
    const browser = new Browser('hooli');
    await browser.loginTo('richard', 'tabsnotspaces', 'accounts');
    const accounts = listAccounts(persona('richard'), D);
    const card = accounts[4];
    assert.ok(card);
    const list = await browser.get('accounts');
    const row = list.$(`tr[data-account-id="${card.id}"]`);
    assert.equal(row.find('td.bsb').text(), '');
    assert.equal(row.find('td.type').text(), 'Credit card');
    assert.equal(row.find('td.number').text(), '5217 29XX XXXX 0035');

    const details = await browser.get(`accounts/${card.id}`);
    assert.equal(details.status, 200);
    const fieldText = (name: string): string =>
      details.$(`dl#account dd[data-field="${name}"]`).text();
    assert.equal(fieldText('name'), 'Platinum Card');
    assert.equal(fieldText('product'), 'Hooli Platinum');
    assert.equal(fieldText('bsb'), '');
    assert.equal(fieldText('number'), card.number);
    assert.equal(fieldText('holder'), 'Richard Hendricks');
    assert.equal(fieldText('currency'), 'AUD');
    assert.equal(fieldText('balance'), '-$2,310.45');
    assert.equal(fieldText('available'), formatMoney(card.availableFundsCents));
    assert.equal(fieldText('creditLimit'), '$20,000.00');
    const everyday = accounts[0];
    assert.ok(everyday);
    const plain = await browser.get(`accounts/${everyday.id}`);
    assert.equal(plain.$('dd[data-field="creditLimit"]').text(), '');
    assert.equal(plain.$('dd[data-field="bsb"]').text(), '999-001');

    const profile = await browser.get('profile');
    const profileField = (name: string): string =>
      profile.$(`dl#profile dd[data-field="${name}"]`).text();
    assert.equal(profileField('fullName'), 'Richard Hendricks');
    assert.equal(profileField('firstName'), 'Richard');
    assert.equal(profileField('lastName'), 'Hendricks');
    assert.equal(profileField('email'), 'richard@personas.example');
    assert.equal(profileField('phone'), 'XXXX XXX 003');
  });

  test('sandbox.md A2 (bank side): walking every page of gavinBelson Everyday lists the 832 posted rows and 2 pending', async () => {
    const gavin = persona('gavinBelson');
    const browser = new Browser('hooli');
    await browser.loginTo('gavinBelson', 'hooli2016', 'accounts');
    const account = listAccounts(gavin, D)[0];
    assert.ok(account);
    const expected = listPosted(gavin, 1, D, { listDuplicates: true }).items;
    assert.equal(expected.length, 832);
    let path: string | undefined = `accounts/${account.id}/transactions`;
    const ids: string[] = [];
    let pages = 0;
    let pendingRows = 0;
    while (path !== undefined) {
      const page = await browser.get(path);
      assert.equal(page.status, 200, path);
      pages += 1;
      const pending = page.$('tbody#pending tr');
      if (pages === 1) {
        pendingRows = pending.length;
        const expectedPending = listPending(gavin, 1, D);
        pending.each((i, tr) => {
          const row = page.$(tr);
          const item = expectedPending[i];
          assert.ok(item);
          assert.equal(row.attr('data-txn-id'), undefined);
          assert.equal(row.find('td.date').text(), formatBankDate(D));
          assert.equal(row.find('td.description').text(), item.description);
          assert.equal(row.find('td.amount').text(), formatMoney(item.amountCents));
          assert.equal(row.find('td.type').attr('data-kind'), 'payment');
          assert.equal(row.find('td.balance').text(), '');
        });
      } else {
        assert.equal(pending.length, 0);
      }
      const rows = page.$('tbody#posted tr');
      assert.ok(rows.length <= 50);
      rows.each((i, tr) => {
        const row = page.$(tr);
        const item = expected[ids.length + i];
        assert.ok(item);
        assert.equal(row.find('td.date').text(), formatBankDate(item.date));
        assert.equal(row.find('td.amount').text(), formatMoney(item.amountCents));
        assert.equal(row.find('td.description').text(), item.description);
        assert.equal(row.find('td.type').attr('data-kind'), item.class);
        assert.equal(row.find('td.balance').text(), formatMoney(item.balanceCents ?? NaN));
      });
      ids.push(...postedIds(page));
      path = page.$('nav.pagination a[rel="next"]').attr('href');
    }
    assert.equal(pages, 17);
    assert.equal(pendingRows, 2);
    assert.deepEqual(
      ids,
      expected.map((t) => t.id),
    );
    // The newest posted item's running balance is the account balance (§2.2).
    assert.equal(expected[0]?.balanceCents, account.balanceCents);
  });

  test('from/to select dates; pending only when to reaches D; size above 1,000 counts as 1,000', async () => {
    const browser = new Browser('hooli');
    await browser.loginTo('gavinBelson', 'hooli2016', 'accounts');
    const id = listAccounts(persona('gavinBelson'), D)[0]?.id ?? '';
    const yesterday = addDays(D, -1);
    const oneDay = await browser.get(
      `accounts/${id}/transactions?from=${yesterday}&to=${yesterday}&size=1000`,
    );
    assert.equal(oneDay.status, 200);
    assert.equal(oneDay.$('tbody#pending tr').length, 0);
    const dates = oneDay
      .$('tbody#posted td.date')
      .map((_, td) => oneDay.$(td).text())
      .get();
    assert.ok(dates.length >= 2);
    assert.deepEqual(new Set(dates), new Set([formatBankDate(yesterday)]));

    const all = await browser.get(`accounts/${id}/transactions?size=5000`);
    assert.equal(all.$('tbody#posted tr').length, 832);
    assert.equal(all.$('nav.pagination a[rel="next"]').length, 0);

    const secondPage = await browser.get(`accounts/${id}/transactions?page=2&to=${D}`);
    assert.equal(secondPage.$('tbody#pending tr').length, 0);

    const huge = new Browser('hooli');
    await huge.loginTo('scenario-huge', 'tributary', 'accounts');
    const hugeId = listAccounts(persona('scenario-huge'), D)[0]?.id ?? '';
    const capped = await huge.get(`accounts/${hugeId}/transactions?size=1001`);
    assert.equal(capped.$('tbody#posted tr').length, 1000);
    const next = capped.$('nav.pagination a[rel="next"]').attr('href') ?? '';
    assert.match(next, /page=2/);
    assert.match(next, /size=1000/);
  });

  test('a malformed parameter answers a 400 bad-request page', async () => {
    const browser = new Browser('hooli');
    await browser.loginTo('gavinBelson', 'hooli2016', 'accounts');
    const id = listAccounts(persona('gavinBelson'), D)[0]?.id ?? '';
    for (const query of [
      'from=2026-13-01',
      'to=24-11-2026',
      'from=2026-02-30',
      'page=0',
      'page=-1',
      'size=abc',
      'size=0',
      'page=1.5',
      'from=',
    ]) {
      const page = await browser.get(`accounts/${id}/transactions?${query}`);
      assert.equal(page.status, 400, query);
      assert.equal(errorCode(page), 'bad-request', query);
    }
  });

  test('BPAY rows carry data-biller and data-crn', async () => {
    const browser = new Browser('hooli');
    await browser.loginTo('ashMann', 'hooli2024', 'accounts');
    const id = listAccounts(persona('ashMann'), D)[0]?.id ?? '';
    const page = await browser.get(`accounts/${id}/transactions?size=1000`);
    const bpay = page.$('tbody#posted td.description[data-biller]');
    assert.equal(bpay.length, 13);
    assert.equal(bpay.first().attr('data-biller'), '23796');
    assert.equal(bpay.first().attr('data-crn'), '40000080001');
    assert.equal(bpay.first().text(), 'BPAY ORIGIN ENERGY');
  });

  test('scenario-duplicates lists 144 posted rows, repeats adjacent', async () => {
    const browser = new Browser('hooli');
    await browser.loginTo('scenario-duplicates', 'tributary', 'accounts');
    const id = listAccounts(persona('scenario-duplicates'), D)[0]?.id ?? '';
    const page = await browser.get(`accounts/${id}/transactions?size=1000`);
    const ids = postedIds(page);
    assert.equal(ids.length, 144);
    assert.equal(new Set(ids).size, 140);
    const adjacent = ids.filter((value, i) => i > 0 && ids[i - 1] === value);
    assert.equal(adjacent.length, 4);
    assert.equal(page.$('tbody#pending tr').length, 5);
  });

  test('scenario-empty lists no accounts', async () => {
    const browser = new Browser('hooli');
    await browser.loginTo('scenario-empty', 'tributary', 'accounts');
    const page = await browser.get('accounts');
    assert.equal(page.status, 200);
    assert.equal(page.$('table#accounts').length, 1);
    assert.equal(page.$('tr[data-account-id]').length, 0);
  });
});

describe('MFA (sandbox.md §3.4, §4.3)', () => {
  test('Pied Piper asks gavinBelson his first company; the right answer opens the accounts', async () => {
    const browser = new Browser('pied-piper');
    await browser.loginTo('gavinBelson', 'hooli2016', 'mfa');
    assert.equal((await browser.get('accounts')).location, '/sandbox/web/pied-piper/mfa');
    const page = await browser.get('mfa');
    const form = page.$('form#mfa-form');
    assert.equal(form.attr('method'), 'post');
    assert.equal(form.attr('action'), 'mfa');
    assert.equal(form.attr('data-method'), 'security-questions');
    assert.equal(page.$('p#mfa-description').length, 1);
    assert.equal(page.$('label[for="answer0"]').text(), "What's your first company?");
    assert.equal(form.find('input[name="answer0"]').length, 1);
    const csrf = String(form.find('input[name="_csrf"]').val());
    const done = await browser.post('mfa', { answer0: 'Hooli', _csrf: csrf });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/sandbox/web/pied-piper/accounts');
    assert.equal((await browser.get('accounts')).$('tr[data-account-id]').length, 3);
  });

  test('a wrong answer ends the session with mfa-invalid', async () => {
    const browser = new Browser('pied-piper');
    await browser.loginTo('gavinBelson', 'hooli2016', 'mfa');
    const csrf = await browser.csrfOf('mfa', 'form#mfa-form');
    const wrong = await browser.post('mfa', { answer0: 'Pied Piper', _csrf: csrf });
    assert.equal(wrong.status, 200);
    assert.equal(errorCode(wrong), 'mfa-invalid');
    assert.equal(wrong.$('form#login-form').length, 1);
    assert.equal(
      (await browser.get('accounts')).location,
      '/sandbox/web/pied-piper/login?expired=1',
    );
  });

  test('the challenge expires 120 s (clock) after the page is first shown', async () => {
    const browser = new Browser('pied-piper');
    await browser.loginTo('gavinBelson', 'hooli2016', 'mfa');
    const csrf = await browser.csrfOf('mfa', 'form#mfa-form');
    advanceS(100);
    await browser.get('mfa'); // showing it again does not restart the challenge
    advanceS(21);
    const late = await browser.post('mfa', { answer0: 'Hooli', _csrf: csrf });
    assert.equal(late.status, 200);
    assert.equal(errorCode(late), 'mfa-expired');
    assert.equal(
      (await browser.get('accounts')).location,
      '/sandbox/web/pied-piper/login?expired=1',
    );
  });

  test('sandbox.md A7 (bank side): Whistler answers two questions at Pied Piper; Nucleus asks jared, not richard', async () => {
    const whistler = new Browser('pied-piper');
    await whistler.loginTo('Whistler', 'ShowBox', 'mfa');
    const page = await whistler.get('mfa');
    assert.deepEqual(
      page
        .$('form#mfa-form label[for]')
        .map((_, l) => page.$(l).text())
        .get(),
      ["What's your favourite company?", "What's the ID of this institution?"],
    );
    const csrf = String(page.$('input[name="_csrf"]').val());
    const done = await whistler.post('mfa', { answer0: 'Basiq', answer1: 'AU00000', _csrf: csrf });
    assert.equal(done.location, '/sandbox/web/pied-piper/accounts');

    await new Browser('nucleus').loginTo('richard', 'tabsnotspaces', 'accounts');
    const jared = new Browser('nucleus');
    await jared.loginTo('jared', 'django', 'mfa');
    const token = await jared.get('mfa');
    assert.equal(token.$('form#mfa-form').attr('data-method'), 'token');
    assert.equal(token.$('label[for="answer0"]').text(), 'OTP Password');
    const ok = await jared.post('mfa', {
      answer0: '1234',
      _csrf: String(token.$('input[name="_csrf"]').val()),
    });
    assert.equal(ok.location, '/sandbox/web/nucleus/accounts');
    // Hooli never asks.
    await new Browser('hooli').loginTo('jared', 'django', 'accounts');
  });

  test('scenario-intermittent: Nucleus asks on every second successful login only', async () => {
    const expected = ['accounts', 'mfa', 'accounts', 'mfa'];
    for (const landing of expected) {
      await new Browser('nucleus').loginTo('scenario-intermittent', 'tributary', landing);
    }
    // A failed login is not counted.
    const failed = await new Browser('nucleus').login('scenario-intermittent', 'nope');
    assert.equal(errorCode(failed), 'invalid-credentials');
    await new Browser('nucleus').loginTo('scenario-intermittent', 'tributary', 'accounts');
    await new Browser('hooli').loginTo('scenario-intermittent', 'tributary', 'accounts');
    await new Browser('hooli').loginTo('scenario-intermittent', 'tributary', 'accounts');
  });
});

describe('scenarios (sandbox.md §3.2, §4.2, §4.5, §4.6)', () => {
  test('sandbox.md A13 (bank side): 3 failures in 10 minutes lock scenario-lockout for 30 minutes', async () => {
    const browser = new Browser('hooli');
    for (let i = 0; i < 3; i += 1) {
      const page = await browser.login('scenario-lockout', 'wrong');
      assert.equal(errorCode(page), 'invalid-credentials');
      advanceS(120);
    }
    const locked = await browser.login('scenario-lockout', 'correct-horse');
    assert.equal(locked.status, 200);
    assert.equal(locked.$('main#locked p.error').attr('data-error'), 'account-locked');
    // Other institutions count for themselves.
    await new Browser('endframe').loginTo('scenario-lockout', 'correct-horse', 'accounts');
    // Locked at the 3rd failure (t = 240 s) until t = 2,040 s; the clock now says 360 s.
    advanceS(2039 - 360);
    assert.equal(
      errorCode(await browser.login('scenario-lockout', 'correct-horse')),
      'account-locked',
    );
    advanceS(1);
    await browser.loginTo('scenario-lockout', 'correct-horse', 'accounts');
  });

  test('failures more than 10 minutes apart do not lock', async () => {
    const browser = new Browser('hooli');
    for (let i = 0; i < 3; i += 1) {
      await browser.login('scenario-lockout', 'wrong');
      advanceS(301);
    }
    await browser.loginTo('scenario-lockout', 'correct-horse', 'accounts');
  });

  test('sandbox.md A14 (bank side): scenario-terms notice until accepted, for good until reset', async () => {
    const browser = new Browser('hooli');
    await browser.loginTo('scenario-terms', 'tributary', 'notice');
    assert.equal((await browser.get('accounts')).location, '/sandbox/web/hooli/notice');
    const notice = await browser.get('notice');
    assert.equal(notice.$('main#notice p.error').attr('data-error'), 'notice-pending');
    const form = notice.$('form#notice-form');
    assert.equal(form.attr('method'), 'post');
    assert.equal(form.attr('action'), 'notice/accept');
    const csrf = String(form.find('input[name="_csrf"]').val());
    assert.equal((await browser.post('notice/accept', { _csrf: 'x' })).status, 403);
    const accepted = await browser.post('notice/accept', { _csrf: csrf });
    assert.equal(accepted.status, 303);
    assert.equal(accepted.location, '/sandbox/web/hooli/accounts');
    assert.equal((await browser.get('accounts')).status, 200);
    await new Browser('hooli').loginTo('scenario-terms', 'tributary', 'accounts');
    state.reset();
    await new Browser('hooli').loginTo('scenario-terms', 'tributary', 'notice');
  });

  test('scenario-session: the session ends after 3 authenticated requests', async () => {
    const browser = new Browser('hooli');
    await browser.loginTo('scenario-session', 'tributary', 'accounts');
    assert.equal((await browser.get('accounts')).status, 200);
    assert.equal((await browser.get('profile')).status, 200);
    assert.equal((await browser.get('accounts')).status, 200);
    const fourth = await browser.get('accounts');
    assert.equal(fourth.status, 303);
    assert.equal(fourth.location, '/sandbox/web/hooli/login?expired=1');
    await browser.loginTo('scenario-session', 'tributary', 'accounts');
    assert.equal((await browser.get('accounts')).status, 200);
  });

  test('scenario-flaky: every 4th request with the same session cookie answers 502 and does nothing', async () => {
    const browser = new Browser('hooli');
    await browser.loginTo('scenario-flaky', 'tributary', 'accounts');
    const statuses: number[] = [];
    for (let i = 0; i < 9; i += 1) statuses.push((await browser.get('accounts')).status);
    assert.deepEqual(statuses, [200, 200, 200, 502, 200, 200, 200, 502, 200]);
    browser.cookies.delete('sb_session');
    await browser.loginTo('scenario-flaky', 'tributary', 'accounts');
    for (let i = 0; i < 3; i += 1) assert.equal((await browser.get('profile')).status, 200);
    const flaky = await browser.get('profile');
    assert.equal(flaky.status, 502);
    assert.equal(errorCode(flaky), 'bad-gateway');
  });

  test('scenario-broken: the accounts page in the changed layout, other pages unchanged', async () => {
    const browser = new Browser('hooli');
    await browser.loginTo('scenario-broken', 'tributary', 'accounts');
    const page = await browser.get('accounts');
    assert.equal(page.status, 200);
    assert.equal(page.$('div#account-cards section.card').length, 1);
    assertNoAccountsContract(page);
    assert.equal((await browser.get('profile')).$('dl#profile').length, 1);
    const id = listAccounts(persona('scenario-broken'), D)[0]?.id ?? '';
    assert.equal((await browser.get(`accounts/${id}`)).$('dl#account').length, 1);
    const transactions = await browser.get(`accounts/${id}/transactions`);
    assert.equal(transactions.$('tbody#posted tr[data-txn-id]').length, 50);
  });

  test('scenario-slow still answers', async () => {
    const browser = new Browser('hooli');
    await browser.loginTo('scenario-slow', 'tributary', 'accounts');
  });

  test('scenario-timeout: the login POST gives no answer before the client gives up', async () => {
    const browser = new Browser('hooli');
    const form = await browser.get('login');
    const csrf = String(form.$('input[name="_csrf"]').val());
    await assert.rejects(
      browser.request(
        'POST',
        'login',
        { loginId: 'scenario-timeout', password: 'tributary', _csrf: csrf },
        AbortSignal.timeout(1000),
      ),
      (error: Error) => error.name === 'TimeoutError' || error.name === 'AbortError',
    );
    assert.equal((await browser.get('login')).status, 200);
  });
});

function assertNoAccountsContract(page: Page): void {
  for (const selector of [
    'table#accounts',
    '[data-account-id]',
    'td.name',
    'td.bsb',
    'td.number',
    'td.type',
    'td.balance',
    'td.available',
    'a.details',
    '[data-type]',
  ]) {
    assert.equal(page.$(selector).length, 0, selector);
  }
}

describe('faults and reset (sandbox.md §6.1, §6.2)', () => {
  test('sandbox.md A17 (bank side): maintenance answers 503 with Retry-After: 600; none restores', async () => {
    const fault = state.setFault('ZZ00001', { surface: 'web', mode: 'maintenance' });
    assert.deepEqual(fault, {
      institution: 'ZZ00001',
      surface: 'web',
      mode: 'maintenance',
      until: null,
    });
    assert.deepEqual(state.listFaults(), [fault]);
    const browser = new Browser('endframe');
    const page = await browser.get('login');
    assert.equal(page.status, 503);
    assert.equal(page.headers.get('retry-after'), '600');
    assert.equal(errorCode(page), 'maintenance');
    assert.equal((await browser.post('login', { loginId: 'x' })).status, 503);
    await new Browser('hooli').loginTo('gavinBelson', 'hooli2016', 'accounts');
    state.setFault('ZZ00001', { surface: 'web', mode: 'none' });
    assert.deepEqual(state.listFaults(), []);
    await browser.loginTo('gavinBelson', 'hooli2016', 'accounts');
  });

  test('error-5xx answers 500 to every request; a cdr-only fault leaves the web alone', async () => {
    state.setFault('AU00000', { surface: 'both', mode: 'error-5xx' });
    const browser = new Browser('hooli');
    const page = await browser.get('login');
    assert.equal(page.status, 500);
    assert.equal(errorCode(page), 'server-error');
    state.setFault('AU00000', { surface: 'cdr', mode: 'maintenance' });
    await browser.loginTo('gavinBelson', 'hooli2016', 'accounts');
    assert.equal(state.faultMode('AU00000', 'cdr'), 'maintenance');
    assert.equal(state.faultMode('AU00000', 'web'), null);
  });

  test('broken-layout changes the accounts page of every persona; until ends it (clock)', async () => {
    const until = new Date(clock.now().getTime() + 60_000);
    state.setFault('ZZ00001', { surface: 'web', mode: 'broken-layout', until });
    const browser = new Browser('endframe');
    await browser.loginTo('gavinBelson', 'hooli2016', 'accounts');
    const broken = await browser.get('accounts');
    assert.equal(broken.$('div#account-cards section.card').length, 3);
    assertNoAccountsContract(broken);
    advanceS(60);
    assert.equal((await browser.get('accounts')).$('tr[data-account-id]').length, 3);
    assert.deepEqual(state.listFaults(), []);
  });

  test('fault timeout: no answer until the client gives up', async () => {
    state.setFault('ZZ00001', { surface: 'web', mode: 'timeout' });
    const browser = new Browser('endframe');
    await assert.rejects(
      browser.request('GET', 'login', undefined, AbortSignal.timeout(500)),
      (error: Error) => error.name === 'TimeoutError' || error.name === 'AbortError',
    );
    state.setFault('ZZ00001', { surface: 'web', mode: 'none' });
    assert.equal((await browser.get('login')).status, 200);
  });

  test('reset clears sessions, lockouts, accepted notices, MFA counters and faults', async () => {
    const session = new Browser('hooli');
    await session.loginTo('gavinBelson', 'hooli2016', 'accounts');
    for (let i = 0; i < 3; i += 1) await new Browser('hooli').login('scenario-lockout', 'x');
    const terms = new Browser('hooli');
    await terms.loginTo('scenario-terms', 'tributary', 'notice');
    await terms.post('notice/accept', { _csrf: await terms.csrfOf('notice', 'form#notice-form') });
    await new Browser('nucleus').loginTo('scenario-intermittent', 'tributary', 'accounts');
    state.setFault('ZZ00001', { surface: 'web', mode: 'maintenance' });

    state.reset();

    assert.equal((await session.get('accounts')).location, '/sandbox/web/hooli/login?expired=1');
    await new Browser('hooli').loginTo('scenario-lockout', 'correct-horse', 'accounts');
    await new Browser('hooli').loginTo('scenario-terms', 'tributary', 'notice');
    await new Browser('nucleus').loginTo('scenario-intermittent', 'tributary', 'accounts');
    assert.deepEqual(state.listFaults(), []);
    assert.equal((await new Browser('endframe').get('login')).status, 200);
  });
});

describe('formatting', () => {
  test('money, dates, D in Sydney and escaping', () => {
    assert.equal(formatMoney(-123456), '-$1,234.56');
    assert.equal(formatMoney(123456789), '$1,234,567.89');
    assert.equal(formatMoney(5), '$0.05');
    assert.equal(formatMoney(0), '$0.00');
    assert.equal(formatBankDate('2026-03-04'), '4 Mar 2026');
    assert.equal(sydneyDate(new Date('2026-11-24T00:00:00Z')), '2026-11-24');
    assert.equal(sydneyDate(new Date('2026-11-23T12:59:59Z')), '2026-11-23');
    assert.equal(sydneyDate(new Date('2026-11-23T13:00:00Z')), '2026-11-24');
    const evil = `<script>"x" & 'y'</script>`;
    assert.equal(
      html`<p title="${evil}">${evil}${html`<b>ok</b>`}</p>`.text,
      '<p title="&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;">&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;<b>ok</b></p>',
    );
  });
});

describe('money and dates as the bank writes them (sandbox.md §4)', () => {
  test('amounts with a sign, a dollar sign, thousands separators and two decimals', () => {
    const cases: [number, string][] = [
      [0, '$0.00'],
      [5, '$0.05'],
      [-5, '-$0.05'],
      [99_999, '$999.99'],
      [100_000, '$1,000.00'],
      [-123_456, '-$1,234.56'],
      [123_456_789_01, '$123,456,789.01'],
    ];
    for (const [cents, text] of cases) assert.equal(formatMoney(cents), text, String(cents));
    assert.throws(() => formatMoney(1.5), RangeError);
  });

  test('dates as day, short month and year', () => {
    assert.equal(formatBankDate('2026-03-04'), '4 Mar 2026');
    assert.equal(formatBankDate('2026-12-31'), '31 Dec 2026');
  });
});
