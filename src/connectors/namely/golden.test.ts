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
import { groupsById, mapNamelyProfile } from './map.ts';

const FIXTURES = fixturesDir(import.meta.url);

/** A fixture is one profiles page: `profiles` plus the `linked.groups` they point to. */
function mapAll(path: string) {
  const page = readJson(path) as { profiles?: unknown; linked?: { groups?: unknown[] } };
  if (!Array.isArray(page.profiles)) throw new Error(`${path}: no profiles array`);
  const groups = groupsById(page.linked?.groups ?? []);
  return page.profiles.map((profile) => mapNamelyProfile(profile, { today: GOLDEN_TODAY, groups }));
}

describe('Namely golden files (profiles pages → NormalizedEmployee)', () => {
  const fixtures = listFixtures(FIXTURES);

  it('has the documented scenarios', () => {
    expect(fixtures.map((path) => basename(path, '.json'))).toEqual([
      'active',
      'bad-dates',
      'empty-values',
      'future-hire',
      'groups',
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
      expect(JSON.stringify(results)).not.toContain('SENSITIVE-');
      expectGolden(results, goldenPathFor(fixture));
    });

    it(`${basename(fixture)} maps deterministically`, () => {
      expect(JSON.stringify(mapAll(fixture))).toBe(JSON.stringify(mapAll(fixture)));
    });
  }
});
