import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
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
import { addLocations, departmentLookup } from './lookups.ts';
import { mapGustoEmployee, type GustoMapOptions } from './map.ts';

const FIXTURES = fixturesDir(import.meta.url);

/** Gusto lists are bare JSON arrays. */
const arrayOf = (path: string): unknown[] => readJsonArray(path);

/** The departments and locations every fixture is joined with (`fixtures/lookups/`). */
const OPTIONS: GustoMapOptions = {
  today: GOLDEN_TODAY,
  departments: departmentLookup(arrayOf(join(FIXTURES, 'lookups', 'departments.json'))),
  locations: addLocations(new Map(), arrayOf(join(FIXTURES, 'lookups', 'locations.json'))),
};

const mapAll = (path: string) => arrayOf(path).map((raw) => mapGustoEmployee(raw, OPTIONS));

describe('Gusto golden files (employee-list fixtures → NormalizedEmployee)', () => {
  const fixtures = listFixtures(FIXTURES);

  it('has the documented scenarios', () => {
    expect(fixtures.map((path) => basename(path, '.json'))).toEqual([
      'active',
      'empty-values',
      'future-hire',
      'jobs-variants',
      'manager-variants',
      'missing-id',
      'rehire',
      'scheduled-termination',
      'sensitive-extras',
      'terminated',
      'unicode',
    ]);
  });

  it('joins the lookups as documented', () => {
    expect(Object.fromEntries(OPTIONS.departments)).toEqual({
      'a1000000-0000-4000-8000-000000000001': 'Engineering',
      'a1000000-0000-4000-8000-000000000002': 'Sales & Partnerships',
      'a1000000-0000-4000-8000-000000000003': '',
    });
    expect(Object.fromEntries(OPTIONS.locations)).toEqual({
      'b2000000-0000-4000-8000-000000000001': {
        name: 'San Francisco, CA',
        country: 'United States',
      },
      'b2000000-0000-4000-8000-000000000002': { name: 'New York, NY', country: 'United States' },
      'b2000000-0000-4000-8000-000000000003': { name: null, country: null },
    });
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

    it(`${basename(fixture)}: no golden holds a sensitive value`, () => {
      const golden = readFileSync(goldenPathFor(fixture), 'utf8');
      expect(golden).not.toContain('SENSITIVE-');
      expect(golden).not.toContain('personal.example');
      expect(golden).not.toContain('1990-01-01');
    });
  }
});
