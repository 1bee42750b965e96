import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  addDays,
  addTip,
  bankAccountId,
  cdsTransactionType,
  countPosted,
  dateOfDayNumber,
  dayNumber,
  describeAccount,
  findAccountIndex,
  formatCents,
  historyDays,
  iteratePosted,
  iterateTransactions,
  listAccounts,
  listPending,
  listPosted,
  listTransactions,
  parseCents,
  sydneyDateTime,
} from './generator.ts';
import type { SandboxTransaction } from './generator.ts';
import { merchants } from './merchants.ts';
import { findPersona, personas } from './personas.ts';
import type { Persona } from './personas.ts';

const D = '2026-11-24';
/** Other dates D: a plain one, a leap day, the day daylight saving ends, one before 2026. */
const otherDates = ['2027-03-01', '2028-02-29', '2026-04-05', '2025-12-31'];

function persona(loginId: string): Persona {
  const found = findPersona(loginId);
  assert.ok(found, `no persona ${loginId}`);
  return found;
}

function allPosted(p: Persona, a: number, today: string, listDuplicates = false) {
  return [...iteratePosted(p, a, today, { listDuplicates })];
}

/** Calendar days from 2026-01-01 to D − 1, counted independently of the generator. */
function growingDays(today: string): number {
  const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse('2026-01-01T00:00:00Z');
  return Math.max(0, ms / 86_400_000);
}

/** Per-account posted and pending counts, as the tables of sandbox.md §3.1–§3.2 give them. */
function expectedCounts(today: string): Record<string, { posted: number[]; pending: number[] }> {
  return {
    gavinBelson: { posted: [832, 65, 39], pending: [2, 0, 0] },
    jared: { posted: [806, 26, 26, 13], pending: [2, 0, 0, 0] },
    richard: {
      posted: [871, 26, 26, 26, 377, 377, 377, 377],
      pending: [2, 0, 0, 0, 1, 1, 1, 1],
    },
    Gilfoyle: { posted: [819, 390], pending: [2, 1] },
    Whistler: { posted: [1300, 13], pending: [3, 0] },
    'Wentworth-Smith': { posted: [1170, 26, 26, 377], pending: [3, 0, 0, 1] },
    laurieBream: { posted: [1573, 13], pending: [4, 0] },
    ashMann: { posted: [936, 13], pending: [2, 0] },
    bighead: { posted: [], pending: [] },
    erlich: { posted: [], pending: [] },
    jianYang: { posted: [], pending: [] },
    'scenario-huge': {
      posted: [20_000, 20_000, 20_000, 20_000, 20_000],
      pending: [0, 0, 0, 0, 0],
    },
    'scenario-pending': { posted: [112], pending: [5] },
    'scenario-session': { posted: [140, 4], pending: [5, 0] },
    'scenario-broken': { posted: [56], pending: [2] },
    'scenario-slow': { posted: [56], pending: [2] },
    'scenario-timeout': { posted: [28], pending: [1] },
    'scenario-flaky': { posted: [140], pending: [5] },
    'scenario-lockout': { posted: [28], pending: [1] },
    'scenario-growing': { posted: [4 * growingDays(today)], pending: [4] },
    'scenario-terms': { posted: [56], pending: [2] },
    'scenario-duplicates': { posted: [140], pending: [5] },
    'scenario-empty': { posted: [], pending: [] },
    'scenario-intermittent': { posted: [56], pending: [2] },
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

describe('money', () => {
  test('formats integer cents as the spec writes amounts', () => {
    assert.equal(formatCents(-12_469), '-124.69');
    assert.equal(formatCents(241_836), '2418.36');
    assert.equal(formatCents(5), '0.05');
    assert.equal(formatCents(-5), '-0.05');
    assert.equal(formatCents(0), '0.00');
    assert.equal(formatCents(-41_288_000), '-412880.00');
    assert.throws(() => formatCents(1.5), RangeError);
  });

  test('parses decimal strings into integer cents and round-trips', () => {
    assert.equal(parseCents('-124.69'), -12_469);
    assert.equal(parseCents('762.70'), 76_270);
    assert.equal(parseCents('0.50'), 50);
    assert.equal(Object.is(parseCents('-0.00'), 0), true);
    for (const bad of ['1.2', '1,000.00', '12', '+1.00', '1.234', ' 1.00']) {
      assert.throws(() => parseCents(bad), RangeError, bad);
    }
    for (const cents of [-41_288_000, -1, 0, 1, 99, 100, 12_345_678]) {
      assert.equal(parseCents(formatCents(cents)), cents);
    }
  });

  test('every amount and balance the generator gives is a whole number of cents', () => {
    for (const p of personas) {
      for (const account of listAccounts(p, D)) {
        assert.ok(Number.isSafeInteger(account.balanceCents));
        assert.ok(Number.isSafeInteger(account.availableFundsCents));
        if (p.loginId === 'scenario-huge') continue;
        for (const t of iterateTransactions(p, account.index, D)) {
          assert.ok(Number.isSafeInteger(t.amountCents), `${p.loginId} ${t.amountCents}`);
          assert.ok(t.balanceCents === null || Number.isSafeInteger(t.balanceCents));
        }
      }
    }
  });
});

describe('dates', () => {
  test('k(d) counts days from 2000-01-01 and round-trips', () => {
    assert.equal(dayNumber('2000-01-01'), 0);
    assert.equal(dayNumber('2000-01-08'), 7);
    assert.equal(dayNumber('2026-11-24'), 9824);
    assert.equal(dateOfDayNumber(9824), '2026-11-24');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
  });

  test('rejects malformed dates', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '26-11-24', '2026-11-24T00:00:00Z', '']) {
      assert.throws(() => dayNumber(bad), RangeError, bad);
      assert.throws(() => listAccounts(persona('gavinBelson'), bad), RangeError, bad);
    }
  });

  test('gives RFC 3339 times with the Sydney offset of the day', () => {
    assert.equal(sydneyDateTime('2026-11-24', 605), '2026-11-24T10:05:00+11:00');
    assert.equal(sydneyDateTime('2026-06-01', 360), '2026-06-01T06:00:00+10:00');
    // Daylight saving ends at 03:00 on 2026-04-05 and starts at 02:00 on 2026-10-04.
    assert.equal(sydneyDateTime('2026-04-05', 360), '2026-04-05T06:00:00+10:00');
    assert.equal(sydneyDateTime('2026-10-04', 1319), '2026-10-04T21:59:00+11:00');
  });
});

