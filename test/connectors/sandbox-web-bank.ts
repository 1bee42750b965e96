// The sandbox web bank on 127.0.0.1 for connector tests, the contexts to call connectors with,
// and ground truth from the generator (sandbox.md §2). Tests may import the sandbox; connectors
// may not (ARCHITECTURE §3.2).
import { after, afterEach, before } from 'node:test';
import Fastify from 'fastify';
import { Agent } from 'undici';
import { registerBodyParsers } from '../../src/api/plugins/body.ts';
import type { ExpectedAccount } from '../../src/connectors/conformance.ts';
import type {
  ConnectorContext,
  ConnectorProfile,
  TransactionWindow,
} from '../../src/connectors/connector.ts';
import {
  createWebConnector,
  type WebConnector,
  type WebConnectorSettings,
} from '../../src/connectors/web/web-connector.ts';
import { createHttpClient } from '../../src/connectors/web/web-http.ts';
import { ManualClock } from '../../src/kernel/clock.ts';
import {
  formatCents,
  iteratePosted,
  listAccounts,
  listPending,
} from '../../src/sandbox/generator.ts';
import { findPersona, type Persona } from '../../src/sandbox/personas.ts';
import { registerWebBank } from '../../src/sandbox/web-bank/web-bank.ts';
import type { WebBankState } from '../../src/sandbox/web-bank/sessions.ts';

/** The clock's start and the bank's today (`D`, Sydney). */
export const startTime = '2026-11-24T00:00:00Z';
export const today = '2026-11-24';

/** A window reaching back past every persona's history, up to today. */
export const wholeHistory: TransactionWindow = { from: '2024-11-24', to: today };

export const slugs = {
  AU00000: 'hooli',
  AU00002: 'pied-piper',
  AU00003: 'nucleus',
  ZZ00001: 'endframe',
} as const;

export interface RunningWebBank {
  readonly clock: ManualClock;
  readonly state: WebBankState;
  /** `http://127.0.0.1:<port>`: what TRIBUTARY_SANDBOX_BASE_URL would be. */
  readonly origin: string;
  /** Every request the bank answered, as `METHOD /path` (query included), oldest first. */
  readonly requests: string[];
  baseUrl(institutionId: keyof typeof slugs): string;
  /**
   * The web connector of an institution, against this bank: 5 s timeout, 3 retries, jitter at
   * its midpoint (back-off exactly 1 s, 2 s, 4 s); `settings` override.
   */
  connector(
    institutionId: keyof typeof slugs,
    settings?: Partial<WebConnectorSettings>,
  ): WebConnector;
  /** A context with a fresh abort signal, recording logs and wall-time waits (not waiting). */
  context(overrides?: Partial<ConnectorContext>): RecordingContext;
  close(): Promise<void>;
}

export interface RecordingContext {
  readonly ctx: ConnectorContext;
  /** Log lines as JSON text. */
  readonly logs: string[];
  /** Every wall-time wait asked for, in ms. */
  readonly sleeps: number[];
}

export async function startWebBank(): Promise<RunningWebBank> {
  const clock = new ManualClock(startTime);
  const app = Fastify({ logger: false });
  registerBodyParsers(app);
  const requests: string[] = [];
  app.addHook('onRequest', (request, _reply, done) => {
    requests.push(`${request.method} ${request.url}`);
    done();
  });
  const state = registerWebBank(app, { clock, sessionIdleS: 300, sessionMaxS: 1_800 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  const origin = `http://127.0.0.1:${address.port}`;
  const agent = new Agent();
  const http = createHttpClient({ dispatcher: agent });
  return {
    clock,
    state,
    origin,
    requests,
    baseUrl: (institutionId) => `${origin}/sandbox/web/${slugs[institutionId]}`,
    connector: (institutionId, settings = {}) =>
      createWebConnector({
        institutionId,
        baseUrl: `${origin}/sandbox/web/${slugs[institutionId]}`,
        timeoutMs: 5_000,
        retries: 3,
        retryAfterMaxMs: 30_000,
        random: () => 0.5,
        ...settings,
      }),
    context(overrides = {}) {
      const logs: string[] = [];
      const sleeps: number[] = [];
      const write = (level: string) => (fields: Record<string, unknown>, message: string) => {
        logs.push(JSON.stringify({ level, message, ...fields }));
      };
      const ctx: ConnectorContext = {
        clock,
        logger: {
          debug: write('debug'),
          info: write('info'),
          warn: write('warn'),
          error: write('error'),
        },
        signal: new AbortController().signal,
        http,
        // Back-off is wall time (connections.md §5.5); the tests record it instead of waiting.
        sleep: (ms) => {
          sleeps.push(ms);
          return Promise.resolve();
        },
        ...overrides,
      };
      return { ctx, logs, sleeps };
    },
    async close() {
      // The client's connections first, then the server: the server then has no connection to
      // wait for, and no request of a test left behind can hold the shutdown.
      await agent.destroy();
      await app.close();
    },
  };
}

export function persona(loginId: string): Persona {
  const found = findPersona(loginId);
  if (found === undefined) throw new Error(`no persona ${loginId}`);
  return found;
}

/** The customer the bank's profile page shows for a persona (sandbox.md §4.4). */
export function expectedProfile(loginId: string): ConnectorProfile {
  const p = persona(loginId);
  return {
    fullName: p.fullName,
    firstName: p.firstName,
    middleName: '',
    lastName: p.lastName,
    emailAddresses: [p.email],
    phoneNumbers: [p.maskedPhone],
    physicalAddresses: [],
  };
}

/** The accounts and posted ids the bank serves a persona today within the window. */
export function expectedAccounts(loginId: string, window: TransactionWindow): ExpectedAccount[] {
  const p = persona(loginId);
  return listAccounts(p, today).map((account) => ({
    bankAccountId: account.id,
    name: account.name,
    classType: account.type,
    balance: formatCents(account.balanceCents),
    availableFunds: formatCents(account.availableFundsCents),
    postedIds: [...iteratePosted(p, account.index, today, window)].map((tx) => tx.id ?? ''),
    pendingCount: window.to >= today ? listPending(p, account.index, today).length : 0,
  }));
}

/**
 * One bank for a test file (node:test hooks): started before its tests, reset to the start of
 * the sandbox day after each, closed after them. `use` receives it once started.
 */
export function useWebBank(use: (bank: RunningWebBank) => void): void {
  let bank: RunningWebBank | null = null;
  before(async () => {
    bank = await startWebBank();
    use(bank);
  });
  after(async () => {
    await bank?.close();
  });
  afterEach(() => {
    bank?.state.reset();
    bank?.clock.set(startTime);
  });
}
