import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  expectGolden,
  expectNormalizedEmployees,
  fixturesDir,
  GOLDEN_TODAY,
  goldenPathFor,
  listFixtures,
  readJsonArray,
} from '../testing/golden.ts';
import { mapPersonioEmployee } from './map.ts';

const FIXTURES = fixturesDir(import.meta.url);

const employeesOf = (path: string): unknown[] => readJsonArray(path, 'data');

const mapAll = (path: string) =>
  employeesOf(path).map((element) => mapPersonioEmployee(element, { today: GOLDEN_TODAY }));

describe('Personio golden files (v1 employee-list fixtures → NormalizedEmployee)', () => {
  const fixtures = listFixtures(FIXTURES);

  it('has the documented scenarios', () => {
    expect(fixtures.map((path) => basename(path, '.json'))).toEqual([
      'active',
      'bad-dates',
      'empty-values',
      'future-hire',
      'manager-variants',
      'missing-id',
      'on-leave',
      'rehire',
      'scheduled-termination',
      'sensitive-extras',
      'terminated',
      'unicode',
    ]);
  });

  for (const fixture of fixtures) {
    it(`${basename(fixture)} maps to its golden`, () => {
      const results = mapAll(fixture);
      expectNormalizedEmployees(results);
      expectGolden(results, goldenPathFor(fixture));
    });

    it(`${basename(fixture)} maps deterministically and keeps nothing sensitive`, () => {
      const output = canonicalJson(mapAll(fixture));
      expect(output).toBe(canonicalJson(mapAll(fixture)));
      for (const leak of ['SENSITIVE-', 'DE98', 'EUR', 'WorkSchedule']) {
        expect(output).not.toContain(leak);
      }
    });
  }
});
