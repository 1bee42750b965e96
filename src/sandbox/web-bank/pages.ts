// The web bank's pages (sandbox.md §4). Every id, class and data-* attribute named in §4 is the
// contract a connector scrapes; visible text may change. Every value is escaped by `html`.
import type { SandboxAccount, SandboxTransaction } from '../generator.ts';
import type { AccountType, MfaChallenge, Persona, TransactionClass } from '../personas.ts';
import { formatBankDate, formatMoney } from './format.ts';
import { escapeHtml, html, SafeHtml } from './html.ts';

/** The bank a page belongs to: its name and web base path (`/sandbox/web/<slug>`). */
export interface BankInfo {
  readonly name: string;
  readonly basePath: string;
}

const typeLabels: Readonly<Record<AccountType, string>> = {
  transaction: 'Transaction',
  savings: 'Savings',
  'credit-card': 'Credit card',
  loan: 'Loan',
  mortgage: 'Mortgage',
  'term-deposit': 'Term deposit',
};

const kindLabels: Readonly<Record<TransactionClass, string>> = {
  payment: 'Payment',
  'direct-credit': 'Direct credit',
  transfer: 'Transfer',
  'cash-withdrawal': 'Cash withdrawal',
  'bank-fee': 'Bank fee',
  interest: 'Interest',
  'loan-interest': 'Loan interest',
  'loan-repayment': 'Loan repayment',
};

function layout(bank: BankInfo, title: string, body: SafeHtml, menu?: { csrf: string }): string {
  const nav =
    menu === undefined
      ? null
      : html`<nav id="menu">
          <a href="${bank.basePath}/accounts">Accounts</a>
          <a href="${bank.basePath}/profile">Profile</a>
          <form id="logout-form" method="post" action="${bank.basePath}/logout">
            <input type="hidden" name="_csrf" value="${menu.csrf}" />
            <button type="submit">Log out</button>
          </form>
        </nav>`;
  return html`<!doctype html>
    <html lang="en-AU">
      <head>
        <meta charset="utf-8" />
        <title>${title} &middot; ${bank.name}</title>
      </head>
      <body>
        <header>
          <h1 class="bank-name">${bank.name}</h1>
          ${nav}
        </header>
        ${body}
      </body>
    </html> `.text;
}

/** What the login page shows besides the form. */
export interface LoginPageOptions {
  readonly csrf: string;
  /** `p.notice[data-notice="session-expired"]` (`login?expired=1`). */
  readonly expired?: boolean;
  /** `p.error[data-error=<code>]` with its text. */
  readonly error?: { readonly code: string; readonly message: string };
}

/** `GET /login` and every outcome that answers with the login page (§4.1, §4.3). */
export function loginPage(bank: BankInfo, options: LoginPageOptions): string {
  const notice = options.expired
    ? html`<p class="notice" data-notice="session-expired">
        Your session has ended. Please log in again.
      </p>`
    : null;
  const error = options.error
    ? html`<p class="error" data-error="${options.error.code}">${options.error.message}</p>`
    : null;
  return layout(
    bank,
    'Log in',
    html`<main id="login">
      <h2>Log in to ${bank.name}</h2>
      ${notice}${error}
      <form id="login-form" method="post" action="login">
        <label for="loginId">Login ID</label>
        <input id="loginId" name="loginId" type="text" autocomplete="username" />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" />
        <input type="hidden" name="_csrf" value="${options.csrf}" />
        <button type="submit">Log in</button>
      </form>
      <p><a href="${bank.basePath}/forgot">Forgotten your password?</a></p>
    </main>`,
  );
}

/** `main#locked` (§4.1, `scenario-lockout`). */
export function lockedPage(bank: BankInfo): string {
  return layout(
    bank,
    'Locked',
    html`<main id="locked">
      <p class="error" data-error="account-locked">
        Too many failed logins: this login is locked. Try again later.
      </p>
    </main>`,
  );
}

/** A page that only says what went wrong: `p.error[data-error=<code>]`. */
export function errorPage(bank: BankInfo, title: string, code: string, message: string): string {
  return layout(
    bank,
    title,
    html`<main id="error">
      <h2>${title}</h2>
      <p class="error" data-error="${code}">${message}</p>
    </main>`,
  );
}

/** A page for a path with no bank behind it (unknown slug or path). */
export function notFoundPage(): string {
  return html`<!doctype html>
    <html lang="en-AU">
      <head>
        <meta charset="utf-8" />
        <title>Not found</title>
      </head>
      <body>
        <main id="error"><p class="error" data-error="not-found">There is no such page.</p></main>
      </body>
    </html> `.text;
}

