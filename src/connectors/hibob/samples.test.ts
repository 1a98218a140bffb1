import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedSample } from '../testing/shared-samples.ts';
import { HIBOB_REQUESTED_FIELDS } from './api.ts';
import { mapHiBobEmployee } from './map.ts';

/** The shared vendor samples (NOTES §9), read in place; a user's clone skips these, loudly. */
const RESPONSE = sharedSample('hibob', 'people-search.response.json');
const TERMINATED = sharedSample('hibob', 'people-search.terminated.SYNTHETIC.json');
const REQUEST = sharedSample('hibob', 'people-search.request.json');
const TODAY = '2026-06-15';

function readDoc(path: string | null): Record<string, unknown> {
  if (path === null) throw new Error('unreachable: the suite is skipped without samples');
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function employeesOf(path: string | null): unknown[] {
  const { employees } = readDoc(path);
  if (!Array.isArray(employees)) throw new Error(`${path}: no employees array`);
  return employees;
}

describe.skipIf(RESPONSE === null || TERMINATED === null || REQUEST === null)(
  'HiBob shared samples through the mapper',
  () => {
    it('maps the two real records (FIX-A Amy Miles, FIX-B Victor Yasinskiy)', () => {
      const results = employeesOf(RESPONSE).map((e) => mapHiBobEmployee(e, { today: TODAY }));
      expect(results).toMatchObject([
        {
          ok: true,
          employee: {
            externalId: '2378379585948483884',
            employeeNumber: '39',
            firstName: 'Amy',
            lastName: 'Miles',
            workEmail: 'amy.miles_200519@samplebob.com',
            department: 'Product',
            jobTitle: 'Designer',
            location: 'New York (Demo)',
            locationId: '708868',
            managerExternalId: '2378379584279150891',
            managerName: 'Zoe Clark',
            managerEmail: 'zoe.clark_200519@samplebob.com',
            employmentStatus: 'active',
            startDate: '2015-03-20',
            terminationDate: null,
          },
        },
        {
          ok: true,
          employee: {
            externalId: '2834190035467633537',
            employeeNumber: null,
            department: 'Accounting',
            // humanReadable.work.siteId is the site *name*: the id must come from work.siteId.
            locationId: '1814407',
            location: 'London (Demo)',
            managerName: 'Indrek Truu',
            managerEmail: 'indrek.truu@tehops.io',
            startDate: '2022-05-09',
            employmentStatus: 'active',
          },
        },
      ]);
      // The samples come from searches without payroll/address fields: those stay unknown.
      for (const result of results) {
        expect(result).toMatchObject({ employee: { employeeType: null, country: null } });
      }
    });

    it('maps the synthetic terminated record as terminated, dated', () => {
      const [result] = employeesOf(TERMINATED).map((e) => mapHiBobEmployee(e, { today: TODAY }));
      expect(result).toMatchObject({
        ok: true,
        employee: {
          externalId: '0000000000000000001',
          employmentStatus: 'terminated',
          terminationDate: '2024-06-30',
          managerExternalId: '2378379584279150891',
        },
      });
    });

    it('asks for every field of the recommended request that it maps, and nothing sensitive', () => {
      const recommended = readDoc(REQUEST)['fields'] as string[];
      const notRequested = recommended.filter(
        (f) => !(HIBOB_REQUESTED_FIELDS as readonly string[]).includes(f),
      );
      // Display name and the bare manager id are redundant with first/last name and reportsTo.
      expect(notRequested).toEqual(['root.displayName', 'work.manager']);
      expect(readDoc(REQUEST)).toMatchObject({ showInactive: true, humanReadable: 'APPEND' });
    });
  },
);
