import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectGolden,
  expectNormalizedEmployees,
  fixturesDir,
  GOLDEN_TODAY,
  goldenPathFor,
  listFixtures,
  readJson,
} from '../testing/golden.ts';
import { buildLookup, mapSageHrLists } from './map.ts';

const FIXTURES = fixturesDir(import.meta.url);

/** A fixture: both employee lists, and optionally the position and team lists. */
function mapAll(path: string) {
  const doc = readJson(path) as Record<string, unknown>;
  const array = (key: string): unknown[] => {
    const value = doc[key] ?? [];
    if (!Array.isArray(value)) throw new Error(`${path}: ${key} is not an array`);
    return value;
  };
  return mapSageHrLists(
    { employees: array('employees'), terminated: array('terminated_employees') },
    {
      today: GOLDEN_TODAY,
      positions: buildLookup(array('positions'), 'positions'),
      teams: buildLookup(array('teams'), 'teams'),
    },
  );
}

describe('Sage HR golden files (employee lists → NormalizedEmployee)', () => {
  const fixtures = listFixtures(FIXTURES);

  it('has the documented scenarios', () => {
    expect(fixtures.map((path) => basename(path, '.json'))).toEqual([
      'active',
      'bad-dates',
      'empty-values',
      'future-hire',
      'ids-only',
      'in-both-lists',
      'manager-variants',
      'missing-id',
      'rehire',
      'sensitive-extras',
      'terminated',
      'unicode',
    ]);
  });

  for (const fixture of fixtures) {
    it(`${basename(fixture)} maps to its golden`, () => {
      const results = mapAll(fixture);
      expectNormalizedEmployees(results);
      expect(JSON.stringify(results)).not.toContain('SENSITIVE-');
      expectGolden(results, goldenPathFor(fixture));
    });

    it(`${basename(fixture)} maps deterministically`, () => {
      expect(JSON.stringify(mapAll(fixture))).toBe(JSON.stringify(mapAll(fixture)));
    });
  }
});
