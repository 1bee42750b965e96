import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createInstitutionRegistry,
  derivedColor,
  institutionFeatures,
  methodStatus,
  unobservedDurations,
  unobservedHealth,
  worstStatus,
} from './institution-registry.ts';
import type { InstitutionDefinition, InstitutionObserver } from './institutions-types.ts';
import { sandboxInstitutions } from './sandbox-institutions.ts';

const sandboxIds = ['ZZ00001', 'AU00000', 'AU00003', 'AU00002'];

function definition(overrides: Partial<InstitutionDefinition>): InstitutionDefinition {
  const [first] = sandboxInstitutions;
  if (!first) throw new Error('no sandbox institution');
  return { ...first, isSandbox: false, ...overrides };
}

test('sandbox.md §1: the four sandbox institutions, ordered by tier then name, all operational', () => {
  const registry = createInstitutionRegistry({ sandboxEnabled: true, disabledInstitutions: [] });
  const all = registry.list();
  assert.deepEqual(
    all.map((i) => i.definition.id),
    sandboxIds,
  );
  for (const institution of all) {
    assert.equal(institution.status, 'operational');
    assert.equal(institution.isEnabled, true);
    assert.equal(institution.definition.tier, '4');
    assert.equal(institution.definition.country, 'Australia');
  }
  assert.deepEqual(registry.get('AU00000')?.methods, ['web', 'open-banking']);
  assert.deepEqual(registry.get('AU00002')?.methods, ['web']);
  assert.equal(registry.get('AU99999'), null);
  assert.equal(registry.listConnectors().length, 6);
  assert.equal(registry.getConnector('AU00002', 'open-banking'), null);
  assert.equal(registry.getConnector('ZZ00001', 'open-banking')?.state.method, 'open-banking');
});

test('operations.md A26: with the sandbox off the sandbox institutions are neither listed nor found', () => {
  const extra = definition({ id: 'AU10001', name: 'Aardvark Bank', tier: '1' });
  const registry = createInstitutionRegistry({
    sandboxEnabled: false,
    disabledInstitutions: [],
    definitions: [...sandboxInstitutions, extra],
  });
  assert.deepEqual(
    registry.list().map((i) => i.definition.id),
    ['AU10001'],
  );
  assert.equal(registry.get('AU00000'), null);
  assert.equal(registry.getConnector('AU00000', 'web'), null);
});

test('connections.md §9.3: a disabled institution is under-maintenance on every method; unknown ids are ignored', () => {
  const registry = createInstitutionRegistry({
    sandboxEnabled: true,
    disabledInstitutions: ['AU00000', 'XX99999'],
  });
  const hooli = registry.get('AU00000');
  assert.equal(hooli?.isEnabled, false);
  assert.equal(hooli?.status, 'under-maintenance');
  assert.deepEqual(
    hooli?.methodStates.map((s) => s.status),
    ['under-maintenance', 'under-maintenance'],
  );
  assert.equal(registry.get('ZZ00001')?.status, 'operational');
});

test('connections.md §9.3: status from the breaker and the success rate; the institution takes the worst method', () => {
  assert.equal(methodStatus(unobservedHealth, true), 'operational');
  assert.equal(methodStatus({ ...unobservedHealth, breaker: 'open' }, true), 'major-outage');
  assert.equal(methodStatus({ ...unobservedHealth, breaker: 'half-open' }, true), 'partial-outage');
  assert.equal(
    methodStatus({ ...unobservedHealth, successRate1h: 0.89 }, true),
    'degraded-performance',
  );
  assert.equal(methodStatus({ ...unobservedHealth, successRate1h: 0.9 }, true), 'operational');
  assert.equal(methodStatus({ ...unobservedHealth, breaker: 'open' }, false), 'under-maintenance');
  assert.equal(
    worstStatus(['operational', 'partial-outage', 'degraded-performance']),
    'partial-outage',
  );
  assert.equal(worstStatus([]), 'operational');

  const observer: InstitutionObserver = {
    health: (id, method) =>
      id === 'AU00000' && method === 'open-banking'
        ? { ...unobservedHealth, breaker: 'open', nextProbeAt: new Date(0) }
        : unobservedHealth,
    averageDurations: () => unobservedDurations,
  };
  const registry = createInstitutionRegistry({
    sandboxEnabled: true,
    disabledInstitutions: [],
    observer,
  });
  const hooli = registry.get('AU00000');
  assert.equal(hooli?.status, 'major-outage');
  assert.equal(registry.getConnector('AU00000', 'web')?.state.status, 'operational');
});

test('api.md §8.1: features list, per attribute, the offered methods that supply it', () => {
  const [hooli, piedPiper] = [sandboxInstitutions[0], sandboxInstitutions[1]];
  assert.ok(hooli && piedPiper);
  const both = institutionFeatures(hooli);
  assert.deepEqual(both.login, ['web', 'open-banking']);
  assert.deepEqual(both.mfaChallenge, []);
  assert.deepEqual(both.accounts.meta, ['open-banking']);
  assert.deepEqual(both.transactions.balance, ['web']);
  assert.deepEqual(both.profile.physicalAddresses, ['open-banking']);
  assert.deepEqual(both.accounts.accountNo, ['web', 'open-banking']);
  const webOnly = institutionFeatures(piedPiper);
  assert.deepEqual(webOnly.mfaChallenge, ['web']);
  assert.deepEqual(webOnly.accounts.meta, []);
});

test('ARCHITECTURE §3.1: an ill-formed registry is refused at start', () => {
  const build = (definitions: InstitutionDefinition[]) => () =>
    createInstitutionRegistry({ sandboxEnabled: true, disabledInstitutions: [], definitions });
  assert.throws(build([definition({ id: 'au1' })]), /not of the form/);
  assert.throws(build([definition({}), definition({})]), /defined twice/);
  assert.throws(build([definition({ web: null, openBanking: null })]), /offers no method/);
  assert.throws(build([definition({ primaryColor: 'red' })]), /#rrggbb/);
});

test('api.md §8.1: an institution without a colour gets a stable one derived from its id', () => {
  assert.match(derivedColor('AU12345'), /^#[0-9A-F]{6}$/);
  assert.equal(derivedColor('AU12345'), derivedColor('AU12345'));
  assert.notEqual(derivedColor('AU12345'), derivedColor('AU12346'));
  const registry = createInstitutionRegistry({
    sandboxEnabled: true,
    disabledInstitutions: [],
    definitions: [definition({ id: 'AU12345', primaryColor: null })],
  });
  assert.equal(registry.get('AU12345')?.primaryColor, derivedColor('AU12345'));
});
