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
import { resolveColumns, type RaasColumns } from './api.ts';
import { mapRaasEntry } from './map.ts';

const FIXTURES = fixturesDir(import.meta.url);

/** A fixture is a report answer; an optional `columns` key holds the config's alias overrides. */
function mapAll(path: string) {
  const doc = readJson(path) as { Report_Entry?: unknown; columns?: Partial<RaasColumns> };
  if (!Array.isArray(doc.Report_Entry)) throw new Error(`${path}: no Report_Entry array`);
  const columns = resolveColumns(doc.columns);
  return doc.Report_Entry.map((entry) => mapRaasEntry(entry, { today: GOLDEN_TODAY, columns }));
}

describe('Workday RaaS golden files (Report_Entry → NormalizedEmployee)', () => {
  const fixtures = listFixtures(FIXTURES);

  it('has the documented scenarios', () => {
    expect(fixtures.map((path) => basename(path, '.json'))).toEqual([
      'custom-columns',
      'empty-values',
      'lifecycle',
      'manager-variants',
      'missing-id',
      'sensitive-extras',
      'unicode',
    ]);
  });

  for (const fixture of fixtures) {
    it(`${basename(fixture)} maps to its golden`, () => {
      const results = mapAll(fixture);
      expectNormalizedEmployees(results);
      expect(JSON.stringify(results)).not.toMatch(/SECRET|private\.example|1960-01-01|WRONG/);
      expectGolden(results, goldenPathFor(fixture));
    });

    it(`${basename(fixture)} maps deterministically`, () => {
      expect(JSON.stringify(mapAll(fixture))).toBe(JSON.stringify(mapAll(fixture)));
    });
  }
});
