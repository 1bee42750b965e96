// The deterministic generator of sandbox.md §2: for a persona and the sandbox date D, the accounts
// and transactions both sandbox banks serve and the ground-truth routes report (§6.3). Pure
// functions of (persona, D): no clock, no randomness, integer cents throughout.
import { hash } from 'node:crypto';
import { merchantDescription, merchants } from './merchants.ts';
import type {
  AccountSpec,
  AccountType,
  AmountRule,
  Bpay,
  PeriodicStream,
  Persona,
  TransactionClass,
} from './personas.ts';

// ---------------------------------------------------------------------------------------------
// Money

/** Formats integer cents as the spec's decimal string: `-12469` → `"-124.69"`, `0` → `"0.00"`. */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
  const magnitude = Math.abs(cents);
  const units = Math.floor(magnitude / 100);
  const fraction = String(magnitude % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}${units}.${fraction}`;
}

/** Parses the spec's decimal string (`"-124.69"`, two decimals) into integer cents. */
export function parseCents(amount: string): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(amount);
  if (match === null) throw new RangeError(`Not a decimal amount with two decimals: ${amount}`);
  const [, sign, units, fraction] = match;
  const cents = Number(units) * 100 + Number(fraction);
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Amount out of range: ${amount}`);
  // `-0.00` would give -0; normalise so that formatCents(parseCents(x)) round-trips.
  return sign === '-' && cents !== 0 ? -cents : cents;
}

// ---------------------------------------------------------------------------------------------
// Dates: calendar dates in Australia/Sydney, handled as day numbers so no time zone is involved.