describe('counts (sandbox.md §3 tables)', () => {
  test('sandbox.md A2: every persona has the tables’ accounts and per-account counts on 2026-11-24', () => {
    const expected = expectedCounts(D);
    assert.deepEqual(Object.keys(expected).sort(), personas.map((p) => p.loginId).sort());
    for (const p of personas) {
      const want = expected[p.loginId];
      assert.ok(want, p.loginId);
      const accounts = listAccounts(p, D);
      assert.deepEqual(
        accounts.map((a) => a.postedCount),
        want.posted,
        `${p.loginId} posted`,
      );
      assert.deepEqual(
        accounts.map((a) => a.pendingCount),
        want.pending,
        `${p.loginId} pending`,
      );
      if (p.loginId === 'scenario-huge') continue; // iterated once, in its own test
      for (const account of accounts) {
        assert.equal(allPosted(p, account.index, D).length, account.postedCount, p.loginId);
        assert.equal(listPending(p, account.index, D).length, account.pendingCount, p.loginId);
      }
    }
  });

  test('sandbox.md A2: persona totals (gavinBelson 936/2, richard 2,457/6, …)', () => {
    const totals = (loginId: string) => {
      const accounts = listAccounts(persona(loginId), D);
      return [sum(accounts.map((a) => a.postedCount)), sum(accounts.map((a) => a.pendingCount))];
    };
    assert.deepEqual(totals('gavinBelson'), [936, 2]);
    assert.deepEqual(totals('jared'), [871, 2]);
    assert.deepEqual(totals('richard'), [2457, 6]);
    assert.deepEqual(totals('Gilfoyle'), [1209, 3]);
    assert.deepEqual(totals('Whistler'), [1313, 3]);
    assert.deepEqual(totals('Wentworth-Smith'), [1599, 4]);
    assert.deepEqual(totals('laurieBream'), [1586, 4]);
    assert.deepEqual(totals('ashMann'), [949, 2]);
    assert.deepEqual(totals('scenario-growing'), [1308, 4]);
    assert.equal(listAccounts(persona('gavinBelson'), D).length, 3);
    assert.equal(listAccounts(persona('richard'), D).length, 8);
  });

  test('counts are exact whatever the date', () => {
    for (const today of otherDates) {
      const expected = expectedCounts(today);
      for (const p of personas) {
        const want = expected[p.loginId];
        assert.ok(want, p.loginId);
        const accounts = listAccounts(p, today);
        assert.deepEqual(
          accounts.map((a) => a.postedCount),
          want.posted,
          `${p.loginId} ${today}`,
        );
        assert.deepEqual(
          accounts.map((a) => a.pendingCount),
          want.pending,
          `${p.loginId} ${today}`,
        );
        if (p.loginId === 'scenario-huge') continue;
        for (const account of accounts) {
          assert.equal(allPosted(p, account.index, today).length, account.postedCount);
        }
      }
    }
  });

  test('scenario-growing: 4 × 327 = 1,308 on 2026-11-24, counted from 2026-01-01', () => {
    const p = persona('scenario-growing');
    assert.equal(describeAccount(p, 1, D).postedCount, 1308);
    assert.equal(historyDays(p, D), 327);
    assert.equal(describeAccount(p, 1, D).firstPostDate, '2026-01-01');
    assert.equal(describeAccount(p, 1, '2027-03-01').postedCount, 4 * (365 + 59));
    assert.equal(describeAccount(p, 1, '2026-01-01').postedCount, 0);
    assert.equal(describeAccount(p, 1, '2026-01-01').firstPostDate, null);
    assert.equal(describeAccount(p, 1, '2026-01-02').postedCount, 4);
  });

  test('scenario-growing grows by exactly 4 posted per day and never drops its oldest', () => {
    const p = persona('scenario-growing');
    const today = allPosted(p, 1, D);
    const tomorrow = allPosted(p, 1, addDays(D, 1));
    assert.equal(tomorrow.length, today.length + 4);
    const tomorrowIds = new Set(tomorrow.map((t) => t.id));
    assert.ok(today.every((t) => tomorrowIds.has(t.id)));
    assert.deepEqual(
      tomorrow.slice(0, 4).map((t) => t.date),
      [D, D, D, D],
    );
  });

  test('Gilfoyle: 13 salary and 13 benefit items, split at 183 days', () => {
    const p = persona('Gilfoyle');
    for (const today of [D, ...otherDates]) {
      const items = allPosted(p, 1, today);
      const salary = items.filter((t) => t.description === 'PIED PIPER INC SALARY');
      const benefit = items.filter((t) => t.description === 'CENTRELINK JOBSEEKER');
      assert.equal(salary.length, 13, today);
      assert.equal(benefit.length, 13, today);
      const age = (t: SandboxTransaction) => dayNumber(today) - dayNumber(t.date);
      assert.ok(salary.every((t) => age(t) >= 183 && t.amountCents === 340_000));
      assert.ok(benefit.every((t) => age(t) <= 182 && t.amountCents === 76_270));
      assert.ok([...salary, ...benefit].every((t) => t.class === 'direct-credit'));
    }
  });

  test('sandbox.md A2: scenario-huge lists 5 accounts and exactly 100,000 items, lazily', (t) => {
    const p = persona('scenario-huge');
    const accounts = listAccounts(p, D);
    assert.equal(accounts.length, 5);
    assert.deepEqual(
      accounts.map((a) => a.name),
      ['Account 1', 'Account 2', 'Account 3', 'Account 4', 'Account 5'],
    );
    // Not a timed assertion (ARCHITECTURE §4.4): the time is reported, speed lives in bench/.
    const started = performance.now();
    let count = 0;
    let last: SandboxTransaction | undefined;
    for (const account of accounts) {
      for (const item of iterateTransactions(p, account.index, D)) {
        count += 1;
        last = item;
      }
    }
    t.diagnostic(`scenario-huge: 100,000 items in ${Math.round(performance.now() - started)} ms`);
    assert.equal(count, 100_000);
    assert.equal(last?.date, addDays(D, -400));
    assert.equal(last.status, 'posted');
  });
});

