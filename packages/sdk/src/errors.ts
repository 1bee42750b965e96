import type { ApiErrorItem, ErrorCode } from './models.ts';

/** Where a problem sits in the request: a JSON Pointer into the body, or a parameter name. */
export type ErrorSource = ApiErrorItem['source'];

/** What the SDK read from an error answer. */
export interface ErrorDetails {
  status: number;
  /** Every problem the API reported (validation reports each bad field), first one first. */
  errors: readonly ApiErrorItem[];
  /** The request id: from the body, else from the `X-Correlation-Id` header. */
  correlationId: string | null;
  headers: Headers | null;
}

/**
 * An answer of the API that is not a success (api.md §5), or no answer at all. `code`, `title`,
 * `detail` and `source` are those of the first problem reported; `errors` holds them all.
 * Subclasses are keyed by HTTP status, so `catch (e) { if (e instanceof NotFoundError) … }` works.
 */
export class TributaryError extends Error {
  override name = 'TributaryError';
  /** HTTP status; 0 when no answer arrived (`ConnectionError`). */
  readonly status: number;
  /** The API's error code (`resource-not-found`, …); null when the body was not the envelope. */
  readonly code: ErrorCode | null;
  readonly title: string | null;
  readonly detail: string | null;
  readonly source: ErrorSource;
  readonly errors: readonly ApiErrorItem[];
  /** The request id to quote to an operator; it is on every log line of the request. */
  readonly correlationId: string | null;
  /** Headers of the answer; null when there was none. */
  readonly headers: Headers | null;

  constructor(details: ErrorDetails, message?: string, options?: { cause?: unknown }) {
    const first = details.errors[0];
    super(message ?? describe(details.status, first), options);
    this.status = details.status;
    this.code = first?.code ?? null;
    this.title = first?.title ?? null;
    this.detail = first?.detail ?? null;
    this.source = first?.source ?? null;
    this.errors = details.errors;
    this.correlationId = details.correlationId;
    this.headers = details.headers;
  }
}

function describe(status: number, first: ApiErrorItem | undefined): string {
  return first ? `${status} ${first.code}: ${first.detail}` : `HTTP ${status}`;
}

/** 400: a missing or invalid parameter, body or filter. */
export class BadRequestError extends TributaryError {
  override name = 'BadRequestError';
}

/** 401: a wrong API key, an invalid or revoked token, or a missing admin token. */
export class UnauthorizedError extends TributaryError {
  override name = 'UnauthorizedError';
}

/** 403: the token's scope does not allow the route, or the token expired. */
export class ForbiddenError extends TributaryError {
  override name = 'ForbiddenError';
}

/** 404: no such resource in this application, or no such route. */
export class NotFoundError extends TributaryError {
  override name = 'NotFoundError';
}

/** 409: a duplicate, or a resource in a state that does not allow the request. */
export class ConflictError extends TributaryError {
  override name = 'ConflictError';
}

/** 429: a rate limit; `retryAfter` is the `Retry-After` header in seconds, when given. */
export class RateLimitError extends TributaryError {
  override name = 'RateLimitError';
  readonly retryAfter: number | null;

  constructor(details: ErrorDetails, message?: string) {
    super(details, message);
    const header = details.headers?.get('retry-after');
    const seconds = header === null || header === undefined ? NaN : Number(header);
    this.retryAfter = Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
  }
}

/** 5xx: the server failed or is unavailable; quote `correlationId` when reporting it. */
export class ServerError extends TributaryError {
  override name = 'ServerError';
}

/** No HTTP answer: the server could not be reached or the request was aborted. */
export class ConnectionError extends TributaryError {
  override name = 'ConnectionError';
}

/** The error class for an HTTP status (trigger.dev's `ApiError.generate` pattern). */
export function errorForStatus(details: ErrorDetails): TributaryError {
  const { status } = details;
  if (status === 400) return new BadRequestError(details);
  if (status === 401) return new UnauthorizedError(details);
  if (status === 403) return new ForbiddenError(details);
  if (status === 404) return new NotFoundError(details);
  if (status === 409) return new ConflictError(details);
  if (status === 429) return new RateLimitError(details);
  if (status >= 500) return new ServerError(details);
  return new TributaryError(details);
}
