import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedSample } from '../testing/shared-samples.ts';
import { buildRipplingDirectory } from './directory.ts';
import { mapRipplingEmployee } from './map.ts';

/** The shared V1 doc examples (NOTES §8), read in place; a user's clone skips these, loudly. */
const ALL = sharedSample('rippling', 'v1_employees_include_terminated.sample.json');
const ACTIVE = sharedSample('rippling', 'v1_employees_active.sample.json');
const DEPARTMENTS = sharedSample('rippling', 'v1_departments.sample.json');
const LOCATIONS = sharedSample('rippling', 'v1_work_locations.sample.json');
const TODAY = '2026-06-15';

function readArray(path: string | null): unknown[] {
  if (path === null) throw new Error('unreachable: the suite is skipped without samples');
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${path}: not an array`);
  return parsed;
}

describe.skipIf([ALL, ACTIVE, DEPARTMENTS, LOCATIONS].includes(null))(
  'Rippling shared samples through the mapper',
  () => {
    // Read inside the tests: a skipped suite's body still runs at collection time.
    const lookups = () => buildRipplingDirectory(readArray(DEPARTMENTS), readArray(LOCATIONS));
    const mapAll = (path: string | null) => {
      const { directory } = lookups();
      return readArray(path).map((e) => mapRipplingEmployee(e, { today: TODAY, directory }));
    };

    it('reads every department and work location of the examples', () => {
      const { directory, skipped } = lookups();
      expect(skipped).toBe(0);
      expect(directory.departments.size).toBe(11);
      expect(directory.locations.get('5ec5595cfa9c4e1728118ce9')).toEqual({
        name: 'San Francisco',
        country: 'US',
      });
    });

    it('maps the six employees of include_terminated, two of them terminated', () => {
      const results = mapAll(ALL);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(results).toMatchObject([
        {
          employee: {
            externalId: '5b5901ccf0fe932cec94f113',
            employeeNumber: '8',
            firstName: 'Aditya',
            lastName: 'Sundaram',
            workEmail: null,
            // Joined by name: the examples carry no departmentId.
            department: 'Engineering',
            departmentId: '5ec5595ffa9c4e1728118d77',
            jobTitle: 'Intern engineer',
            employeeType: 'Salaried, full-time',
            country: 'US',
            // The Salem work address matches none of the example work locations.
            location: null,
            locationId: null,
            managerExternalId: '5a539213bd01411656f8f12f',
            employmentStatus: 'terminated',
            startDate: '2018-07-18',
            terminationDate: '2018-07-18',
          },
        },
        { employee: { externalId: '5c8f7f06c592917aeee1ea9f', employmentStatus: 'active' } },
        {
          employee: {
            externalId: '5ca35d3b6ab9e20acc4e83e3',
            employmentStatus: 'terminated',
            terminationDate: '2020-04-23',
          },
        },
        {
          employee: {
            externalId: '5ced23a429624819dbfb6d49',
            department: 'Marketing',
            departmentId: '5ec5595ffa9c4e1728118d7d',
            managerExternalId: '5c8f7f06c592917aeee1ea9f',
            workEmail: 'triveni@testrippling.com',
          },
        },
        { employee: { employeeType: 'Hourly, part-time', employmentStatus: 'active' } },
        { employee: { jobTitle: 'VP of engineering', employmentStatus: 'active' } },
      ]);
    });

    it('keeps none of the SSNs, salaries, birth dates or home addresses in the examples', () => {
      const output = JSON.stringify(mapAll(ALL));
      for (const value of ['212454225', '50000.00', '143333.00', '1990-09-22', '710 West 27th']) {
        expect(readFileSync(ALL ?? '', 'utf8')).toContain(value);
        expect(output).not.toContain(value);
      }
    });

    it('maps the active-only list as four active people', () => {
      const results = mapAll(ACTIVE);
      expect(results.map((r) => (r.ok ? r.employee.employmentStatus : r.code))).toEqual([
        'active',
        'active',
        'active',
        'active',
      ]);
    });
  },
);
