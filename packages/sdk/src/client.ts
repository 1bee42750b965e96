import { ForbiddenError, UnauthorizedError } from './errors.ts';
import {
  normalizeBaseUrl,
  send,
  urlOf,
  type ApiRequest,
  type Fetch,
  type RequestOptions,
  type Transport,
} from './http.ts';
import type { AccessToken, TokenRequest } from './models.ts';
import { Applications } from './resources/applications.ts';
import { Connectors } from './resources/connectors.ts';
import { Events } from './resources/events.ts';
import { Institutions } from './resources/institutions.ts';
import { Keys } from './resources/keys.ts';
import { Users } from './resources/users.ts';

/** The `basiq-version` a client chooses at `POST /token` (api.md §1). */
export type ApiVersion = '1.0' | '2.0' | '2.1' | '3.0';

/** What both ways of building a `Tributary` take. */
interface ClientOptions {
  /** `TRIBUTARY_PUBLIC_URL` of the server, e.g. `http://localhost:8080`. */
  baseUrl: string;
  /** Another `fetch` (a proxy agent, instrumentation); the global one by default. */
  fetch?: Fetch;
}

/** A client of a server application: it mints and renews its own tokens from the API key. */
export interface TributaryKeyOptions extends ClientOptions {
  /** An API key of the application, exactly as issued. */
  apiKey: string;
  /** Sent as `basiq-version` when minting tokens; `3.0` unless said otherwise. */
  version?: ApiVersion;
}

/**
 * A client holding a token minted elsewhere, e.g. a `CLIENT_ACCESS` token handed to a browser
 * (api.md §2.4). It cannot renew it: a refused token surfaces as the error.
 */
export interface TributaryTokenOptions extends ClientOptions {
  accessToken: string;
}

/** Options of `new Tributary(…)`: an API key, or an access token. */
export type TributaryOptions = TributaryKeyOptions | TributaryTokenOptions;

/** Options of `new TributaryAdmin(…)`. */
export interface TributaryAdminOptions {
  /** `TRIBUTARY_PUBLIC_URL` of the server. */
  baseUrl: string;
  /** `TRIBUTARY_ADMIN_TOKEN`, or the content of `{data}/admin-token` in embedded mode. */
  adminToken: string;
  /** Another `fetch`; the global one by default. */
  fetch?: Fetch;
}

const defaultFetch: Fetch = (input, init) => globalThis.fetch(input, init);

/**
 * The answers after which a new token may help: 401 (revoked, or signed with a key the server no
 * longer has) and 403 `Token has expired` (api.md §2.3; Basiq's clients match this text too).
 */
function isRefusedToken(error: unknown): boolean {
  if (error instanceof UnauthorizedError) return true;
  return (
    error instanceof ForbiddenError &&
    error.code === 'access-denied' &&
    error.detail === 'Token has expired'
  );
}

/**
 * A client of the public API for one application. It exchanges the API key for a
 * `SERVER_ACCESS` token at `POST /token` on first use, keeps it, and mints a new one once when the
 * server refuses it (expired or revoked), then repeats the request.
 *
 * ```ts
 * const tributary = new Tributary({ baseUrl: 'http://localhost:8080', apiKey });
 * const user = await tributary.users.create({ email: 'ada@example.com' });
 * for await (const u of tributary.users.iterate({ limit: 100 })) console.log(u.id);
 * ```
 */
export class Tributary {
  /** Users (api.md §7). */
  readonly users: Users;
  /** The institution catalogue (api.md §8.1). */
  readonly institutions: Institutions;
  /** Connectors (api.md §8.2). */
  readonly connectors: Connectors;
  /** Events (events-webhooks.md §3). */
  readonly events: Events;

  readonly #baseUrl: string;
  readonly #apiKey: string | null;
  readonly #version: ApiVersion;
  readonly #fetch: Fetch;
  /** The token in use, or the mint in flight that every concurrent request waits for. */
  #token: Promise<string> | null = null;

  constructor(options: TributaryOptions) {
    this.#baseUrl = normalizeBaseUrl(options.baseUrl);
    this.#fetch = options.fetch ?? defaultFetch;
    if ('apiKey' in options) {
      this.#apiKey = options.apiKey;
      this.#version = options.version ?? '3.0';
    } else {
      this.#apiKey = null;
      this.#version = '3.0';
      this.#token = Promise.resolve(options.accessToken);
    }
    const transport: Transport = { request: (request) => this.#authorized(request) };
    this.users = new Users(transport);
    this.institutions = new Institutions(transport);
    this.connectors = new Connectors(transport);
    this.events = new Events(transport);
  }

  /**
   * `POST /token`: a new access token. Without arguments a `SERVER_ACCESS` token; with
   * `{ scope: 'CLIENT_ACCESS', userId }` a token for one user, to hand to a browser or phone.
   * It is not cached: the client keeps its own server token. Needs the API key.
   */
  async createToken(body: TokenRequest = {}, options?: RequestOptions): Promise<AccessToken> {
    if (this.#apiKey === null) throw new TypeError('createToken needs a client built with apiKey');
    return send<AccessToken>(this.#fetch, urlOf(this.#baseUrl, '/token'), {
      method: 'POST',
      headers: { authorization: `Basic ${this.#apiKey}`, 'basiq-version': this.#version },
      body,
      options,
    });
  }

  /** The token this client sends: the one it was given, or a server token minted on first use. */
  accessToken(): Promise<string> {
    if (this.#token === null) {
      const minting = this.createToken({ scope: 'SERVER_ACCESS' }).then((t) => t.access_token);
      this.#token = minting;
      // A failed mint is not kept: the next request tries again.
      minting.catch(() => {
        if (this.#token === minting) this.#token = null;
      });
    }
    return this.#token;
  }

  /** Drops `refused` so the next `accessToken()` mints; a newer token is kept. */
  async #forget(refused: string): Promise<void> {
    const current = this.#token;
    if (current === null) return;
    const value = await current.catch(() => null);
    if (this.#token === current && (value === refused || value === null)) this.#token = null;
  }

  async #authorized<T>(request: ApiRequest): Promise<T> {
    const call = (token: string) =>
      send<T>(this.#fetch, urlOf(this.#baseUrl, request.path, request.query), {
        method: request.method,
        headers: { authorization: `Bearer ${token}` },
        body: request.body,
        options: request.options,
      });
    const token = await this.accessToken();
    try {
      return await call(token);
    } catch (error) {
      // Refused before the route ran (auth is checked first), so repeating it acts once.
      if (this.#apiKey === null || !isRefusedToken(error)) throw error;
      await this.#forget(token);
      return call(await this.accessToken());
    }
  }
}

/**
 * A client of the admin API (api.md §12; operations.md §6): applications and their keys. It
 * authenticates with the operator's admin token, never with an API key.
 */
export class TributaryAdmin {
  /** Applications (tenants). */
  readonly applications: Applications;
  /** API keys. */
  readonly keys: Keys;

  constructor(options: TributaryAdminOptions) {
    const baseUrl = normalizeBaseUrl(options.baseUrl);
    const fetchFn = options.fetch ?? defaultFetch;
    const authorization = `Bearer ${options.adminToken}`;
    const transport: Transport = {
      request: (request) =>
        send(fetchFn, urlOf(baseUrl, request.path, request.query), {
          method: request.method,
          headers: { authorization },
          body: request.body,
          options: request.options,
        }),
    };
    this.applications = new Applications(transport);
    this.keys = new Keys(transport);
  }
}