describe('window (sandbox.md §2.1)', () => {
  test('sandbox.md A3: posted dates lie between D − H and D − 1; pending items are dated D', () => {
    for (const p of personas) {
      if (p.loginId === 'scenario-huge') continue;
      const h = historyDays(p, D);
      for (const account of listAccounts(p, D)) {
        assert.ok(h !== null);
        for (const t of allPosted(p, account.index, D)) {
          assert.ok(t.date >= addDays(D, -h) && t.date <= addDays(D, -1), `${p.loginId} ${t.date}`);
          assert.equal(t.postDate, t.date);
          assert.equal(t.status, 'posted');
        }
        for (const t of listPending(p, account.index, D)) {
          assert.equal(t.date, D);
          assert.equal(t.postDate, null);
          assert.equal(t.status, 'pending');
        }
        const posted = allPosted(p, account.index, D);
        assert.equal(account.lastPostDate, posted[0]?.date ?? null);
        assert.equal(account.firstPostDate, posted.at(-1)?.date ?? null);
      }
    }
    assert.equal(describeAccount(persona('gavinBelson'), 1, D).firstPostDate, '2025-11-25');
    assert.equal(describeAccount(persona('gavinBelson'), 1, D).lastPostDate, '2026-11-23');
  });

  test('sandbox.md A8: moving D by one day posts D’s items (pending ones keep their id) and drops the oldest day', () => {
    const p = persona('gavinBelson');
    const tomorrow = addDays(D, 1);
    for (const account of listAccounts(p, D)) {
      const before = allPosted(p, account.index, D);
      const after = allPosted(p, account.index, tomorrow);
      const oldest = addDays(D, -364);
      const key = (t: SandboxTransaction) =>
        [t.id, t.date, t.time, t.description, t.amountCents, t.class].join('|');
      const added = after.filter((t) => t.date === D);
      const kept = before.filter((t) => t.date !== oldest).map(key);
      assert.deepEqual(after.filter((t) => t.date !== D).map(key), kept);
      assert.equal(
        after.length,
        before.length - before.filter((t) => t.date === oldest).length + added.length,
      );
      if (account.index === 1) {
        // The 2 card items that were pending post unchanged, plus any W/F item dated D.
        const pending = listPending(p, 1, D);
        assert.equal(pending.length, 2);
        for (const item of pending) {
          const posted = added.find((t) => t.id === item.becomes);
          assert.ok(posted, 'pending item posted');
          assert.equal(posted.description, item.description);
          assert.equal(posted.amountCents, item.amountCents);
          assert.equal(posted.time, item.time);
        }
        // Streams 1–3 are F(3), W(2) and F(5): they post on D's date when its k(d) matches.
        const k = dayNumber(D);
        const periodic = [k % 14 === 3, k % 7 === 2, k % 14 === 5].filter(Boolean).length;
        assert.equal(added.filter((t) => t.stream !== 0).length, periodic);
        assert.equal(added.length, 2 + periodic);
        assert.equal(listPending(p, 1, tomorrow).length, 2);
        assert.ok(listPending(p, 1, tomorrow).every((t) => t.date === tomorrow));
      }
    }
  });
});

