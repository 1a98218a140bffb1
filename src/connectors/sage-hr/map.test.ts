import { describe, expect, it } from 'vitest';
import {
  SAGE_HR_DENIED_FIELDS,
  SAGE_HR_REQUESTED_FIELDS,
  assertRequestedFieldsAllowed,
} from './api.ts';
import { parseIsoDate } from '../values.ts';
import { buildLookup, mapSageHrPerson, type SageHrMapOptions } from './map.ts';

const TODAY = '2026-06-15';
const options: SageHrMapOptions = { today: TODAY };

const active = (fields: Record<string, unknown> = {}) => ({
  id: 10,
  email: 'a.b@x.example',
  first_name: 'A',
  last_name: 'B',
  employment_start_date: '2020-01-01',
  team: 'Sales',
  team_id: 3,
  position: 'Rep',
  position_id: 7,
  reports_to_employee_id: 4,
  employee_number: 'N1',
  employment_status: 'Full-time',
  ...fields,
});

const terminated = (fields: Record<string, unknown> = {}) => ({
  id: 10,
  termination_date: '2026-01-31',
  email: 'a.b@x.example',
  first_name: 'A',
  last_name: 'B',
  employment_start_date: '2020-01-01',
  position: 'Old title',
  ...fields,
});

function employeeOf(result: ReturnType<typeof mapSageHrPerson>) {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  return result.employee;
}

describe('mapSageHrPerson', () => {
  it('refuses a malformed today (a bug, not a record error)', () => {
    expect(() => mapSageHrPerson({ active: active() }, { today: '15/06/2026' })).toThrow(/today/);
  });

  it('is a record error when there is no record at all', () => {
    expect(mapSageHrPerson({}, options)).toMatchObject({ ok: false, code: 'missing_id' });
  });

  it('keeps the active record fields and takes the date from the terminated one', () => {
    const employee = employeeOf(
      mapSageHrPerson({ active: active(), terminated: terminated() }, options),
    );
    expect(employee).toMatchObject({
      externalId: '10',
      department: 'Sales',
      jobTitle: 'Rep',
      managerExternalId: '4',
      employmentStatus: 'terminated',
      terminationDate: '2026-01-31',
    });
  });

  it('fills names, email and number from the terminated record when the active one lacks them', () => {
    const employee = employeeOf(
      mapSageHrPerson(
        {
          active: active({
            first_name: '',
            last_name: null,
            email: undefined,
            employee_number: '',
          }),
          terminated: terminated({ first_name: 'Ann', last_name: 'Bee', employee_number: 'N9' }),
        },
        options,
      ),
    );
    expect(employee).toMatchObject({
      firstName: 'Ann',
      lastName: 'Bee',
      workEmail: 'a.b@x.example',
      employeeNumber: 'N9',
    });
  });

  it('applies the lifecycle rules around today', () => {
    const status = (t: Record<string, unknown> | null, a: Record<string, unknown> | null) =>
      employeeOf(
        mapSageHrPerson(
          { ...(a ? { active: active(a) } : {}), ...(t ? { terminated: terminated(t) } : {}) },
          options,
        ),
      ).employmentStatus;
    expect(status(null, {})).toBe('active');
    expect(status(null, { employment_start_date: '2026-06-16' })).toBe('pending');
    expect(status({ termination_date: TODAY }, {})).toBe('terminated');
    expect(status({ termination_date: '2026-06-16' }, {})).toBe('active');
    expect(status({ termination_date: null }, null)).toBe('terminated');
    expect(status({ termination_date: '2026-06-16' }, null)).toBe('active');
    // Rehire: a start after the termination date.
    expect(status({ termination_date: '2019-12-31' }, {})).toBe('active');
    expect(
      status({ termination_date: '2019-12-31' }, { employment_start_date: '2026-07-01' }),
    ).toBe('pending');
  });

  it('prefers the name on the record, then the lookup, then the terminated title', () => {
    const lookups = {
      ...options,
      positions: buildLookup([{ id: 7, title: 'From lookup' }], 'positions'),
      teams: buildLookup([{ id: 3, name: 'Team lookup' }], 'teams'),
    };
    expect(employeeOf(mapSageHrPerson({ active: active() }, lookups))).toMatchObject({
      jobTitle: 'Rep',
      department: 'Sales',
    });
    expect(
      employeeOf(mapSageHrPerson({ active: active({ position: null, team: '' }) }, lookups)),
    ).toMatchObject({ jobTitle: 'From lookup', department: 'Team lookup', departmentId: '3' });
    expect(
      employeeOf(
        mapSageHrPerson(
          { active: active({ position: null, position_id: 99 }), terminated: terminated() },
          lookups,
        ),
      ).jobTitle,
    ).toBe('Old title');
  });

  it('never quotes a value in an error message', () => {
    const result = mapSageHrPerson({ active: { id: 5, email: { secret: 'hunter2' } } }, options);
    expect(result).toMatchObject({ ok: false, externalId: '5', code: 'invalid_record' });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('reads real calendar dates only', () => {
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(parseIsoDate('2025-02-29')).toBeNull();
    expect(parseIsoDate('201-01-01')).toBeNull();
    expect(parseIsoDate(' 2020-01-01 ')).toBe('2020-01-01');
  });
});

describe('Sage HR field lists', () => {
  it('reads no denied field, and the start-up check catches one', () => {
    expect(() => assertRequestedFieldsAllowed(SAGE_HR_REQUESTED_FIELDS)).not.toThrow();
    expect(() => assertRequestedFieldsAllowed([...SAGE_HR_REQUESTED_FIELDS, 'country'])).toThrow(
      /country/,
    );
    const denied: readonly string[] = SAGE_HR_DENIED_FIELDS;
    expect(SAGE_HR_REQUESTED_FIELDS.filter((f) => denied.includes(f))).toEqual([]);
  });
});
