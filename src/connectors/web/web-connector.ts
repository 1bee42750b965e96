// The web connector: logs into a bank's website over HTTP and reads its pages, as a person with a
// browser would (sandbox.md §4 is the contract it reads). Every bank failure becomes a
// ConnectorError in `translateWebBankFailure`; this file decides only *when* something failed,
// retries what connections.md §5.5 says to retry, and logs in again when the bank ends a session.
import type { CheerioAPI } from 'cheerio';
import type {
  ConnectorError,
  Connector,
  ConnectorAccount,
  ConnectorCapabilities,
  ConnectorContext,
  ConnectorCredentials,
  ConnectorProfile,
  ConnectorSession,
  ConnectorTransaction,
  HttpResponse,
  JsonValue,
  MfaChallenge,
  TransactionWindow,
  VerifiedSession,
} from '../connector.ts';
import { accountClassTypes, type EndSessionOptions } from '../connector.ts';
import { translateWebBankFailure, type WebBankFailure } from './web-errors.ts';
import { cookieHeader, headerValues, storeCookies } from './web-http.ts';
import { webBankProfile, type WebBankProfile } from './web-overrides.ts';
import {
  LayoutProblem,
  parseOptionalMoney,
  parsePage,
  readAccountDetails,
  readAccounts,
  readAccountsPage,
  readCsrf,
  readMfaForm,
  readPageError,
  readProfile,
  readSessionCsrf,
  readTransactions,
  type AccountRow,
} from './web-pages.ts';

/** How one web connector instance reaches its bank. */
export interface WebConnectorSettings {
  /** The institution this instance serves (`AU00000`). */
  readonly institutionId: string;
  /** The bank's web base URL, e.g. `{S}/sandbox/web/hooli` (sandbox.md §1); no trailing slash needed. */
  readonly baseUrl: string;
  /** Timeout of one request, wall milliseconds (TRIBUTARY_BANK_TIMEOUT_S). */
  readonly timeoutMs: number;
  /** Further attempts of a failed request (TRIBUTARY_BANK_RETRIES). */
  readonly retries: number;
  /** Longest `Retry-After` waited for inside a step (TRIBUTARY_BANK_RETRY_AFTER_MAX_S). */
  readonly retryAfterMaxMs: number;
  /** First back-off (doubles each retry, ±20 %); 1,000 ms as connections.md §5.5 says. */
  readonly backoffBaseMs?: number;
  /** Re-logins allowed per session when the bank ends it mid-job; 5 (connections.md §5.5). */
  readonly maxRelogins?: number;
  /** Source of the back-off jitter, in [0, 1); `Math.random` when absent. */
  readonly random?: () => number;
  /**
   * The bank's own session limits (clock seconds) when the deployment knows them (the sandbox's
   * TRIBUTARY_SANDBOX_SESSION_IDLE_S and _MAX_S): a kept session is then tried only within 80 %
   * of them, or the profile's windows when those are shorter.
   */
  readonly bankSessionLimits?: { readonly idleS: number; readonly maxS: number };
}

/** A web connector for one institution. */
export function createWebConnector(settings: WebConnectorSettings): WebConnector {
  return new WebConnector(settings);
}

/** The connector's private session state, kept in `ConnectorSession.state` as JSON. */
interface WebState {
  cookies: Record<string, string>;
  /** The `_csrf` value of the last form read (login or MFA); sent with the logout. */
  csrf: string | null;
  /**
   * Kept to log in again when the bank ends the session mid-job (connections.md §5.5). The key
   * is `credentials` so that the logger's redaction catches it should a session ever be logged.
   */
  credentials: { loginId: string; password: string };
  phase: 'mfa' | 'ready' | 'ended';
  /** Names of the MFA form's answer fields, in order, while `phase` is `mfa`. */
  mfaFields: string[];
  relogins: number;
  /** Currency of each account seen by `listAccounts`, for its transactions. */
  currencies: Record<string, string>;
  /** Clock ms of the login that opened the bank session (its lifetime counts from there). */
  loggedInAt: number | null;
  /** Clock ms of the bank's last answer on this session (its idle timer restarts there). */
  usedAt: number | null;
  /**
   * The accounts list read while a kept session was proved live (clock ms), for `listAccounts`
   * in the same job: the page is not asked for twice.
   */
  accountRows: { at: number; rows: AccountRow[] } | null;
  /**
   * Each account's details page as last read, with the accounts-list row it was read for and the
   * bank's date: `listAccounts` reads the page again only when the row or the date changed.
   */
  details: Record<string, KnownDetails>;
}

/** An account's details page fields as read for one accounts-list row on one bank date. */
interface KnownDetails {
  row: AccountRow;
  fields: Record<string, string>;
  date: string;
}

/** Where a bank redirect points, relative to the base URL. */
interface Target {
  readonly page: string;
  readonly query: URLSearchParams;
}

type LoginOutcome =
  { readonly kind: 'ready' } | { readonly kind: 'mfa'; readonly challenge: MfaChallenge };