describe('derivation (sandbox.md §2.2)', () => {
  test('sandbox.md A4: two calls give identical output', () => {
    for (const loginId of ['gavinBelson', 'richard', 'scenario-pending', 'scenario-duplicates']) {
      const p = persona(loginId);
      assert.deepEqual(listAccounts(p, D), listAccounts(p, D));
      for (const account of p.accounts.map((_, i) => i + 1)) {
        const first = JSON.stringify([...iterateTransactions(p, account, D)]);
        const second = JSON.stringify([...iterateTransactions(p, account, D)]);
        assert.equal(first, second);
      }
    }
  });

  test('ids, amount, merchant and time match a hand computation of the SHA-256 formula', () => {
    assert.equal(bankAccountId('gavinBelson', 1), '0874fce12b93d5b4');
    assert.equal(
      bankAccountId('richard', 5),
      createHash('sha256').update('tributary-sandbox-v1|richard|5').digest('hex').slice(0, 16),
    );
    const h = createHash('sha256')
      .update('tributary-sandbox-v1|gavinBelson|1|0|2026-11-23|0', 'utf8')
      .digest();
    const [u0, u1, u2] = [h.readUInt32BE(0), h.readUInt32BE(4), h.readUInt32BE(8)];
    const item = allPosted(persona('gavinBelson'), 1, D).find(
      (t) => t.date === '2026-11-23' && t.stream === 0 && t.item === 0,
    );
    assert.ok(item);
    assert.equal(item.id, h.subarray(20, 32).toString('hex'));
    assert.equal(item.id, 'ff2ac0cd7766f4c34fc5f3ae');
    assert.equal(item.amountCents, -(400 + (u0 % (12_000 - 400 + 1))));
    assert.equal(item.amountCents, -4906);
    assert.equal(item.description, merchants[u1 % 32]);
    assert.equal(item.description, 'KMART 1042 BONDI JUNCTION');
    assert.equal(item.minuteOfDay, 360 + (u2 % 960));
    assert.equal(item.time, '15:23');
    assert.equal(item.accountId, '0874fce12b93d5b4');

    // A fixed-amount stream item: the hash still gives its id and time.
    const salary = allPosted(persona('gavinBelson'), 1, D).find(
      (t) => t.description === 'HOOLI PTY LTD SALARY',
    );
    assert.ok(salary);
    const hs = createHash('sha256')
      .update(`tributary-sandbox-v1|gavinBelson|1|1|${salary.date}|0`)
      .digest();
    assert.equal(salary.id, hs.subarray(20, 32).toString('hex'));
    assert.equal(salary.minuteOfDay, 360 + (hs.readUInt32BE(8) % 960));
    assert.equal(salary.amountCents, 385_000);
    assert.equal(dayNumber(salary.date) % 14, 3);
  });

  test('range amounts stay within r(lo, hi) and follow the stream offsets', () => {
    const items = allPosted(persona('jared'), 1, D);
    const uber = items.filter((t) => t.description === 'UBER BV DRIVER PAYMENT');
    assert.equal(uber.length, 52);
    assert.ok(uber.every((t) => t.amountCents >= 41_000 && t.amountCents <= 69_000));
    assert.ok(uber.every((t) => dayNumber(t.date) % 7 === 0));
    const interest = allPosted(persona('jared'), 2, D).filter((t) => t.class === 'loan-interest');
    assert.ok(interest.every((t) => t.amountCents <= -180_000 && t.amountCents >= -210_000));
    assert.ok(interest.every((t) => dayNumber(t.date) % 28 === 27));
    const spending = items.filter((t) => t.stream === 0);
    assert.ok(spending.every((t) => t.amountCents >= -12_000 && t.amountCents <= -400));
    assert.ok(spending.every((t) => t.class === 'payment' && merchants.includes(t.description)));
  });

  test('time of day lies between 06:00 and 21:59', () => {
    for (const t of allPosted(persona('laurieBream'), 1, D)) {
      assert.ok(t.minuteOfDay >= 360 && t.minuteOfDay <= 1319, t.time);
      assert.match(t.time, /^(0[6-9]|1\d|2[01]):[0-5]\d$/);
    }
  });

  test('bank transaction ids are 24 lowercase hex; CDR pending ids are p- + the same', () => {
    const p = persona('richard');
    const ids = new Set<string>();
    for (const account of listAccounts(p, D)) {
      for (const t of allPosted(p, account.index, D)) {
        assert.match(t.id ?? '', /^[0-9a-f]{24}$/);
        assert.equal(t.cdrId, t.id);
        ids.add(t.cdrId);
      }
      for (const t of listPending(p, account.index, D)) {
        assert.equal(t.id, null);
        assert.match(t.cdrId, /^p-[0-9a-f]{24}$/);
        assert.equal(t.cdrId, `p-${t.becomes ?? ''}`);
      }
    }
    assert.equal(ids.size, 2457);
  });

  test('newest first: date, then time, stream and item descending; pending by time descending', () => {
    const rank = (t: SandboxTransaction) => [dayNumber(t.date), t.minuteOfDay, t.stream, t.item];
    const isAfter = (x: number[], y: number[]) => {
      for (let i = 0; i < x.length; i += 1) {
        const a = x[i] ?? 0;
        const b = y[i] ?? 0;
        if (a !== b) return a > b;
      }
      return false;
    };
    for (const loginId of ['Whistler', 'laurieBream', 'scenario-duplicates']) {
      const items = [...iterateTransactions(persona(loginId), 1, D)];
      for (let i = 1; i < items.length; i += 1) {
        const previous = items[i - 1];
        const current = items[i];
        assert.ok(previous && current);
        assert.ok(isAfter(rank(previous), rank(current)), `${loginId} row ${i}`);
      }
    }
  });

  test('class, CDS type and direction (sandbox.md §2.3)', () => {
    assert.equal(cdsTransactionType('payment', -100), 'PAYMENT');
    assert.equal(cdsTransactionType('direct-credit', 100), 'TRANSFER_INCOMING');
    assert.equal(cdsTransactionType('transfer', -100), 'TRANSFER_OUTGOING');
    assert.equal(cdsTransactionType('transfer', 100), 'TRANSFER_INCOMING');
    assert.equal(cdsTransactionType('cash-withdrawal', -100), 'OTHER');
    assert.equal(cdsTransactionType('bank-fee', -100), 'FEE');
    assert.equal(cdsTransactionType('interest', 100), 'INTEREST_PAID');
    assert.equal(cdsTransactionType('loan-interest', -100), 'INTEREST_CHARGED');
    assert.equal(cdsTransactionType('loan-repayment', 100), 'TRANSFER_INCOMING');
    const p = persona('ashMann');
    for (const t of iterateTransactions(p, 1, D)) {
      assert.equal(t.direction, t.amountCents > 0 ? 'credit' : 'debit');
      assert.equal(t.cdsType, cdsTransactionType(t.class, t.amountCents));
    }
    const atm = allPosted(p, 1, D).find((t) => t.description.startsWith('ATM WITHDRAWAL'));
    assert.equal(atm?.class, 'cash-withdrawal');
    assert.equal(atm.cdsType, 'OTHER');
  });

  test('BPAY items carry biller code 23796 and CRN 4000 + persona number + 0001', () => {
    const items = allPosted(persona('ashMann'), 1, D);
    const bpay = items.filter((t) => t.bpay !== null);
    assert.equal(bpay.length, 13);
    for (const t of bpay) {
      assert.equal(t.description, 'BPAY ORIGIN ENERGY');
      assert.deepEqual(t.bpay, { billerCode: '23796', crn: '40000080001' });
      assert.ok(t.amountCents <= -11_000 && t.amountCents >= -26_000);
    }
  });
});

