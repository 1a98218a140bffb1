import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedSample } from '../testing/shared-samples.ts';
import { mapDeelPerson } from './map.ts';

/** The shared Deel samples (NOTES §8), read in place; a user's clone skips these, loudly. */
const GUIDE = sharedSample('deel', 'people_list.doc-example.json');
const SPEC = sharedSample('deel', 'people_list.oas-field-examples.json');
const TODAY = '2026-06-15';

function dataOf(path: string | null): unknown[] {
  if (path === null) throw new Error('unreachable: the suite is skipped without samples');
  const { data } = JSON.parse(readFileSync(path, 'utf8')) as { data?: unknown };
  if (!Array.isArray(data)) throw new Error(`${path}: no data array`);
  return data;
}

describe.skipIf(GUIDE === null || SPEC === null)('Deel shared samples through the mapper', () => {
  it("maps the guide's two inactive contractors as terminated, without their private email", () => {
    const results = dataOf(GUIDE).map((p) => mapDeelPerson(p, { today: TODAY }));
    expect(results).toMatchObject([
      {
        ok: true,
        employee: {
          externalId: 'dfd65727-e0f2-4e2e-94e3-91a19962d446',
          firstName: 'Tom',
          lastName: 'Hanks',
          // Only a null work email: the primary/personal address is private.
          workEmail: null,
          jobTitle: 'Business Analyst',
          employeeType: 'contractor',
          employmentStatus: 'terminated',
          startDate: '2023-07-25',
          terminationDate: null,
          managerExternalId: null,
        },
      },
      {
        ok: true,
        employee: {
          externalId: 'a4f91c16-2104-4841-ba4e-77fdcb5bc6ee',
          firstName: 'Whitney',
          jobTitle: 'QA Engineer',
          employmentStatus: 'terminated',
        },
      },
    ]);
    expect(JSON.stringify(results)).not.toMatch(/hanks\.com|houston\.com/);
  });

  it('maps the spec example record, dropping birth date, address and pay', () => {
    const [result] = dataOf(SPEC).map((p) => mapDeelPerson(p, { today: TODAY }));
    expect(result).toMatchObject({
      ok: true,
      employee: {
        externalId: '9b9fc43a-a90c-4615-ac50-baf1e314b53e',
        workEmail: 'work.email@example.com',
        department: 'Delivery team',
        departmentId: '00000000-0000-0000-0000-000000000000',
        jobTitle: 'Access Field Technician',
        location: 'Remote',
        country: 'USA',
        // The spec example swaps the manager's names; we map them as sent.
        managerName: 'Doe John',
        managerEmail: 'john.doe@example.com',
        startDate: '2023-03-20',
        // Its filler last day (a timestamp) is before today: terminated.
        terminationDate: '2023-03-21',
        employmentStatus: 'terminated',
      },
    });
    const output = JSON.stringify(result);
    for (const value of ['1990-01-01', 'Deel Street', 'Denver', 'American', '0.8008']) {
      expect(output).not.toContain(value);
    }
  });
});