interface Exchange {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly form?: Record<string, string>;
  /** Attempts for this request; `retries + 1` when absent. */
  readonly attempts?: number;
}

const connectorId = 'web';
/** How long the accounts list read by a resumed verification stands in for `listAccounts`. */
const accountRowsFreshMs = 60_000;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const userAgent = 'Tributary web connector';

export class WebConnector implements Connector {
  readonly id = connectorId;
  readonly institutionId: string;
  readonly method = 'web' as const;
  readonly capabilities: ConnectorCapabilities;
  readonly #settings: WebConnectorSettings;
  readonly #base: string;
  readonly #profile: WebBankProfile;
  /** Clock ms after its last request / its login within which a kept session is tried. */
  readonly #keptIdleMs: number;
  readonly #keptMaxMs: number;
  readonly #bankDate: Intl.DateTimeFormat;

  constructor(settings: WebConnectorSettings) {
    this.#settings = settings;
    this.institutionId = settings.institutionId;
    this.#base = settings.baseUrl.replace(/\/+$/, '');
    this.#profile = webBankProfile(settings.institutionId);
    const limits = settings.bankSessionLimits;
    const within = (profileS: number, bankS: number | undefined) =>
      Math.max(0, Math.min(profileS, bankS === undefined ? profileS : Math.floor(bankS * 0.8)));
    this.#keptIdleMs = within(this.#profile.sessionIdleS, limits?.idleS) * 1_000;
    this.#keptMaxMs = within(this.#profile.sessionMaxS, limits?.maxS) * 1_000;
    this.#bankDate = new Intl.DateTimeFormat('en-CA', {
      timeZone: this.#profile.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    this.capabilities = {
      pendingTransactions: true,
      postedTransactionIds: true,
      // The web bank shows no id on pending rows (sandbox.md §2.1).
      pendingTransactionIds: false,
      runningBalances: true,
      historyDays: null,
      mfa: this.#profile.mfa,
      refreshesPerDay: null,
    };
  }

  validateConfig(): readonly string[] {
    const problems: string[] = [];
    const s = this.#settings;
    if (!/^[A-Z]{2}\d{5}$/.test(s.institutionId)) {
      problems.push(`institution id "${s.institutionId}" is not of the form AU00000`);
    }
    let url: URL | null = null;
    try {
      url = new URL(this.#base);
    } catch {
      problems.push(`base URL "${s.baseUrl}" is not a URL`);
    }
    if (url !== null && url.protocol !== 'http:' && url.protocol !== 'https:') {
      problems.push(`base URL "${s.baseUrl}" is not http or https`);
    }
    if (url !== null && (url.search !== '' || url.hash !== '' || url.username !== '')) {
      problems.push(`base URL "${s.baseUrl}" must not carry a query, fragment or user`);
    }
    if (!Number.isInteger(s.timeoutMs) || s.timeoutMs < 1) problems.push('timeout must be ≥ 1 ms');
    if (!Number.isInteger(s.retries) || s.retries < 0) problems.push('retries must be ≥ 0');
    if (!Number.isInteger(s.retryAfterMaxMs) || s.retryAfterMaxMs < 0) {
      problems.push('longest Retry-After must be ≥ 0');
    }
    if (!Number.isInteger(this.#profile.pageSize) || this.#profile.pageSize < 1) {
      problems.push('page size must be ≥ 1');
    }
    if (!Number.isInteger(this.#profile.sessionIdleS) || this.#profile.sessionIdleS < 0) {
      problems.push('kept-session idle window must be ≥ 0 s');
    }
    if (!Number.isInteger(this.#profile.sessionMaxS) || this.#profile.sessionMaxS < 0) {
      problems.push('kept-session lifetime must be ≥ 0 s');
    }
    return problems;
  }

  async verifyCredentials(
    ctx: ConnectorContext,
    credentials: ConnectorCredentials,
    kept: ConnectorSession | null = null,
  ): Promise<VerifiedSession> {
    const state: WebState = {
      cookies: {},
      csrf: null,
      credentials: { loginId: credentials.loginId, password: credentials.password },
      phase: 'ended',
      mfaFields: [],
      relogins: 0,
      currencies: {},
      loggedInAt: null,
      usedAt: null,
      accountRows: null,
      details: {},
    };
    const previous = kept === null ? null : this.#keptState(kept);
    if (previous !== null) {
      // What the last job read stays useful whatever became of its bank session.
      state.details = previous.details;
      if (this.#worthResuming(ctx, previous)) {
        state.cookies = previous.cookies;
        state.csrf = previous.csrf;
        state.loggedInAt = previous.loggedInAt;
        state.usedAt = previous.usedAt;
        state.phase = 'ready';
        if (await this.#resume(ctx, state)) {
          ctx.logger.debug({ institutionId: this.institutionId }, 'web bank session resumed');
          return { session: this.#session(state), resumed: true };
        }
        ctx.logger.debug(
          { institutionId: this.institutionId },
          'web bank kept session has ended; logging in',
        );
      }
    }
    const outcome = await this.#logIn(ctx, state);
    const session = this.#session(state);
    return outcome.kind === 'mfa' ? { session, mfa: outcome.challenge } : { session };
  }

  async answerMfa(
    ctx: ConnectorContext,
    session: ConnectorSession,
    answers: readonly string[],
  ): Promise<void> {
    const state = this.#load(session);
    if (state.phase !== 'mfa') throw new TypeError('The session is not waiting for an MFA answer.');
    if (answers.length !== state.mfaFields.length) {
      throw new RangeError(
        `The challenge takes ${state.mfaFields.length} answers, ${answers.length} given.`,
      );
    }
    const form: Record<string, string> = { _csrf: state.csrf ?? '' };
    state.mfaFields.forEach((field, i) => {
      form[field] = answers[i] ?? '';
    });
    const url = this.#url('mfa');
    try {
      const response = await this.#exchange(ctx, state, { method: 'POST', url, form });
      if (response.status === 303) {
        const target = this.#target(response, url);
        if (target.page === 'accounts') {
          state.phase = 'ready';
          state.mfaFields = [];
          return;
        }
        if (target.page === 'notice') throw await this.#noticeFailure(ctx, state);
        if (target.page === 'login') {
          // The bank session ended while the challenge waited: the challenge is gone with it.
          throw this.#translate({
            type: 'response',
            status: 303,
            errorCode: 'mfa-expired',
            message: null,
            retryAfterMs: null,
            attempts: 1,
          });
        }
        throw this.#translate({ type: 'layout', what: `the MFA answer led to "${target.page}"` });
      }
      throw this.#failure(response, state);
    } catch (error) {
      if (state.phase !== 'ready') state.phase = 'ended';
      throw error;
    } finally {
      session.state = toJson(state);
    }
  }

  async listAccounts(
    ctx: ConnectorContext,
    session: ConnectorSession,
  ): Promise<ConnectorAccount[]> {
    const state = this.#ready(session);
    try {
      const now = ctx.clock.now();
      const listed = state.accountRows;
      state.accountRows = null;
      const rows =
        listed !== null && Math.abs(now.getTime() - listed.at) <= accountRowsFreshMs
          ? listed.rows
          : await this.#fetchAccounts(ctx, state);
      const date = this.#bankDate.format(now);
      const details: Record<string, KnownDetails> = {};
      const accounts: ConnectorAccount[] = [];
      let pages = 0;
      for (const row of rows) {
        const known = state.details[row.id];
        let account: ConnectorAccount | null = null;
        let fields: ReadonlyMap<string, string> | null = null;
        // Holder, product, currency and credit limit (the details page, sandbox.md §4.4) change
        // rarely: a list row seen before unchanged, the same bank day, reuses what its page said.
        // A changed row or a new day reads the page again.
        if (known !== undefined && known.date === date && sameRow(known.row, row)) {
          fields = new Map(Object.entries(known.fields));
          account = tryAccount(row, fields, this.#profile);
        }
        if (account === null || fields === null) {
          const page = await this.#fetchPage(
            ctx,
            state,
            this.#url(`accounts/${encodeURIComponent(row.id)}`),
          );
          pages += 1;
          const read = this.#read(page, readAccountDetails);
          fields = read;
          account = this.#read(page, () => toAccount(row, read, this.#profile));
        }
        details[row.id] = { row, fields: Object.fromEntries(fields), date };
        state.currencies[account.bankAccountId] = account.currency;
        accounts.push(account);
      }
      state.details = details;
      ctx.logger.debug(
        { institutionId: this.institutionId, accounts: accounts.length, detailPages: pages },
        'web bank accounts read',
      );
      return accounts;
    } finally {
      session.state = toJson(state);
    }
  }

  async readProfile(
    ctx: ConnectorContext,
    session: ConnectorSession,
  ): Promise<ConnectorProfile | null> {
    const state = this.#ready(session);
    try {
      return readProfile(await this.#fetchPage(ctx, state, this.#url('profile')));
    } finally {
      session.state = toJson(state);
    }
  }

  async *transactionPages(
    ctx: ConnectorContext,
    session: ConnectorSession,
    bankAccountId: string,
    window: TransactionWindow,
  ): AsyncGenerator<ConnectorTransaction[]> {
    if (!datePattern.test(window.from) || !datePattern.test(window.to) || window.from > window.to) {
      throw new RangeError(`Not a transaction window: ${window.from} … ${window.to}`);
    }
    const state = this.#ready(session);
    const currency = state.currencies[bankAccountId] ?? this.#profile.currency;
    const query = new URLSearchParams({
      from: window.from,
      to: window.to,
      page: '1',
      size: String(this.#profile.pageSize),
    });
    let url: string | null = this.#url(
      `accounts/${encodeURIComponent(bankAccountId)}/transactions?${query.toString()}`,
    );
    const visited = new Set<string>();
    const seen = new Set<string>();
    let rows = 0;
    try {
      while (url !== null) {
        if (visited.has(url)) throw this.#translate({ type: 'layout', what: 'pagination loops' });
        visited.add(url);
        const body = await this.#fetchBody(ctx, state, url);
        const page = this.#readBody(body, (html) => readTransactions(html, currency));
        state.csrf = page.sessionCsrf ?? state.csrf;
        // Pending rows appear on the first page only (sandbox.md §4.4).
        const out: ConnectorTransaction[] = visited.size === 1 ? page.pending : [];
        for (const row of page.posted) {
          // A row listed twice with the same bank id is one transaction (connections.md §13).
          const id = row.bankTransactionId;
          if (id === null || seen.has(id)) continue;
          const date = row.transactionDate ?? '';
          if (date < window.from || date > window.to) continue;
          seen.add(id);
          out.push(row);
        }
        url = page.next === null ? null : this.#resolveWithinBank(page.next, url);
        rows += out.length;
        session.state = toJson(state);
        yield out;
      }
      ctx.logger.debug(
        { institutionId: this.institutionId, pages: visited.size, transactions: rows },
        'web bank transactions read',
      );
    } finally {
      session.state = toJson(state);
    }
  }

  async endSession(
    ctx: ConnectorContext,
    session: ConnectorSession,
    options: EndSessionOptions = {},
  ): Promise<ConnectorSession | null> {
    const state = this.#load(session);
    const keepable =
      options.keep === true &&
      state.phase === 'ready' &&
      Object.keys(state.cookies).length > 0 &&
      this.#keptIdleMs > 0;
    if (keepable) {
      // No request: the bank session stays open for the connection's next job, which tries it
      // while the bank has not idled it out (verifyCredentials). The job's copy ends here.
      const kept = this.#session(keptState(state, state.phase, state.cookies));
      session.state = toJson(keptState(state, 'ended', {}));
      return kept;
    }
    try {
      if (state.phase !== 'ended' && Object.keys(state.cookies).length > 0) {
        await this.#exchange(ctx, state, {
          method: 'POST',
          url: this.#url('logout'),
          form: { _csrf: state.csrf ?? '' },
          attempts: 1,
        });
      }
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      // Best effort: the data is read; the bank ends an idle session by itself.
      ctx.logger.debug({ institutionId: this.institutionId }, 'web bank logout failed; ignored');
    } finally {
      state.phase = 'ended';
      state.cookies = {};
      state.credentials = { loginId: '', password: '' };
      session.state = toJson(state);
    }
    // The bank session is over; what was read about the accounts is still worth keeping.
    return options.keep === true ? this.#session(keptState(state, 'ended', {})) : null;
  }

  // -------------------------------------------------------------------------------------------
  // Login, MFA and notices

  /** Logs in from scratch (new cookies, new CSRF token) with the session's credentials. */
  async #logIn(ctx: ConnectorContext, state: WebState): Promise<LoginOutcome> {
    state.cookies = {};
    state.phase = 'ended';
    const url = this.#url('login');
    const page = await this.#exchange(ctx, state, { method: 'GET', url });
    if (page.status !== 200) throw this.#failure(page, state);
    const csrf = this.#read(parsePage(page.body), ($) => readCsrf($, 'form#login-form'), state);
    state.csrf = csrf;
    const response = await this.#exchange(ctx, state, {
      method: 'POST',
      url,
      form: {
        loginId: state.credentials.loginId,
        password: state.credentials.password,
        _csrf: csrf,
      },
    });
    if (response.status !== 303) throw this.#failure(response, state);
    const target = this.#target(response, url);
    if (target.page === 'accounts' || target.page === 'mfa') {
      state.loggedInAt = ctx.clock.now().getTime();
    }
    switch (target.page) {
      case 'accounts':
        state.phase = 'ready';
        return { kind: 'ready' };
      case 'mfa': {
        const mfa = await this.#exchange(ctx, state, { method: 'GET', url: this.#url('mfa') });
        if (mfa.status !== 200) throw this.#failure(mfa, state);
        const form = this.#read(parsePage(mfa.body), readMfaForm, state);
        state.phase = 'mfa';
        state.mfaFields = [...form.fields];
        state.csrf = form.csrf;
        return { kind: 'mfa', challenge: form.challenge };
      }
      case 'notice':
        throw await this.#noticeFailure(ctx, state);
      default:
        throw this.#translate({ type: 'layout', what: `the login led to "${target.page}"` });
    }
  }

  /** The notice page's error (§4.5): the bank wants the user on its own site. */
  async #noticeFailure(ctx: ConnectorContext, state: WebState): Promise<ConnectorError> {
    state.phase = 'ended';
    const response = await this.#exchange(ctx, state, { method: 'GET', url: this.#url('notice') });
    const error = response.status === 200 ? readPageError(parsePage(response.body)) : null;
    return this.#translate(
      {
        type: 'response',
        status: response.status,
        // The redirect to the notice page is itself the bank saying so (§4.5).
        errorCode: 'notice-pending',
        message: error?.message ?? null,
        retryAfterMs: null,
        attempts: 1,
      },
      state,
    );
  }

  // -------------------------------------------------------------------------------------------
  // Requests

  /**
   * An authenticated page. When the bank has ended the session (303 to `login?expired=1`,
   * sandbox.md §4.2) it logs in again, once for this request and at most `maxRelogins` times
   * per session, then asks again.
   */
  async #fetchPage(ctx: ConnectorContext, state: WebState, url: string): Promise<CheerioAPI> {
    const $ = parsePage(await this.#fetchBody(ctx, state, url));
    state.csrf = readSessionCsrf($) ?? state.csrf;
    return $;
  }

  /** The accounts page's rows (read without a DOM: every refresh reads it). */
  async #fetchAccounts(ctx: ConnectorContext, state: WebState): Promise<AccountRow[]> {
    const body = await this.#fetchBody(ctx, state, this.#url('accounts'));
    const page = readAccountsPage(body);
    state.csrf = page.sessionCsrf ?? state.csrf;
    return this.#readBody(body, () => readAccounts(page));
  }

  /** The body of an authenticated page, as {@link #fetchPage} fetches it, unparsed. */
  async #fetchBody(ctx: ConnectorContext, state: WebState, url: string): Promise<string> {
    let reloggedIn = false;
    for (;;) {
      const response = await this.#exchange(ctx, state, { method: 'GET', url });
      if (response.status === 200) return response.body;
      if (response.status !== 303) throw this.#failure(response, state);
      const target = this.#target(response, url);
      switch (target.page) {
        case 'login': {
          const limit = this.#settings.maxRelogins ?? 5;
          if (reloggedIn || state.relogins >= limit) {
            throw this.#translate({ type: 'session-lost', relogins: state.relogins });
          }
          reloggedIn = true;
          state.relogins += 1;
          ctx.logger.info(
            { institutionId: this.institutionId, relogins: state.relogins },
            'web bank ended the session; logging in again',
          );
          const outcome = await this.#logIn(ctx, state);
          if (outcome.kind === 'mfa') throw this.#translate({ type: 'mfa-on-relogin' });
          continue;
        }
        case 'notice':
          throw await this.#noticeFailure(ctx, state);
        case 'mfa':
          throw this.#translate({ type: 'mfa-on-relogin' });
        default:
          throw this.#translate({ type: 'layout', what: `a page led to "${target.page}"` });
      }
    }
  }

  /**
   * One request, retried as connections.md §5.5 says: timeouts, connection errors, 5xx and 429
   * up to `retries` more times, backing off 1 s, 2 s, 4 s … (±20 %) or the bank's `Retry-After`
   * when longer. A `Retry-After` beyond the limit is not waited for: the failure is final at
   * once. Resolves with any other response, for the caller to read.
   */
  async #exchange(
    ctx: ConnectorContext,
    state: WebState,
    request: Exchange,
  ): Promise<HttpResponse> {
    const attempts = request.attempts ?? this.#settings.retries + 1;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.#attempt(ctx, state, request, attempt);
      if (!isFailure(outcome)) return outcome;
      const askedMs = outcome.type === 'response' ? outcome.retryAfterMs : null;
      if (attempt >= attempts || (askedMs !== null && askedMs > this.#settings.retryAfterMaxMs)) {
        throw this.#translate(outcome, state);
      }
      const waitMs = Math.max(this.#backoffMs(attempt), askedMs ?? 0);
      ctx.logger.warn(
        {
          institutionId: this.institutionId,
          method: request.method,
          path: this.#pathOf(request.url),
          failure: outcome.type === 'response' ? outcome.status : outcome.type,
          attempt,
          waitMs,
        },
        'web bank request failed; retrying',
      );
      try {
        await ctx.sleep(waitMs, ctx.signal);
      } catch (error) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        throw error;
      }
    }
  }

  /** One try of a request: the answer to read, or the transient failure to retry. */
  async #attempt(
    ctx: ConnectorContext,
    state: WebState,
    request: Exchange,
    attempt: number,
  ): Promise<HttpResponse | WebBankFailure> {
    ctx.signal.throwIfAborted();
    const headers: Record<string, string> = { accept: 'text/html', 'user-agent': userAgent };
    const cookie = cookieHeader(state.cookies);
    if (cookie !== null) headers.cookie = cookie;
    let body: string | undefined;
    if (request.form !== undefined) {
      body = new URLSearchParams(request.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const timeout = AbortSignal.timeout(this.#settings.timeoutMs);
    let response: HttpResponse;
    try {
      response = await ctx.http({
        method: request.method,
        url: request.url,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.any([ctx.signal, timeout]),
      });
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      return timeout.aborted
        ? { type: 'timeout', attempts: attempt, timeoutMs: this.#settings.timeoutMs }
        : { type: 'network', attempts: attempt, code: errorCode(error) };
    }
    storeCookies(state.cookies, response);
    state.usedAt = ctx.clock.now().getTime();
    ctx.logger.debug(
      {
        institutionId: this.institutionId,
        method: request.method,
        path: this.#pathOf(request.url),
        status: response.status,
        attempt,
      },
      'web bank request',
    );
    if (response.status < 500 && response.status !== 429) return response;
    const error = readPageError(parsePage(response.body));
    return {
      type: 'response',
      status: response.status,
      errorCode: error?.code ?? null,
      message: error?.message ?? null,
      retryAfterMs: retryAfterMs(response, ctx),
      attempts: attempt,
    };
  }

  #backoffMs(attempt: number): number {
    const base = (this.#settings.backoffBaseMs ?? 1_000) * 2 ** (attempt - 1);
    const jitter = 0.8 + 0.4 * (this.#settings.random ?? Math.random)();
    return Math.round(base * jitter);
  }

  // -------------------------------------------------------------------------------------------
  // Reading answers

  /** The failure an unexpected answer stands for: its error page, else a layout problem. */
  #failure(response: HttpResponse, state?: WebState): ConnectorError {
    const error = readPageError(parsePage(response.body));
    if (error === null && response.status < 400) {
      return this.#translate({
        type: 'layout',
        what: `an HTTP ${response.status} answer without the expected content`,
      });
    }
    return this.#translate(
      {
        type: 'response',
        status: response.status,
        errorCode: error?.code ?? null,
        message: error?.message ?? null,
        retryAfterMs: retryAfterMs(response),
        attempts: 1,
      },
      state,
    );
  }

  /**
   * Runs a page reader; a page it cannot read is the bank's error when the page shows one (a
   * 200 page with `p.error`), else a layout problem (`connector-error`).
   */
  #read<T>($: CheerioAPI, reader: ($: CheerioAPI) => T, state?: WebState): T {
    try {
      return reader($);
    } catch (error) {
      if (!(error instanceof LayoutProblem)) throw error;
      const shown = readPageError($);
      if (shown !== null) {
        throw this.#translate(
          {
            type: 'response',
            status: 200,
            errorCode: shown.code,
            message: shown.message,
            retryAfterMs: null,
            attempts: 1,
          },
          state,
        );
      }
      throw this.#translate({ type: 'layout', what: error.message });
    }
  }

  /** {@link #read} for a reader of the raw HTML; the DOM is built only to show an error. */
  #readBody<T>(body: string, reader: (html: string) => T): T {
    try {
      return reader(body);
    } catch (error) {
      if (!(error instanceof LayoutProblem)) throw error;
      return this.#read(parsePage(body), () => {
        throw error;
      });
    }
  }

  #translate(failure: WebBankFailure, state?: WebState): ConnectorError {
    const secrets =
      state === undefined
        ? []
        : [state.credentials.loginId, state.credentials.password].filter((s) => s.length >= 3);
    return translateWebBankFailure(failure, secrets);
  }

  // -------------------------------------------------------------------------------------------
  // URLs and sessions

  #url(path: string): string {
    return `${this.#base}/${path}`;
  }

  #pathOf(url: string): string {
    return url.startsWith(`${this.#base}/`) ? url.slice(this.#base.length) : '(outside the bank)';
  }

  /** A link on a bank page, resolved; only links inside the bank's base URL are followed. */
  #resolveWithinBank(href: string, from: string): string {
    let resolved: string;
    try {
      resolved = new URL(href, from).toString();
    } catch {
      throw this.#translate({ type: 'layout', what: `a link "${href}" that is not a URL` });
    }
    if (!resolved.startsWith(`${this.#base}/`)) {
      throw this.#translate({ type: 'layout', what: 'a link outside the bank' });
    }
    return resolved;
  }

  /** Where a 303 points, as the page name under the base URL (`accounts`, `login`, …). */
  #target(response: HttpResponse, from: string): Target {
    const location = headerValues(response, 'location')[0];
    if (location === undefined) {
      throw this.#translate({ type: 'layout', what: 'a redirect without a Location' });
    }
    const url = new URL(this.#resolveWithinBank(location, from));
    return {
      page: url.pathname.slice(new URL(`${this.#base}/`).pathname.length).replace(/\/+$/, ''),
      query: url.searchParams,
    };
  }

  #session(state: WebState): ConnectorSession {
    return { connectorId, institutionId: this.institutionId, state: toJson(state) };
  }

  /** A kept session's state, or null when it is not one this connector can use. */
  #keptState(kept: ConnectorSession): WebState | null {
    if (kept.connectorId !== connectorId || kept.institutionId !== this.institutionId) return null;
    try {
      return fromJson(kept.state);
    } catch (error) {
      if (error instanceof TypeError) return null;
      throw error;
    }
  }

  /** Whether a kept session may still be live at the bank: tried only then, else a login. */
  #worthResuming(ctx: ConnectorContext, kept: WebState): boolean {
    if (kept.phase !== 'ready' || Object.keys(kept.cookies).length === 0) return false;
    if (kept.usedAt === null || kept.loggedInAt === null) return false;
    const now = ctx.clock.now().getTime();
    return now - kept.usedAt <= this.#keptIdleMs && now - kept.loggedInAt <= this.#keptMaxMs;
  }

  /**
   * Proves a kept session live with the page the next step needs anyway (`GET accounts`, one
   * request), keeping its rows for `listAccounts`. False when the bank has ended the session
   * (303 to `login`, sandbox.md §4.2): the caller logs in afresh. Fails as a login would for the
   * bank's own failures (its notice, errors, being down).
   */
  async #resume(ctx: ConnectorContext, state: WebState): Promise<boolean> {
    const url = this.#url('accounts');
    const response = await this.#exchange(ctx, state, { method: 'GET', url });
    if (response.status === 303) {
      const target = this.#target(response, url);
      if (target.page === 'notice') throw await this.#noticeFailure(ctx, state);
      return false;
    }
    if (response.status !== 200) throw this.#failure(response, state);
    const page = readAccountsPage(response.body);
    // A bank that shows its login form in place of the page has ended the session too.
    if (page.rows === null && page.loginForm) return false;
    state.csrf = page.sessionCsrf ?? state.csrf;
    try {
      state.accountRows = { at: ctx.clock.now().getTime(), rows: readAccounts(page) };
    } catch (error) {
      // `listAccounts` asks again and reports what it cannot read, at its own step.
      if (!(error instanceof LayoutProblem)) throw error;
    }
    return true;
  }

  #load(session: ConnectorSession): WebState {
    if (session.connectorId !== connectorId || session.institutionId !== this.institutionId) {
      throw new TypeError(
        `A session of ${session.connectorId} at ${session.institutionId} was given to the web connector of ${this.institutionId}.`,
      );
    }
    return fromJson(session.state);
  }

  #ready(session: ConnectorSession): WebState {
    const state = this.#load(session);
    if (state.phase !== 'ready') {
      throw new TypeError(
        state.phase === 'mfa'
          ? 'The session waits for an MFA answer (answerMfa) before it can be used.'
          : 'The session has ended.',
      );
    }
    return state;
  }
}

