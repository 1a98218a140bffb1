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
  readJson,
} from '../testing/golden.ts';
import { buildRipplingDirectory } from './directory.ts';
import { mapRipplingEmployee } from './map.ts';

const FIXTURES = fixturesDir(import.meta.url);

/** A fixture holds the three lists the connector reads: departments, work locations, employees. */
interface Fixture {
  departments?: unknown[];
  work_locations?: unknown[];
  employees?: unknown[];
}

function mapAll(path: string) {
  const fixture = readJson(path) as Fixture;
  if (!Array.isArray(fixture.employees)) throw new Error(`${path}: no employees array`);
  const { directory } = buildRipplingDirectory(
    fixture.departments ?? [],
    fixture.work_locations ?? [],
  );
  return fixture.employees.map((e) => mapRipplingEmployee(e, { today: GOLDEN_TODAY, directory }));
}

describe('Rippling golden files (V1 employee fixtures → NormalizedEmployee)', () => {
  const fixtures = listFixtures(FIXTURES);

  it('has the documented scenarios', () => {
    expect(fixtures.map((path) => basename(path, '.json'))).toEqual([
      'active',
      'bad-dates',
      'employment-types',
      'empty-values',
      'future-hire',
      'joins-by-name-and-address',
      'manager-variants',
      'missing-id',
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
      expect(canonicalJson(results)).not.toContain('SENSITIVE-');
      expectGolden(results, goldenPathFor(fixture));
    });

    it(`${basename(fixture)} maps deterministically`, () => {
      expect(JSON.stringify(mapAll(fixture))).toBe(JSON.stringify(mapAll(fixture)));
    });
  }
});
