// The sandbox personas of sandbox.md §3 as data: who can log in, with what, and which accounts
// and transaction streams the generator (generator.ts) turns into bank data for a date D.
import { parseCents } from './generator.ts';

/** The four sandbox institutions of sandbox.md §1. */
export type SandboxInstitutionId = 'AU00000' | 'AU00002' | 'AU00003' | 'ZZ00001';

/** Every sandbox institution id, in sandbox.md §1 order. */
export const sandboxInstitutionIds: readonly SandboxInstitutionId[] = [
  'AU00000',
  'AU00002',
  'AU00003',
  'ZZ00001',
];

/**
 * What a persona's bank does beyond serving data (sandbox.md §3.1–§3.2, §4). `null`: nothing
 * special. The data-shaped behaviours (`growing`, `duplicates`, `pending-script`) are carried by
 * the persona's history and streams too; they are named here so a bank can tell them apart.
 */
export type BankBehaviour =
  /** `bighead`: every login answers the `invalid-credentials` error "Account is locked". */
  | 'locked'
  /** `erlich`: after login a notice page with no way to accept it. */
  | 'notice-no-accept'
  /** `jianYang`: the login answers a 503 service page. */
  | 'service-page'
  /** `scenario-session`: the session ends after 3 authenticated requests. */
  | 'session-3'
  /** `scenario-broken`: the accounts page in the changed layout of §4.6. */
  | 'broken-layout'
  /** `scenario-slow`: every response after 3 s (wall time). */
  | 'slow'
  /** `scenario-timeout`: the login POST answers after 120 s (wall time). */
  | 'timeout'
  /** `scenario-flaky`: every 4th request of a session answers 502. */
  | 'flaky'
  /** `scenario-lockout`: 3 failed logins within 10 minutes lock the login for 30 minutes. */
  | 'lockout'
  /** `scenario-growing`: posted history starts on a fixed date and never slides. */
  | 'growing'
  /** `scenario-terms`: a notice page after login until the user accepts it. */
  | 'terms'
  /** `scenario-duplicates`: the day's earliest posted item listed twice on some days. */
  | 'duplicates'
  /** `scenario-intermittent`: MFA on every second successful login, at AU00003 only. */
  | 'intermittent-mfa'
  /** `scenario-pending`: pending items change when they post (§3.3). */
  | 'pending-script'
  | null;

/** The numbers behind the behaviours above (sandbox.md §3.2, §4.2), for the banks to share. */
export const behaviourSettings = {
  /** `locked`: the login error message. */
  lockedMessage: 'Account is locked',
  /** `session-3`: authenticated requests a session serves before it ends. */
  sessionRequestLimit: 3,
  /** `slow`: delay before every response, wall-clock milliseconds. */
  slowResponseMs: 3_000,
  /** `timeout`: delay before the login POST answers, wall-clock milliseconds. */
  timeoutLoginMs: 120_000,
  /** `flaky`: every n-th request carrying the same session cookie answers 502. */
  flakyEveryNthRequest: 4,
  /** `lockout`: failed logins within the window (clock) that lock the login, and for how long. */
  lockout: { failures: 3, windowSeconds: 600, lockSeconds: 1_800 },
  /** `intermittent-mfa`: MFA on every n-th successful password login at AU00003. */
  intermittentMfaEveryNthLogin: 2,
} as const;

/** The one-time password of the sandbox CDR holders, the same for every member (§3.5). */
export const cdrHolderOtp = '227470';

/** A member number that has no persona and always denies consent after login (§3.5). */
export const cdrDenyingMemberNumber = '374990';

/** Account types (Basiq's account class types) used by the personas. */
export type AccountType =
  'transaction' | 'savings' | 'credit-card' | 'loan' | 'mortgage' | 'term-deposit';

/** Transaction classes used by the personas (Basiq's values, sandbox.md §2.3). */
export type TransactionClass =
  | 'payment'
  | 'direct-credit'
  | 'transfer'
  | 'cash-withdrawal'
  | 'bank-fee'
  | 'interest'
  | 'loan-interest'
  | 'loan-repayment';

