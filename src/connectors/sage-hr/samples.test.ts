import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sharedSample } from '../testing/shared-samples.ts';
import { runTestFetch } from '../testing/run.ts';
import { EMULATOR_TODAY, startSageHrTarget } from './emulator-target.ts';
import { buildLookup, mapSageHrLists, mapSageHrPerson } from './map.ts';

/** The shared vendor samples (NOTES §8), read in place; a user's clone skips these, loudly. */
const EMPLOYEES = sharedSample('sage-hr', 'employees_list.sample.json');
const TERMINATED = sharedSample('sage-hr', 'terminated_employees_list.sample.json');
const RECORDED = sharedSample('sage-hr', 'employee_show.recorded-public-fixture.json');
const POSITIONS = sharedSample('sage-hr', 'positions_list.sample.json');
const TEAMS = sharedSample('sage-hr', 'teams_list.sample.json');
const TODAY = '2026-06-15';

function read(path: string | null): { data: unknown } {
  if (path === null) throw new Error('unreachable: the suite is skipped without samples');
  return JSON.parse(readFileSync(path, 'utf8')) as { data: unknown };
}

const list = (path: string | null): unknown[] => {
  const { data } = read(path);
  if (!Array.isArray(data)) throw new Error(`${path}: data is not an array`);
  return data;
};

const ALL = [EMPLOYEES, TERMINATED, RECORDED, POSITIONS, TEAMS];

describe.skipIf(ALL.includes(null))('Sage HR shared samples through the mapper', () => {
  it('merges the documented John Doe, listed active and terminated: terminated, dated', () => {
    const results = mapSageHrLists(
      { employees: list(EMPLOYEES), terminated: list(TERMINATED) },
      { today: TODAY },
    );
    expect(results).toEqual([
      {
        ok: true,
        employee: {
          externalId: '19',
          employeeNumber: 'A01',
          firstName: 'John',
          lastName: 'Doe',
          workEmail: 'john@example.com',
          department: 'Sage HR',
          departmentId: '1',
          departmentType: null,
          jobTitle: 'Api developer',
          employeeType: 'Full-time',
          location: null,
          locationId: null,
          // `country: "GB"` is the employee's own address: never read.
          country: null,
          managerExternalId: '5',
          managerName: null,
          managerEmail: null,
          employmentStatus: 'terminated',
          startDate: '2014-08-25',
          terminationDate: '2015-05-28',
        },
      },
    ]);
  });

  it('maps the real tenant record: position null beside its id stays unknown without a lookup', () => {
    const result = mapSageHrPerson({ active: read(RECORDED).data }, { today: TODAY });
    expect(result).toMatchObject({
      ok: true,
      employee: {
        externalId: '1408709',
        firstName: 'Brad',
        lastName: 'Pitt',
        workEmail: 'brad-pitt@sage.com',
        jobTitle: null,
        department: null,
        employeeNumber: null,
        employeeType: 'Full-time',
        employmentStatus: 'active',
        startDate: '2023-08-07',
      },
    });
    expect(JSON.stringify(result)).not.toMatch(/1992-08-17|Male|single/);
  });

  it('reads the position and team samples as lookups', () => {
    expect([...buildLookup(list(POSITIONS), 'positions')]).toEqual([
      ['19', 'CFO'],
      ['20', 'CEO'],
    ]);
    expect([...buildLookup(list(TEAMS), 'teams')]).toEqual([['19', 'Sales']]);
  });
});

describe.skipIf(EMPLOYEES === null || TERMINATED === null)(
  'Sage HR fetch of the shared samples, served verbatim',
  () => {
    let target: Awaited<ReturnType<typeof startSageHrTarget>> | undefined;
    afterEach(async () => {
      await target?.close();
    });

    it('yields the one documented person once, terminated', async () => {
      target = await startSageHrTarget({ fixture: [EMPLOYEES ?? '', TERMINATED ?? ''] });
      const result = await runTestFetch({
        connector: target.connector,
        config: target.config,
        baseUrl: target.baseUrl,
        today: EMULATOR_TODAY,
      });
      expect(result.error).toBeUndefined();
      expect(result.items).toHaveLength(1);
      expect(result.items[0]).toMatchObject({
        kind: 'employee',
        employee: { externalId: '19', employmentStatus: 'terminated' },
      });
    });
  },
);
