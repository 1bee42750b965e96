// The sandbox web bank (sandbox.md §4): HTML pages under `/sandbox/web/<slug>` that the web
// connector logs into and scrapes exactly as it would a real bank's website. It answers every
// outcome with a page of its own, never through the API's JSON error handler.
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../kernel/clock.ts';
import { AppError } from '../../kernel/errors.ts';
import { dayNumber, describeAccount, findAccountIndex, listAccounts } from '../generator.ts';
import {
  behaviourSettings,
  findPersona,
  isMfaAnswerCorrect,
  isMfaRequired,
  type Persona,
  type SandboxInstitutionId,
} from '../personas.ts';
import { sydneyDate } from './format.ts';
import {
  accountCardsPage,
  accountPage,
  accountsPage,
  errorPage,
  forgotPage,
  lockedPage,
  loginPage,
  mfaPage,
  notFoundPage,
  noticePage,
  profilePage,
  type BankInfo,
} from './pages.ts';
import { PageRenderer } from './page-renderer.ts';
import { randomHex, WebBankState, type SessionLimits, type WebSession } from './sessions.ts';
import type { TransactionQuery } from './transactions-page.ts';

/** A sandbox institution's web bank (sandbox.md §1). */
export interface WebBankInstitution {
  readonly id: SandboxInstitutionId;
  readonly slug: string;
  readonly name: string;
}

/** The four web banks of sandbox.md §1, by slug. */
export const webBankInstitutions: readonly WebBankInstitution[] = [
  { id: 'AU00000', slug: 'hooli', name: 'Hooli' },
  { id: 'AU00002', slug: 'pied-piper', name: 'Pied Piper' },
  { id: 'AU00003', slug: 'nucleus', name: 'Nucleus' },
  { id: 'ZZ00001', slug: 'endframe', name: 'Endframe Test Bank' },
];

/** What the web bank needs from the composition root. */
export interface WebBankDeps {
  /** The sandbox clock: D, session lifetimes, MFA expiry and lockout windows (sandbox.md §5). */
  readonly clock: Clock;
  /** `TRIBUTARY_SANDBOX_SESSION_IDLE_S`. */
  readonly sessionIdleS: number;
  /** `TRIBUTARY_SANDBOX_SESSION_MAX_S`. */
  readonly sessionMaxS: number;
  /** Shared with the sandbox control routes; a new one is made when absent. */
  readonly state?: WebBankState;
}

const webRoot = '/sandbox/web';
const mfaChallengeMs = 120_000;
const maxPageSize = 1_000;
const defaultPageSize = 50;
const invalidCredentialsMessage = 'The login details you entered are incorrect.';
const routeConfig = { access: 'html', formBody: true, quietLog: false } as const;

interface Bank extends BankInfo {
  readonly id: SandboxInstitutionId;
  readonly slug: string;
}

const banksBySlug = new Map<string, Bank>(
  webBankInstitutions.map((i) => [
    i.slug,
    { id: i.id, slug: i.slug, name: i.name, basePath: `${webRoot}/${i.slug}` },
  ]),
);

/** A page to send, a redirect, or null when the client has gone and nothing is sent. */
interface Outcome {
  readonly status: number;
  /** Text, or a page already encoded (the page thread's). */
  readonly body?: string | Uint8Array;
  /** Path for a 303 `Location`. */
  readonly location?: string;
  readonly cookies?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
}

interface RouteParams {
  slug?: string;
  accountId?: string;
  '*'?: string;
}

interface RouteGeneric {
  Params: RouteParams;
  Querystring: Record<string, unknown>;
  Body: unknown;
}

type WebRequest = FastifyRequest<RouteGeneric>;

/** Everything a page handler gets: the bank, the request, its cookies and the live session. */
interface PageContext {
  readonly request: WebRequest;
  readonly bank: Bank;
  readonly cookies: Readonly<Record<string, string | undefined>>;
  readonly session: WebSession | undefined;
  readonly persona: Persona | undefined;
  /** Whether `scenario-slow`'s delay was already served for this request. */
  delayed: boolean;
  /** Waits wall-clock time; resolves with why it stopped. */
  readonly wait: (ms: number) => Promise<WaitResult>;
}