/** How an item's amount is found, in integer cents (sandbox.md §2.2). */
export type AmountRule =
  | { readonly kind: 'fixed'; readonly cents: number }
  /** `sign × r(lo, hi)`: `lo + (u0 mod (hi − lo + 1))` cents, negated when `sign` is −1. */
  | { readonly kind: 'range'; readonly lo: number; readonly hi: number; readonly sign: 1 | -1 };

/** BPAY details carried by an item on both surfaces (sandbox.md §2.3). */
export interface Bpay {
  readonly billerCode: string;
  readonly crn: string;
}

/** A `W`, `F` or `M` stream: one fixed-description item on dates where `k(d) mod period = offset`. */
export interface PeriodicStream {
  /** `W` every 7 days, `F` every 14, `M` every 28 (sandbox.md §2.1). */
  readonly kind: 'W' | 'F' | 'M';
  readonly offset: number;
  readonly description: string;
  readonly amount: AmountRule;
  readonly class: TransactionClass;
  readonly bpay?: Bpay;
  /**
   * Only items whose age `D − d` (days) lies in this range exist; Gilfoyle's salary turns into
   * a benefit half-way through his history (sandbox.md §3.1).
   */
  readonly age?: { readonly min?: number; readonly max?: number };
}

/** One stream of an account (sandbox.md §2.1, §3.2, §3.3), in table order: index = stream `s`. */
export type Stream =
  /** `S(n)` card spending (pending today) or `P(n)` posted-only spending: n items every day. */
  | { readonly kind: 'S' | 'P'; readonly count: number }
  | PeriodicStream
  /**
   * `scenario-duplicates` stream 1: `count` identical items every day at a fixed time, distinct
   * ids, pending on D like `S`.
   */
  | {
      readonly kind: 'daily';
      readonly count: number;
      readonly description: string;
      readonly amountCents: number;
      readonly minuteOfDay: number;
      readonly class: TransactionClass;
    }
  /** `scenario-pending`: the five items a day of the pending script (sandbox.md §3.3). */
  | { readonly kind: 'pending-script' };

/** One account of a persona, as the table of sandbox.md §3 gives it. */
export interface AccountSpec {
  readonly name: string;
  readonly type: AccountType;
  readonly product: string;
  /** The listed current balance (excluding pending), integer cents; it does not move with D. */
  readonly balanceCents: number;
  /** Credit cards only; null otherwise. */
  readonly creditLimitCents: number | null;
  readonly streams: readonly Stream[];
}

/**
 * How far back a persona's posted items go: `H` days before D (a sliding window), or from a fixed
 * first date (`scenario-growing`, which never slides). `null` for personas with no data.
 */
export type History =
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'since'; readonly firstDate: string }
  | null;

/** The MFA challenge of a persona (sandbox.md §3.4): what is asked and the correct answers. */
export interface MfaChallenge {
  readonly method: 'token' | 'security-questions';
  /** The labels of the inputs, in order (`answer0`, `answer1`, … on the web bank). */
  readonly questions: readonly string[];
  readonly answers: readonly string[];
}

/** When Nucleus (AU00003) asks a persona for MFA (sandbox.md §3.4). */
export type NucleusMfaRule = 'always' | 'never' | 'every-second-login';

/** Which table of sandbox.md §3 a persona comes from. */
export type PersonaGroup = 'basiq' | 'unhappy-path' | 'scenario';

/** A sandbox persona (sandbox.md §3). */
export interface Persona {
  readonly loginId: string;
  readonly password: string;
  readonly personaNumber: number;
  /** The persona number as three digits, as it appears in account numbers and phone numbers. */
  readonly personaNumberText: string;
  readonly group: PersonaGroup;
  readonly fullName: string;
  readonly firstName: string;
  readonly lastName: string;
  /** The account holder shown on every account. */
  readonly accountHolder: string;
  readonly email: string;
  readonly phone: string;
  /** The phone as the bank shows it. */
  readonly maskedPhone: string;
  /** CDR holder login (§3.5); null when the persona is not served by the holders. */
  readonly memberNumber: string | null;
  readonly history: History;
  readonly accounts: readonly AccountSpec[];
  readonly mfa: MfaChallenge;
  readonly nucleusMfa: NucleusMfaRule;
  readonly behaviour: BankBehaviour;
}