// ---------------------------------------------------------------------------------------------
// Normalising

function toAccount(
  row: AccountRow,
  details: ReadonlyMap<string, string>,
  profile: WebBankProfile,
): ConnectorAccount {
  const field = (name: string): string => details.get(name) ?? '';
  const numberText = field('number') || row.number;
  const bsbDigits = (field('bsb') || row.bsb).replace(/\D/g, '');
  // Cards show a masked number (`5217 29XX XXXX 0051`) and no BSB (sandbox.md §3).
  const masked = /[^\d\s-]/.test(numberText);
  const digits = numberText.replace(/[\s-]/g, '');
  if (digits === '') throw new LayoutProblem(`account ${row.id} shows no number`);
  const currency = field('currency') || profile.currency;
  if (!/^[A-Z]{3}$/.test(currency))
    throw new LayoutProblem(`currency "${currency}" not understood`);
  const bsb = masked || bsbDigits === '' ? null : bsbDigits;
  return {
    bankAccountId: row.id,
    name: field('name') || row.name,
    accountNo: masked ? numberText : bsb === null ? digits : `${bsb}-${digits}`,
    maskedNumber: masked ? numberText : null,
    bsb,
    unmaskedAccNum: masked ? null : digits,
    accountHolder: field('holder') || null,
    classType: row.classType,
    product: field('product') || null,
    currency,
    balance: row.balance ?? parseOptionalMoney(field('balance')),
    availableFunds: row.available ?? parseOptionalMoney(field('available')),
    creditLimit: parseOptionalMoney(field('creditLimit')),
  };
}

