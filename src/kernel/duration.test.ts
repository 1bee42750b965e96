import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDurationSeconds } from './duration.ts';

describe('parseDurationSeconds (sandbox.md §5)', () => {
  test('weeks, days, hours, minutes and seconds, alone and combined', () => {
    const cases: [string, number][] = [
      ['P1D', 86_400],
      ['PT6M', 360],
      ['P1DT2H', 93_600],
      ['P2W', 1_209_600],
      ['PT45S', 45],
      ['P1W2DT3H4M5S', 604_800 + 2 * 86_400 + 3 * 3_600 + 4 * 60 + 5],
      ['P3650D', 315_360_000],
      ['PT36H', 129_600],
      ['P0D', 0],
      ['PT0S', 0],
    ];
    for (const [text, seconds] of cases) assert.equal(parseDurationSeconds(text), seconds, text);
  });

  test('signs, fractions, years, months, empty parts, wrong order and stray text are refused', () => {
    for (const text of [
      '',
      'P',
      'PT',
      'P1DT',
      '-P1D',
      '+P1D',
      'P-1D',
      'P1.5D',
      'PT0.5S',
      'P1Y',
      'P1M',
      'P1H',
      'PT1D',
      'P1D2W',
      'PT1S2M',
      'p1d',
      'P1d',
      ' P1D',
      'P1D ',
      '1D',
      'P1DT2H3',
      'P1DP1D',
      '86400',
    ]) {
      assert.equal(parseDurationSeconds(text), null, JSON.stringify(text));
    }
  });
});