describe('accounts and balances (sandbox.md §2.2, §3)', () => {
  test('numbers: BSB 999-001 and 10 + persona + account; cards masked with no BSB', () => {
    const [everyday] = listAccounts(persona('gavinBelson'), D);
    assert.ok(everyday);
    assert.equal(everyday.id, '0874fce12b93d5b4');
    assert.equal(everyday.bsb, '999-001');
    assert.equal(everyday.number, '10001001');
    assert.equal(everyday.holder, 'Gavin Belson');
    assert.equal(everyday.currency, 'AUD');
    const richard = listAccounts(persona('richard'), D);
    assert.equal(richard[3]?.number, '10003004');
    assert.equal(richard[4]?.bsb, null);
    assert.equal(richard[4]?.number, '5217 29XX XXXX 0035');
    assert.equal(richard[7]?.number, '5217 29XX XXXX 0038');
    assert.equal(listAccounts(persona('scenario-huge'), D)[4]?.number, '10101005');
    assert.equal(
      listAccounts(persona('Wentworth-Smith'), D)[0]?.holder,
      'A WENTWORTH-SMITH & S WENTWORTH-SMITH',
    );
    for (const p of personas) {
      for (const account of listAccounts(p, D)) {
        assert.equal(account.id, bankAccountId(p.loginId, account.index));
        assert.equal(findAccountIndex(p, account.id), account.index);
      }
    }
    assert.equal(findAccountIndex(persona('gavinBelson'), '0000000000000000'), undefined);
  });

  test('names, types, products and balances as in the tables', () => {
    const gavin = listAccounts(persona('gavinBelson'), D).map((a) => [
      a.name,
      a.type,
      a.product,
      formatCents(a.balanceCents),
      a.creditLimitCents,
    ]);
    assert.deepEqual(gavin, [
      ['Everyday Account', 'transaction', 'Hooli Everyday', '2418.36', null],
      ['Hooli Saver', 'savings', 'Hooli Saver', '15320.10', null],
      ['Personal Loan', 'loan', 'Hooli Personal Loan', '-12340.55', null],
    ]);
    const cards = listAccounts(persona('richard'), D).filter((a) => a.type === 'credit-card');
    assert.deepEqual(
      cards.map((a) => [a.product, formatCents(a.creditLimitCents ?? 0)]),
      [
        ['Hooli Platinum', '20000.00'],
        ['Hooli Rewards', '10000.00'],
        ['Hooli Low Rate', '6000.00'],
        ['Hooli Travel', '5000.00'],
      ],
    );
  });

  test('running balance: the newest posted item’s equals the balance; each earlier is consistent', () => {
    for (const today of [D, '2027-03-01']) {
      for (const p of personas) {
        if (p.loginId === 'scenario-huge') continue;
        for (const account of listAccounts(p, today)) {
          const posted = allPosted(p, account.index, today);
          assert.equal(posted[0]?.balanceCents ?? account.balanceCents, account.balanceCents);
          for (let i = 1; i < posted.length; i += 1) {
            const next = posted[i - 1];
            const current = posted[i];
            assert.ok(next && current);
            assert.equal(current.balanceCents, (next.balanceCents ?? 0) - next.amountCents);
          }
          for (const t of listPending(p, account.index, today)) assert.equal(t.balanceCents, null);
        }
      }
    }
  });

  test('availableFunds: balance + pending, + credit limit for cards, 0.00 for loans, mortgages and term deposits', () => {
    for (const p of personas) {
      for (const account of listAccounts(p, D)) {
        const pending = sum(listPending(p, account.index, D).map((t) => t.amountCents));
        const expected =
          account.type === 'loan' || account.type === 'mortgage' || account.type === 'term-deposit'
            ? 0
            : account.balanceCents + pending + (account.creditLimitCents ?? 0);
        assert.equal(account.availableFundsCents, expected, `${p.loginId} ${account.name}`);
      }
    }
    const richard = listAccounts(persona('richard'), D);
    const platinumPending = sum(listPending(persona('richard'), 5, D).map((t) => t.amountCents));
    assert.ok(platinumPending < 0);
    assert.equal(richard[4]?.availableFundsCents, -231_045 + platinumPending + 2_000_000);
    assert.equal(richard[1]?.availableFundsCents, 0);
    assert.equal(listAccounts(persona('jared'), D)[3]?.availableFundsCents, 0);
    assert.equal(listAccounts(persona('gavinBelson'), D)[1]?.availableFundsCents, 1_532_010);
  });

  test('personas without data have no accounts', () => {
    for (const loginId of ['bighead', 'erlich', 'jianYang', 'scenario-empty']) {
      assert.deepEqual(listAccounts(persona(loginId), D), []);
      assert.equal(historyDays(persona(loginId), D), null);
      assert.throws(() => listPosted(persona(loginId), 1, D), RangeError);
    }
  });
});