/** `toAccount` on details read before: null when they no longer make an account. */
function tryAccount(
  row: AccountRow,
  details: ReadonlyMap<string, string>,
  profile: WebBankProfile,
): ConnectorAccount | null {
  try {
    return toAccount(row, details, profile);
  } catch (error) {
    if (error instanceof LayoutProblem) return null;
    throw error;
  }
}

function sameRow(a: AccountRow, b: AccountRow): boolean {
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.bsb === b.bsb &&
    a.number === b.number &&
    a.classType === b.classType &&
    a.balance === b.balance &&
    a.available === b.available
  );
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The bank's `Retry-After` in milliseconds (seconds, or an HTTP date measured from its `Date`). */
function retryAfterMs(response: HttpResponse, ctx?: ConnectorContext): number | null {
  const value = headerValues(response, 'retry-after')[0]?.trim();
  if (value === undefined || value === '') return null;
  if (/^\d+$/.test(value)) return Number(value) * 1_000;
  const at = Date.parse(value);
  if (!Number.isFinite(at)) return null;
  const sent = Date.parse(headerValues(response, 'date')[0] ?? '');
  const now = Number.isFinite(sent) ? sent : ctx?.clock.now().getTime();
  return now === undefined ? null : Math.max(0, at - now);
}

function isFailure(outcome: HttpResponse | WebBankFailure): outcome is WebBankFailure {
  return 'type' in outcome;
}

