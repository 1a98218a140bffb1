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
import { mapDeelPerson } from './map.ts';

const FIXTURES = fixturesDir(import.meta.url);

const mapAll = (path: string) =>
  readJsonArray(path, 'data').map((person) => mapDeelPerson(person, { today: GOLDEN_TODAY }));

describe('Deel golden files (people-list fixtures → NormalizedEmployee)', () => {
  const fixtures = listFixtures(FIXTURES);

  it('has the documented scenarios', () => {
    expect(fixtures.map((path) => basename(path, '.json'))).toEqual([
      'active',
      'bad-dates',
      'empty-values',
      'future-hire',
      'manager-variants',
      'missing-id',
      'offboarding',
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
      const text = canonicalJson(results);
      expect(text).not.toContain('SENSITIVE-');
      expect(text).not.toContain('@home.example');
      expectGolden(results, goldenPathFor(fixture));
    });

    it(`${basename(fixture)} maps deterministically`, () => {
      expect(JSON.stringify(mapAll(fixture))).toBe(JSON.stringify(mapAll(fixture)));
    });
  }
});