// Amounts are written as the spec writes them and turned into integer cents once, here.
function fixed(amount: string): AmountRule {
  return { kind: 'fixed', cents: parseCents(amount) };
}

/** The spec's `r(lo, hi)`: money coming in. */
function r(lo: string, hi: string): AmountRule {
  return { kind: 'range', lo: parseCents(lo), hi: parseCents(hi), sign: 1 };
}

/** The spec's `−r(lo, hi)`: money going out. */
function minusR(lo: string, hi: string): AmountRule {
  return { kind: 'range', lo: parseCents(lo), hi: parseCents(hi), sign: -1 };
}

function S(count: number): Stream {
  return { kind: 'S', count };
}

function P(count: number): Stream {
  return { kind: 'P', count };
}

function periodic(
  kind: PeriodicStream['kind'],
): (
  offset: number,
  description: string,
  amount: AmountRule,
  cls: TransactionClass,
  extra?: Pick<PeriodicStream, 'bpay' | 'age'>,
) => PeriodicStream {
  return (offset, description, amount, cls, extra) => ({
    kind,
    offset,
    description,
    amount,
    class: cls,
    ...extra,
  });
}

const W = periodic('W');
const F = periodic('F');
const M = periodic('M');

function account(
  name: string,
  type: AccountType,
  product: string,
  balance: string,
  streams: readonly Stream[],
  creditLimit: string | null = null,
): AccountSpec {
  return {
    name,
    type,
    product,
    balanceCents: parseCents(balance),
    creditLimitCents: creditLimit === null ? null : parseCents(creditLimit),
    streams,
  };
}

/** A plain Hooli Everyday account with card spending only (most scenario personas). */
function everyday(balance: string, streams: readonly Stream[]): AccountSpec {
  return account('Everyday Account', 'transaction', 'Hooli Everyday', balance, streams);
}

const otp: MfaChallenge = { method: 'token', questions: ['OTP Password'], answers: ['1234'] };
const firstCompany: MfaChallenge = {
  method: 'security-questions',
  questions: ["What's your first company?"],
  answers: ['Hooli'],
};
const favouriteCompany: MfaChallenge = {
  method: 'security-questions',
  questions: ["What's your favourite company?", "What's the ID of this institution?"],
  answers: ['Basiq', 'AU00000'],
};

const basiqHistory: History = { kind: 'days', days: 364 };
const scenarioHistory: History = { kind: 'days', days: 28 };

interface PersonaInput {
  readonly loginId: string;
  readonly password: string;
  readonly personaNumber: number;
  readonly group: PersonaGroup;
  readonly fullName: string;
  readonly accountHolder?: string;
  readonly memberNumber: string | null;
  readonly history: History;
  readonly accounts: readonly AccountSpec[];
  readonly mfa?: MfaChallenge;
  readonly nucleusMfa?: NucleusMfaRule;
  readonly behaviour?: BankBehaviour;
}

function definePersona(input: PersonaInput): Persona {
  const personaNumberText = String(input.personaNumber).padStart(3, '0');
  // The last word is the surname; a one-word name (Whistler, Jian-Yang) has no surname.
  const lastSpace = input.fullName.lastIndexOf(' ');
  return {
    loginId: input.loginId,
    password: input.password,
    personaNumber: input.personaNumber,
    personaNumberText,
    group: input.group,
    fullName: input.fullName,
    firstName: lastSpace < 0 ? input.fullName : input.fullName.slice(0, lastSpace),
    lastName: lastSpace < 0 ? '' : input.fullName.slice(lastSpace + 1),
    accountHolder: input.accountHolder ?? input.fullName,
    email: `${input.loginId.toLowerCase()}@personas.example`,
    phone: `+61 400 000 ${personaNumberText}`,
    maskedPhone: `XXXX XXX ${personaNumberText}`,
    memberNumber: input.memberNumber,
    history: input.history,
    accounts: input.accounts,
    mfa: input.mfa ?? otp,
    nucleusMfa: input.nucleusMfa ?? 'never',
    behaviour: input.behaviour ?? null,
  };
}

