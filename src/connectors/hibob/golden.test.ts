import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizedEmployeeSchema } from '../../core/employee.ts';
import { expectGolden, goldenPathFor, listFixtures, readJson } from '../testing/golden.ts';
import { mapHiBobEmployee } from './map.ts';

/** Fixed "today" of every golden: fixtures place dates around it. */
const TODAY = '2026-06-15';
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

function employeesOf(path: string): unknown[] {
  const answer = readJson(path) as { employees?: unknown };
  if (!Array.isArray(answer.employees)) throw new Error(`${path}: no employees array`);
  return answer.employees;
}

const mapAll = (path: string) =>
  employeesOf(path).map((element) => mapHiBobEmployee(element, { today: TODAY }));

describe('HiBob golden files (people-search fixtures → NormalizedEmployee)', () => {
  const fixtures = listFixtures(FIXTURES);

  it('has the documented scenarios', () => {
    expect(fixtures.map((path) => basename(path, '.json'))).toEqual([
      'active',
      'bad-dates',
      'empty-values',
      'future-hire',
      'human-readable-ids',
      'manager-variants',
      'missing-id',
      'on-leave',
      'rehire',
      'scheduled-termination',
      'sensitive-extras',
      'terminated-by-lifecycle',
      'terminated-with-date',
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
      expectGolden(results, goldenPathFor(fixture));
    });

    it(`${basename(fixture)} maps deterministically`, () => {
      expect(JSON.stringify(mapAll(fixture))).toBe(JSON.stringify(mapAll(fixture)));
    });
  }
});