describe('paging and filters', () => {
  test('a page continued from the previous one equals the same page asked afresh, in any order', () => {
    const p = persona('laurieBream');
    const full = allPosted(p, 1, D);
    const size = 50;
    const pageAt = (n: number) => listPosted(p, 1, D, { offset: n * size, limit: size }).items;
    const expected = (n: number) => full.slice(n * size, (n + 1) * size);
    // In order (each page continues the last), then backwards, repeated and skipping (afresh).
    for (const n of [0, 1, 2, 3, 2, 2, 0, 5, 4, 6, 1])
      assert.deepEqual(pageAt(n), expected(n), `page ${n}`);
  });

  test('pages and date ranges give the same rows and balances as the full listing', () => {
    const p = persona('laurieBream');
    const full = allPosted(p, 1, D);
    const pages: SandboxTransaction[] = [];
    for (let offset = 0; offset < full.length; offset += 97) {
      const page = listPosted(p, 1, D, { offset, limit: 97 });
      assert.equal(page.total, full.length);
      pages.push(...page.items);
    }
    assert.deepEqual(pages, full);
    const from = '2026-03-01';
    const to = '2026-03-31';
    const march = listPosted(p, 1, D, { from, to });
    assert.deepEqual(
      march.items,
      full.filter((t) => t.date >= from && t.date <= to),
    );
    assert.equal(march.total, march.items.length);
    assert.equal(countPosted(p, 1, D, { from, to }), march.total);
    assert.deepEqual(listPosted(p, 1, D, { from: to, to: from }), { items: [], total: 0 });
    assert.equal(listPosted(p, 1, D, { from: '2020-01-01' }).total, full.length);
  });

  test('scenario-huge pages of 1,000 match its lazy iteration', () => {
    const p = persona('scenario-huge');
    const full = allPosted(p, 3, D);
    const page = listPosted(p, 3, D, { offset: 12_345, limit: 1000 });
    assert.equal(page.total, 20_000);
    assert.deepEqual(page.items, full.slice(12_345, 13_345));
    assert.equal(
      full.at(-1)?.balanceCents,
      1_000_000 - sum(full.slice(0, -1).map((t) => t.amountCents)),
    );
  });

  test('listTransactions: pending first, then posted; total counts both', () => {
    const p = persona('gavinBelson');
    const all = listTransactions(p, 1, D);
    assert.equal(all.total, 834);
    assert.deepEqual(
      all.items.slice(0, 3).map((t) => t.status),
      ['pending', 'pending', 'posted'],
    );
    const straddle = listTransactions(p, 1, D, { offset: 1, limit: 3 });
    assert.deepEqual(straddle.items, all.items.slice(1, 4));
    assert.equal(listTransactions(p, 1, D, { to: addDays(D, -1) }).total, 832);
    assert.equal(listTransactions(p, 1, D, { includePending: false }).total, 832);
    assert.equal(listTransactions(p, 1, D, { from: D }).total, 2);
  });
});

