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
import { mapHiBobEmployee } from './map.ts';

const FIXTURES = fixturesDir(import.meta.url);

const employeesOf = (path: string): unknown[] => readJsonArray(path, 'employees');

const mapAll = (path: string) =>
  employeesOf(path).map((element) => mapHiBobEmployee(element, { today: GOLDEN_TODAY }));

describe('HiBob golden files (people-search fixtures → NormalizedEmployee)', () => {
  const fixtures = listFixtures(FIXTURES);

  it('has the documented scenarios', () => {
    expect(fixtures.map((path) => basename(path, '.json'))).toEqual([
      'active',
      'bad-dates',
      'empty-values',
      'future-hire',
      'human-readable-ids',
      'manager-variants',
      'missing-id',
      'on-leave',
      'rehire',
      'scheduled-termination',
      'sensitive-extras',
      'terminated-by-lifecycle',
      'terminated-with-date',
      'unicode',
    ]);
  });

  for (const fixture of fixtures) {
    it(`${basename(fixture)} maps to its golden`, () => {
      const results = mapAll(fixture);
      expectNormalizedEmployees(results);
      expectGolden(results, goldenPathFor(fixture));
    });

    it(`${basename(fixture)} maps deterministically`, () => {
      expect(JSON.stringify(mapAll(fixture))).toBe(JSON.stringify(mapAll(fixture)));
    });
  }
});