type WaitResult = 'elapsed' | 'closed' | 'aborted';

type PageHandler = (ctx: PageContext) => Promise<Outcome | null> | Outcome | null;

function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value: unknown = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function page(status: number, body: string | Uint8Array, cookies?: readonly string[]): Outcome {
  return cookies === undefined ? { status, body } : { status, body, cookies };
}

function redirect(location: string, cookies?: readonly string[]): Outcome {
  return cookies === undefined ? { status: 303, location } : { status: 303, location, cookies };
}

function sessionCookie(bank: Bank, token: string): string {
  return serializeCookie('sb_session', token, {
    httpOnly: true,
    sameSite: 'lax',
    path: bank.basePath,
  });
}

function clearedSessionCookie(bank: Bank): string {
  return serializeCookie('sb_session', '', {
    httpOnly: true,
    sameSite: 'lax',
    path: bank.basePath,
    expires: new Date(0),
  });
}

function csrfCookie(bank: Bank, token: string): string {
  return serializeCookie('sb_csrf', token, {
    httpOnly: true,
    sameSite: 'lax',
    path: bank.basePath,
  });
}

/** The login form's CSRF token: the browser's current one when well formed, else a new one. */
function loginCsrf(ctx: PageContext): string {
  const current = ctx.cookies.sb_csrf;
  return current !== undefined && /^[0-9a-f]{32}$/.test(current) ? current : randomHex(16);
}

/** The login page with an error, as the outcomes of §4.1 and §4.3 give it. */
function loginError(ctx: PageContext, code: string, message: string, endSession = false): Outcome {
  const csrf = loginCsrf(ctx);
  const cookies = [csrfCookie(ctx.bank, csrf)];
  if (endSession) cookies.push(clearedSessionCookie(ctx.bank));
  return page(200, loginPage(ctx.bank, { csrf, error: { code, message } }), cookies);
}

/** A strictly positive integer parameter (`page`, `size`), or undefined when malformed. */
function positiveInteger(text: string): number | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined;
  const value = Math.min(Number(text), Number.MAX_SAFE_INTEGER);
  return value >= 1 ? value : undefined;
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  try {
    dayNumber(text);
    return true;
  } catch {
    return false;
  }
}

/** The query of §4.4's transactions page, or null when a parameter is malformed (→ 400). */
function parseTransactionQuery(query: Record<string, unknown>): TransactionQuery | null {
  const text = (name: string): string | undefined | null => {
    const value = query[name];
    if (value === undefined) return undefined;
    return typeof value === 'string' ? value : null;
  };
  const from = text('from');
  const to = text('to');
  const pageText = text('page');
  const sizeText = text('size');
  if (from === null || to === null || pageText === null || sizeText === null) return null;
  if (from !== undefined && !isCalendarDate(from)) return null;
  if (to !== undefined && !isCalendarDate(to)) return null;
  const pageNumber = pageText === undefined ? 1 : positiveInteger(pageText);
  const size = sizeText === undefined ? defaultPageSize : positiveInteger(sizeText);
  if (pageNumber === undefined || size === undefined) return null;
  // §4.4: a size above 1,000 counts as 1,000 rather than being refused.
  return { from, to, page: pageNumber, size: Math.min(size, maxPageSize) };
}

/**
 * Registers the web bank's routes (sandbox.md §4) for the four sandbox institutions and returns
 * the bank's state, for the sandbox control routes (reset, faults).
 */
