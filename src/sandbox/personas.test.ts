import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { merchantDescription, merchants } from './merchants.ts';
import {
  behaviourSettings,
  cdrDenyingMemberNumber,
  cdrHolderOtp,
  findPersona,
  findPersonaByMemberNumber,
  hasData,
  isMfaAnswerCorrect,
  isMfaRequired,
  personas,
  sandboxInstitutionIds,
} from './personas.ts';
import type { BankBehaviour, Persona } from './personas.ts';

function persona(loginId: string): Persona {
  const found = findPersona(loginId);
  assert.ok(found, `no persona ${loginId}`);
  return found;
}

/** Login, password, persona number, member number and behaviour, as sandbox.md §3 lists them. */
const table: readonly [string, string, number, string | null, BankBehaviour][] = [
  ['gavinBelson', 'hooli2016', 1, '374829', null],
  ['jared', 'django', 2, '374830', null],
  ['richard', 'tabsnotspaces', 3, '374831', null],
  ['Gilfoyle', 'PiedPiper', 4, '374832', null],
  ['Whistler', 'ShowBox', 5, '374833', null],
  ['Wentworth-Smith', 'whislter', 6, '374834', null],
  ['laurieBream', 'business2024', 7, '374835', null],
  ['ashMann', 'hooli2024', 8, '374836', null],
  ['bighead', 'password', 9, null, 'locked'],
  ['erlich', 'aviato', 10, null, 'notice-no-accept'],
  ['jianYang', 'nothotdog', 11, null, 'service-page'],
  ['scenario-huge', 'tributary', 101, '374901', null],
  ['scenario-pending', 'tributary', 102, '374902', 'pending-script'],
  ['scenario-session', 'tributary', 103, '374903', 'session-3'],
  ['scenario-broken', 'tributary', 104, null, 'broken-layout'],
  ['scenario-slow', 'tributary', 105, '374905', 'slow'],
  ['scenario-timeout', 'tributary', 106, null, 'timeout'],
  ['scenario-flaky', 'tributary', 107, '374907', 'flaky'],
  ['scenario-lockout', 'correct-horse', 108, null, 'lockout'],
  ['scenario-growing', 'tributary', 109, '374909', 'growing'],
  ['scenario-terms', 'tributary', 110, null, 'terms'],
  ['scenario-duplicates', 'tributary', 111, '374911', 'duplicates'],
  ['scenario-empty', 'tributary', 112, '374912', null],
  ['scenario-intermittent', 'tributary', 113, null, 'intermittent-mfa'],
];

const unhappyPath = ['bighead', 'erlich', 'jianYang'];

