// The one place where the web bank's failures become ConnectorError kinds (ARCHITECTURE §3.4,
// §5 "error classification by message text"): by the page's `data-error` attribute first, then
// by HTTP status. The bank's message is carried as `detail`, never used to decide.
import { ConnectorError } from '../connector.ts';

/** Something that went wrong talking to the web bank, as the connector observed it. */
export type WebBankFailure =
  /** No answer within TRIBUTARY_BANK_TIMEOUT_S, on every attempt. */
  | { readonly type: 'timeout'; readonly attempts: number; readonly timeoutMs: number }
  /** The connection failed (refused, reset, DNS), on every attempt. */
  | { readonly type: 'network'; readonly attempts: number; readonly code: string | null }
  /** The bank answered with an error: a status other than the expected one and/or an error page. */
  | {
      readonly type: 'response';
      readonly status: number;
      /** `p.error[data-error]` of the page, or null when it showed none. */
      readonly errorCode: string | null;
      /** The bank's message on that page. */
      readonly message: string | null;
      /** The bank's `Retry-After`, in milliseconds. */
      readonly retryAfterMs: number | null;
      readonly attempts: number;
    }
  /** A page without the elements sandbox.md §4 promises, or a redirect to somewhere unknown. */
  | { readonly type: 'layout'; readonly what: string }
  /** The bank asked for a second factor when the session was re-established mid-job. */
  | { readonly type: 'mfa-on-relogin' }
  /** The bank kept ending the session: re-logins beyond the limit (connections.md §5.5). */
  | { readonly type: 'session-lost'; readonly relogins: number };

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

function tries(attempts: number): string {
  return attempts === 1 ? 'once' : `${attempts} times`;
}

/**
 * Translates a failure into the kind connections.md §12 gives it. `secrets` (the login ID and
 * password) are removed from any bank text placed in the detail, whatever the bank echoed.
 */
export function translateWebBankFailure(
  failure: WebBankFailure,
  secrets: readonly string[] = [],
): ConnectorError {
  switch (failure.type) {
    case 'timeout':
      return new ConnectorError(
        'service-unavailable',
        `The institution did not answer within ${seconds(failure.timeoutMs)} (tried ${tries(failure.attempts)}).`,
      );
    case 'network':
      return new ConnectorError(
        'service-unavailable',
        `The institution could not be reached${failure.code === null ? '' : ` (${failure.code})`} (tried ${tries(failure.attempts)}).`,
      );
    case 'layout':
      return new ConnectorError(
        'connector-error',
        `The institution's pages were not understood: ${failure.what}.`,
      );
    case 'mfa-on-relogin':
      return new ConnectorError(
        'user-action-required',
        'The institution asked for a second factor again when the session was re-established.',
      );
    case 'session-lost':
      return new ConnectorError(
        'service-unavailable',
        `The institution kept ending the session (logged in again ${failure.relogins} times).`,
      );
    case 'response':
      return translateResponse(failure, secrets);
    default:
      return assertNever(failure);
  }
}

function scrub(text: string | null, secrets: readonly string[]): string | null {
  if (text === null) return null;
  let out = text;
  for (const secret of secrets) if (secret !== '') out = out.split(secret).join('[redacted]');
  return out;
}

function translateResponse(
  failure: Extract<WebBankFailure, { type: 'response' }>,
  secrets: readonly string[],
): ConnectorError {
  const message = scrub(failure.message, secrets);
  const said = (fallback: string) => message ?? fallback;
  const retryAfterMs = failure.retryAfterMs;
  switch (failure.errorCode) {
    case 'invalid-credentials':
      return new ConnectorError(
        'invalid-credentials',
        said('The institution rejected the login ID or password.'),
      );
    case 'account-locked':
      return new ConnectorError(
        'account-locked',
        said('The institution reports the login locked.'),
      );
    case 'notice-pending':
      return new ConnectorError(
        'account-not-accessible-requires-user-action',
        said('The institution asks the user to log in to its website and read a notice.'),
      );
    case 'mfa-invalid':
      return new ConnectorError(
        'invalid-mfa-response',
        said('The institution rejected the answer.'),
      );
    case 'mfa-expired':
      return new ConnectorError('mfa-timeout', said('The challenge expired at the institution.'));
    case 'maintenance':
      return new ConnectorError('maintenance', said('The institution is down for maintenance.'), {
        retryAfterMs,
      });
    case 'service-unavailable':
    case 'server-error':
    case 'bad-gateway':
      return unavailable(failure, retryAfterMs);
    case 'csrf':
    case 'bad-request':
      // The bank refused what we sent: a change on its side we do not understand yet.
      return new ConnectorError(
        'connector-error',
        `The institution refused the connector's request (HTTP ${failure.status}, ${failure.errorCode}).`,
      );
    case null:
    default:
      // No code the connector knows: the status decides.
      break;
  }
  if (failure.status >= 500 || failure.status === 429) return unavailable(failure, retryAfterMs);
  return new ConnectorError(
    'connector-error',
    `The institution answered HTTP ${failure.status}${failure.errorCode === null ? '' : ` (${failure.errorCode})`}, which was not understood.`,
  );
}

function unavailable(
  failure: Extract<WebBankFailure, { type: 'response' }>,
  retryAfterMs: number | null,
): ConnectorError {
  return new ConnectorError(
    'service-unavailable',
    `The institution answered HTTP ${failure.status} (tried ${tries(failure.attempts)}).`,
    { retryAfterMs },
  );
}

function assertNever(value: never): never {
  throw new Error(`Unexpected failure ${JSON.stringify(value)}`);
}