const msPerDay = 86_400_000;
const epoch2000 = Date.UTC(2000, 0, 1);
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `k(d)`: days from 2000-01-01 to the calendar date `d` (`YYYY-MM-DD`); RangeError if malformed. */
export function dayNumber(date: string): number {
  const match = datePattern.exec(date);
  if (match !== null) {
    const [, y, m, d] = match;
    const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
    // Date.UTC rolls 2026-02-30 over into March; a date that does not round-trip is malformed.
    if (new Date(ms).toISOString().slice(0, 10) === date) return (ms - epoch2000) / msPerDay;
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
}

/** The calendar date (`YYYY-MM-DD`) of day number `k`. */
export function dateOfDayNumber(k: number): string {
  return new Date(epoch2000 + k * msPerDay).toISOString().slice(0, 10);
}

/** The date `days` days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

const sydneyOffsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Australia/Sydney',
  timeZoneName: 'longOffset',
});

/** Sydney's UTC offset in minutes at an instant (600 in winter, 660 in summer). */
function sydneyOffsetMinutes(instantMs: number): number {
  const name = sydneyOffsetFormat
    .formatToParts(new Date(instantMs))
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name ?? '');
  if (match === null) throw new Error(`Unexpected time zone name ${String(name)}`);
  const [, sign, hours, minutes] = match;
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

/**
 * The RFC 3339 date-time, with Sydney's offset, of `minuteOfDay` minutes after local midnight on
 * `date`: `sydneyDateTime('2026-11-24', 605)` → `2026-11-24T10:05:00+11:00`. Items fall between
 * 06:00 and 21:59, never in the hour daylight saving skips or repeats.
 */
export function sydneyDateTime(date: string, minuteOfDay: number): string {
  const localMs = epoch2000 + dayNumber(date) * msPerDay + minuteOfDay * 60_000;
  // First guess standard time, then settle on the offset in force at the resulting instant.
  const guess = sydneyOffsetMinutes(localMs - 600 * 60_000);
  const offset = sydneyOffsetMinutes(localMs - guess * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${date}T${timeOfDay(minuteOfDay)}:00${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function timeOfDay(minuteOfDay: number): string {
  return `${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
}

/** `k mod p` that stays non-negative for dates before 2000-01-01. */
function mod(k: number, p: number): number {
  return ((k % p) + p) % p;
}

// ---------------------------------------------------------------------------------------------
// Identifiers (sandbox.md §2.2)

const seedPrefix = 'tributary-sandbox-v1|';

/** The bank account id: the first 16 hex characters of SHA-256("tributary-sandbox-v1|L|a"). */
export function bankAccountId(loginId: string, accountIndex: number): string {
  return hash('sha256', `${seedPrefix}${loginId}|${accountIndex}`, 'hex').slice(0, 16);
}

/** `h` of §2.2 for (L, a, s, d, i). */
function itemDigest(loginId: string, a: number, s: number, date: string, i: number): Buffer {
  return hash('sha256', `${seedPrefix}${loginId}|${a}|${s}|${date}|${i}`, 'buffer');
}

/** The 24-hex bank transaction id: `h[20..31]`. */
function idOf(h: Buffer): string {
  return h.toString('hex', 20, 32);
}

/** Time of day: `360 + (u2 mod 960)` minutes after local midnight (06:00–21:59). */
function minuteOf(h: Buffer): number {
  return 360 + (h.readUInt32BE(8) % 960);
}

function amountOf(rule: AmountRule, h: Buffer): number {
  switch (rule.kind) {
    case 'fixed':
      return rule.cents;
    case 'range':
      return rule.sign * (rule.lo + (h.readUInt32BE(0) % (rule.hi - rule.lo + 1)));
    default:
      return assertNever(rule);
  }
}

// ---------------------------------------------------------------------------------------------
// Classes and CDS types (sandbox.md §2.3)

/** The CDS transaction `type` the CDR holder gives an item (sandbox.md §2.3). */
export type CdsTransactionType =
  | 'PAYMENT'
  | 'TRANSFER_INCOMING'
  | 'TRANSFER_OUTGOING'
  | 'OTHER'
  | 'FEE'
  | 'INTEREST_PAID'
  | 'INTEREST_CHARGED';

/** The CDS type of an item of this class and amount (`transfer` depends on the sign). */
export function cdsTransactionType(cls: TransactionClass, amountCents: number): CdsTransactionType {
  switch (cls) {
    case 'payment':
      return 'PAYMENT';
    case 'direct-credit':
    case 'loan-repayment':
      return 'TRANSFER_INCOMING';
    case 'transfer':
      return amountCents < 0 ? 'TRANSFER_OUTGOING' : 'TRANSFER_INCOMING';
    case 'cash-withdrawal':
      return 'OTHER';
    case 'bank-fee':
      return 'FEE';
    case 'interest':
      return 'INTEREST_PAID';
    case 'loan-interest':
      return 'INTEREST_CHARGED';
    default:
      return assertNever(cls);
  }
}

// ---------------------------------------------------------------------------------------------
// Items of one day

// Card spending `−r(4.00, 120.00)` (§2.1) and the pending script's hotel hold `−r(150.00, 400.00)`.
const spendingRule: AmountRule = { kind: 'range', lo: 400, hi: 12_000, sign: -1 };
const hotelHoldRule: AmountRule = { kind: 'range', lo: 15_000, hi: 40_000, sign: -1 };
const hotelHoldDescription = 'QT HOTEL SYDNEY HOLD';
const periods: Readonly<Record<PeriodicStream['kind'], number>> = { W: 7, F: 14, M: 28 };

/** One item before it is placed in a listing (no running balance yet). */
interface RawItem {
  readonly stream: number;
  readonly item: number;
  readonly minute: number;
  readonly description: string;
  readonly amountCents: number;
  readonly cls: TransactionClass;
  readonly bpay: Bpay | null;
  readonly hex: string;
  /** A pending item that never posts (the pending script's hotel hold). */
  readonly released: boolean;
}

type Status = 'posted' | 'pending';

function spendingItem(stream: number, item: number, h: Buffer): RawItem {
  return {
    stream,
    item,
    minute: minuteOf(h),
    description: merchantDescription(h.readUInt32BE(4) % merchants.length),
    amountCents: amountOf(spendingRule, h),
    cls: 'payment',
    bpay: null,
    hex: idOf(h),
    released: false,
  };
}

function isWithinAge(stream: PeriodicStream, age: number): boolean {
  const min = stream.age?.min ?? -Infinity;
  const max = stream.age?.max ?? Infinity;
  return age >= min && age <= max;
}

/** Magnitude × 1.15 rounded half-up to the cent, sign kept (§3.3, the tip), in integer cents. */
export function addTip(amountCents: number): number {
  const tipped = Math.floor((Math.abs(amountCents) * 115 + 50) / 100);
  return amountCents < 0 ? -tipped : tipped;
}

/**
 * The items of account `a` dated day `k` in the given status, in the §2.2 order (time of day,
 * then stream index, then item index). `age` is `D − d` in days.
 */
function itemsOfDay(
  loginId: string,
  a: number,
  spec: AccountSpec,
  k: number,
  date: string,
  age: number,
  status: Status,
): RawItem[] {
  const items: RawItem[] = [];
  spec.streams.forEach((stream, s) => {
    switch (stream.kind) {
      case 'S':
      case 'P':
        if (status === 'pending' && stream.kind === 'P') return;
        for (let i = 0; i < stream.count; i += 1) {
          items.push(spendingItem(s, i, itemDigest(loginId, a, s, date, i)));
        }
        return;
      case 'W':
      case 'F':
      case 'M': {
        if (status === 'pending') return;
        if (mod(k, periods[stream.kind]) !== stream.offset || !isWithinAge(stream, age)) return;
        const h = itemDigest(loginId, a, s, date, 0);
        items.push({
          stream: s,
          item: 0,
          minute: minuteOf(h),
          description: stream.description,
          amountCents: amountOf(stream.amount, h),
          cls: stream.class,
          bpay: stream.bpay ?? null,
          hex: idOf(h),
          released: false,
        });
        return;
      }
      case 'daily':
        for (let i = 0; i < stream.count; i += 1) {
          items.push({
            stream: s,
            item: i,
            minute: stream.minuteOfDay,
            description: stream.description,
            amountCents: stream.amountCents,
            cls: stream.class,
            bpay: null,
            hex: idOf(itemDigest(loginId, a, s, date, i)),
            released: false,
          });
        }
        return;
      case 'pending-script':
        // §3.3: items 0–3 are card spending that post changed; item 4 is a hold that never posts.
        for (let i = 0; i < (status === 'pending' ? 5 : 4); i += 1) {
          const h = itemDigest(loginId, a, s, date, i);
          const base = spendingItem(s, i, h);
          if (i === 4) {
            items.push({
              ...base,
              description: hotelHoldDescription,
              amountCents: amountOf(hotelHoldRule, h),
              released: true,
            });
          } else if (status === 'pending') {
            items.push({ ...base, description: base.description.slice(0, 14).trim() });
          } else if (i === 3) {
            items.push({ ...base, amountCents: addTip(base.amountCents) });
          } else {
            items.push(base);
          }
        }
        return;
      default:
        assertNever(stream);
    }
  });
  // Items were pushed in (stream, item) order and Array#sort is stable, so sorting by time alone
  // gives time, then stream index, then item index.
  return items.sort((x, y) => x.minute - y.minute);
}

/** How many posted items account `spec` has on day `k`, without hashing anything. */
function postedCountOnDay(spec: AccountSpec, k: number, age: number): number {
  let count = 0;
  for (const stream of spec.streams) {
    switch (stream.kind) {
      case 'S':
      case 'P':
      case 'daily':
        count += stream.count;
        break;
      case 'W':
      case 'F':
      case 'M':
        if (mod(k, periods[stream.kind]) === stream.offset && isWithinAge(stream, age)) count += 1;
        break;
      case 'pending-script':
        count += 4;
        break;
      default:
        assertNever(stream);
    }
  }
  return count;
}

/** How many pending items account `spec` has on D (the same every day). */
function pendingCountOf(spec: AccountSpec): number {
  let count = 0;
  for (const stream of spec.streams) {
    if (stream.kind === 'S' || stream.kind === 'daily') count += stream.count;
    if (stream.kind === 'pending-script') count += 5;
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// The window (sandbox.md §2.1)

/** Day numbers of the first and last posted day; empty when `last < first`. */
interface Window {
  readonly first: number;
  readonly last: number;
}

function windowOf(persona: Persona, kD: number): Window {
  const history = persona.history;
  if (history === null) return { first: kD, last: kD - 1 };
  switch (history.kind) {
    case 'days':
      return { first: kD - history.days, last: kD - 1 };
    case 'since':
      // scenario-growing: never slides, so it grows by one day per clock day.
      return { first: dayNumber(history.firstDate), last: kD - 1 };
    default:
      return assertNever(history);
  }
}

/**
 * The persona's history in days on D (`H`); for `scenario-growing` the days from its first date
 * to D − 1 (327 on 2026-11-24). Null for personas with no data.
 */
export function historyDays(persona: Persona, today: string): number | null {
  if (persona.history === null) return null;
  const window = windowOf(persona, dayNumber(today));
  return Math.max(0, window.last - window.first + 1);
}

/**
 * Whether the bank lists day `k`'s earliest posted item twice (`scenario-duplicates`, §3.2: days
 * with `k(d) mod 7 = 0`).
 */
function hasDuplicateRow(persona: Persona, k: number, postedOnDay: number): boolean {
  return persona.behaviour === 'duplicates' && mod(k, 7) === 0 && postedOnDay > 0;
}

// ---------------------------------------------------------------------------------------------
// Accounts

/** An account as both banks serve it on date D (sandbox.md §2.2, §3, §6.3). */
export interface SandboxAccount {
  /** 1-based position in the persona's table (`a`). */
  readonly index: number;
  /** Bank account id: 16 hex characters. */
  readonly id: string;
  readonly name: string;
  readonly type: AccountType;
  readonly product: string;
  /** `999-001` for every account but credit cards, which have none. */
  readonly bsb: string | null;
  /** `10` + persona (3 digits) + account (3 digits); cards `5217 29XX XXXX nnnn`. */
  readonly number: string;
  readonly holder: string;
  readonly currency: 'AUD';
  /** Listed current balance excluding pending, integer cents. */
  readonly balanceCents: number;
  /** Balance + pending (+ credit limit for cards); 0 for mortgages, loans and term deposits. */
  readonly availableFundsCents: number;
  readonly creditLimitCents: number | null;
  /** Distinct posted items on D (the tables' Posted column). */
  readonly postedCount: number;
  /** Posted rows the banks list: `postedCount` plus `scenario-duplicates`' repeated rows. */
  readonly listedPostedCount: number;
  readonly pendingCount: number;
  /** Date of the oldest and newest posted item; null when there is none. */
  readonly firstPostDate: string | null;
  readonly lastPostDate: string | null;
}

function specAt(persona: Persona, accountIndex: number): AccountSpec {
  const spec = persona.accounts[accountIndex - 1];
  if (spec === undefined || !Number.isInteger(accountIndex)) {
    throw new RangeError(`${persona.loginId} has no account ${accountIndex}`);
  }
  return spec;
}

/** The 1-based index of the persona's account with this bank account id, or undefined. */
export function findAccountIndex(persona: Persona, accountId: string): number | undefined {
  const index = persona.accounts.findIndex(
    (_, i) => bankAccountId(persona.loginId, i + 1) === accountId,
  );
  return index < 0 ? undefined : index + 1;
}

function availableFunds(spec: AccountSpec, pendingCents: number): number {
  switch (spec.type) {
    case 'mortgage':
    case 'loan':
    case 'term-deposit':
      return 0;
    case 'credit-card':
      return spec.balanceCents + pendingCents + (spec.creditLimitCents ?? 0);
    case 'transaction':
    case 'savings':
      return spec.balanceCents + pendingCents;
    default:
      return assertNever(spec.type);
  }
}

/** One account of the persona on date D (`today`, `YYYY-MM-DD` in Sydney). */
export function describeAccount(
  persona: Persona,
  accountIndex: number,
  today: string,
): SandboxAccount {
  const spec = specAt(persona, accountIndex);
  const kD = dayNumber(today);
  const window = windowOf(persona, kD);
  let postedCount = 0;
  let listedPostedCount = 0;
  let first: number | null = null;
  let last: number | null = null;
  for (let k = window.first; k <= window.last; k += 1) {
    const count = postedCountOnDay(spec, k, kD - k);
    if (count === 0) continue;
    postedCount += count;
    listedPostedCount += count + (hasDuplicateRow(persona, k, count) ? 1 : 0);
    first ??= k;
    last = k;
  }
  const pendingCents = listPending(persona, accountIndex, today).reduce(
    (sum, t) => sum + t.amountCents,
    0,
  );
  const isCard = spec.type === 'credit-card';
  return {
    index: accountIndex,
    id: bankAccountId(persona.loginId, accountIndex),
    name: spec.name,
    type: spec.type,
    product: spec.product,
    bsb: isCard ? null : '999-001',
    number: isCard
      ? `5217 29XX XXXX ${String(persona.personaNumber * 10 + accountIndex).padStart(4, '0')}`
      : `10${persona.personaNumberText}${String(accountIndex).padStart(3, '0')}`,
    holder: persona.accountHolder,
    currency: 'AUD',
    balanceCents: spec.balanceCents,
    availableFundsCents: availableFunds(spec, pendingCents),
    creditLimitCents: spec.creditLimitCents,
    postedCount,
    listedPostedCount,
    pendingCount: pendingCountOf(spec),
    firstPostDate: first === null ? null : dateOfDayNumber(first),
    lastPostDate: last === null ? null : dateOfDayNumber(last),
  };
}

/** Every account of the persona on date D, in table order (none for personas without data). */
export function listAccounts(persona: Persona, today: string): SandboxAccount[] {
  return persona.accounts.map((_, i) => describeAccount(persona, i + 1, today));
}

// ---------------------------------------------------------------------------------------------
// Transactions

/** A transaction as the banks list it and the ground truth reports it (sandbox.md §2.2, §6.3). */
export interface SandboxTransaction {
  readonly status: 'posted' | 'pending';
  /** Bank transaction id (24 hex, `h[20..31]`) when posted; null when pending (the web bank shows none). */
  readonly id: string | null;
  /** The id at the CDR holder: the same 24 hex when posted, `p-` + those 24 hex when pending. */
  readonly cdrId: string;
  readonly accountId: string;
  /** Transaction date `d` (Sydney calendar date). */
  readonly date: string;
  /** `d` when posted, null when pending. */
  readonly postDate: string | null;
  /** Minutes after Sydney midnight (360–1319; see {@link sydneyDateTime}). */
  readonly minuteOfDay: number;
  /** `HH:MM`, Sydney time. */
  readonly time: string;
  readonly description: string;
  /** Negative for money leaving the account; integer cents. */
  readonly amountCents: number;
  readonly class: TransactionClass;
  readonly cdsType: CdsTransactionType;
  readonly direction: 'credit' | 'debit';
  /** Running balance after this item (posted only), integer cents; null when pending. */
  readonly balanceCents: number | null;
  /** Pending only: the posted id this item becomes tomorrow, or `released`; null when posted. */
  readonly becomes: string | null;
  /** BPAY biller code and CRN, shown on both surfaces; null for other items. */
  readonly bpay: Bpay | null;
  /** The stream index `s` and item index `i` that seeded the item (for tracing). */
  readonly stream: number;
  readonly item: number;
}

function toTransaction(
  raw: RawItem,
  accountId: string,
  date: string,
  status: Status,
  balanceCents: number | null,
): SandboxTransaction {
  const pending = status === 'pending';
  return {
    status,
    id: pending ? null : raw.hex,
    cdrId: pending ? `p-${raw.hex}` : raw.hex,
    accountId,
    date,
    postDate: pending ? null : date,
    minuteOfDay: raw.minute,
    time: timeOfDay(raw.minute),
    description: raw.description,
    amountCents: raw.amountCents,
    class: raw.cls,
    cdsType: cdsTransactionType(raw.cls, raw.amountCents),
    direction: raw.amountCents > 0 ? 'credit' : 'debit',
    balanceCents,
    becomes: pending ? (raw.released ? 'released' : raw.hex) : null,
    bpay: raw.bpay,
    stream: raw.stream,
    item: raw.item,
  };
}

/**
 * The pending items of an account on D, newest first (time descending, then stream and item
 * descending). Empty for accounts whose streams have no pending kind.
 */
export function listPending(
  persona: Persona,
  accountIndex: number,
  today: string,
): SandboxTransaction[] {
  const spec = specAt(persona, accountIndex);
  if (pendingCountOf(spec) === 0) return [];
  const kD = dayNumber(today);
  const accountId = bankAccountId(persona.loginId, accountIndex);
  return itemsOfDay(persona.loginId, accountIndex, spec, kD, today, 0, 'pending')
    .reverse()
    .map((raw) => toTransaction(raw, accountId, today, 'pending', null));
}

/** Which posted items to list and how. Dates are inclusive `YYYY-MM-DD`. */
export interface PostedOptions {
  /** Oldest date to include; default: the oldest posted date. */
  readonly from?: string;
  /** Newest date to include; default: D − 1. */
  readonly to?: string;
  /**
   * List `scenario-duplicates`' repeated rows (§3.2) as the banks do: `true` for the web bank
   * and the CDR holder, `false` (default) for the ground truth, which counts distinct items.
   */
  readonly listDuplicates?: boolean;
}

/** Paging over a listing: `offset` rows skipped, at most `limit` rows returned. */
export interface PageOptions {
  readonly offset?: number;
  readonly limit?: number;
}

/** A page of a listing with the number of rows the whole listing has. */
export interface TransactionPage {
  readonly items: SandboxTransaction[];
  readonly total: number;
}

/** Day-level facts of one account on one D, built once and reused across pages. */
interface DayTotals {
  readonly first: number;
  /** Sum of posted amounts of each day from `first`, integer cents. */
  readonly sums: readonly number[];
}

// Summing a day's amounts needs its hashes; keep the last few (persona, account, D) so that paging
// through scenario-huge is linear rather than quadratic. Values are derived, never state.
const totalsCache = new WeakMap<Persona, Map<string, DayTotals>>();
const totalsPerPersona = 16;

function dayTotals(persona: Persona, accountIndex: number, kD: number): DayTotals {
  let byKey = totalsCache.get(persona);
  if (byKey === undefined) {
    byKey = new Map();
    totalsCache.set(persona, byKey);
  }
  const key = `${accountIndex}|${kD}`;
  const cached = byKey.get(key);
  if (cached !== undefined) return cached;
  const spec = specAt(persona, accountIndex);
  const window = windowOf(persona, kD);
  const sums: number[] = [];
  for (let k = window.first; k <= window.last; k += 1) {
    let sum = 0;
    const date = dateOfDayNumber(k);
    for (const raw of itemsOfDay(persona.loginId, accountIndex, spec, k, date, kD - k, 'posted')) {
      sum += raw.amountCents;
    }
    sums.push(sum);
  }
  const totals: DayTotals = { first: window.first, sums };
  if (byKey.size >= totalsPerPersona) {
    const oldest = byKey.keys().next();
    if (oldest.done !== true) byKey.delete(oldest.value);
  }
  byKey.set(key, totals);
  return totals;
}

/** The posted window clipped to `from … to`, as day numbers. */
function clippedWindow(persona: Persona, kD: number, options: PostedOptions): Window {
  const window = windowOf(persona, kD);
  const from = options.from === undefined ? window.first : dayNumber(options.from);
  const to = options.to === undefined ? window.last : dayNumber(options.to);
  return { first: Math.max(window.first, from), last: Math.min(window.last, to) };
}

/** Rows the bank lists on day k: the distinct items, plus a repeated one on duplicate days. */
function rowsOnDay(
  persona: Persona,
  spec: AccountSpec,
  k: number,
  kD: number,
  listDuplicates: boolean,
): number {
  const count = postedCountOnDay(spec, k, kD - k);
  return count + (listDuplicates && hasDuplicateRow(persona, k, count) ? 1 : 0);
}

/**
 * The posted items of an account on D, newest first: date descending, then the reverse of the
 * §2.2 order within a day (time, stream index, item index descending), each with its running
 * balance. Lazy: a day is generated only when the iteration reaches it, and `offset` skips whole
 * days without generating them.
 */
export function* iteratePosted(
  persona: Persona,
  accountIndex: number,
  today: string,
  options: PostedOptions & { readonly offset?: number } = {},
): Generator<SandboxTransaction, void, undefined> {
  const spec = specAt(persona, accountIndex);
  const kD = dayNumber(today);
  const window = windowOf(persona, kD);
  const range = clippedWindow(persona, kD, options);
  if (range.last < range.first) return;
  const listDuplicates = options.listDuplicates ?? false;
  const accountId = bankAccountId(persona.loginId, accountIndex);
  let skip = Math.max(0, options.offset ?? 0);

  // The balance after the newest item of `range.last` is the account balance minus everything
  // posted after it (§2.2: each earlier running balance is the next one minus the next amount).
  const needsTotals = range.last < window.last || skip > 0;
  const totals = needsTotals ? dayTotals(persona, accountIndex, kD) : null;
  const sumOf = (k: number): number => (totals === null ? 0 : (totals.sums[k - totals.first] ?? 0));
  let balance = spec.balanceCents;
  for (let k = window.last; k > range.last; k -= 1) balance -= sumOf(k);

  for (let k = range.last; k >= range.first; k -= 1) {
    const rows = rowsOnDay(persona, spec, k, kD, listDuplicates);
    if (skip >= rows) {
      skip -= rows;
      balance -= sumOf(k);
      continue;
    }
    const date = dateOfDayNumber(k);
    const items = itemsOfDay(persona.loginId, accountIndex, spec, k, date, kD - k, 'posted');
    const duplicateEarliest = listDuplicates && hasDuplicateRow(persona, k, items.length);
    for (let j = items.length - 1; j >= 0; j -= 1) {
      const raw = items[j];
      if (raw === undefined) continue;
      // The earliest item of a duplicate day is listed twice, adjacent, same id and balance.
      const copies = duplicateEarliest && j === 0 ? 2 : 1;
      for (let c = 0; c < copies; c += 1) {
        if (skip > 0) skip -= 1;
        else yield toTransaction(raw, accountId, date, 'posted', balance);
      }
      balance -= raw.amountCents;
    }
  }
}

/** Counts the posted rows of `iteratePosted` for the same options, without generating them. */
export function countPosted(
  persona: Persona,
  accountIndex: number,
  today: string,
  options: PostedOptions = {},
): number {
  const spec = specAt(persona, accountIndex);
  const kD = dayNumber(today);
  const range = clippedWindow(persona, kD, options);
  let total = 0;
  for (let k = range.first; k <= range.last; k += 1) {
    total += rowsOnDay(persona, spec, k, kD, options.listDuplicates ?? false);
  }
  return total;
}

/**
 * Listings left where a page ended, by persona, so that the next page continues the walk instead
 * of starting over: a bank paging through 20,000 rows 1,000 at a time would otherwise total the
 * whole history again for every page. A few per persona, the oldest dropped first.
 */
const cursors = new WeakMap<Persona, Map<string, Iterator<SandboxTransaction>>>();
const cursorsPerPersona = 8;

/** A page of posted items (see {@link iteratePosted}) and how many rows the listing has in all. */
export function listPosted(
  persona: Persona,
  accountIndex: number,
  today: string,
  options: PostedOptions & PageOptions = {},
): TransactionPage {
  const total = countPosted(persona, accountIndex, today, options);
  const limit = options.limit ?? Infinity;
  const items: SandboxTransaction[] = [];
  if (limit <= 0) return { items, total };
  const offset = Math.max(0, options.offset ?? 0);
  const listing = `${accountIndex}|${today}|${options.from ?? ''}|${options.to ?? ''}|${options.listDuplicates === true}`;
  let byKey = cursors.get(persona);
  if (byKey === undefined) {
    byKey = new Map();
    cursors.set(persona, byKey);
  }
  const key = `${listing}|${offset}`;
  const iterator = byKey.get(key) ?? iteratePosted(persona, accountIndex, today, options);
  byKey.delete(key);
  while (items.length < limit) {
    const next = iterator.next();
    if (next.done === true) break;
    items.push(next.value);
  }
  if (items.length === limit) {
    if (byKey.size >= cursorsPerPersona) {
      const oldest = byKey.keys().next();
      if (oldest.done !== true) byKey.delete(oldest.value);
    }
    byKey.set(`${listing}|${offset + items.length}`, iterator);
  }
  return { items, total };
}

/** Options of {@link iterateTransactions} and {@link listTransactions}. */
export interface TransactionOptions extends PostedOptions {
  /** Include D's pending items, first, when D lies within `from … to` (default true). */
  readonly includePending?: boolean;
}

function pendingWithin(
  persona: Persona,
  accountIndex: number,
  today: string,
  options: TransactionOptions,
): SandboxTransaction[] {
  if (options.includePending === false) return [];
  if (options.from !== undefined && options.from > today) return [];
  if (options.to !== undefined && options.to < today) return [];
  return listPending(persona, accountIndex, today);
}

/**
 * Every transaction of an account on D, lazily: pending items first (newest first), then posted
 * items newest first with running balances. Use it to walk scenario-huge's 20,000 a account.
 */
export function* iterateTransactions(
  persona: Persona,
  accountIndex: number,
  today: string,
  options: TransactionOptions = {},
): Generator<SandboxTransaction, void, undefined> {
  yield* pendingWithin(persona, accountIndex, today, options);
  yield* iteratePosted(persona, accountIndex, today, options);
}

/**
 * A page of {@link iterateTransactions} (pending first, then posted) with the listing's total:
 * the shape of the ground-truth route (sandbox.md §6.3).
 */
export function listTransactions(
  persona: Persona,
  accountIndex: number,
  today: string,
  options: TransactionOptions & PageOptions = {},
): TransactionPage {
  const pending = pendingWithin(persona, accountIndex, today, options);
  const offset = Math.max(0, options.offset ?? 0);
  const limit = options.limit ?? Infinity;
  const pendingPart = pending.slice(offset, offset + limit);
  const posted = listPosted(persona, accountIndex, today, {
    ...options,
    offset: Math.max(0, offset - pending.length),
    limit: limit - pendingPart.length,
  });
  return { items: [...pendingPart, ...posted.items], total: pending.length + posted.total };
}

function assertNever(value: never): never {
  throw new Error(`Unexpected value ${JSON.stringify(value)}`);
}