const repayment = (offset: number, amount: string): Stream =>
  M(offset, 'REPAYMENT THANK YOU', fixed(amount), 'loan-repayment');
const loanInterest = (lo: string, hi: string): Stream =>
  M(27, 'LOAN INTEREST', minusR(lo, hi), 'loan-interest');
const interestCredit = (lo: string, hi: string): Stream =>
  M(27, 'INTEREST CREDIT', r(lo, hi), 'interest');
const cardPayment = (offset: number, amount: string): Stream =>
  M(offset, 'PAYMENT THANK YOU', fixed(amount), 'transfer');

/** The Basiq personas of sandbox.md §3.1. */
const basiqPersonas: readonly Persona[] = [
  definePersona({
    loginId: 'gavinBelson',
    password: 'hooli2016',
    personaNumber: 1,
    group: 'basiq',
    fullName: 'Gavin Belson',
    memberNumber: '374829',
    history: basiqHistory,
    mfa: firstCompany,
    nucleusMfa: 'always',
    accounts: [
      account('Everyday Account', 'transaction', 'Hooli Everyday', '2418.36', [
        S(2),
        F(3, 'HOOLI PTY LTD SALARY', fixed('3850.00'), 'direct-credit'),
        W(2, 'TUTORING J DUNN', fixed('120.00'), 'transfer'),
        F(5, 'TRANSFER TO PERSONAL LOAN', fixed('-450.00'), 'transfer'),
      ]),
      account('Hooli Saver', 'savings', 'Hooli Saver', '15320.10', [
        W(4, 'TRANSFER FROM EVERYDAY', fixed('200.00'), 'transfer'),
        interestCredit('20.00', '45.00'),
      ]),
      account('Personal Loan', 'loan', 'Hooli Personal Loan', '-12340.55', [
        F(5, 'REPAYMENT THANK YOU', fixed('450.00'), 'loan-repayment'),
        loanInterest('60.00', '90.00'),
      ]),
    ],
  }),
  definePersona({
    loginId: 'jared',
    password: 'django',
    personaNumber: 2,
    group: 'basiq',
    fullName: 'Jared Dunn',
    memberNumber: '374830',
    history: basiqHistory,
    nucleusMfa: 'always',
    accounts: [
      account('Everyday Account', 'transaction', 'Hooli Everyday', '3905.12', [
        S(2),
        W(0, 'UBER BV DRIVER PAYMENT', r('410.00', '690.00'), 'direct-credit'),
        M(1, 'HOME LOAN REPAYMENT', fixed('-2300.00'), 'transfer'),
        M(15, 'CAR LOAN REPAYMENT', fixed('-480.00'), 'transfer'),
      ]),
      account('Home Loan', 'mortgage', 'Hooli Variable Home Loan', '-412880.00', [
        repayment(1, '2300.00'),
        loanInterest('1800.00', '2100.00'),
      ]),
      account('Car Loan', 'loan', 'Hooli Car Loan', '-14210.40', [
        repayment(15, '480.00'),
        loanInterest('70.00', '95.00'),
      ]),
      account('Term Deposit', 'term-deposit', 'Hooli 12 Month Term Deposit', '20000.00', [
        interestCredit('60.00', '75.00'),
      ]),
    ],
  }),
  definePersona({
    loginId: 'richard',
    password: 'tabsnotspaces',
    personaNumber: 3,
    group: 'basiq',
    fullName: 'Richard Hendricks',
    memberNumber: '374831',
    history: basiqHistory,
    accounts: [
      account('Everyday Account', 'transaction', 'Hooli Everyday', '18450.77', [
        S(2),
        F(6, 'PIED PIPER INC SALARY', fixed('9800.00'), 'direct-credit'),
        M(3, 'RENT 5 NEWELL ST', fixed('2600.00'), 'direct-credit'),
        M(10, 'RENT 12 PALO ALTO AVE', fixed('2400.00'), 'direct-credit'),
        M(4, 'HOME LOAN 1 REPAYMENT', fixed('-2100.00'), 'transfer'),
        M(4, 'HOME LOAN 2 REPAYMENT', fixed('-1900.00'), 'transfer'),
        M(4, 'HOME LOAN 3 REPAYMENT', fixed('-1750.00'), 'transfer'),
        M(12, 'CARD PAYMENT', fixed('-900.00'), 'transfer'),
        M(12, 'CARD PAYMENT', fixed('-700.00'), 'transfer'),
        M(12, 'CARD PAYMENT', fixed('-500.00'), 'transfer'),
        M(12, 'CARD PAYMENT', fixed('-300.00'), 'transfer'),
      ]),
      account('Home Loan 1', 'mortgage', 'Hooli Home Loan', '-520000.00', [
        repayment(4, '2100.00'),
        loanInterest('2300.00', '2500.00'),
      ]),
      account('Home Loan 2', 'mortgage', 'Hooli Home Loan', '-455500.00', [
        repayment(4, '1900.00'),
        loanInterest('2000.00', '2200.00'),
      ]),
      account('Home Loan 3', 'mortgage', 'Hooli Home Loan', '-390250.00', [
        repayment(4, '1750.00'),
        loanInterest('1700.00', '1900.00'),
      ]),
      account(
        'Platinum Card',
        'credit-card',
        'Hooli Platinum',
        '-2310.45',
        [S(1), cardPayment(12, '900.00')],
        '20000.00',
      ),
      account(
        'Rewards Card',
        'credit-card',
        'Hooli Rewards',
        '-1120.00',
        [S(1), cardPayment(12, '700.00')],
        '10000.00',
      ),
      account(
        'Low Rate Card',
        'credit-card',
        'Hooli Low Rate',
        '-640.30',
        [S(1), cardPayment(12, '500.00')],
        '6000.00',
      ),
      account(
        'Travel Card',
        'credit-card',
        'Hooli Travel',
        '-215.85',
        [S(1), cardPayment(12, '300.00')],
        '5000.00',
      ),
    ],
  }),
  definePersona({
    loginId: 'Gilfoyle',
    password: 'PiedPiper',
    personaNumber: 4,
    group: 'basiq',
    fullName: 'Bertram Gilfoyle',
    memberNumber: '374832',
    history: basiqHistory,
    mfa: firstCompany,
    accounts: [
      account('Everyday Account', 'transaction', 'Hooli Everyday', '412.09', [
        S(2),
        F(7, 'PIED PIPER INC SALARY', fixed('3400.00'), 'direct-credit', { age: { min: 183 } }),
        F(7, 'CENTRELINK JOBSEEKER', fixed('762.70'), 'direct-credit', { age: { max: 182 } }),
        W(5, 'ZIP PAY REPAYMENT', fixed('-35.00'), 'payment'),
        M(20, 'LATE PAYMENT FEE', fixed('-15.00'), 'bank-fee'),
      ]),
      account(
        'Credit Card',
        'credit-card',
        'Hooli Classic',
        '-2874.20',
        [S(1), cardPayment(8, '300.00'), M(22, 'LATE PAYMENT FEE', fixed('-20.00'), 'bank-fee')],
        '3000.00',
      ),
    ],
  }),
  definePersona({
    loginId: 'Whistler',
    password: 'ShowBox',
    personaNumber: 5,
    group: 'basiq',
    fullName: 'Whistler',
    memberNumber: '374833',
    history: basiqHistory,
    mfa: favouriteCompany,
    nucleusMfa: 'always',
    accounts: [
      account('Everyday Account', 'transaction', 'Hooli Everyday', '1288.64', [
        S(3),
        F(9, 'HOOLI PTY LTD SALARY', fixed('2650.00'), 'direct-credit'),
        W(1, 'AFTERPAY', fixed('-45.00'), 'payment'),
        W(5, 'SPORTSBET', minusR('20.00', '150.00'), 'payment'),
        W(6, 'DAN MURPHYS 5212', minusR('30.00', '90.00'), 'payment'),
        F(2, 'TRANSFER TO JARED DUNN', fixed('-1000.00'), 'transfer'),
      ]),
      account('Savings', 'savings', 'Hooli Saver', '640.00', [interestCredit('0.50', '2.00')]),
    ],
  }),
  definePersona({
    loginId: 'Wentworth-Smith',
    password: 'whislter',
    personaNumber: 6,
    group: 'basiq',
    fullName: 'Alex and Sam Wentworth-Smith',
    accountHolder: 'A WENTWORTH-SMITH & S WENTWORTH-SMITH',
    memberNumber: '374834',
    history: basiqHistory,
    mfa: favouriteCompany,
    accounts: [
      account('Joint Everyday', 'transaction', 'Hooli Everyday', '6720.48', [
        S(3),
        F(3, 'HOOLI PTY LTD SALARY', fixed('4200.00'), 'direct-credit'),
        F(10, 'RAVIGA CAPITAL SALARY', fixed('3100.00'), 'direct-credit'),
        M(2, 'HOME LOAN REPAYMENT', fixed('-2900.00'), 'transfer'),
        M(16, 'CAR LOAN REPAYMENT', fixed('-620.00'), 'transfer'),
      ]),
      account('Home Loan', 'mortgage', 'Hooli Home Loan', '-612400.00', [
        repayment(2, '2900.00'),
        loanInterest('2600.00', '2800.00'),
      ]),
      account('Car Loan', 'loan', 'Hooli Car Loan', '-18250.00', [
        repayment(16, '620.00'),
        loanInterest('90.00', '120.00'),
      ]),
      account(
        'Platinum Credit Card',
        'credit-card',
        'Hooli Platinum',
        '-3412.90',
        [S(1), cardPayment(24, '1200.00')],
        '15000.00',
      ),
    ],
  }),
  definePersona({
    loginId: 'laurieBream',
    password: 'business2024',
    personaNumber: 7,
    group: 'basiq',
    fullName: 'Laurie Bream',
    memberNumber: '374835',
    history: basiqHistory,
    nucleusMfa: 'always',
    accounts: [
      account('Business Transaction', 'transaction', 'Hooli Business One', '48210.33', [
        S(4),
        W(1, 'INVOICE PAYMENT', r('1500.00', '6000.00'), 'direct-credit'),
        W(4, 'INVOICE PAYMENT', r('800.00', '4000.00'), 'direct-credit'),
        M(25, 'ATO BAS PAYMENT', fixed('-4800.00'), 'payment'),
      ]),
      account('Business Saver', 'savings', 'Hooli Business Saver', '120500.00', [
        interestCredit('150.00', '220.00'),
      ]),
    ],
  }),
  definePersona({
    loginId: 'ashMann',
    password: 'hooli2024',
    personaNumber: 8,
    group: 'basiq',
    fullName: 'Ash Mann',
    memberNumber: '374836',
    history: basiqHistory,
    accounts: [
      account('Everyday Account', 'transaction', 'Hooli Everyday', '2275.18', [
        S(2),
        F(11, 'HOOLI PTY LTD SALARY', fixed('3950.00'), 'direct-credit'),
        M(6, 'RENT 9 HUDSON ST', fixed('2100.00'), 'direct-credit'),
        W(3, 'ATM WITHDRAWAL 4471 KINGS CROSS', fixed('-200.00'), 'cash-withdrawal'),
        W(5, 'SPORTSBET', minusR('20.00', '250.00'), 'payment'),
        W(0, 'COINSPOT PTY LTD', fixed('-150.00'), 'transfer'),
        // CRN = `4000` + persona number (three digits, as everywhere else) + `0001`.
        M(18, 'BPAY ORIGIN ENERGY', minusR('110.00', '260.00'), 'payment', {
          bpay: { billerCode: '23796', crn: '40000080001' },
        }),
      ]),
      account('Savings', 'savings', 'Hooli Saver', '5300.00', [interestCredit('5.00', '12.00')]),
    ],
  }),
];

