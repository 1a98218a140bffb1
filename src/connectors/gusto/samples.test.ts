import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runTestFetch } from '../testing/run.ts';
import { sharedSample } from '../testing/shared-samples.ts';
import { GUSTO_API_VERSION, GUSTO_PAGE_SIZE } from './api.ts';
import { startGustoTarget } from './emulator-target.ts';
import { NO_LOOKUPS, mapGustoEmployee } from './map.ts';

/** The shared vendor samples (NOTES §9), read in place; a user's clone skips these, loudly. */
const RECORDED = sharedSample('gusto', 'list-employees.recorded-full.json');
const NO_COMP = sharedSample('gusto', 'list-employees.page1.no-compensations-scope.json');
const SPEC = sharedSample('gusto', 'list-employees.spec-example.json');
const LOOKUPS = sharedSample('gusto', 'departments-locations.json');
const REQUEST = sharedSample('gusto', 'list-employees.request.json');
/** The day the demo answer was recorded (NOTES §0): Regina Spektor's last day. */
const RECORDED_ON = '2024-10-17';

function read(path: string | null): unknown {
  if (path === null) throw new Error('unreachable: the suite is skipped without samples');
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

const mapAll = (path: string | null, today: string) =>
  (read(path) as unknown[]).map((raw) => mapGustoEmployee(raw, { today, ...NO_LOOKUPS }));

let target: Awaited<ReturnType<typeof startGustoTarget>> | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

describe.skipIf([RECORDED, NO_COMP, SPEC, LOOKUPS, REQUEST].includes(null))(
  'Gusto shared samples',
  () => {
    it('maps the recorded demo company: 15 people, one leaving on the recording day', () => {
      const results = mapAll(RECORDED, RECORDED_ON);
      expect(results.every((r) => r.ok)).toBe(true);
      const employees = results.flatMap((r) => (r.ok ? [r.employee] : []));
      expect(employees).toHaveLength(15);
      expect(employees[0]).toEqual({
        externalId: '28d4a03f-1a86-445b-b5c8-4752915d0ec0',
        employeeNumber: null,
        firstName: 'Isaiah',
        lastName: 'Berlin',
        // `work_email` is null in the recording; the personal `email` is never used.
        workEmail: null,
        department: 'Sales',
        departmentId: '2476db92-3e4b-4136-871f-752fe522ab9e',
        departmentType: null,
        jobTitle: 'Client Support Manager',
        employeeType: 'full_time',
        location: null,
        locationId: null,
        country: null,
        managerExternalId: '32314582-77f1-451a-87fb-8db47e23627d',
        managerName: null,
        managerEmail: null,
        employmentStatus: 'active',
        startDate: '2023-09-05',
        terminationDate: null,
      });
      const regina = employees.find((e) => e.externalId.startsWith('918544bc'));
      expect(regina).toMatchObject({
        employmentStatus: 'terminated',
        terminationDate: RECORDED_ON,
      });
      const dayBefore = mapAll(RECORDED, '2024-10-16').find(
        (r) => r.ok && r.employee.externalId.startsWith('918544bc'),
      );
      expect(dayBefore).toMatchObject({ employee: { employmentStatus: 'active' } });
      expect(employees.filter((e) => e.workEmail !== null).map((e) => e.workEmail)).toEqual([
        'maya.7756341741500886@initech.biz',
      ]);
      const text = JSON.stringify(results);
      expect(text).not.toContain('1992-09-05');
      expect(text).not.toContain('iberlin');
      expect(text).not.toContain('22.00');
    });

    it('maps the same people identically without the compensations scope', () => {
      expect(mapAll(NO_COMP, RECORDED_ON)).toEqual(mapAll(RECORDED, RECORDED_ON));
    });

    it('maps the 2025-06-15 spec example (employee_code, empty title)', () => {
      expect(mapAll(SPEC, RECORDED_ON)).toMatchObject([
        {
          ok: true,
          employee: {
            externalId: 'd7282d99-ab6b-42f5-ba45-f4a670e886a8',
            employeeNumber: '46f036',
            jobTitle: null,
            department: null,
            startDate: '2024-06-09',
            employmentStatus: 'active',
          },
        },
      ]);
    });

    it('sends the recommended request: API version header and 100 per page', () => {
      const { request } = read(REQUEST) as {
        request: { url: string; headers: Record<string, string> };
      };
      expect(request.headers['X-Gusto-API-Version']).toBe(GUSTO_API_VERSION);
      expect(new URL(request.url).searchParams.get('per')).toBe(String(GUSTO_PAGE_SIZE));
    });

    it('fetches the recorded answer through the emulator serving it verbatim', async () => {
      if (RECORDED === null || LOOKUPS === null) throw new Error('unreachable');
      target = await startGustoTarget({ fixture: RECORDED, lookupsFixture: LOOKUPS });
      const result = await runTestFetch({
        connector: target.connector,
        config: target.config,
        baseUrl: target.baseUrl,
        today: RECORDED_ON,
      });
      expect(result.error).toBeUndefined();
      expect(result.employees).toEqual(
        mapAll(RECORDED, RECORDED_ON).flatMap((r) => (r.ok ? [r.employee] : [])),
      );
      expect(result.logs).not.toContain('1992-09-05');
    });
  },
);
