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
import { createLookups } from './lookups.ts';
import { mapFactorialEmployee } from './map.ts';

const FIXTURES = fixturesDir(import.meta.url);

/** A fixture: the `data` elements of the four lists one sync reads (envelopes left out). */
interface Fixture {
  teams: unknown[];
  locations: unknown[];
  contract_versions: unknown[];
  employees: unknown[];
}

function mapAll(path: string) {
  const fixture = readJson(path) as Fixture;
  for (const list of ['teams', 'locations', 'contract_versions', 'employees'] as const) {
    if (!Array.isArray(fixture[list])) throw new Error(`${path}: no ${list} array`);
  }
  const { teams, locations, contracts, lookups } = createLookups(GOLDEN_TODAY);
  fixture.teams.forEach((t) => teams.add(t));
  fixture.locations.forEach((l) => locations.add(l));
  fixture.contract_versions.forEach((c) => contracts.add(c));
  return fixture.employees.map((e) => mapFactorialEmployee(e, { today: GOLDEN_TODAY, lookups }));
}

describe('Factorial golden files (resource lists → NormalizedEmployee)', () => {
  const fixtures = listFixtures(FIXTURES);

  it('has the documented scenarios', () => {
    expect(fixtures.map((path) => basename(path, '.json'))).toEqual([
      'active',
      'bad-dates',
      'contract-versions',
      'empty-values',
      'future-hire',
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
      const text = JSON.stringify(results);
      expect(text).not.toContain('SENSITIVE-');
      expectGolden(results, goldenPathFor(fixture));
    });

    it(`${basename(fixture)} maps deterministically`, () => {
      expect(JSON.stringify(mapAll(fixture))).toBe(JSON.stringify(mapAll(fixture)));
    });
  }
});
