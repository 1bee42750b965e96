import { ConnectionError, errorForStatus, type TributaryError } from './errors.ts';
import type { ApiErrorItem } from './models.ts';

/** Options every SDK method takes last. */
export interface RequestOptions {
  /** Aborts the request. */
  signal?: AbortSignal;
  /**
   * `Idempotency-Key` for a create or update: sending the same request again with the same key
   * returns the first answer instead of acting twice (api.md §6).
   */
  idempotencyKey?: string;
}

/** A query string's values; `undefined` leaves the parameter out. */
export type Query = Record<string, string | number | undefined>;

/** One call of the API, as resources describe it. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** A path under the base URL (`/users/…`) or an absolute URL the API gave (`links.next`). */
  path: string;
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  options?: RequestOptions | undefined;
}

/** What resources call: sends a request with the client's credentials, returns the JSON body. */
export interface Transport {
  request<T>(request: ApiRequest): Promise<T>;
}

/** The `fetch` the SDK uses: the global one unless the caller passes another. */
export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** `/users/{id}` with each id percent-encoded. */
export function pathOf(strings: TemplateStringsArray, ...ids: string[]): string {
  return strings.reduce(
    (out, part, i) => out + part + (i < ids.length ? encodeURIComponent(ids[i] ?? '') : ''),
    '',
  );
}

/** The base URL without its trailing slashes; throws on anything but an http(s) URL. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl is not a URL: ${baseUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`baseUrl must be http or https: ${baseUrl}`);
  return baseUrl.replace(/\/+$/, '');
}

/** The absolute URL of a request: `path` as given when absolute (links are followed as-is). */
export function urlOf(baseUrl: string, path: string, query: Query = {}): string {
  const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(`${baseUrl}${path}`);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

function isErrorItem(value: unknown): value is ApiErrorItem {
  const item = value as Partial<ApiErrorItem> | null;
  return !!item && typeof item.code === 'string' && typeof item.detail === 'string';
}

/** The error an answer stands for: the envelope of api.md §5.1 when the body is one. */
export function errorFromAnswer(status: number, headers: Headers, text: string): TributaryError {
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // Not JSON (a proxy's HTML page, say): the status and headers are all there is.
  }
  const envelope = body as { correlationId?: unknown; data?: unknown } | null;
  const errors = Array.isArray(envelope?.data)
    ? envelope.data.filter(isErrorItem).map((item) => ({ ...item, source: item.source ?? null }))
    : [];
  const correlationId =
    typeof envelope?.correlationId === 'string'
      ? envelope.correlationId
      : headers.get('x-correlation-id');
  return errorForStatus({ status, errors, correlationId, headers });
}

/**
 * Sends one request and returns its JSON body (undefined for an empty answer such as 204), or
 * throws the `TributaryError` subclass of its status.
 */
export async function send<T>(
  fetchFn: Fetch,
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: unknown;
    options?: RequestOptions | undefined;
  },
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  let body: string | undefined;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  if (init.options?.idempotencyKey !== undefined)
    headers['idempotency-key'] = init.options.idempotencyKey;
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: init.method,
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(init.options?.signal ? { signal: init.options.signal } : {}),
    });
  } catch (error) {
    throw new ConnectionError(
      { status: 0, errors: [], correlationId: null, headers: null },
      `${init.method} ${url} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const text = await response.text();
  if (!response.ok) throw errorFromAnswer(response.status, response.headers, text);
  if (text === '') return undefined as T;
  return JSON.parse(text) as T;
}
