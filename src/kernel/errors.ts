/** The closed list of API error codes (api.md §5.2), with their HTTP status and fixed title. */
export const errorCatalogue = {
  'parameter-not-supplied': { status: 400, title: 'Required parameter not supplied.' },
  'parameter-not-valid': { status: 400, title: 'Parameter not valid.' },
  'invalid-content': { status: 400, title: 'Invalid content.' },
  'invalid-credentials': { status: 400, title: 'Invalid credentials.' },
  'institution-not-supported': { status: 400, title: 'Institution not supported.' },
  'institution-disabled': { status: 400, title: 'Institution disabled.' },
  'no-webhooks-found': { status: 400, title: 'No webhooks found.' },
  'unauthorized-access': { status: 401, title: 'Unauthorized access.' },
  'invalid-authorization-token': { status: 401, title: 'Invalid authorization token.' },
  'access-denied': { status: 403, title: 'Access denied.' },
  'forbidden-access': { status: 403, title: 'Forbidden access.' },
  'too-many-sandbox-connections': { status: 403, title: 'Too many sandbox connections.' },
  'resource-not-found': { status: 404, title: 'Requested resource is not found.' },
  'method-not-allowed': { status: 405, title: 'Method not allowed.' },
  'resource-already-exists': { status: 409, title: 'Resource already exists.' },
  'idempotency-key-in-use': { status: 409, title: 'Idempotency key in use.' },
  'connection-method-conflict': { status: 409, title: 'Connection method conflict.' },
  'connection-deleted': { status: 409, title: 'Connection deleted.' },
  'connection-not-ready': { status: 409, title: 'Connection not ready.' },
  'reconsent-required': { status: 409, title: 'Re-consent required.' },
  'job-in-progress': { status: 409, title: 'Job in progress.' },
  'mfa-not-requested': { status: 409, title: 'MFA not requested.' },
  'webhook-disabled': { status: 409, title: 'Webhook disabled.' },
  'resource-no-longer-available': { status: 410, title: 'Resource no longer available.' },
  'request-too-large': { status: 413, title: 'Request too large.' },
  'unsupported-content-type': { status: 415, title: 'Unsupported content type.' },
  'idempotency-key-mismatch': { status: 422, title: 'Idempotency key reused.' },
  'too-many-requests': { status: 429, title: 'Too many requests.' },
  'refresh-limit-reached': { status: 429, title: 'Refresh limit reached.' },
  'internal-server-error': { status: 500, title: 'Internal server error.' },
  'service-unavailable': { status: 503, title: 'Service unavailable.' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** Where a problem sits in the request: a JSON Pointer into the body or a parameter name. */
export type ErrorSource = { pointer?: string; parameter?: string } | null;

export interface ErrorItem {
  code: ErrorCode;
  detail: string;
  source?: ErrorSource;
}

/**
 * An expected outcome of a request (ARCHITECTURE §4.2). `detail` is safe to show a developer;
 * `cause` is logged, never sent.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly source: ErrorSource;
  readonly extra: readonly ErrorItem[];
  readonly retryAfterS: number | null;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: ErrorCode,
    detail: string,
    options: {
      source?: ErrorSource;
      cause?: unknown;
      /** Further problems found in the same request (validation reports every field). */
      extra?: ErrorItem[];
      retryAfterS?: number;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.source = options.source ?? null;
    this.extra = options.extra ?? [];
    this.retryAfterS = options.retryAfterS ?? null;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }

  /** Every problem this error reports, first its own. */
  items(): ErrorItem[] {
    return [{ code: this.code, detail: this.detail, source: this.source }, ...this.extra];
  }
}

/**
 * The database cannot be reached (connection refused, dropped or timed out). Storage drivers
 * throw it; the API answers 503 `service-unavailable` with `Retry-After` (api.md §5.2).
 */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the database is unavailable', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}