/** `GET /mfa` (§4.3): one input per question, each with its `label[for]`. */
export function mfaPage(bank: BankInfo, challenge: MfaChallenge, csrf: string): string {
  const description =
    challenge.method === 'token'
      ? 'Enter the one-time password sent to your phone.'
      : 'Answer your security questions.';
  const inputs = challenge.questions.map(
    (question, i) =>
      html`<p>
        <label for="answer${i}">${question}</label>
        <input id="answer${i}" name="answer${i}" type="text" autocomplete="off" />
      </p>`,
  );
  return layout(
    bank,
    'Verify',
    html`<main id="mfa">
      <form id="mfa-form" method="post" action="mfa" data-method="${challenge.method}">
        <p id="mfa-description">${description}</p>
        ${inputs}
        <input type="hidden" name="_csrf" value="${csrf}" />
        <button type="submit">Continue</button>
      </form>
    </main>`,
  );
}

/** `GET /notice` (§4.5): with a form for `scenario-terms`, without for `erlich`. */
export function noticePage(bank: BankInfo, canAccept: boolean, csrf: string): string {
  const form = canAccept
    ? html`<form id="notice-form" method="post" action="notice/accept">
        <input type="hidden" name="_csrf" value="${csrf}" />
        <button type="submit">I accept the new terms</button>
      </form>`
    : html`<p>Please call us on 13 00 00 to continue using online banking.</p>`;
  return layout(
    bank,
    'Notice',
    html`<main id="notice">
      <p class="error" data-error="notice-pending">
        We need your attention before you can continue to online banking.
      </p>
      ${form}
    </main>`,
  );
}

function moneyOrEmpty(cents: number | null): string {
  return cents === null ? '' : formatMoney(cents);
}

/** `GET /accounts` (§4.4): `table#accounts`. */
export function accountsPage(
  bank: BankInfo,
  accounts: readonly SandboxAccount[],
  csrf: string,
): string {
  const rows = accounts.map(
    (a) =>
      html`<tr data-account-id="${a.id}">
        <td class="name">${a.name}</td>
        <td class="bsb">${a.bsb ?? ''}</td>
        <td class="number">${a.number}</td>
        <td class="type" data-type="${a.type}">${typeLabels[a.type]}</td>
        <td class="balance">${formatMoney(a.balanceCents)}</td>
        <td class="available">${formatMoney(a.availableFundsCents)}</td>
        <td><a class="details" href="accounts/${a.id}">Details</a></td>
      </tr>`,
  );
  return layout(
    bank,
    'Accounts',
    html`<main id="accounts-page">
      <h2>Your accounts</h2>
      <table id="accounts">
        <thead>
          <tr>
            <th>Account</th>
            <th>BSB</th>
            <th>Number</th>
            <th>Type</th>
            <th>Balance</th>
            <th>Available</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </main>`,
    { csrf },
  );
}

/**
 * The changed accounts page (§4.6): cards, and none of the ids, classes or data-* attributes of
 * §4.4, so a connector that relies on them finds nothing.
 */
export function accountCardsPage(
  bank: BankInfo,
  accounts: readonly SandboxAccount[],
  csrf: string,
): string {
  const cards = accounts.map(
    (a) =>
      html`<section class="card">
        <h3>${a.name}</h3>
        <p>${a.bsb === null ? a.number : `${a.bsb} ${a.number}`} · ${typeLabels[a.type]}</p>
        <p>
          Balance ${formatMoney(a.balanceCents)} · Available ${formatMoney(a.availableFundsCents)}
        </p>
        <a href="accounts/${a.id}">View</a>
      </section>`,
  );
  return layout(
    bank,
    'Accounts',
    html`<main>
      <h2>Your accounts</h2>
      <div id="account-cards">${cards}</div>
    </main>`,
    { csrf },
  );
}

/** `GET /accounts/{id}` (§4.4): `dl#account`. */
export function accountPage(bank: BankInfo, a: SandboxAccount, csrf: string): string {
  const fields: readonly (readonly [string, string, string])[] = [
    ['name', 'Name', a.name],
    ['product', 'Product', a.product],
    ['type', 'Type', typeLabels[a.type]],
    ['bsb', 'BSB', a.bsb ?? ''],
    ['number', 'Account number', a.number],
    ['holder', 'Account holder', a.holder],
    ['currency', 'Currency', a.currency],
    ['balance', 'Balance', formatMoney(a.balanceCents)],
    ['available', 'Available funds', formatMoney(a.availableFundsCents)],
    ['creditLimit', 'Credit limit', moneyOrEmpty(a.creditLimitCents)],
  ];
  const items = fields.map(([field, label, value]) =>
    field === 'type'
      ? html`<dt>${label}</dt>
          <dd data-field="type" data-type="${a.type}">${value}</dd>`
      : html`<dt>${label}</dt>
          <dd data-field="${field}">${value}</dd>`,
  );
  return layout(
    bank,
    a.name,
    html`<main id="account-page">
      <h2>${a.name}</h2>
      <dl id="account">${items}</dl>
      <p>
        <a class="transactions" href="${bank.basePath}/accounts/${a.id}/transactions"
          >Transactions</a
        >
      </p>
    </main>`,
    { csrf },
  );
}