describe('persona table (sandbox.md §3)', () => {
  test('logins, passwords, persona numbers, member numbers and behaviours', () => {
    assert.deepEqual(
      personas.map((p) => [p.loginId, p.password, p.personaNumber, p.memberNumber, p.behaviour]),
      table,
    );
  });

  test('login ids, persona numbers and member numbers are unique', () => {
    assert.equal(new Set(personas.map((p) => p.loginId)).size, personas.length);
    assert.equal(new Set(personas.map((p) => p.personaNumber)).size, personas.length);
    const members = personas.flatMap((p) => (p.memberNumber === null ? [] : [p.memberNumber]));
    assert.equal(new Set(members).size, members.length);
  });

  test('finds personas by exact login id and by member number', () => {
    assert.equal(findPersona('gavinBelson')?.personaNumber, 1);
    assert.equal(findPersona('gavinbelson'), undefined);
    assert.equal(findPersona('nobody'), undefined);
    assert.equal(findPersonaByMemberNumber('374829')?.loginId, 'gavinBelson');
    assert.equal(findPersonaByMemberNumber('374912')?.loginId, 'scenario-empty');
    assert.equal(findPersonaByMemberNumber(cdrDenyingMemberNumber), undefined);
    assert.equal(cdrDenyingMemberNumber, '374990');
    assert.equal(cdrHolderOtp, '227470');
  });

  test('names and profile: e-mail, phone and masked phone from the login and persona number', () => {
    const gavin = persona('gavinBelson');
    assert.equal(gavin.fullName, 'Gavin Belson');
    assert.equal(gavin.firstName, 'Gavin');
    assert.equal(gavin.lastName, 'Belson');
    assert.equal(gavin.email, 'gavinbelson@personas.example');
    assert.equal(gavin.phone, '+61 400 000 001');
    assert.equal(gavin.maskedPhone, 'XXXX XXX 001');
    assert.equal(persona('laurieBream').fullName, 'Laurie Bream');
    assert.equal(persona('Gilfoyle').fullName, 'Bertram Gilfoyle');
    assert.equal(persona('Whistler').lastName, '');
    const joint = persona('Wentworth-Smith');
    assert.equal(joint.fullName, 'Alex and Sam Wentworth-Smith');
    assert.equal(joint.accountHolder, 'A WENTWORTH-SMITH & S WENTWORTH-SMITH');
    assert.equal(joint.email, 'wentworth-smith@personas.example');
    const huge = persona('scenario-huge');
    assert.equal(huge.phone, '+61 400 000 101');
    assert.equal(huge.email, 'scenario-huge@personas.example');
    assert.equal(huge.fullName, 'Scenario Huge');
  });

  test('history: 364 days for the Basiq personas, 28 for scenarios, 400 for scenario-huge', () => {
    for (const p of personas) {
      switch (p.group) {
        case 'basiq':
          assert.deepEqual(p.history, { kind: 'days', days: 364 });
          break;
        case 'unhappy-path':
          assert.equal(p.history, null);
          break;
        case 'scenario':
          break;
      }
    }
    assert.deepEqual(persona('scenario-huge').history, { kind: 'days', days: 400 });
    assert.deepEqual(persona('scenario-pending').history, { kind: 'days', days: 28 });
    assert.deepEqual(persona('scenario-growing').history, {
      kind: 'since',
      firstDate: '2026-01-01',
    });
    assert.equal(persona('scenario-empty').history, null);
  });

  test('H is a multiple of 28 wherever an account has W, F or M streams (sandbox.md §2.1)', () => {
    for (const p of personas) {
      const periodic = p.accounts.some((a) =>
        a.streams.some((s) => s.kind === 'W' || s.kind === 'F' || s.kind === 'M'),
      );
      if (!periodic) continue;
      assert.equal(p.history?.kind, 'days', p.loginId);
      assert.equal(p.history.days % 28, 0, p.loginId);
    }
  });

  test('unhappy-path personas have no data and fail the same way', () => {
    for (const loginId of unhappyPath) {
      const p = persona(loginId);
      assert.equal(p.group, 'unhappy-path');
      assert.deepEqual(p.accounts, []);
      assert.equal(p.memberNumber, null);
      assert.equal(hasData(p), false);
    }
    assert.equal(persona('bighead').behaviour, 'locked');
    assert.equal(behaviourSettings.lockedMessage, 'Account is locked');
    assert.equal(persona('erlich').behaviour, 'notice-no-accept');
    assert.equal(persona('jianYang').behaviour, 'service-page');
  });

  test('scenario personas: accounts and behaviour settings of sandbox.md §3.2', () => {
    assert.equal(persona('scenario-huge').accounts.length, 5);
    assert.deepEqual(persona('scenario-empty').accounts, []);
    assert.equal(hasData(persona('scenario-empty')), true);
    assert.deepEqual(
      persona('scenario-session').accounts.map((a) => [a.name, a.type, a.balanceCents]),
      [
        ['Everyday Account', 'transaction', 80_000],
        ['Savings', 'savings', 300_000],
      ],
    );
    assert.equal(behaviourSettings.sessionRequestLimit, 3);
    assert.equal(behaviourSettings.slowResponseMs, 3000);
    assert.equal(behaviourSettings.timeoutLoginMs, 120_000);
    assert.equal(behaviourSettings.flakyEveryNthRequest, 4);
    assert.deepEqual(behaviourSettings.lockout, {
      failures: 3,
      windowSeconds: 600,
      lockSeconds: 1800,
    });
  });
});

