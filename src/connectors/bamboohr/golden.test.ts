import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizedEmployeeSchema } from '../../core/employee.ts';
import { expectGolden, goldenPathFor, listFixtures, readJson } from '../testing/golden.ts';
import { mapBambooHrEmployee } from './map.ts';

/** Fixed "today" of every golden: fixtures place dates around it. */
const TODAY = '2026-06-15';
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

function rowsOf(path: string): unknown[] {
  const report = readJson(path) as { employees?: unknown };
  if (!Array.isArray(report.employees)) throw new Error(`${path}: no employees array`);
  return report.employees;
}

describe('BambooHR golden files (custom-report fixtures → NormalizedEmployee)', () => {
  const fixtures = listFixtures(FIXTURES);

  it('has the documented scenarios', () => {
    expect(fixtures.map((path) => basename(path, '.json'))).toEqual([
      'active',
      'bad-dates',
      'empty-values',
      'future-hire',
      'missing-id',
      'rehire',
      'sensitive-extras',
      'supervisor-chain',
      'terminated-by-status',
      'terminated-with-date',
      'unicode',
    ]);
  });

  for (const fixture of fixtures) {
    it(`${basename(fixture)} maps to its golden`, () => {
      const results = rowsOf(fixture).map((row) => mapBambooHrEmployee(row, { today: TODAY }));
      for (const result of results) {
        if (result.ok)
          expect(normalizedEmployeeSchema.parse(result.employee)).toEqual(result.employee);
      }
      expectGolden(results, goldenPathFor(fixture));
    });

    it(`${basename(fixture)} maps deterministically`, () => {
      const once = JSON.stringify(
        rowsOf(fixture).map((r) => mapBambooHrEmployee(r, { today: TODAY })),
      );
      const twice = JSON.stringify(
        rowsOf(fixture).map((r) => mapBambooHrEmployee(r, { today: TODAY })),
      );
      expect(twice).toBe(once);
    });
  }
});
