// Per-institution differences of banks that run the same web banking software (ARCHITECTURE
// §3.4, actual's idea without its glob): one default profile plus small overrides selected by
// institution id from this explicit map. Anything a bank does differently goes here, not into
// `if (institutionId === …)` inside the connector.
import type { ConnectorCapabilities } from '../connector.ts';

/** How the connector treats one institution's web bank. */
export interface WebBankProfile {
  /** Transactions asked per page (`size`, sandbox.md §4.4: the bank serves at most 1,000). */
  readonly pageSize: number;
  /** Whether the bank asks for a second factor (sandbox.md §1 "MFA at the web bank"). */
  readonly mfa: ConnectorCapabilities['mfa'];
  /** Currency of accounts whose page names none (ISO 4217). */
  readonly currency: string;
  /** The bank's own calendar: what "today" is there (account details are re-read once a day). */
  readonly timeZone: string;
  /**
   * How long after its last request a kept bank session is still tried by the connection's next
   * job, in clock seconds: safely inside the bank's idle timeout (sandbox.md §4.2: 300 s). Older
   * sessions are not tried: the job logs in at once. 0 keeps no session between jobs.
   */
  readonly sessionIdleS: number;
  /** How long after its login a kept session is still tried (the bank's lifetime: 1,800 s). */
  readonly sessionMaxS: number;
}

export const defaultWebBankProfile: WebBankProfile = {
  pageSize: 1_000,
  mfa: 'never',
  currency: 'AUD',
  timeZone: 'Australia/Sydney',
  sessionIdleS: 240,
  sessionMaxS: 1_500,
};

/** The overrides, by institution id. An institution not listed uses the default profile. */
export const webBankOverrides: Readonly<Record<string, Partial<WebBankProfile>>> = {
  // Pied Piper asks every persona with data for a second factor (authorization `user-mfa`).
  AU00002: { mfa: 'always' },
  // Nucleus asks some personas, some of the time (`user-mfa-intermittent`).
  AU00003: { mfa: 'sometimes' },
};

/** The profile of an institution: the default with its overrides applied. */
export function webBankProfile(institutionId: string): WebBankProfile {
  return { ...defaultWebBankProfile, ...webBankOverrides[institutionId] };
}
