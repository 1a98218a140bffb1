import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectGolden,
  expectNormalizedEmployees,
  fixturesDir,
  GOLDEN_TODAY,
  goldenPathFor,
  listFixtures,
  readJsonArray,
} from '../testing/golden.ts';
import { mapBambooHrEmployee } from './map.ts';

const FIXTURES = fixturesDir(import.meta.url);

const rowsOf = (path: string): unknown[] => readJsonArray(path, 'employees');

describe('BambooHR golden files (custom-report fixtures → NormalizedEmployee)', () => {
  const fixtures = listFixtures(FIXTURES);

  it('has the documented scenarios', () => {
    expect(fixtures.map((path) => basename(path, '.json'))).toEqual([
      'active',
      'bad-dates',
      'empty-values',
      'future-hire',
      'missing-id',
      'rehire',
      'sensitive-extras',
      'supervisor-chain',
      'terminated-by-status',
      'terminated-with-date',
      'unicode',
    ]);
  });

  for (const fixture of fixtures) {
    it(`${basename(fixture)} maps to its golden`, () => {
      const results = rowsOf(fixture).map((row) =>
        mapBambooHrEmployee(row, { today: GOLDEN_TODAY }),
      );
      expectNormalizedEmployees(results);
      expectGolden(results, goldenPathFor(fixture));
    });

    it(`${basename(fixture)} maps deterministically`, () => {
      const once = JSON.stringify(
        rowsOf(fixture).map((r) => mapBambooHrEmployee(r, { today: GOLDEN_TODAY })),
      );
      const twice = JSON.stringify(
        rowsOf(fixture).map((r) => mapBambooHrEmployee(r, { today: GOLDEN_TODAY })),
      );
      expect(twice).toBe(once);
    });
  }
});
