// Readers of the web bank's pages (sandbox.md §4). They look only at the ids, classes and data-*
// attributes the bank promises to keep stable; visible text is read only where it is the data
// itself (names, amounts, dates, the bank's error message). A page that lacks what a reader
// needs yields a `LayoutProblem` naming what was missing, never a guess.
import { load, type CheerioAPI } from 'cheerio';
import {
  accountClassTypes,
  transactionClasses,
  type AccountClassType,
  type CalendarDate,
  type ConnectorProfile,
  type ConnectorTransaction,
  type MfaChallenge,
  type Money,
  type TransactionClass,
} from '../connector.ts';
import { walkHtml } from './html-walk.ts';

/** What a page lacked or held that could not be read (becomes `connector-error`). */
export class LayoutProblem extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'LayoutProblem';
  }
}

export function parsePage(html: string): CheerioAPI {
  return load(html);
}

/** Text with runs of white space collapsed, as a reader means it. */
function textOf($: CheerioAPI, selector: string): string {
  return $(selector).first().text().replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Error pages

/** The machine-readable error a page shows: `p.error[data-error]` (sandbox.md §4). */
export interface PageError {
  readonly code: string;
  /** The bank's own message (the element's text), or null when it is empty. */
  readonly message: string | null;
}

const maxMessageLength = 300;

/**
 * The page's `p.error[data-error]`, or the locked page `main#locked` (§4.1) when the code is
 * missing; null when the page shows no error.
 */
export function readPageError($: CheerioAPI): PageError | null {
  const element = $('p.error[data-error]').first();
  if (element.length > 0) {
    const code = (element.attr('data-error') ?? '').trim();
    const text = element.text().replace(/\s+/g, ' ').trim().slice(0, maxMessageLength);
    return { code, message: text === '' ? null : text };
  }
  if ($('main#locked').length > 0) return { code: 'account-locked', message: null };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Forms

/** The `_csrf` value of a form; a LayoutProblem when the form or the field is missing. */
export function readCsrf($: CheerioAPI, formSelector: string): string {
  const form = $(formSelector).first();
  if (form.length === 0) throw new LayoutProblem(`no ${formSelector} on the page`);
  const value = form.find('input[name="_csrf"]').first().attr('value');
  if (value === undefined || value === '') {
    throw new LayoutProblem(`${formSelector} has no _csrf field`);
  }
  return value;
}

/**
 * The session's own `_csrf`, which the bank puts in the logout form of its logged-in pages
 * (`POST /logout` needs it, sandbox.md §4.4); null when the page has none.
 */
export function readSessionCsrf($: CheerioAPI): string | null {
  const value = $('form#logout-form input[name="_csrf"]').first().attr('value');
  return value === undefined || value === '' ? null : value;
}

/** The MFA form (§4.3): the challenge, the answer field names in order, and its `_csrf`. */
export interface MfaForm {
  readonly challenge: MfaChallenge;
  readonly fields: readonly string[];
  readonly csrf: string;
}

export function readMfaForm($: CheerioAPI): MfaForm {
  const form = $('form#mfa-form').first();
  if (form.length === 0) throw new LayoutProblem('no form#mfa-form on the MFA page');
  const method = form.attr('data-method');
  if (method !== 'token' && method !== 'security-questions') {
    throw new LayoutProblem(`form#mfa-form has an unknown data-method "${String(method)}"`);
  }
  const inputs = form
    .find('input')
    .toArray()
    .map((element) => {
      const input = $(element);
      const match = /^answer(\d+)$/.exec(input.attr('name') ?? '');
      return match === null ? null : { index: Number(match[1]), input };
    })
    .filter((entry) => entry !== null)
    .sort((a, b) => a.index - b.index);
  if (inputs.length === 0) throw new LayoutProblem('form#mfa-form has no answer fields');
  const fields: string[] = [];
  const prompts: string[] = [];
  for (const { index, input } of inputs) {
    const name = `answer${index}`;
    const id = input.attr('id') ?? name;
    const label = form
      .find('label')
      .toArray()
      .find((element) => $(element).attr('for') === id);
    const prompt = label === undefined ? '' : $(label).text().replace(/\s+/g, ' ').trim();
    if (prompt === '') throw new LayoutProblem(`no label[for] for the MFA field ${name}`);
    fields.push(name);
    prompts.push(prompt);
  }
  const description = textOf($, 'p#mfa-description');
  return {
    challenge: { method, description: description === '' ? null : description, input: prompts },
    fields,
    csrf: readCsrf($, 'form#mfa-form'),
  };
}

// ---------------------------------------------------------------------------------------------
// Values

const moneyPattern = /^([-−])?\$(\d{1,3}(?:,\d{3})*|\d+)\.(\d{2})$/;

/**
 * A bank amount (`-$1,234.56`, `$0.50`) as the API's decimal string (`"-1234.56"`), without ever
 * going through a float. `-$0.00` reads as `"0.00"`.
 */
export function parseBankMoney(text: string): Money {
  const plain = plainMoney(text);
  if (plain !== null) return plain;
  const match = moneyPattern.exec(/\s/.test(text) ? text.replace(/\s+/g, '') : text);
  if (match === null) throw new LayoutProblem(`amount "${text}" not understood`);
  const [, sign, units = '', cents = ''] = match;
  const digits = units.includes(',') ? units.replace(/,/g, '') : units;
  const whole =
    digits.length > 1 && digits.startsWith('0') ? digits.replace(/^0+(?=\d)/, '') : digits;
  const negative = sign !== undefined && !(whole === '0' && cents === '00');
  return `${negative ? '-' : ''}${whole}.${cents}`;
}

/**
 * {@link parseBankMoney} of an amount written the usual way (`-$1,234.56`: no spaces, no leading
 * zeros, a hyphen for minus), read character by character; null for anything else, which the
 * pattern then reads. A page holds thousands of amounts.
 */
function plainMoney(text: string): Money | null {
  const negative = text.charCodeAt(0) === 45; // '-'
  const dollar = negative ? 1 : 0;
  const dot = text.length - 3;
  if (text.charCodeAt(dollar) !== 36 || text.charCodeAt(dot) !== 46) return null; // '$', '.'
  const first = dollar + 1;
  if (dot <= first || (text.charCodeAt(first) === 48 && dot > first + 1)) return null; // '0…'
  if (!text.includes(',')) {
    for (let i = first; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (i !== dot && (code < 48 || code > 57)) return null;
    }
    const zero = dot === first + 1 && text.charCodeAt(first) === 48 && text.endsWith('00');
    return negative && !zero ? `-${text.slice(first)}` : text.slice(first);
  }
  let whole = '';
  let from = first;
  for (let i = first; i < dot; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 44) {
      // ',' after one to three digits, then every three.
      if (i === first || (from !== first && i - from !== 3) || i - from > 3 || dot - i < 4) {
        return null;
      }
      whole += text.slice(from, i);
      from = i + 1;
    } else if (code < 48 || code > 57) {
      return null;
    }
  }
  if (from !== first && dot - from !== 3) return null;
  whole += text.slice(from, dot);
  for (let i = dot + 1; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return null;
  }
  const zero = whole === '0' && text.endsWith('00');
  return negative && !zero ? `-${whole}${text.slice(dot)}` : `${whole}${text.slice(dot)}`;
}

/** An amount cell that may be empty (pending rows' balances, cards' empty credit limit). */
export function parseOptionalMoney(text: string): Money | null {
  return text.trim() === '' ? null : parseBankMoney(text);
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A bank date (`4 Mar 2026`) as `YYYY-MM-DD`. */
export function parseBankDate(text: string): CalendarDate {
  const match = /^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$/.exec(text.replace(/\s+/g, ' ').trim());
  const month = match === null ? -1 : months.indexOf(match[2] ?? '');
  if (match !== null && month >= 0) {
    const date = `${match[3]}-${String(month + 1).padStart(2, '0')}-${(match[1] ?? '').padStart(2, '0')}`;
    const ms = Date.UTC(Number(match[3]), month, Number(match[1]));
    // 31 Feb would roll over into March: a date that does not round-trip is not a date.
    if (new Date(ms).toISOString().slice(0, 10) === date) return date;
  }
  throw new LayoutProblem(`date "${text}" not understood`);
}

function toClassType(value: string | undefined): AccountClassType {
  return accountClassTypes.find((type) => type === value) ?? 'unknown';
}

function toTransactionClass(value: string | undefined): TransactionClass | null {
  return transactionClasses.find((cls) => cls === value) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Accounts (§4.4)

/** One row of `table#accounts`. */
export interface AccountRow {
  readonly id: string;
  readonly name: string;
  readonly bsb: string;
  readonly number: string;
  readonly classType: AccountClassType;
  readonly balance: Money | null;
  readonly available: Money | null;
}

/**
 * What the accounts page shows, read in one streaming pass ({@link walkHtml}, no DOM): it is read
 * on every refresh. `rows` holds the rows of the first `table#accounts` (its `tr[data-account-id]`
 * rows, each cell by class, the first of a class winning), null without such a table.
 */
export interface AccountsPage {
  readonly rows: readonly AccountCells[] | null;
  /** Whether the page shows the login form (`form#login-form`) instead. */
  readonly loginForm: boolean;
  /** The session's `_csrf` from the page's logout form (see {@link readSessionCsrf}). */
  readonly sessionCsrf: string | null;
}

/** A `tr[data-account-id]` as read: its id and its cells by class. */
export interface AccountCells {
  readonly id: string;
  readonly cells: ReadonlyMap<string, OpenCell>;
}

export function readAccountsPage(html: string): AccountsPage {
  let tableDepth = -1;
  let rows: AccountCells[] | null = null;
  let row: { id: string; depth: number; cells: Map<string, OpenCell> } | null = null;
  let cell: OpenCell | null = null;
  let cellDepth = -1;
  let loginForm = false;
  let logoutDepth = -1;
  let sessionCsrf: string | undefined;
  walkHtml(html, {
    open(name, attributes, depth) {
      if (name === 'table' && tableDepth === -1 && attributes.get('id') === 'accounts') {
        tableDepth = depth;
        rows = [];
      } else if (tableDepth >= 0 && row === null && name === 'tr') {
        const id = attributes.get('data-account-id');
        if (id !== undefined) row = { id: id.trim(), depth, cells: new Map() };
      } else if (row !== null && cell === null && name === 'td') {
        const opened: OpenCell = {
          text: '',
          kind: attributes.get('data-type'),
          biller: undefined,
          crn: undefined,
        };
        for (const cls of classesOf(attributes.get('class'))) {
          if (!row.cells.has(cls)) row.cells.set(cls, opened);
        }
        cell = opened;
        cellDepth = depth;
      } else if (name === 'form') {
        const id = attributes.get('id');
        if (id === 'login-form') loginForm = true;
        else if (id === 'logout-form' && logoutDepth === -1) logoutDepth = depth;
      } else if (logoutDepth >= 0 && name === 'input' && attributes.get('name') === '_csrf') {
        sessionCsrf ??= attributes.get('value') ?? '';
      }
    },
    close(_name, depth) {
      if (depth === cellDepth) {
        cell = null;
        cellDepth = -1;
      } else if (row !== null && depth === row.depth) {
        rows?.push({ id: row.id, cells: row.cells });
        row = null;
      } else if (depth === tableDepth) {
        tableDepth = -2;
      } else if (depth === logoutDepth) {
        logoutDepth = -2;
      }
    },
    wantsText: () => cell !== null,
    text(text) {
      if (cell !== null) cell.text = cell.text === '' ? text : cell.text + text;
    },
  });
  return {
    rows,
    loginForm,
    sessionCsrf: sessionCsrf === undefined || sessionCsrf === '' ? null : sessionCsrf,
  };
}

/** The accounts list; a LayoutProblem when `table#accounts` is missing (§4.6's changed layout). */
export function readAccounts(page: AccountsPage): AccountRow[] {
  if (page.rows === null) throw new LayoutProblem('no table#accounts on the accounts page');
  return page.rows.map(({ id, cells }) => {
    const text = (name: string) => cellText(cells.get(name));
    const name = text('name');
    if (id === '' || name === '') throw new LayoutProblem('an account row has no id or name');
    return {
      id,
      name,
      bsb: text('bsb'),
      number: text('number'),
      classType: toClassType(cells.get('type')?.kind),
      balance: parseOptionalMoney(text('balance')),
      available: parseOptionalMoney(text('available')),
    };
  });
}

/** The `dd[data-field]` values of the list `selector` picks; null when the page has none. */
function readFields($: CheerioAPI, selector: string): Map<string, string> | null {
  const list = $(selector).first();
  if (list.length === 0) return null;
  const fields = new Map<string, string>();
  for (const element of list.find('dd[data-field]').toArray()) {
    const dd = $(element);
    fields.set(dd.attr('data-field') ?? '', dd.text().replace(/\s+/g, ' ').trim());
  }
  return fields;
}

/** The `dd[data-field]` values of `dl#account` (the account details page). */
export function readAccountDetails($: CheerioAPI): ReadonlyMap<string, string> {
  const fields = readFields($, 'dl#account');
  if (fields === null) throw new LayoutProblem('no dl#account on the account page');
  return fields;
}

/**
 * The customer of `dl#profile` (the profile page, §4.4): a field the page leaves out is empty,
 * and the full name is the first and last names when the page has none. Null when the page shows
 * no profile.
 */
export function readProfile($: CheerioAPI): ConnectorProfile | null {
  const fields = readFields($, 'dl#profile');
  if (fields === null) return null;
  const text = (name: string) => fields.get(name) ?? '';
  const list = (name: string) => (text(name) === '' ? [] : [text(name)]);
  const firstName = text('firstName');
  const lastName = text('lastName');
  return {
    fullName: text('fullName') || [firstName, lastName].filter((n) => n !== '').join(' '),
    firstName,
    middleName: text('middleName'),
    lastName,
    emailAddresses: list('email'),
    phoneNumbers: list('phone'),
    physicalAddresses: list('address'),
  };
}

// ---------------------------------------------------------------------------------------------
// Transactions (§4.4)

/** A page of `table#transactions`: pending rows, posted rows and the next page's link. */
export interface TransactionsPage {
  readonly pending: ConnectorTransaction[];
  readonly posted: ConnectorTransaction[];
  /** The `href` of `nav.pagination a[rel="next"]`, or null on the last page. */
  readonly next: string | null;
  /** The session's `_csrf` from the page's logout form (see {@link readSessionCsrf}). */
  readonly sessionCsrf: string | null;
}

/** A `td` of a row being read: its text so far and the attributes a row's reading uses. */
interface OpenCell {
  text: string;
  readonly kind: string | undefined;
  readonly biller: string | undefined;
  readonly crn: string | undefined;
}

/** A `tr` being read: its id and its cells by class (the first cell of a class wins). */
interface OpenRow {
  readonly id: string | undefined;
  date?: OpenCell;
  description?: OpenCell;
  amount?: OpenCell;
  type?: OpenCell;
  balance?: OpenCell;
}

type CellClass = 'date' | 'description' | 'amount' | 'type' | 'balance';
const cellClasses: readonly CellClass[] = ['date', 'description', 'amount', 'type', 'balance'];

function isCellClass(name: string): name is CellClass {
  return (cellClasses as readonly string[]).includes(name);
}

/**
 * Reads a transactions page from its HTML in one streaming pass ({@link walkHtml}, no DOM): a
 * 1,000-row page builds tens of thousands of nodes as a tree, and building and collecting them
 * cost several times the reading itself on a 100,000-row history. It reads exactly what the DOM
 * readers would: the direct `tr` children of `tbody#pending` and `tbody#posted` inside
 * `table#transactions`, each row's `td` cells by class (the first cell of a class wins), the
 * first `nav.pagination a[rel="next"]` and the logout form's `_csrf`.
 */
export function readTransactions(html: string, currency: string): TransactionsPage {
  let tableDepth = -1;
  let section: { posted: boolean; depth: number } | null = null;
  let row: OpenRow | null = null;
  let cell: OpenCell | null = null;
  let cellDepth = -1;
  let navDepth = -1;
  let logoutDepth = -1;
  let next: string | null | undefined;
  let sessionCsrf: string | null | undefined;
  const pending: ConnectorTransaction[] = [];
  const posted: ConnectorTransaction[] = [];
  const dates = new Map<string, CalendarDate>();

  walkHtml(html, {
    open(name, attributes, depth) {
      if (name === 'table' && tableDepth < 0 && attributes.get('id') === 'transactions') {
        tableDepth = depth;
      } else if (tableDepth >= 0 && section === null && name === 'tbody') {
        const id = attributes.get('id');
        if (id === 'pending' || id === 'posted') section = { posted: id === 'posted', depth };
      } else if (section !== null && row === null && name === 'tr' && depth === section.depth + 1) {
        row = { id: attributes.get('data-txn-id') };
      } else if (
        row !== null &&
        section !== null &&
        cell === null &&
        name === 'td' &&
        depth === section.depth + 2
      ) {
        // Most cells have one class: read the attributes only the cell of that class needs.
        const only = attributes.oneOf('class', cellClasses) ?? null;
        const opened: OpenCell = {
          text: '',
          kind: only === null || only === 'type' ? attributes.get('data-kind') : undefined,
          biller:
            only === null || only === 'description' ? attributes.get('data-biller') : undefined,
          crn: only === null || only === 'description' ? attributes.get('data-crn') : undefined,
        };
        cell = opened;
        cellDepth = depth;
        if (only !== null) row[only] ??= opened;
        else {
          for (const cls of classesOf(attributes.get('class'))) {
            if (isCellClass(cls)) row[cls] ??= opened;
          }
        }
      } else if (
        name === 'nav' &&
        navDepth < 0 &&
        classesOf(attributes.get('class')).includes('pagination')
      ) {
        navDepth = depth;
      } else if (navDepth >= 0 && name === 'a' && attributes.get('rel') === 'next') {
        next ??= attributes.get('href') ?? '';
      } else if (name === 'form' && logoutDepth < 0 && attributes.get('id') === 'logout-form') {
        logoutDepth = depth;
      } else if (logoutDepth >= 0 && name === 'input' && attributes.get('name') === '_csrf') {
        sessionCsrf ??= attributes.get('value') ?? '';
      }
    },
    close(_name, depth) {
      if (depth === cellDepth) {
        cell = null;
        cellDepth = -1;
      } else if (row !== null && section !== null && depth === section.depth + 1) {
        (section.posted ? posted : pending).push(toListed(row, section.posted, currency, dates));
        row = null;
      } else if (section !== null && depth === section.depth) {
        section = null;
      } else if (depth === tableDepth) {
        tableDepth = -2;
      } else if (depth === navDepth) {
        navDepth = -2;
      } else if (depth === logoutDepth) {
        logoutDepth = -2;
      }
    },
    wantsText: () => cell !== null,
    text(text) {
      if (cell !== null) cell.text = cell.text === '' ? text : cell.text + text;
    },
  });
  if (tableDepth === -1) throw new LayoutProblem('no table#transactions on the transactions page');
  return {
    pending,
    posted,
    next: next === undefined || next === '' ? null : next,
    sessionCsrf: sessionCsrf === undefined || sessionCsrf === '' ? null : sessionCsrf,
  };
}

/** An element's class names (most cells have one: no regular expression then). */
function classesOf(value: string | undefined): readonly string[] {
  if (value === undefined || value === '') return [];
  return /\s/.test(value) ? value.split(/\s+/).filter((name) => name !== '') : [value];
}

/** A cell's text with runs of white space collapsed, as a reader means it. */
function cellText(cell: OpenCell | undefined): string {
  if (cell === undefined) return '';
  const text = cell.text;
  return /^\S(?:\S| (?=\S))*$/.test(text) ? text : text.replace(/\s+/g, ' ').trim();
}

/** A row as the connector contract lists it (connector.ts). */
function toListed(
  row: OpenRow,
  posted: boolean,
  currency: string,
  dates: Map<string, CalendarDate>,
): ConnectorTransaction {
  const id = (row.id ?? '').trim();
  if (posted && id === '') throw new LayoutProblem('a posted transaction row has no id');
  const billerCode = row.description?.biller;
  const crn = row.description?.crn;
  const dateText = cellText(row.date);
  let date = dates.get(dateText);
  if (date === undefined) {
    date = parseBankDate(dateText);
    dates.set(dateText, date);
  }
  const amount = parseBankMoney(cellText(row.amount));
  return {
    status: posted ? 'posted' : 'pending',
    bankTransactionId: id === '' ? null : id,
    description: cellText(row.description),
    amount,
    currency,
    balance: posted ? parseOptionalMoney(cellText(row.balance)) : null,
    direction: amount.startsWith('-') || amount === '0.00' ? 'debit' : 'credit',
    class: toTransactionClass(row.type?.kind),
    transactionDate: date,
    postDate: posted ? date : null,
    bpay:
      billerCode !== undefined && crn !== undefined && billerCode !== ''
        ? { billerCode, billerName: null, crn }
        : null,
  };
}
