import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizedEmployeeSchema } from '../../core/employee.ts';
import {
  canonicalJson,
  expectGolden,
  goldenPathFor,
  listFixtures,
  readJson,
} from '../testing/golden.ts';
import { buildRipplingDirectory } from './directory.ts';
import { mapRipplingEmployee } from './map.ts';

/** Fixed "today" of every golden: fixtures place dates around it. */
const TODAY = '2026-06-15';
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

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
  return fixture.employees.map((e) => mapRipplingEmployee(e, { today: TODAY, directory }));
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
      for (const result of results) {
        if (result.ok) {
          expect(normalizedEmployeeSchema.parse(result.employee)).toEqual(result.employee);
        }
      }
      expect(canonicalJson(results)).not.toContain('SENSITIVE-');
      expectGolden(results, goldenPathFor(fixture));
    });

    it(`${basename(fixture)} maps deterministically`, () => {
      expect(JSON.stringify(mapAll(fixture))).toBe(JSON.stringify(mapAll(fixture)));
    });
  }
});
