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
}

export const defaultWebBankProfile: WebBankProfile = {
  pageSize: 1_000,
  mfa: 'never',
  currency: 'AUD',
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