/** A network error's code (`ECONNREFUSED`), looking through `cause`; never its message. */
function errorCode(error: unknown): string | null {
  for (let current = error, depth = 0; depth < 4; depth += 1) {
    if (typeof current !== 'object' || current === null) return null;
    if ('code' in current && typeof current.code === 'string') return current.code;
    current = 'cause' in current ? current.cause : null;
  }
  return null;
}

/**
 * The state kept between jobs (`endSession` with `keep`): the bank session and what was read
 * about the accounts, without the credentials (the next job brings them) or anything of one job.
 */
function keptState(
  state: WebState,
  phase: WebState['phase'],
  cookies: Record<string, string>,
): WebState {
  return {
    cookies,
    csrf: phase === 'ready' ? state.csrf : null,
    credentials: { loginId: '', password: '' },
    phase,
    mfaFields: [],
    relogins: 0,
    currencies: {},
    loggedInAt: phase === 'ready' ? state.loggedInAt : null,
    usedAt: phase === 'ready' ? state.usedAt : null,
    accountRows: null,
    details: state.details,
  };
}

function rowJson(row: AccountRow): { [key: string]: JsonValue } {
  return {
    id: row.id,
    name: row.name,
    bsb: row.bsb,
    number: row.number,
    classType: row.classType,
    balance: row.balance,
    available: row.available,
  };
}

