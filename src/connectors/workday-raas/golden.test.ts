import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizedEmployeeSchema } from '../../core/employee.ts';
import { expectGolden, goldenPathFor, listFixtures, readJson } from '../testing/golden.ts';
import { resolveColumns, type RaasColumns } from './api.ts';
import { mapRaasEntry } from './map.ts';

/** Fixed "today" of every golden: fixtures place dates around it. */
const TODAY = '2026-06-15';
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A fixture is a report answer; an optional `columns` key holds the config's alias overrides. */
function mapAll(path: string) {
  const doc = readJson(path) as { Report_Entry?: unknown; columns?: Partial<RaasColumns> };
  if (!Array.isArray(doc.Report_Entry)) throw new Error(`${path}: no Report_Entry array`);
  const columns = resolveColumns(doc.columns);
  return doc.Report_Entry.map((entry) => mapRaasEntry(entry, { today: TODAY, columns }));
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
      for (const result of results) {
        if (result.ok) {
          expect(normalizedEmployeeSchema.parse(result.employee)).toEqual(result.employee);
        }
      }
      expect(JSON.stringify(results)).not.toMatch(/SECRET|private\.example|1960-01-01|WRONG/);
      expectGolden(results, goldenPathFor(fixture));
    });

    it(`${basename(fixture)} maps deterministically`, () => {
      expect(JSON.stringify(mapAll(fixture))).toBe(JSON.stringify(mapAll(fixture)));
    });
  }
});
