// Runs the conformance suite (src/connectors/conformance.ts) over every registered connector,
// against the sandbox banks on 127.0.0.1, with journeys and ground truth from the personas and
// the generator. Also checks the registry itself.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  describeConnectorConformance,
  type ConformanceJourney,
} from '../../src/connectors/conformance.ts';
import type { Connector } from '../../src/connectors/connector.ts';
import {
  createConnectorRegistry,
  missingConnectors,
  type ConnectorRegistry,
  type ConnectorRegistrySettings,
} from '../../src/connectors/registry.ts';
import { isMfaRequired, type SandboxInstitutionId } from '../../src/sandbox/personas.ts';
import {
  expectedAccounts,
  expectedProfile,
  persona,
  slugs,
  startTime,
  startWebBank,
  wholeHistory,
  type RunningWebBank,
} from './sandbox-web-bank.ts';

const bankLimits: ConnectorRegistrySettings['bank'] = {
  bankTimeoutS: 5,
  bankRetries: 3,
  bankRetryAfterMaxS: 30,
};

function isSandboxInstitution(id: string): id is SandboxInstitutionId {
  return id in slugs;
}

/** The challenge and answers the bank asks `loginId` for at the institution, on a first login. */
function mfaFor(loginId: string, institutionId: SandboxInstitutionId): ConformanceJourney['mfa'] {
  const p = persona(loginId);
  if (!isMfaRequired(p, institutionId, 1)) return undefined;
  return {
    method: p.mfa.method,
    description: null,
    input: p.mfa.questions,
    answers: p.mfa.answers,
  };
}

/** The journeys of one sandbox institution, from sandbox.md §3 and the generator. */
function journeysFor(institutionId: SandboxInstitutionId, bank: () => RunningWebBank) {
  const journey = (
    title: string,
    loginId: string,
    password: string,
    expect: ConformanceJourney['expect'],
    arrange?: () => void,
  ): ConformanceJourney => {
    const mfa =
      expect.outcome === 'success' || expect.step !== 'verify-credentials'
        ? mfaFor(loginId, institutionId)
        : undefined;
    return {
      title,
      institutionId,
      credentials: { loginId, password },
      window: wholeHistory,
      expect,
      ...(mfa === undefined ? {} : { mfa }),
      ...(arrange === undefined ? {} : { arrange }),
    };
  };
  const fault = (mode: 'maintenance' | 'error-5xx') => () => {
    bank().state.setFault(institutionId, { surface: 'web', mode });
  };
  const needsMfaAgain = mfaFor('scenario-session', institutionId) !== undefined;
  return [
    journey('gavinBelson: every account and transaction', 'gavinBelson', 'hooli2016', {
      outcome: 'success',
      accounts: expectedAccounts('gavinBelson', wholeHistory),
      profile: expectedProfile('gavinBelson'),
    }),
    journey('a wrong password', 'gavinBelson', 'wrong-password', {
      outcome: 'failure',
      step: 'verify-credentials',
      kind: 'invalid-credentials',
      detail: 'The login details you entered are incorrect.',
    }),
    journey('bighead', 'bighead', 'password', {
      outcome: 'failure',
      step: 'verify-credentials',
      kind: 'invalid-credentials',
      detail: 'Account is locked',
    }),
    journey('erlich', 'erlich', 'aviato', {
      outcome: 'failure',
      step: 'verify-credentials',
      kind: 'account-not-accessible-requires-user-action',
    }),
    journey('jianYang', 'jianYang', 'nothotdog', {
      outcome: 'failure',
      step: 'verify-credentials',
      kind: 'service-unavailable',
    }),
    journey('scenario-broken', 'scenario-broken', 'tributary', {
      outcome: 'failure',
      step: 'retrieve-accounts',
      kind: 'connector-error',
    }),
    journey('scenario-flaky', 'scenario-flaky', 'tributary', {
      outcome: 'success',
      accounts: expectedAccounts('scenario-flaky', wholeHistory),
    }),
    // Logging in again at a bank that always asks for MFA needs a user (README, "Sessions").
    needsMfaAgain
      ? // The session's three requests read the accounts and their two details pages: reading the
        // profile, still at retrieve-accounts, needs a new login.
        journey('scenario-session', 'scenario-session', 'tributary', {
          outcome: 'failure',
          step: 'retrieve-accounts',
          kind: 'user-action-required',
        })
      : journey('scenario-session', 'scenario-session', 'tributary', {
          outcome: 'success',
          accounts: expectedAccounts('scenario-session', wholeHistory),
        }),
    journey(
      'fault maintenance',
      'gavinBelson',
      'hooli2016',
      {
        outcome: 'failure',
        step: 'verify-credentials',
        kind: 'maintenance',
        retryAfterMs: 600_000,
      },
      fault('maintenance'),
    ),
    journey(
      'fault error-5xx',
      'gavinBelson',
      'hooli2016',
      { outcome: 'failure', step: 'verify-credentials', kind: 'service-unavailable' },
      fault('error-5xx'),
    ),
  ];
}

