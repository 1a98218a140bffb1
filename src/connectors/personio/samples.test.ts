import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startPersonioEmulator,
  type PersonioEmulator,
} from '../../../emulators/personio/server.ts';
import { sharedSample } from '../testing/shared-samples.ts';
import { runTestFetch } from '../testing/run.ts';
import {
  PERSONIO_REQUESTED_ATTRIBUTES,
  authResponseSchema,
  isDeniedPersonioAttribute,
  tokenOf,
} from './api.ts';
import { reasonOf } from './errors.ts';
import { personio } from './index.ts';
import { mapPersonioEmployee } from './map.ts';

/** The shared vendor samples (NOTES §9), read in place; a user's clone skips these, loudly. */
const PAGE = sharedSample('personio', 'v1-list-employees.page1.json');
const FULL = sharedSample('personio', 'v1-list-employees.spec-example.FULL.json');
const REQUEST = sharedSample('personio', 'v1-list-employees.page1.request.json');
const AUTH = sharedSample('personio', 'auth.json');
const ERRORS = sharedSample('personio', 'errors.json');
const TODAY = '2026-06-15';

function readDoc(path: string | null): Record<string, unknown> {
  if (path === null) throw new Error('unreachable: the suite is skipped without samples');
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

const dataOf = (path: string | null): unknown[] => readDoc(path)['data'] as unknown[];

let emulator: PersonioEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe.skipIf([PAGE, FULL, REQUEST, AUTH, ERRORS].includes(null))(
  'Personio shared samples',
  () => {
    it('maps the SPEC-V1 example employee (Alexander Bergmann)', () => {
      const results = dataOf(PAGE).map((e) => mapPersonioEmployee(e, { today: TODAY }));
      expect(results).toEqual([
        {
          ok: true,
          statusHidden: false,
          employee: {
            externalId: '1',
            employeeNumber: null,
            firstName: 'Alexander',
            lastName: 'Bergmann',
            workEmail: 'alexander.bergmann@demo.email',
            department: 'Customer Support',
            departmentId: '281521',
            departmentType: null,
            jobTitle: 'CTO',
            employeeType: 'external',
            location: 'Munich',
            locationId: '131014',
            country: null,
            managerExternalId: '2',
            managerName: null,
            managerEmail: null,
            employmentStatus: 'active',
            // 2014-11-08T23:00:00.000Z is midnight of 9 November in Munich.
            startDate: '2014-11-09',
            terminationDate: null,
          },
        },
      ]);
    });

    it('keeps nothing of the unfiltered example but the allowlisted attributes', () => {
      const [full] = dataOf(FULL).map((e) => mapPersonioEmployee(e, { today: TODAY }));
      const [page] = dataOf(PAGE).map((e) => mapPersonioEmployee(e, { today: TODAY }));
      expect(full).toEqual(page);
      const text = JSON.stringify(full);
      for (const leak of ['DE98', '3000', 'male', 'Bayern', 'Paid vacation', 'Dr']) {
        expect(text).not.toContain(leak);
      }
      const keys = Object.keys((dataOf(FULL)[0] as { attributes: object }).attributes);
      for (const key of [
        'fix_salary',
        'hourly_salary',
        'gender',
        'dynamic_21827',
        'work_schedule',
      ]) {
        expect(keys).toContain(key);
        expect(isDeniedPersonioAttribute(key), key).toBe(true);
      }
    });

    it('asks a subset of the recommended request, leaving out what it does not map', () => {
      const query = new URLSearchParams(String(readDoc(REQUEST)['query']));
      const recommended = query.getAll('attributes[]');
      const ours: readonly string[] = PERSONIO_REQUESTED_ATTRIBUTES;
      expect(ours.filter((a) => !recommended.includes(a))).toEqual([]);
      expect(recommended.filter((a) => !ours.includes(a))).toEqual([
        'preferred_name',
        'contract_end_date',
        'termination_type',
        'termination_reason',
        'last_working_day',
        'created_at',
        'last_modified_at',
        'subcompany',
        'team',
      ]);
      expect(query.get('limit')).toBe('100');
    });

    it('reads the token and the error message shapes', () => {
      const auth = authResponseSchema.parse(readDoc(AUTH)['v1_response']);
      expect(tokenOf(auth)).toMatch(/^papi-/);
      const errors = readDoc(ERRORS);
      expect(reasonOf(JSON.stringify(errors['v1_422_example_verbatim']))).toBe(
        'Supervisor with ID 1 not found',
      );
    });

    it('fetches the sample served verbatim, and flags its inconsistent total', async () => {
      emulator = await startPersonioEmulator({ fixture: PAGE ?? '' });
      const result = await runTestFetch({
        connector: personio,
        config: { clientId: emulator.clientId, clientSecret: emulator.clientSecret },
        baseUrl: emulator.url,
        today: TODAY,
      });
      expect(result.error).toBeUndefined();
      expect(result.employees.map((e) => e.externalId)).toEqual(['1']);
      // The example says total_elements 2 but holds one employee: never a complete snapshot.
      expect(result.items.filter((i) => i.kind === 'page_error')).toMatchObject([
        { code: 'incomplete' },
      ]);
    });
  },
);
