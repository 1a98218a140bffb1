import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizedEmployeeSchema } from '../../core/employee.ts';
import { expectGolden } from '../testing/golden.ts';
import { mapWorkdayWorker } from './map.ts';
import { GetWorkersReader } from './xml-stream.ts';

/** Fixed "today" of every golden: fixtures place dates around it. */
const TODAY = '2026-06-15';
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/**
 * The fixtures are Get_Workers answers (XML, as Workday sends them), written from the documented
 * shapes; each golden holds what the reader and the mapper make of it, as canonical JSON.
 */
const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.xml'))
  .sort()
  .map((name) => join(FIXTURES, name));

function mapAll(path: string) {
  const reader = new GetWorkersReader();
  reader.write(readFileSync(path, 'utf8'));
  reader.end();
  return reader
    .drain()
    .flatMap((event) => (event.kind === 'worker' ? [event.worker] : []))
    .map((worker) => mapWorkdayWorker(worker, { today: TODAY }));
}

describe('Workday golden files (Get_Workers XML → NormalizedEmployee)', () => {
  it('has the documented scenarios', () => {
    expect(fixtures.map((path) => basename(path, '.xml'))).toEqual([
      'active',
      'contingent-worker',
      'empty-values',
      'future-hire',
      'manager-variants',
      'missing-id',
      'rehire',
      'sensitive-extras',
      'terminated',
      'unicode',
    ]);
  });

  for (const fixture of fixtures) {
    it(`${basename(fixture)} maps to its golden`, () => {
      const results = mapAll(fixture);
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) {
        if (result.ok) {
          expect(normalizedEmployeeSchema.parse(result.employee)).toEqual(result.employee);
        }
      }
      // Fixtures mark every sensitive value SECRET- (and home emails private.example).
      expect(JSON.stringify(results)).not.toMatch(/SECRET|private\.example|1960-01-01/);
      expectGolden(results, fixture.replace(/\.xml$/, '.golden.json'));
    });

    it(`${basename(fixture)} maps deterministically`, () => {
      expect(JSON.stringify(mapAll(fixture))).toBe(JSON.stringify(mapAll(fixture)));
    });
  }
});