function toJson(state: WebState): { [key: string]: JsonValue } {
  const details: { [key: string]: JsonValue } = {};
  for (const [id, known] of Object.entries(state.details)) {
    details[id] = { row: rowJson(known.row), fields: { ...known.fields }, date: known.date };
  }
  return {
    cookies: { ...state.cookies },
    csrf: state.csrf,
    credentials: { ...state.credentials },
    phase: state.phase,
    mfaFields: [...state.mfaFields],
    relogins: state.relogins,
    currencies: { ...state.currencies },
    loggedInAt: state.loggedInAt,
    usedAt: state.usedAt,
    accountRows:
      state.accountRows === null
        ? null
        : { at: state.accountRows.at, rows: state.accountRows.rows.map(rowJson) },
    details,
  };
}

function stringRecord(value: JsonValue | undefined): Record<string, string> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') return null;
    out[key] = item;
  }
  return out;
}

const isRecord = (value: JsonValue | undefined): value is { readonly [key: string]: JsonValue } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nullableNumber = (value: JsonValue | undefined): number | null | undefined =>
  value === undefined || value === null ? null : typeof value === 'number' ? value : undefined;

/** An accounts-list row read back from JSON, or null when it is not one. */
function rowFromJson(value: JsonValue | undefined): AccountRow | null {
  if (!isRecord(value)) return null;
  const { id, name, bsb, number, classType, balance, available } = value;
  if (
    typeof id !== 'string' ||
    typeof name !== 'string' ||
    typeof bsb !== 'string' ||
    typeof number !== 'string' ||
    typeof classType !== 'string' ||
    !(accountClassTypes as readonly string[]).includes(classType) ||
    (balance !== null && typeof balance !== 'string') ||
    (available !== null && typeof available !== 'string')
  ) {
    return null;
  }
  return {
    id,
    name,
    bsb,
    number,
    classType: classType as AccountRow['classType'],
    balance,
    available,
  };
}