// The registered connectors, listed before the bank runs (their base URL does not matter here).
const registered = createConnectorRegistry({
  sandboxBaseUrl: 'http://127.0.0.1:1',
  bank: bankLimits,
}).list();

let running: RunningWebBank | null = null;
let registry: ConnectorRegistry | null = null;

function bank(): RunningWebBank {
  if (running === null) throw new Error('the sandbox bank is not running');
  return running;
}

for (const listed of registered) {
  const institutionId = listed.institutionId;
  if (!isSandboxInstitution(institutionId)) {
    test(`${institutionId}/${listed.method} has a conformance harness`, () => {
      assert.fail('a registered connector without a harness in this file');
    });
    continue;
  }
  describeConnectorConformance({
    name: `${institutionId}/${listed.method} (${listed.id})`,
    // Each suite gets its own bank, and a registry built as main.ts would build it.
    async start() {
      running = await startWebBank();
      registry = createConnectorRegistry({ sandboxBaseUrl: running.origin, bank: bankLimits });
    },
    async stop() {
      await running?.close();
      running = null;
      registry = null;
    },
    reset() {
      bank().state.reset();
      bank().clock.set(startTime);
      return Promise.resolve();
    },
    bankRequests: () => bank().requests.length,
    // A reset forgets every session, as a bank that logs everybody out would.
    endBankSessions: () => bank().state.reset(),
    advanceClock: (seconds) => bank().clock.advance(seconds * 1_000),
    connector(id): Connector {
      const connector = registry?.get(id, listed.method);
      if (connector === undefined) throw new Error(`no ${listed.method} connector for ${id}`);
      return connector;
    },
    context() {
      return bank().context().ctx;
    },
    journeys: [
      ...journeysFor(institutionId, bank),
      // A second institution, so the suite can check that sessions do not cross institutions.
      ...journeysFor(institutionId === 'ZZ00001' ? 'AU00000' : 'ZZ00001', bank).slice(1, 2),
    ],
  });
}

describe('connector registry', () => {
  test('one web connector per sandbox institution, at {S}/sandbox/web/{slug}', () => {
    const list = createConnectorRegistry({
      sandboxBaseUrl: 'http://127.0.0.1:8080/',
      bank: bankLimits,
    }).list();
    assert.deepEqual(
      list.map((c) => [c.institutionId, c.method, c.id]),
      [
        ['AU00000', 'web', 'web'],
        ['AU00002', 'web', 'web'],
        ['AU00003', 'web', 'web'],
        ['ZZ00001', 'web', 'web'],
      ],
    );
    assert.deepEqual(
      list.map((c) => c.capabilities.mfa),
      ['never', 'always', 'sometimes', 'never'],
    );
  });

  test('get by institution and method; what institutions offer without a connector is reported', () => {
    const registry = createConnectorRegistry({
      sandboxBaseUrl: 'http://127.0.0.1:8080',
      bank: bankLimits,
    });
    assert.equal(registry.get('AU00002', 'web')?.institutionId, 'AU00002');
    assert.equal(registry.get('AU00000', 'open-banking'), undefined);
    assert.deepEqual(
      missingConnectors(registry, [
        { id: 'AU00000', methods: ['web', 'open-banking'] },
        { id: 'AU00002', methods: ['web'] },
      ]),
      ['AU00000/open-banking'],
    );
  });

  test('with the sandbox off no sandbox connector is registered', () => {
    assert.deepEqual(
      createConnectorRegistry({ sandboxBaseUrl: null, bank: bankLimits }).list(),
      [],
    );
  });

  test('invalid settings stop the start, every problem listed', () => {
    assert.throws(
      () =>
        createConnectorRegistry({
          sandboxBaseUrl: 'not a url',
          bank: { bankTimeoutS: 0, bankRetries: 3, bankRetryAfterMaxS: 30 },
        }),
      (error: unknown) => error instanceof Error && error.message.split('\n').length === 1 + 4 * 2,
    );
  });
});