/** The unhappy-path personas of sandbox.md §3.1: no data, each fails the same way at login. */
const unhappyPathPersonas: readonly Persona[] = [
  definePersona({
    loginId: 'bighead',
    password: 'password',
    personaNumber: 9,
    group: 'unhappy-path',
    fullName: 'Nelson Bighetti',
    memberNumber: null,
    history: null,
    accounts: [],
    behaviour: 'locked',
  }),
  definePersona({
    loginId: 'erlich',
    password: 'aviato',
    personaNumber: 10,
    group: 'unhappy-path',
    fullName: 'Erlich Bachman',
    memberNumber: null,
    history: null,
    accounts: [],
    behaviour: 'notice-no-accept',
  }),
  definePersona({
    loginId: 'jianYang',
    password: 'nothotdog',
    personaNumber: 11,
    group: 'unhappy-path',
    fullName: 'Jian-Yang',
    memberNumber: null,
    history: null,
    accounts: [],
    behaviour: 'service-page',
  }),
];

interface ScenarioInput {
  readonly loginId: string;
  readonly personaNumber: number;
  readonly memberNumber: string | null;
  readonly accounts: readonly AccountSpec[];
  readonly behaviour?: BankBehaviour;
  readonly history?: History;
  readonly password?: string;
  readonly nucleusMfa?: NucleusMfaRule;
}

