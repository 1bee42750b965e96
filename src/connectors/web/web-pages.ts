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
  type ConnectorBpay,
  type MfaChallenge,
  type Money,
  type TransactionClass,
} from '../connector.ts';

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
  const match = moneyPattern.exec(text.replace(/\s+/g, ''));
  if (match === null) throw new LayoutProblem(`amount "${text}" not understood`);
  const [, sign, units = '', cents = ''] = match;
  const whole = units.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  const negative = sign !== undefined && !(whole === '0' && cents === '00');
  return `${negative ? '-' : ''}${whole}.${cents}`;
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

/** The accounts list; a LayoutProblem when `table#accounts` is missing (§4.6's changed layout). */
export function readAccounts($: CheerioAPI): AccountRow[] {
  const table = $('table#accounts').first();
  if (table.length === 0) throw new LayoutProblem('no table#accounts on the accounts page');
  return table
    .find('tr[data-account-id]')
    .toArray()
    .map((element) => {
      const row = $(element);
      const id = (row.attr('data-account-id') ?? '').trim();
      const cell = (name: string) =>
        row.find(`td.${name}`).first().text().replace(/\s+/g, ' ').trim();
      const name = cell('name');
      if (id === '' || name === '') throw new LayoutProblem('an account row has no id or name');
      return {
        id,
        name,
        bsb: cell('bsb'),
        number: cell('number'),
        classType: toClassType(row.find('td.type').first().attr('data-type')),
        balance: parseOptionalMoney(cell('balance')),
        available: parseOptionalMoney(cell('available')),
      };
    });
}

/** The `dd[data-field]` values of `dl#account` (the account details page). */
export function readAccountDetails($: CheerioAPI): ReadonlyMap<string, string> {
  const list = $('dl#account').first();
  if (list.length === 0) throw new LayoutProblem('no dl#account on the account page');
  const fields = new Map<string, string>();
  for (const element of list.find('dd[data-field]').toArray()) {
    const dd = $(element);
    fields.set(dd.attr('data-field') ?? '', dd.text().replace(/\s+/g, ' ').trim());
  }
  return fields;
}

// ---------------------------------------------------------------------------------------------
// Transactions (§4.4)

/** One transaction row, already read into values. */
export interface TransactionRow {
  readonly id: string | null;
  readonly date: CalendarDate;
  readonly description: string;
  readonly amount: Money;
  readonly balance: Money | null;
  readonly class: TransactionClass | null;
  readonly bpay: ConnectorBpay | null;
}

/** A page of `table#transactions`: pending rows, posted rows and the next page's link. */
export interface TransactionsPage {
  readonly pending: TransactionRow[];
  readonly posted: TransactionRow[];
  /** The `href` of `nav.pagination a[rel="next"]`, or null on the last page. */
  readonly next: string | null;
}

/** The text of a parsed node and its descendants, as Cheerio's `.text()` gives it. */
function nodeText(node: { data?: unknown; children?: unknown }): string {
  if (typeof node.data === 'string') return node.data;
  if (!Array.isArray(node.children)) return '';
  let text = '';
  for (const child of node.children as { data?: unknown; children?: unknown }[]) {
    text += nodeText(child);
  }
  return text;
}

export function readTransactions($: CheerioAPI): TransactionsPage {
  const table = $('table#transactions').first();
  if (table.length === 0) throw new LayoutProblem('no table#transactions on the transactions page');
  // One pass over each row's cells, on the parsed nodes themselves: a selector query or a Cheerio
  // wrapper per cell costs several times more on a 20,000-row history (and as much in GC).
  const rowsOf = (selector: string, posted: boolean): TransactionRow[] =>
    table
      .find(selector)
      .children('tr')
      .toArray()
      .map((element) => {
        const cells = new Map<string, (typeof element.children)[number]>();
        for (const child of element.children) {
          if (!('attribs' in child) || child.name !== 'td') continue;
          for (const name of (child.attribs.class ?? '').split(/\s+/)) {
            if (name !== '' && !cells.has(name)) cells.set(name, child);
          }
        }
        const cell = (name: string) => {
          const found = cells.get(name);
          return found ? nodeText(found).replace(/\s+/g, ' ').trim() : '';
        };
        const attribute = (name: string, attribute: string): string | undefined => {
          const found = cells.get(name);
          return found && 'attribs' in found ? found.attribs[attribute] : undefined;
        };
        const id = ('attribs' in element ? (element.attribs['data-txn-id'] ?? '') : '').trim();
        if (posted && id === '') throw new LayoutProblem('a posted transaction row has no id');
        const billerCode = attribute('description', 'data-biller');
        const crn = attribute('description', 'data-crn');
        return {
          id: id === '' ? null : id,
          date: parseBankDate(cell('date')),
          description: cell('description'),
          amount: parseBankMoney(cell('amount')),
          balance: posted ? parseOptionalMoney(cell('balance')) : null,
          class: toTransactionClass(attribute('type', 'data-kind')),
          bpay:
            billerCode !== undefined && crn !== undefined && billerCode !== ''
              ? { billerCode, billerName: null, crn }
              : null,
        };
      });
  const next = $('nav.pagination a[rel="next"]').first().attr('href');
  return {
    pending: rowsOf('tbody#pending', false),
    posted: rowsOf('tbody#posted', true),
    next: next === undefined || next === '' ? null : next,
  };
}
