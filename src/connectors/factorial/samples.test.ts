import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedSample } from '../testing/shared-samples.ts';
import { FACTORIAL_DENIED_FIELDS, factorialPageSchema } from './api.ts';
import { createLookups } from './lookups.ts';
import { mapFactorialEmployee } from './map.ts';

/** The shared vendor sample (NOTES §8), read in place; a user's clone skips this, loudly. */
const SAMPLE = sharedSample('factorial', 'employees_list.oas-field-examples.json');
const TODAY = '2026-06-15';

function readSample(): Record<string, unknown> {
  if (SAMPLE === null) throw new Error('unreachable: the suite is skipped without samples');
  return JSON.parse(readFileSync(SAMPLE, 'utf8')) as Record<string, unknown>;
}

describe.skipIf(SAMPLE === null)('Factorial shared sample through the mapper', () => {
  it('is the documented list envelope', () => {
    const page = factorialPageSchema.parse(readSample());
    expect(page.meta).toEqual({ has_next_page: true, end_cursor: 'Mjc=' });
    expect(page.data).toHaveLength(1);
  });

  it('maps the OAS example employee, reading the login email and nothing sensitive', () => {
    const { data } = factorialPageSchema.parse(readSample());
    const { lookups } = createLookups(TODAY);
    const [result] = data.map((e) => mapFactorialEmployee(e, { today: TODAY, lookups }));
    expect(result).toEqual({
      ok: true,
      employee: {
        externalId: '2',
        employeeNumber: 'bb9d281e',
        firstName: 'Ana',
        lastName: 'Blanco Perez',
        workEmail: 'ana@factorial.com',
        department: null,
        departmentId: null,
        departmentType: null,
        jobTitle: null,
        employeeType: null,
        location: null,
        locationId: '1',
        country: null,
        managerExternalId: '1',
        managerName: null,
        managerEmail: null,
        // The examples are not consistent (NOTES §8): active, terminated on 2024-10-06 and a
        // seniority date the day after. That reads as a rehire: active, the old date is history.
        employmentStatus: 'active',
        startDate: '2024-10-07',
        terminationDate: null,
      },
    });
  });

  it('holds every denied key, none of which reaches the output', () => {
    const { data } = factorialPageSchema.parse(readSample());
    const record = data[0] as Record<string, unknown>;
    const deniedKeys = FACTORIAL_DENIED_FIELDS.filter((f) => f.startsWith('employees.')).map((f) =>
      f.slice('employees.'.length),
    );
    const present = deniedKeys.filter((key) => key in record);
    expect(present.length).toBeGreaterThan(25);
    const { lookups } = createLookups(TODAY);
    const output = JSON.stringify(mapFactorialEmployee(record, { today: TODAY, lookups }));
    for (const key of present) {
      const value = record[key];
      if (typeof value === 'string' && value.length > 4 && value !== 'ana@factorial.com') {
        expect(output, key).not.toContain(value);
      }
    }
  });
});