/**
 * A scenario persona (sandbox.md §3.2). The spec names none of them, so the name is the login
 * made readable (`scenario-huge` → "Scenario Huge").
 */
function scenario(input: ScenarioInput): Persona {
  const fullName = input.loginId
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
  return definePersona({
    ...input,
    password: input.password ?? 'tributary',
    group: 'scenario',
    fullName,
    history: input.history === undefined ? scenarioHistory : input.history,
  });
}

/** The scenario personas of sandbox.md §3.2. */
const scenarioPersonas: readonly Persona[] = [
  scenario({
    loginId: 'scenario-huge',
    personaNumber: 101,
    memberNumber: '374901',
    history: { kind: 'days', days: 400 },
    accounts: [1, 2, 3, 4, 5].map((n) =>
      account(`Account ${n}`, 'transaction', 'Hooli Everyday', '10000.00', [P(50)]),
    ),
  }),
  scenario({
    loginId: 'scenario-pending',
    personaNumber: 102,
    memberNumber: '374902',
    behaviour: 'pending-script',
    accounts: [everyday('1500.00', [{ kind: 'pending-script' }])],
  }),
  scenario({
    loginId: 'scenario-session',
    personaNumber: 103,
    memberNumber: '374903',
    behaviour: 'session-3',
    accounts: [
      everyday('800.00', [S(5)]),
      account('Savings', 'savings', 'Hooli Saver', '3000.00', [
        W(3, 'TRANSFER FROM EVERYDAY', fixed('50.00'), 'transfer'),
      ]),
    ],
  }),
  scenario({
    loginId: 'scenario-broken',
    personaNumber: 104,
    memberNumber: null,
    behaviour: 'broken-layout',
    accounts: [everyday('900.00', [S(2)])],
  }),
  scenario({
    loginId: 'scenario-slow',
    personaNumber: 105,
    memberNumber: '374905',
    behaviour: 'slow',
    accounts: [everyday('900.00', [S(2)])],
  }),
  scenario({
    loginId: 'scenario-timeout',
    personaNumber: 106,
    memberNumber: null,
    behaviour: 'timeout',
    accounts: [everyday('900.00', [S(1)])],
  }),
  scenario({
    loginId: 'scenario-flaky',
    personaNumber: 107,
    memberNumber: '374907',
    behaviour: 'flaky',
    accounts: [everyday('1100.00', [S(5)])],
  }),
  scenario({
    loginId: 'scenario-lockout',
    password: 'correct-horse',
    personaNumber: 108,
    memberNumber: null,
    behaviour: 'lockout',
    accounts: [everyday('700.00', [S(1)])],
  }),
  scenario({
    loginId: 'scenario-growing',
    personaNumber: 109,
    memberNumber: '374909',
    behaviour: 'growing',
    history: { kind: 'since', firstDate: '2026-01-01' },
    accounts: [everyday('2000.00', [S(4)])],
  }),
  scenario({
    loginId: 'scenario-terms',
    personaNumber: 110,
    memberNumber: null,
    behaviour: 'terms',
    accounts: [everyday('900.00', [S(2)])],
  }),
  scenario({
    loginId: 'scenario-duplicates',
    personaNumber: 111,
    memberNumber: '374911',
    behaviour: 'duplicates',
    accounts: [
      everyday('1200.00', [
        S(3),
        {
          kind: 'daily',
          count: 2,
          description: 'CAFE NERO SYDNEY',
          amountCents: parseCents('-4.50'),
          minuteOfDay: 8 * 60 + 5,
          class: 'payment',
        },
      ]),
    ],
  }),
  scenario({
    loginId: 'scenario-empty',
    personaNumber: 112,
    memberNumber: '374912',
    history: null,
    accounts: [],
  }),
  scenario({
    loginId: 'scenario-intermittent',
    personaNumber: 113,
    memberNumber: null,
    behaviour: 'intermittent-mfa',
    nucleusMfa: 'every-second-login',
    accounts: [everyday('900.00', [S(2)])],
  }),
];