/** `GET /profile` (§4.4): `dl#profile`. */
export function profilePage(bank: BankInfo, persona: Persona, csrf: string): string {
  const fields: readonly (readonly [string, string, string])[] = [
    ['fullName', 'Name', persona.fullName],
    ['firstName', 'First name', persona.firstName],
    ['lastName', 'Last name', persona.lastName],
    ['email', 'E-mail', persona.email],
    ['phone', 'Phone', persona.maskedPhone],
  ];
  const items = fields.map(
    ([field, label, value]) =>
      html`<dt>${label}</dt>
        <dd data-field="${field}">${value}</dd>`,
  );
  return layout(
    bank,
    'Profile',
    html`<main id="profile-page">
      <h2>Your details</h2>
      <dl id="profile">${items}</dl>
    </main>`,
    { csrf },
  );
}

/**
 * The rows of `tbody#pending` / `tbody#posted`, one line each. Built by plain concatenation with
 * every value escaped, not through the `html` tag: a page holds up to 1,000 rows, and the tag's
 * fragments per cell cost more than the rest of the page.
 */
/** The `td.type` cell of each transaction class, escaped once. */
const kindCells = Object.fromEntries(
  Object.entries(kindLabels).map(([kind, label]) => [
    kind,
    `<td class="type" data-kind="${escapeHtml(kind)}">${escapeHtml(label)}</td>`,
  ]),
) as Readonly<Record<TransactionClass, string>>;

function transactionRows(rows: readonly SandboxTransaction[]): SafeHtml {
  let out = '';
  // Rows come by date: each date is written once for the run of rows that share it.
  let date = '';
  let dateCell = '';
  for (const t of rows) {
    if (t.date !== date) {
      date = t.date;
      dateCell = `<td class="date">${escapeHtml(formatBankDate(date))}</td>`;
    }
    // BPAY rows carry the biller code and CRN as attributes of the description cell (§4.4).
    const bpay =
      t.bpay === null
        ? ''
        : ` data-biller="${escapeHtml(t.bpay.billerCode)}" data-crn="${escapeHtml(t.bpay.crn)}"`;
    const id = t.id === null ? '' : ` data-txn-id="${escapeHtml(t.id)}"`;
    out +=
      `<tr${id}>${dateCell}` +
      `<td class="description"${bpay}>${escapeHtml(t.description)}</td>` +
      `<td class="amount">${escapeHtml(formatMoney(t.amountCents))}</td>` +
      kindCells[t.class] +
      `<td class="balance">${escapeHtml(moneyOrEmpty(t.balanceCents))}</td></tr>\n`;
  }
  return new SafeHtml(out);
}

/** What the transactions page lists and where its page links point. */
export interface TransactionsPageContent {
  readonly account: SandboxAccount;
  readonly pending: readonly SandboxTransaction[];
  readonly posted: readonly SandboxTransaction[];
  readonly page: number;
  /** Links to the previous and next pages; null when there is none. */
  readonly previousHref: string | null;
  readonly nextHref: string | null;
}

/** `GET /accounts/{id}/transactions` (§4.4): `table#transactions` and `nav.pagination`. */
export function transactionsPage(
  bank: BankInfo,
  content: TransactionsPageContent,
  csrf: string,
): string {
  const previous =
    content.previousHref === null
      ? null
      : html`<a rel="prev" href="${content.previousHref}">Newer</a>`;
  const next =
    content.nextHref === null ? null : html`<a rel="next" href="${content.nextHref}">Older</a>`;
  return layout(
    bank,
    `${content.account.name} transactions`,
    html`<main id="transactions-page">
      <h2>${content.account.name}</h2>
      <table id="transactions">
        <thead>
          <tr>
            <th>Date</th>
            <th>Description</th>
            <th>Amount</th>
            <th>Type</th>
            <th>Balance</th>
          </tr>
        </thead>
        <tbody id="pending">
          ${transactionRows(content.pending)}
        </tbody>
        <tbody id="posted">
          ${transactionRows(content.posted)}
        </tbody>
      </table>
      <nav class="pagination">
        ${previous} <span class="page">Page ${content.page}</span> ${next}
      </nav>
    </main>`,
    { csrf },
  );
}

/** `GET /forgot` (sandbox.md §1): the sandbox passwords are in the spec. */
export function forgotPage(bank: BankInfo): string {
  return layout(
    bank,
    'Forgotten password',
    html`<main id="forgot">
      <h2>Forgotten your password?</h2>
      <p>
        This is a sandbox bank. The login IDs and passwords of its personas are listed in
        Tributary's sandbox specification (spec/sandbox.md, section 3).
      </p>
      <p><a href="${bank.basePath}/login">Back to log in</a></p>
    </main>`,
  );
}
