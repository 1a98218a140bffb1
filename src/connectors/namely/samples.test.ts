import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sharedSample } from '../testing/shared-samples.ts';
import { runTestFetch } from '../testing/run.ts';
import { namelyPageSchema } from './api.ts';
import { EMULATOR_TODAY, startNamelyTarget } from './emulator-target.ts';
import { groupsById, mapNamelyProfile } from './map.ts';

/** The shared vendor samples (NOTES §8), read in place; a user's clone skips these, loudly. */
const PAGE = sharedSample('namely', 'profiles_list.recorded-2015.json');
const LAST_PAGE = sharedSample('namely', 'profiles_list.last-page.recorded-2015.json');
const TODAY = '2026-06-15';

function readPage(path: string | null) {
  if (path === null) throw new Error('unreachable: the suite is skipped without samples');
  return namelyPageSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

describe.skipIf(PAGE === null || LAST_PAGE === null)('Namely shared samples', () => {
  it('maps the three recorded profiles; untyped groups give no department', () => {
    const page = readPage(PAGE);
    const groups = groupsById(page.linked?.groups ?? []);
    const results = page.profiles.map((p) => mapNamelyProfile(p, { today: TODAY, groups }));
    expect(results.map((r) => (r.ok ? r.employee.employmentStatus : r.code))).toEqual([
      'active',
      'active',
      'terminated',
    ]);
    expect(results[0]).toMatchObject({
      ok: true,
      employee: {
        externalId: '20332458-c1fe-412f-bcb8-01622f04a35d',
        employeeNumber: '1011',
        firstName: 'Leighton',
        lastName: 'Meester',
        workEmail: 'leighton@example.com',
        jobTitle: 'VP, Client Services',
        // 2015 recordings predate group types, employee_type and reports_to.
        department: null,
        departmentId: null,
        employeeType: null,
        managerExternalId: null,
        location: 'new york city',
        country: 'US',
        startDate: '2011-01-15',
        terminationDate: null,
      },
    });
    expect(results[2]).toMatchObject({
      ok: true,
      employee: { firstName: 'Eric', lastName: 'Dane', terminationDate: '2014-09-07' },
    });
    const text = JSON.stringify(results);
    for (const sensitive of ['999-04-9519', '1979-09-01', '115000', 'Home City', 'Female']) {
      expect(text).not.toContain(sensitive);
    }
  });

  it('reads the recorded terminal page as empty', () => {
    expect(readPage(LAST_PAGE).profiles).toEqual([]);
  });
});

describe.skipIf(PAGE === null)('Namely fetch of the shared sample, served verbatim', () => {
  let target: Awaited<ReturnType<typeof startNamelyTarget>> | undefined;
  afterEach(async () => {
    await target?.close();
  });

  it('yields the three recorded people and stops at the short page', async () => {
    target = await startNamelyTarget({ fixture: PAGE ?? '' });
    const result = await runTestFetch({
      connector: target.connector,
      config: target.config,
      baseUrl: target.baseUrl,
      today: EMULATOR_TODAY,
    });
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(3);
    expect(target.emulator.stats.requests).toBe(1);
  });
});