describe('scenario-pending (sandbox.md §3.3)', () => {
  const p = persona('scenario-pending');

  test('five pending items: four card items with shortened descriptions and the hotel hold', () => {
    const pending = listPending(p, 1, D);
    assert.equal(pending.length, 5);
    const byItem = [...pending].sort((x, y) => x.item - y.item);
    for (const t of byItem.slice(0, 4)) {
      const h = createHash('sha256')
        .update(`tributary-sandbox-v1|scenario-pending|1|0|${D}|${t.item}`)
        .digest();
      const merchant = merchants[h.readUInt32BE(4) % 32] ?? '';
      assert.equal(t.description, merchant.slice(0, 14).trim());
      assert.ok(t.description.length <= 14);
      assert.equal(t.amountCents, -(400 + (h.readUInt32BE(0) % 11_601)));
      assert.equal(t.becomes, h.subarray(20, 32).toString('hex'));
    }
    const hold = byItem[4];
    assert.ok(hold);
    assert.equal(hold.description, 'QT HOTEL SYDNEY HOLD');
    assert.ok(hold.amountCents <= -15_000 && hold.amountCents >= -40_000);
    assert.equal(hold.becomes, 'released');
  });

  test('sandbox.md A10: the next day 4 items post (one 15 % higher), the hold is released, 5 new pending', () => {
    const tomorrow = addDays(D, 1);
    const pending = listPending(p, 1, D);
    const before = allPosted(p, 1, D);
    const after = allPosted(p, 1, tomorrow);
    const posted = after.filter((t) => t.date === D);
    assert.equal(posted.length, 4);
    assert.equal(after.length, 112);
    assert.equal(before.length, 112);
    let tipped = 0;
    for (const item of pending) {
      if (item.becomes === 'released') {
        assert.ok(after.every((t) => `p-${t.id ?? ''}` !== item.cdrId));
        continue;
      }
      const match = posted.find((t) => t.id === item.becomes);
      assert.ok(match, item.description);
      assert.equal(match.time, item.time);
      assert.ok(match.description.startsWith(item.description));
      assert.ok(merchants.includes(match.description));
      if (match.item === 3) {
        tipped += 1;
        assert.equal(match.amountCents, addTip(item.amountCents));
        assert.equal(
          Math.abs(match.amountCents),
          Math.floor((Math.abs(item.amountCents) * 115 + 50) / 100),
        );
      } else {
        assert.equal(match.amountCents, item.amountCents);
      }
    }
    assert.equal(tipped, 1);
    assert.equal(listPending(p, 1, tomorrow).length, 5);
    assert.ok(listPending(p, 1, tomorrow).every((t) => t.date === tomorrow));
  });

  test('a pending description is the posted one cut to 14 characters and trimmed', () => {
    // Only 3 of the 32 merchants have a space at position 14; a month of days is sure to hit one.
    let trimmed = 0;
    for (let day = 0; day < 30; day += 1) {
      const today = addDays(D, day);
      const posted = allPosted(p, 1, addDays(today, 1)).filter((t) => t.date === today);
      for (const item of listPending(p, 1, today).filter((t) => t.item < 4)) {
        const full = posted.find((t) => t.id === item.becomes)?.description ?? '';
        assert.equal(item.description, full.slice(0, 14).trim());
        assert.doesNotMatch(item.description, /\s$/);
        if (full.slice(0, 14) !== item.description) trimmed += 1;
      }
    }
    assert.ok(trimmed > 0, 'no trailing space was trimmed in 30 days');
  });

  test('the tip rounds half-up to the cent and keeps the sign', () => {
    assert.equal(addTip(-1000), -1150);
    assert.equal(addTip(-10), -12); // 11.5 → 12
    assert.equal(addTip(-30), -35); // 34.5 → 35
    assert.equal(addTip(-1234), -1419); // 1419.1
    assert.equal(addTip(-1237), -1423); // 1422.55 → 1423
    assert.equal(addTip(-1233), -1418); // 1417.95 → 1418
    assert.equal(addTip(20), 23);
  });
});

