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
import { mapDeelPerson } from './map.ts';

/** Fixed "today" of every golden: fixtures place dates around it. */
const TODAY = '2026-06-15';
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

function mapAll(path: string) {
  const page = readJson(path) as { data?: unknown };
  if (!Array.isArray(page.data)) throw new Error(`${path}: no data array`);
  return page.data.map((person) => mapDeelPerson(person, { today: TODAY }));
}

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
      for (const result of results) {
        if (result.ok) {
          expect(normalizedEmployeeSchema.parse(result.employee)).toEqual(result.employee);
        }
      }
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
