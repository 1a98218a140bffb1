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
import { mapScimUser } from './map.ts';

const FIXTURES = fixturesDir(import.meta.url);
/** The fixtures' HR extension (an SP-specific one, as an admin would configure it). */
const HRIS = 'urn:example:params:scim:schemas:extension:hris:2.0:User';
const OPTIONS = {
  today: GOLDEN_TODAY,
  startDateAttribute: `${HRIS}:startDate`,
  terminationDateAttribute: `${HRIS}:terminationDate`,
};

const resourcesOf = (path: string): unknown[] => readJsonArray(path, 'Resources');

const mapAll = (path: string) => resourcesOf(path).map((raw) => mapScimUser(raw, OPTIONS));

describe('SCIM golden files (ListResponse fixtures → NormalizedEmployee)', () => {
  const fixtures = listFixtures(FIXTURES);

  it('has the documented scenarios', () => {
    expect(fixtures.map((path) => basename(path, '.json'))).toEqual([
      'active-values',
      'active',
      'bad-dates',
      'email-fallbacks',
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
      expect(JSON.stringify(results)).not.toContain('SENSITIVE');
      expectGolden(results, goldenPathFor(fixture));
    });

    it(`${basename(fixture)} maps deterministically`, () => {
      expect(JSON.stringify(mapAll(fixture))).toBe(JSON.stringify(mapAll(fixture)));
    });
  }
});