describe('scenario-duplicates (sandbox.md §3.2)', () => {
  const p = persona('scenario-duplicates');

  test('sandbox.md A11: 140 distinct posted items, two CAFE NERO SYDNEY −4.50 every day', () => {
    const posted = allPosted(p, 1, D);
    assert.equal(posted.length, 140);
    assert.equal(new Set(posted.map((t) => t.id)).size, 140);
    const days = new Set(posted.map((t) => t.date));
    assert.equal(days.size, 28);
    for (const day of days) {
      const cafe = posted.filter((t) => t.date === day && t.stream === 1);
      assert.equal(cafe.length, 2);
      for (const t of cafe) {
        assert.equal(t.description, 'CAFE NERO SYDNEY');
        assert.equal(t.amountCents, -450);
        assert.equal(t.time, '08:05');
        assert.equal(t.class, 'payment');
      }
      assert.notEqual(cafe[0]?.id, cafe[1]?.id);
    }
    const pendingCafe = listPending(p, 1, D).filter((t) => t.stream === 1);
    assert.equal(pendingCafe.length, 2);
  });

  test('the bank lists 144 rows: the earliest item of days with k(d) mod 7 = 0 twice, adjacent', () => {
    const listed = allPosted(p, 1, D, true);
    assert.equal(listed.length, 144);
    assert.equal(describeAccount(p, 1, D).listedPostedCount, 144);
    assert.equal(countPosted(p, 1, D, { listDuplicates: true }), 144);
    assert.equal(listPosted(p, 1, D, { listDuplicates: true }).total, 144);
    const repeats = listed.filter((t, i) => i > 0 && listed[i - 1]?.id === t.id);
    assert.equal(repeats.length, 4);
    for (const repeat of repeats) {
      assert.equal(dayNumber(repeat.date) % 7, 0);
      const day = allPosted(p, 1, D).filter((t) => t.date === repeat.date);
      assert.equal(repeat.id, day.at(-1)?.id, 'the earliest item of its day');
    }
    // Paging over the listed rows agrees with the full listing.
    const paged = [0, 50, 100].flatMap(
      (offset) => listPosted(p, 1, D, { listDuplicates: true, offset, limit: 50 }).items,
    );
    assert.deepEqual(paged, listed);
    assert.equal(new Set(listed.map((t) => t.id)).size, 140);
  });
});
