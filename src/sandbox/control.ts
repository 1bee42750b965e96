// The sandbox control surface of sandbox.md §6: reset and faults over the web bank's state, and the
// ground truth of §6.3 straight from the deterministic generator. It satisfies the domain's
// `SandboxControl` port structurally (src/main.ts wires it); it imports nothing from src/domain.
import type { ClockReading, SandboxClock } from '../kernel/clock.ts';
import {
  findAccountIndex,
  formatCents,
  historyDays,
  listAccounts,
  listTransactions,
  type SandboxAccount,
  type SandboxTransaction,
} from './generator.ts';
import {
  findPersona,
  personas,
  sandboxInstitutionIds,
  type Persona,
  type SandboxInstitutionId,
} from './personas.ts';
import type { FaultInput, SandboxFault } from './web-bank/faults.ts';
import { sydneyDate } from './web-bank/format.ts';
import type { WebBankState } from './web-bank/sessions.ts';

/** A persona's line in the persona list (sandbox.md §6.3). */
export interface PersonaSummary {
  readonly loginId: string;
  readonly personaNumber: number;
  readonly memberNumber: string | null;
  readonly historyDays: number | null;
  readonly accounts: number;
  readonly postedCount: number;
  readonly pendingCount: number;
}

/** An account of the ground truth, money as two-decimal strings (sandbox.md §6.3). */
export interface GroundTruthAccount {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly product: string;
  readonly bsb: string | null;
  readonly number: string;
  readonly balance: string;
  readonly availableFunds: string;
  readonly creditLimit: string | null;
  readonly postedCount: number;
  readonly pendingCount: number;
  readonly firstPostDate: string | null;
  readonly lastPostDate: string | null;
}

/** A persona with its accounts (sandbox.md §6.3). */
export interface PersonaDetail extends Omit<PersonaSummary, 'accounts'> {
  readonly accounts: readonly GroundTruthAccount[];
}

/** A transaction of the ground truth, money as two-decimal strings (sandbox.md §6.3). */
export interface GroundTruthTransaction {
  readonly id: string | null;
  readonly status: 'posted' | 'pending';
  readonly date: string;
  readonly time: string;
  readonly description: string;
  readonly amount: string;
  readonly class: string;
  readonly balance: string | null;
  readonly becomes: string | null;
}

/** Dates (inclusive `YYYY-MM-DD`) and paging of a ground-truth listing. */
export interface GroundTruthQuery {
  readonly from?: string;
  readonly to?: string;
  readonly offset: number;
  readonly limit: number;
}

/** A page of the ground truth and the listing's total. */
export interface GroundTruthPage {
  readonly items: readonly GroundTruthTransaction[];
  readonly total: number;
}

function isSandboxInstitution(id: string): id is SandboxInstitutionId {
  return (sandboxInstitutionIds as readonly string[]).includes(id);
}

function presentAccount(account: SandboxAccount): GroundTruthAccount {
  return {
    id: account.id,
    name: account.name,
    type: account.type,
    product: account.product,
    bsb: account.bsb,
    number: account.number,
    balance: formatCents(account.balanceCents),
    availableFunds: formatCents(account.availableFundsCents),
    creditLimit: account.creditLimitCents === null ? null : formatCents(account.creditLimitCents),
    postedCount: account.postedCount,
    pendingCount: account.pendingCount,
    firstPostDate: account.firstPostDate,
    lastPostDate: account.lastPostDate,
  };
}

function presentTransaction(transaction: SandboxTransaction): GroundTruthTransaction {
  return {
    id: transaction.id,
    status: transaction.status,
    date: transaction.date,
    time: transaction.time,
    description: transaction.description,
    amount: formatCents(transaction.amountCents),
    class: transaction.class,
    balance: transaction.balanceCents === null ? null : formatCents(transaction.balanceCents),
    becomes: transaction.becomes,
  };
}

