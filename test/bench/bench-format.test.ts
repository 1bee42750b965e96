import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { median, result } from '../../bench/support.ts';

test('operations.md A28: a bench line has exactly the keys bench, driver, value, unit, baseline, ratio, n', () => {
  const line = result(
    'users.get.throughput',
    'embedded',
    [900, 1100, 1000],
    'req/s',
    [2000, 1800, 2200],
  );
  assert.deepEqual(Object.keys(line), [
    'bench',
    'driver',
    'value',
    'unit',
    'baseline',
    'ratio',
    'n',
  ]);
  assert.equal(line.value, 1000);
  assert.equal(line.baseline, 2000);
  assert.equal(line.ratio, 0.5);
  assert.equal(line.n, 3);
  const noBaseline = result('start.cold', 'postgres', [1.5, 0.5], 's');
  assert.equal(noBaseline.value, 1);
  assert.equal(noBaseline.baseline, null);
  assert.equal(noBaseline.ratio, null);
  assert.equal(median([3, 1, 2]), 2);
});

test('operations.md A28: npm test runs no benchmark: bench files are not test files and tests import no bench', () => {
  const benchFiles = readdirSync(new URL('../../bench/', import.meta.url));
  assert.ok(benchFiles.some((f) => f.endsWith('.bench.ts')));
  assert.ok(benchFiles.every((f) => !f.endsWith('.test.ts')));
  const runner = readFileSync(new URL('../../scripts/run-tests.ts', import.meta.url), 'utf8');
  assert.match(
    runner,
    /testFiles\('src'\), \.\.\.testFiles\('test'\), \.\.\.testFiles\('packages'\)/,
  );
  assert.match(runner, /entry\.endsWith\('\.test\.ts'\)/);
});