export function registerWebBank(app: FastifyInstance, deps: WebBankDeps): WebBankState {
  const state = deps.state ?? new WebBankState(deps.clock);
  const limits: SessionLimits = { idleS: deps.sessionIdleS, maxS: deps.sessionMaxS };
  const waits = new Set<AbortController>();

  // Long waits (scenario-slow, scenario-timeout, fault timeout) must not hold up shutdown.
  app.addHook('preClose', (done) => {
    for (const controller of waits) controller.abort();
    done();
  });

  const today = (): string => sydneyDate(deps.clock.now());
  const renderer = new PageRenderer();
  app.addHook('onClose', () => renderer.close());

  function waitFor(reply: FastifyReply, ms: number): Promise<WaitResult> {
    return new Promise((resolve) => {
      if (reply.raw.destroyed || reply.raw.writableEnded) {
        resolve('closed');
        return;
      }
      const controller = new AbortController();
      waits.add(controller);
      // The response's 'close' fires when the client hangs up before we answer (the request's
      // own 'close' may already have fired once its body was read).
      const onClose = (): void => finish('closed');
      const onAbort = (): void => finish('aborted');
      const timer = Number.isFinite(ms) ? setTimeout(() => finish('elapsed'), ms) : undefined;
      function finish(result: WaitResult): void {
        clearTimeout(timer);
        reply.raw.off('close', onClose);
        controller.signal.removeEventListener('abort', onAbort);
        waits.delete(controller);
        resolve(result);
      }
      reply.raw.once('close', onClose);
      controller.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** After a wait: null (send nothing) when the client left, a 503 page when shutting down. */
  function afterWait(ctx: PageContext, result: WaitResult): Outcome | null | 'go-on' {
    if (result === 'elapsed') return 'go-on';
    if (result === 'closed') return null;
    return page(
      503,
      errorPage(ctx.bank, 'Unavailable', 'service-unavailable', 'The service is unavailable.'),
    );
  }

  async function slowDown(ctx: PageContext, persona: Persona | undefined) {
    if (ctx.delayed || persona?.behaviour !== 'slow') return 'go-on' as const;
    ctx.delayed = true;
    return afterWait(ctx, await ctx.wait(behaviourSettings.slowResponseMs));
  }

  function send(reply: FastifyReply, outcome: Outcome): FastifyReply {
    void reply
      .code(outcome.status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store');
    if (outcome.cookies !== undefined && outcome.cookies.length > 0) {
      void reply.header('set-cookie', [...outcome.cookies]);
    }
    for (const [name, value] of Object.entries(outcome.headers ?? {}))
      void reply.header(name, value);
    if (outcome.location !== undefined) void reply.header('location', outcome.location);
    return reply.send(outcome.body ?? '');
  }

  function giveUp(reply: FastifyReply): FastifyReply {
    // The client hung up: there is nobody to answer.
    reply.hijack();
    if (!reply.raw.destroyed) reply.raw.destroy();
    return reply;
  }

  /** Wraps a page handler with what every request of §4 goes through: faults, flaky, idle. */
  function handle(handler: PageHandler) {
    return async (request: WebRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const bank = banksBySlug.get(request.params.slug ?? '');
      if (bank === undefined) return send(reply, page(404, notFoundPage()));
      const ctx: PageContext = {
        request,
        bank,
        cookies: parseCookies(request.headers.cookie ?? ''),
        session: undefined,
        persona: undefined,
        delayed: false,
        wait: (ms) => waitFor(reply, ms),
      };

      switch (state.faultMode(bank.id, 'web')) {
        case 'maintenance':
          return send(reply, {
            status: 503,
            headers: { 'retry-after': '600' },
            body: errorPage(
              bank,
              'Maintenance',
              'maintenance',
              'Online banking is down for maintenance.',
            ),
          });
        case 'error-5xx':
          return send(reply, serverErrorPage(bank));
        case 'timeout': {
          const outcome = afterWait(ctx, await ctx.wait(Infinity));
          if (reply.sent) return reply;
          if (outcome === null) return giveUp(reply);
          if (outcome !== 'go-on') return send(reply, outcome);
          break;
        }
        case 'none':
        case 'broken-layout':
        case null:
          break;
      }

      const session = state.findSession(ctx.cookies.sb_session, bank.id, limits);
      const persona = session === undefined ? undefined : findPersona(session.loginId);
      const withSession: PageContext = { ...ctx, session, persona };
      if (session !== undefined) {
        session.requests += 1;
        if (
          persona?.behaviour === 'flaky' &&
          session.requests % behaviourSettings.flakyEveryNthRequest === 0
        ) {
          // §4.2: the request does nothing, not even restart the idle timer.
          return send(reply, {
            status: 502,
            body: '<!doctype html><html><body><p class="error" data-error="bad-gateway">Bad gateway</p></body></html>',
          });
        }
        state.touchSession(session);
      }
      const slow = await slowDown(withSession, persona);
      if (reply.sent) return reply;
      if (slow === null) return giveUp(reply);
      if (slow !== 'go-on') return send(reply, slow);

      const outcome = await handler(withSession);
      if (reply.sent) return reply;
      if (outcome === null) return giveUp(reply);
      return send(reply, outcome);
    };
  }

  function serverErrorPage(bank: BankInfo): Outcome {
    return page(500, errorPage(bank, 'Error', 'server-error', 'Something went wrong on our side.'));
  }

  /** Pages in fastify's error path (body parsing, bugs) still answer as the bank. */
  function onError(error: FastifyError, request: WebRequest, reply: FastifyReply): void {
    const bank = banksBySlug.get(request.params.slug ?? '');
    const info: BankInfo = bank ?? { name: 'Sandbox bank', basePath: webRoot };
    const status = error.statusCode ?? 500;
    if (error instanceof AppError || (status >= 400 && status < 500)) {
      const code = status >= 400 && status < 500 ? status : 400;
      void send(
        reply,
        page(code, errorPage(info, 'Bad request', 'bad-request', 'The request is not valid.')),
      );
      return;
    }
    request.log.error({ err: error }, 'sandbox web bank page failed');
    void send(reply, serverErrorPage(info));
  }

  function route(method: 'GET' | 'POST', path: string, handler: PageHandler): void {
    app.route<RouteGeneric>({
      method,
      url: `${webRoot}/:slug${path}`,
      config: routeConfig,
      // HTML pages are not part of the API document (api.md §13).
      schema: { hide: true },
      errorHandler: onError,
      handler: handle(handler),
    });
  }

  /**
   * The fully logged-in session of an authenticated page, or where to send the client instead
   * (§4.2, §4.5). Counts `scenario-session`'s authenticated requests.
   */
  function requireActive(ctx: PageContext): { session: WebSession; persona: Persona } | Outcome {
    const { session, persona, bank } = ctx;
    if (session === undefined || persona === undefined) {
      return redirect(`${bank.basePath}/login?expired=1`, [clearedSessionCookie(bank)]);
    }
    if (session.stage === 'mfa') return redirect(`${bank.basePath}/mfa`);
    if (session.stage === 'notice') return redirect(`${bank.basePath}/notice`);
    if (persona.behaviour === 'session-3') {
      if (session.authenticatedRequests >= behaviourSettings.sessionRequestLimit) {
        state.endSession(session);
        return redirect(`${bank.basePath}/login?expired=1`, [clearedSessionCookie(bank)]);
      }
      session.authenticatedRequests += 1;
    }
    return { session, persona };
  }

  function expired(bank: Bank): Outcome {
    return redirect(`${bank.basePath}/login?expired=1`, [clearedSessionCookie(bank)]);
  }

  /** Where a session that is not (or no longer) in `stage` belongs. */
  function stagePath(bank: Bank, session: WebSession): string {
    return `${bank.basePath}/${session.stage === 'active' ? 'accounts' : session.stage}`;
  }

  // -- §4.1 login ------------------------------------------------------------------------------

  route('GET', '', (ctx) => redirect(`${ctx.bank.basePath}/login`));

  route('GET', '/login', (ctx) => {
    const csrf = loginCsrf(ctx);
    const expiredNotice = ctx.request.query.expired === '1';
    return page(200, loginPage(ctx.bank, { csrf, expired: expiredNotice }), [
      csrfCookie(ctx.bank, csrf),
    ]);
  });

  route('GET', '/forgot', (ctx) => page(200, forgotPage(ctx.bank)));

  route('POST', '/login', async (ctx) => {
    const { bank, request } = ctx;
    const sentCsrf = field(request.body, '_csrf');
    const cookieCsrf = ctx.cookies.sb_csrf;
    if (cookieCsrf === undefined || cookieCsrf === '' || sentCsrf !== cookieCsrf) {
      return page(
        403,
        errorPage(bank, 'Forbidden', 'csrf', 'The form has expired. Please go back and try again.'),
      );
    }
    const loginId = field(request.body, 'loginId') ?? '';
    const password = field(request.body, 'password') ?? '';
    const persona = findPersona(loginId);

    const slow = await slowDown(ctx, persona);
    if (slow !== 'go-on') return slow;
    if (persona?.behaviour === 'timeout') {
      const late = afterWait(ctx, await ctx.wait(behaviourSettings.timeoutLoginMs));
      if (late !== 'go-on') return late;
    }

    if (persona?.behaviour === 'lockout' && state.isLocked(bank.id, persona.loginId)) {
      return page(200, lockedPage(bank), [csrfCookie(bank, loginCsrf(ctx))]);
    }
    if (persona === undefined || password !== persona.password) {
      // §3.2: only scenario-lockout's bank counts failures; other logins can fail at will.
      if (persona?.behaviour === 'lockout') state.recordFailedLogin(bank.id, persona.loginId);
      return loginError(ctx, 'invalid-credentials', invalidCredentialsMessage);
    }
    if (persona.behaviour === 'locked') {
      return loginError(ctx, 'invalid-credentials', behaviourSettings.lockedMessage);
    }
    if (persona.behaviour === 'service-page') {
      return page(
        503,
        errorPage(
          bank,
          'Unavailable',
          'service-unavailable',
          'Online banking is unavailable right now.',
        ),
      );
    }
    if (persona.behaviour === 'lockout') state.clearFailedLogins(bank.id, persona.loginId);

    const loginNumber = state.countSuccessfulLogin(bank.id, persona.loginId);
    const stage = isMfaRequired(persona, bank.id, loginNumber)
      ? 'mfa'
      : isNoticePending(bank, persona)
        ? 'notice'
        : 'active';
    const session = state.createSession(bank.id, persona.loginId, stage, limits);
    return redirect(stagePath(bank, session), [sessionCookie(bank, session.token)]);
  });

  function isNoticePending(bank: Bank, persona: Persona): boolean {
    if (persona.behaviour === 'notice-no-accept') return true;
    return persona.behaviour === 'terms' && !state.hasAcceptedNotice(bank.id, persona.loginId);
  }

  // -- §4.3 MFA --------------------------------------------------------------------------------

  route('GET', '/mfa', (ctx) => {
    const { session, persona, bank } = ctx;
    if (session === undefined || persona === undefined) return expired(bank);
    if (session.stage !== 'mfa') return redirect(stagePath(bank, session));
    // The challenge's 120 s run from the first time the page is shown, not from each view.
    session.mfaShownMs ??= deps.clock.now().getTime();
    return page(200, mfaPage(bank, persona.mfa, session.csrf));
  });

  route('POST', '/mfa', (ctx) => {
    const { session, persona, bank, request } = ctx;
    if (session === undefined || persona === undefined) return expired(bank);
    if (session.stage !== 'mfa') return redirect(stagePath(bank, session));
    if (field(request.body, '_csrf') !== session.csrf) {
      return page(403, errorPage(bank, 'Forbidden', 'csrf', 'The form has expired.'));
    }
    const shownMs = session.mfaShownMs ?? session.createdMs;
    if (deps.clock.now().getTime() - shownMs >= mfaChallengeMs) {
      state.endSession(session);
      return loginError(
        ctx,
        'mfa-expired',
        'The verification has expired. Please log in again.',
        true,
      );
    }
    const answers = persona.mfa.questions.map((_, i) => field(request.body, `answer${i}`) ?? '');
    if (!isMfaAnswerCorrect(persona, answers)) {
      state.endSession(session);
      return loginError(ctx, 'mfa-invalid', 'The verification answer is incorrect.', true);
    }
    session.stage = isNoticePending(bank, persona) ? 'notice' : 'active';
    return redirect(stagePath(bank, session));
  });

  // -- §4.5 notice -----------------------------------------------------------------------------

  route('GET', '/notice', (ctx) => {
    const { session, persona, bank } = ctx;
    if (session === undefined || persona === undefined) return expired(bank);
    if (session.stage !== 'notice') return redirect(stagePath(bank, session));
    return page(200, noticePage(bank, persona.behaviour === 'terms', session.csrf));
  });

  route('POST', '/notice/accept', (ctx) => {
    const { session, persona, bank, request } = ctx;
    if (session === undefined || persona === undefined) return expired(bank);
    if (session.stage !== 'notice') return redirect(stagePath(bank, session));
    if (field(request.body, '_csrf') !== session.csrf) {
      return page(403, errorPage(bank, 'Forbidden', 'csrf', 'The form has expired.'));
    }
    // erlich's notice has no way to accept it (§4.5): back to the notice.
    if (persona.behaviour !== 'terms') return redirect(`${bank.basePath}/notice`);
    state.acceptNotice(bank.id, persona.loginId);
    session.stage = 'active';
    return redirect(`${bank.basePath}/accounts`);
  });

  // -- §4.4 data pages -------------------------------------------------------------------------

  route('GET', '/accounts', (ctx) => {
    const active = requireActive(ctx);
    if ('status' in active) return active;
    const accounts = listAccounts(active.persona, today());
    const broken =
      active.persona.behaviour === 'broken-layout' ||
      state.faultMode(ctx.bank.id, 'web') === 'broken-layout';
    const render = broken ? accountCardsPage : accountsPage;
    return page(200, render(ctx.bank, accounts, active.session.csrf));
  });

  function accountIndexOf(ctx: PageContext, persona: Persona): number | undefined {
    const id = ctx.request.params.accountId ?? '';
    return findAccountIndex(persona, id);
  }

  function accountNotFound(bank: Bank): Outcome {
    return page(404, errorPage(bank, 'Not found', 'not-found', 'There is no such account.'));
  }

  route('GET', '/accounts/:accountId', (ctx) => {
    const active = requireActive(ctx);
    if ('status' in active) return active;
    const index = accountIndexOf(ctx, active.persona);
    if (index === undefined) return accountNotFound(ctx.bank);
    const account = describeAccount(active.persona, index, today());
    return page(200, accountPage(ctx.bank, account, active.session.csrf));
  });

  route('GET', '/accounts/:accountId/transactions', async (ctx) => {
    const active = requireActive(ctx);
    if ('status' in active) return active;
    const index = accountIndexOf(ctx, active.persona);
    if (index === undefined) return accountNotFound(ctx.bank);
    const query = parseTransactionQuery(ctx.request.query);
    if (query === null) {
      return page(
        400,
        errorPage(ctx.bank, 'Bad request', 'bad-request', 'A search parameter is not valid.'),
      );
    }
    const body = await renderer.transactions({
      loginId: active.persona.loginId,
      accountIndex: index,
      today: today(),
      query,
      bank: { name: ctx.bank.name, basePath: ctx.bank.basePath },
      csrf: active.session.csrf,
    });
    return page(200, body);
  });

  route('GET', '/profile', (ctx) => {
    const active = requireActive(ctx);
    if ('status' in active) return active;
    return page(200, profilePage(ctx.bank, active.persona, active.session.csrf));
  });

  route('POST', '/logout', (ctx) => {
    const { session, bank, request } = ctx;
    if (session !== undefined) {
      if (field(request.body, '_csrf') !== session.csrf) {
        return page(403, errorPage(bank, 'Forbidden', 'csrf', 'The form has expired.'));
      }
      state.endSession(session);
    }
    return redirect(`${bank.basePath}/login`, [clearedSessionCookie(bank)]);
  });

  // Anything else under the web root is a page the bank does not have (HTML, not the API's 404).
  app.route<RouteGeneric>({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: `${webRoot}/*`,
    config: routeConfig,
    schema: { hide: true },
    errorHandler: onError,
    handler: (request, reply) => {
      const rest = request.params['*'] ?? '';
      const slug = /^([^/]+)\/?$/.exec(rest)?.[1];
      if (request.method === 'GET' && slug !== undefined && banksBySlug.has(slug)) {
        return send(reply, redirect(`${webRoot}/${slug}/login`));
      }
      return send(reply, page(404, notFoundPage()));
    },
  });

  return state;
}