/** The remembered details pages; entries that do not read back are dropped (read again). */
function detailsFromJson(value: JsonValue | undefined): Record<string, KnownDetails> {
  const out: Record<string, KnownDetails> = {};
  if (!isRecord(value)) return out;
  for (const [id, entry] of Object.entries(value)) {
    if (!isRecord(entry)) continue;
    const row = rowFromJson(entry.row);
    const fields = stringRecord(entry.fields);
    if (row === null || fields === null || typeof entry.date !== 'string') continue;
    out[id] = { row, fields, date: entry.date };
  }
  return out;
}

function rowsFromJson(value: JsonValue | undefined): WebState['accountRows'] {
  if (!isRecord(value) || typeof value.at !== 'number' || !Array.isArray(value.rows)) return null;
  const rows: AccountRow[] = [];
  for (const item of value.rows as readonly JsonValue[]) {
    const row = rowFromJson(item);
    if (row === null) return null;
    rows.push(row);
  }
  return { at: value.at, rows };
}

function fromJson(json: { readonly [key: string]: JsonValue }): WebState {
  const cookies = stringRecord(json.cookies);
  const credentials = stringRecord(json.credentials);
  const currencies = stringRecord(json.currencies);
  const { csrf, phase, mfaFields, relogins } = json;
  // Absent in sessions stored before they existed: read as unknown.
  const loggedInAt = nullableNumber(json.loggedInAt);
  const usedAt = nullableNumber(json.usedAt);
  if (
    loggedInAt === undefined ||
    usedAt === undefined ||
    cookies === null ||
    credentials?.loginId === undefined ||
    credentials.password === undefined ||
    currencies === null ||
    (csrf !== null && typeof csrf !== 'string') ||
    (phase !== 'mfa' && phase !== 'ready' && phase !== 'ended') ||
    !Array.isArray(mfaFields) ||
    !mfaFields.every((field) => typeof field === 'string') ||
    typeof relogins !== 'number'
  ) {
    throw new TypeError('Not a web connector session.');
  }
  return {
    cookies,
    csrf,
    credentials: { loginId: credentials.loginId, password: credentials.password },
    phase,
    mfaFields,
    relogins,
    currencies,
    loggedInAt,
    usedAt,
    accountRows: rowsFromJson(json.accountRows),
    details: detailsFromJson(json.details),
  };
}
