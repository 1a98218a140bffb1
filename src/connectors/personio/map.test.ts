import { describe, expect, it } from 'vitest';
import {
  PERSONIO_DENIED_ATTRIBUTES,
  PERSONIO_REQUESTED_ATTRIBUTES,
  assertRequestedAttributesAllowed,
  employeesPagePath,
  isDeniedPersonioAttribute,
} from './api.ts';
import { personioDate, personioEmploymentStatus } from './lifecycle.ts';
import { mapPersonioEmployee } from './map.ts';

const TODAY = '2026-06-15';
const map = (raw: unknown) => mapPersonioEmployee(raw, { today: TODAY });
const value = (v: unknown) => ({ label: 'x', value: v, type: 'standard', universal_id: null });

function record(attributes: Record<string, unknown>): unknown {
  return {
    type: 'Employee',
    attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, value(v)])),
  };
}

describe('requested attributes', () => {
  it('never intersect the denied ones, and no custom attribute is ever asked', () => {
    expect(PERSONIO_REQUESTED_ATTRIBUTES.filter(isDeniedPersonioAttribute)).toEqual([]);
    expect(() => assertRequestedAttributesAllowed(PERSONIO_REQUESTED_ATTRIBUTES)).not.toThrow();
    for (const attribute of [...PERSONIO_DENIED_ATTRIBUTES, 'dynamic_99', ' FIX_SALARY ']) {
      expect(isDeniedPersonioAttribute(attribute), attribute).toBe(true);
      expect(() => assertRequestedAttributesAllowed(['email', attribute])).toThrow(/denied/);
    }
  });

  it('go in the page query as repeated attributes[] with limit 100 and the offset', () => {
    const path = employeesPagePath(200);
    expect(path.startsWith('/v1/company/employees?limit=100&offset=200&attributes[]=')).toBe(true);
    const params = new URL(`https://api.personio.de${path}`).searchParams;
    expect(params.getAll('attributes[]')).toEqual([...PERSONIO_REQUESTED_ATTRIBUTES]);
  });
});

describe('personioDate', () => {
  it('recovers the calendar date from midnight-in-Berlin UTC timestamps', () => {
    expect(personioDate('2014-11-08T23:00:00.000Z')).toBe('2014-11-09');
    expect(personioDate('2019-06-30T22:00:00.000Z')).toBe('2019-07-01');
    expect(personioDate('2020-12-31T23:00:00Z')).toBe('2021-01-01');
    expect(personioDate('2024-02-28T23:00:00.000Z')).toBe('2024-02-29');
    expect(personioDate('2021-01-01T00:00:00.000Z')).toBe('2021-01-01');
    expect(personioDate('2021-01-01T05:00:00+00:00')).toBe('2021-01-01');
  });

  it('keeps the written date of an offset timestamp and of a plain date', () => {
    expect(personioDate('2017-05-23T09:49:03+02:00')).toBe('2017-05-23');
    expect(personioDate('2017-05-23T23:30:00-05:00')).toBe('2017-05-23');
    expect(personioDate(' 2017-05-23 ')).toBe('2017-05-23');
  });

  it('is null for anything else', () => {
    for (const bad of [
      null,
      undefined,
      '',
      '  ',
      '23.05.2017',
      '2017-02-30',
      '2017-13-01',
      '2017-05-23T24:00:00Z',
      '2017-05-23T10:00',
      'tomorrow',
      '0000-01-01',
    ]) {
      expect(personioDate(bad), String(bad)).toBeNull();
    }
  });
});