describe('MFA (sandbox.md §1, §3.4)', () => {
  const nucleusAlways = ['jared', 'gavinBelson', 'Whistler', 'laurieBream'];

  test('challenges per persona', () => {
    const challenge = (loginId: string) => {
      const { method, questions, answers } = persona(loginId).mfa;
      return [method, questions, answers];
    };
    const token = ['token', ['OTP Password'], ['1234']];
    const first = ['security-questions', ["What's your first company?"], ['Hooli']];
    const favourite = [
      'security-questions',
      ["What's your favourite company?", "What's the ID of this institution?"],
      ['Basiq', 'AU00000'],
    ];
    assert.deepEqual(challenge('jared'), token);
    assert.deepEqual(challenge('richard'), token);
    assert.deepEqual(challenge('gavinBelson'), first);
    assert.deepEqual(challenge('Gilfoyle'), first);
    assert.deepEqual(challenge('Whistler'), favourite);
    assert.deepEqual(challenge('Wentworth-Smith'), favourite);
    for (const p of personas) {
      if (['gavinBelson', 'Gilfoyle', 'Whistler', 'Wentworth-Smith'].includes(p.loginId)) continue;
      assert.deepEqual(challenge(p.loginId), token, p.loginId);
    }
  });

  test('sandbox.md A7: Whistler is asked two questions at AU00002; richard is not asked at AU00003, jared is', () => {
    const whistler = persona('Whistler');
    assert.equal(isMfaRequired(whistler, 'AU00002', 1), true);
    assert.equal(whistler.mfa.questions.length, 2);
    assert.equal(isMfaAnswerCorrect(whistler, ['Basiq', 'AU00000']), true);
    assert.equal(isMfaAnswerCorrect(whistler, ['Basiq']), false);
    assert.equal(isMfaAnswerCorrect(whistler, ['basiq', 'AU00000']), false);
    assert.equal(isMfaRequired(persona('richard'), 'AU00003', 1), false);
    assert.equal(isMfaRequired(persona('jared'), 'AU00003', 1), true);
  });

  test('Hooli and Endframe never ask; Pied Piper asks every persona with data', () => {
    for (const p of personas) {
      for (const login of [1, 2, 3, 4]) {
        assert.equal(isMfaRequired(p, 'AU00000', login), false);
        assert.equal(isMfaRequired(p, 'ZZ00001', login), false);
        assert.equal(isMfaRequired(p, 'AU00002', login), !unhappyPath.includes(p.loginId));
      }
    }
  });

  test('Nucleus asks jared, gavinBelson, Whistler and laurieBream always, scenario-intermittent every 2nd login', () => {
    for (const p of personas) {
      const asked = [1, 2, 3, 4].map((login) => isMfaRequired(p, 'AU00003', login));
      if (nucleusAlways.includes(p.loginId)) assert.deepEqual(asked, [true, true, true, true]);
      else if (p.loginId === 'scenario-intermittent') {
        assert.deepEqual(asked, [false, true, false, true]);
      } else assert.deepEqual(asked, [false, false, false, false], p.loginId);
    }
    assert.deepEqual(persona('scenario-intermittent').mfa.answers, ['1234']);
  });

  test('the four sandbox institutions', () => {
    assert.deepEqual(sandboxInstitutionIds, ['AU00000', 'AU00002', 'AU00003', 'ZZ00001']);
  });
});

describe('merchants (sandbox.md §2.3)', () => {
  test('32 entries in the spec’s order', () => {
    assert.equal(merchants.length, 32);
    assert.equal(new Set(merchants).size, 32);
    assert.equal(merchantDescription(0), 'WOOLWORTHS 1234 SYDNEY');
    assert.equal(merchantDescription(12), 'CAFE NERO SYDNEY');
    assert.equal(merchantDescription(17), 'DAN MURPHYS 5212');
    assert.equal(merchantDescription(31), 'PRICELINE PHARMACY 418');
    assert.throws(() => merchantDescription(32), RangeError);
  });
});
