import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectGolden,
  expectNormalizedEmployees,
  fixturesDir,
  GOLDEN_TODAY,
} from '../testing/golden.ts';
import { mapWorkdayWorker } from './map.ts';
import { GetWorkersReader } from './xml-stream.ts';

const FIXTURES = fixturesDir(import.meta.url);

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
    .map((worker) => mapWorkdayWorker(worker, { today: GOLDEN_TODAY }));
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
      expectNormalizedEmployees(results);
      // Fixtures mark every sensitive value SECRET- (and home emails private.example).
      expect(JSON.stringify(results)).not.toMatch(/SECRET|private\.example|1960-01-01/);
      expectGolden(results, fixture.replace(/\.xml$/, '.golden.json'));
    });

    it(`${basename(fixture)} maps deterministically`, () => {
      expect(JSON.stringify(mapAll(fixture))).toBe(JSON.stringify(mapAll(fixture)));
    });
  }
});