describe('personioEmploymentStatus', () => {
  const status = (facts: Partial<Parameters<typeof personioEmploymentStatus>[0]>) =>
    personioEmploymentStatus({
      status: null,
      startDate: null,
      terminationDate: null,
      today: TODAY,
      ...facts,
    });

  it('reads inactive as left, whatever the dates say', () => {
    expect(status({ status: 'inactive' })).toBe('terminated');
    expect(status({ status: 'Inactive', terminationDate: '2027-01-01' })).toBe('terminated');
    expect(
      status({ status: 'INACTIVE', startDate: '2025-01-01', terminationDate: '2024-01-01' }),
    ).toBe('terminated');
  });

  it('terminates on a termination date up to today, not after', () => {
    expect(status({ status: 'active', terminationDate: TODAY })).toBe('terminated');
    expect(status({ status: 'active', terminationDate: '2026-06-16' })).toBe('active');
    expect(status({ status: 'leave', terminationDate: '2026-01-01' })).toBe('terminated');
  });

  it('ignores the old termination of a rehire', () => {
    expect(
      status({ status: 'active', startDate: '2025-01-01', terminationDate: '2024-01-01' }),
    ).toBe('active');
    expect(
      status({ status: 'onboarding', startDate: '2026-09-01', terminationDate: '2024-01-01' }),
    ).toBe('pending');
  });

  it('keeps leave active and makes future starts pending', () => {
    expect(status({ status: 'leave' })).toBe('active');
    expect(status({ status: 'active', startDate: '2026-06-16' })).toBe('pending');
    expect(status({ status: 'onboarding' })).toBe('pending');
    expect(status({ status: 'onboarding', startDate: TODAY })).toBe('active');
    expect(status({})).toBe('active');
  });
});

describe('mapPersonioEmployee', () => {
  it('maps the allowlisted attributes and nothing else', () => {
    const result = map(
      record({
        id: 7,
        first_name: ' Ada ',
        last_name: 'Lovelace',
        email: ' Ada@Example.COM ',
        status: 'active',
        position: 'Analyst',
        employment_type: 'internal',
        hire_date: '2020-01-31T23:00:00.000Z',
        department: { type: 'Department', attributes: { id: 5, name: 'Maths' } },
        office: { type: 'Office', attributes: { id: '9', name: 'London' } },
        supervisor: { type: 'Employee', attributes: { id: value(1) } },
        fix_salary: 'SENSITIVE-fix_salary-7',
        dynamic_21827: 'SENSITIVE-iban-7',
        holiday_calendar: { type: 'HolidayCalendar', attributes: { country: 'GB' } },
      }),
    );
    expect(result).toEqual({
      ok: true,
      statusHidden: false,
      employee: {
        externalId: '7',
        employeeNumber: null,
        firstName: 'Ada',
        lastName: 'Lovelace',
        workEmail: 'ada@example.com',
        department: 'Maths',
        departmentId: '5',
        departmentType: null,
        jobTitle: 'Analyst',
        employeeType: 'internal',
        location: 'London',
        locationId: '9',
        country: null,
        managerExternalId: '1',
        managerName: null,
        managerEmail: null,
        employmentStatus: 'active',
        startDate: '2020-02-01',
        terminationDate: null,
      },
    });
    expect(JSON.stringify(result)).not.toContain('SENSITIVE');
  });

  it('accepts a digit-string id and refuses a lossy number', () => {
    expect(map(record({ id: '123' }))).toMatchObject({ ok: true, employee: { externalId: '123' } });
    expect(map(record({ id: 2 ** 60 }))).toMatchObject({
      ok: false,
      code: 'invalid_record',
      externalId: null,
    });
  });

  it('never quotes values in error messages', () => {
    const result = map(record({ id: 5, email: { secret: 'SENSITIVE-x' } }));
    expect(result).toMatchObject({ ok: false, externalId: '5', code: 'invalid_record' });
    expect(JSON.stringify(result)).not.toContain('SENSITIVE');
  });

  it('is total: odd inputs give record errors, never throws', () => {
    for (const raw of [
      null,
      undefined,
      42,
      'x',
      [],
      {},
      { attributes: [] },
      { attributes: { id: 1 } },
    ]) {
      expect(map(raw).ok, JSON.stringify(raw)).toBe(false);
    }
  });

  it('refuses a today that is not a date', () => {
    expect(() => mapPersonioEmployee(record({ id: 1 }), { today: '15.06.2026' })).toThrow(/today/);
  });
});