function countsOf(accounts: readonly SandboxAccount[]): {
  postedCount: number;
  pendingCount: number;
} {
  let postedCount = 0;
  let pendingCount = 0;
  for (const account of accounts) {
    postedCount += account.postedCount;
    pendingCount += account.pendingCount;
  }
  return { postedCount, pendingCount };
}

function identityOf(persona: Persona, today: string) {
  return {
    loginId: persona.loginId,
    personaNumber: persona.personaNumber,
    memberNumber: persona.memberNumber,
    historyDays: historyDays(persona, today),
  };
}

/**
 * The clock, reset, faults and ground truth over one web bank state and the sandbox clock. The
 * state is the one `registerWebBank` serves from, so a fault set here is what the bank answers
 * with; the clock is the one the whole runtime reads business time from.
 */
export class SandboxController {
  readonly #state: WebBankState;
  readonly #clock: SandboxClock;

  constructor(deps: { readonly state: WebBankState; readonly clock: SandboxClock }) {
    this.#state = deps.state;
    this.#clock = deps.clock;
  }

  /** The sandbox clock's time and offset (sandbox.md §5). */
  readClock(): ClockReading {
    return this.#clock.read();
  }

  /** Moves the sandbox clock forward by `seconds` for every process. */
  advanceClock(seconds: number): Promise<ClockReading> {
    return this.#clock.advance(seconds);
  }

  /** Moves the sandbox clock forward to `instant`, never back. */
  setClock(instant: Date): Promise<ClockReading> {
    return this.#clock.setTo(instant);
  }

  /** D: the Sydney calendar date of the sandbox clock. */
  today(): string {
    return sydneyDate(this.#clock.now());
  }

  /** Clears the banks' memory (sandbox.md §6.1); the clock and Tributary's data are untouched. */
  reset(): void {
    this.#state.reset();
  }

  /** Whether the id is one of the sandbox institutions of sandbox.md §1. */
  hasInstitution(institutionId: string): boolean {
    return isSandboxInstitution(institutionId);
  }

  /** Sets (or with mode `none` removes) a fault; a RangeError for a non-sandbox institution. */
  setFault(institutionId: string, input: FaultInput): SandboxFault {
    if (!isSandboxInstitution(institutionId)) {
      throw new RangeError(`${institutionId} is not a sandbox institution`);
    }
    return this.#state.setFault(institutionId, input);
  }

  /** The faults in force now. */
  listFaults(): SandboxFault[] {
    return this.#state.listFaults();
  }

  /** Every persona in sandbox.md §3 order, with its counts on `today`. */
  personas(today: string): PersonaSummary[] {
    return personas.map((persona) => {
      const accounts = listAccounts(persona, today);
      return { ...identityOf(persona, today), accounts: accounts.length, ...countsOf(accounts) };
    });
  }

  /** One persona and its accounts on `today`, or null. */
  persona(loginId: string, today: string): PersonaDetail | null {
    const persona = findPersona(loginId);
    if (persona === undefined) return null;
    const accounts = listAccounts(persona, today);
    return {
      ...identityOf(persona, today),
      ...countsOf(accounts),
      accounts: accounts.map(presentAccount),
    };
  }

  /** A page of one account's ground truth on `today` (pending first), or null when unknown. */
  transactions(
    loginId: string,
    accountId: string,
    today: string,
    query: GroundTruthQuery,
  ): GroundTruthPage | null {
    const persona = findPersona(loginId);
    if (persona === undefined) return null;
    const accountIndex = findAccountIndex(persona, accountId);
    if (accountIndex === undefined) return null;
    const page = listTransactions(persona, accountIndex, today, {
      ...(query.from === undefined ? {} : { from: query.from }),
      ...(query.to === undefined ? {} : { to: query.to }),
      offset: query.offset,
      limit: query.limit,
    });
    return { items: page.items.map(presentTransaction), total: page.total };
  }
}
