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
import { mapCharlieHrTeamMember } from './map.ts';

const FIXTURES = fixturesDir(import.meta.url);

/** A fixture: the `data` elements of the three lists a sync reads (envelopes left out). */
interface Fixture {
  teams: unknown[];
  offices: unknown[];
  team_members: unknown[];
}

function mapAll(path: string) {
  const fixture = readJson(path) as Fixture;
  for (const list of ['teams', 'offices', 'team_members'] as const) {
    if (!Array.isArray(fixture[list])) throw new Error(`${path}: no ${list} array`);
  }
  const { addTeam, addOffice, lookups } = createLookups();
  fixture.teams.forEach(addTeam);
  fixture.offices.forEach(addOffice);
  return fixture.team_members.map((m) =>
    mapCharlieHrTeamMember(m, { today: GOLDEN_TODAY, lookups }),
  );
}

describe('CharlieHR golden files (assumed shapes → NormalizedEmployee)', () => {
  const fixtures = listFixtures(FIXTURES);

  it('has the scenarios', () => {
    expect(fixtures.map((path) => basename(path, '.json'))).toEqual([
      'active',
      'empty-values',
      'future-hire',
      'missing-id',
      'reference-variants',
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