/** Every sandbox persona, in sandbox.md §3 order. */
export const personas: readonly Persona[] = [
  ...basiqPersonas,
  ...unhappyPathPersonas,
  ...scenarioPersonas,
];

const byLoginId = new Map(personas.map((persona) => [persona.loginId, persona]));
const byMemberNumber = new Map(
  personas.flatMap((persona) =>
    persona.memberNumber === null ? [] : [[persona.memberNumber, persona] as const],
  ),
);

/**
 * The persona with this login ID, compared exactly (case matters: `Gilfoyle`, `gavinBelson`),
 * or undefined. Any other login is the bank's `invalid-credentials` error (§3.1).
 */
export function findPersona(loginId: string): Persona | undefined {
  return byLoginId.get(loginId);
}

/** The persona a CDR holder serves for this member number (§3.5), or undefined. */
export function findPersonaByMemberNumber(memberNumber: string): Persona | undefined {
  return byMemberNumber.get(memberNumber);
}

/**
 * Whether the persona has data: every persona whose login works. The unhappy-path personas of
 * §3.1 ("no data") never get past the login.
 */
export function hasData(persona: Persona): boolean {
  return persona.group !== 'unhappy-path';
}

/**
 * Whether the web bank of `institutionId` asks this persona for MFA after a correct password
 * (sandbox.md §1, §3.4). `successfulLogin` is the bank's 1-based count of successful password
 * logins of this login ID at this institution (since the last reset); only
 * `scenario-intermittent` at AU00003 depends on it (MFA on the 2nd, 4th, …).
 */
export function isMfaRequired(
  persona: Persona,
  institutionId: SandboxInstitutionId,
  successfulLogin: number,
): boolean {
  switch (institutionId) {
    case 'AU00000':
    case 'ZZ00001':
      return false;
    case 'AU00002':
      return hasData(persona);
    case 'AU00003':
      switch (persona.nucleusMfa) {
        case 'always':
          return true;
        case 'never':
          return false;
        case 'every-second-login':
          return successfulLogin % behaviourSettings.intermittentMfaEveryNthLogin === 0;
        default:
          return assertNever(persona.nucleusMfa);
      }
    default:
      return assertNever(institutionId);
  }
}

/** Whether the answers given to the persona's MFA challenge are correct (exact match, in order). */
export function isMfaAnswerCorrect(persona: Persona, answers: readonly string[]): boolean {
  const expected = persona.mfa.answers;
  return answers.length === expected.length && expected.every((a, i) => answers[i] === a);
}

function assertNever(value: never): never {
  throw new Error(`Unexpected value ${String(value)}`);
}
