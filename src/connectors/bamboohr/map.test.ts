import { describe, expect, it } from 'vitest';
import {
  BAMBOOHR_DENIED_FIELDS,
  BAMBOOHR_REQUESTED_FIELDS,
  assertRequestedFieldsAllowed,
  isDeniedBambooHrField,
} from './api.ts';
import { parseIsoDate } from '../values.ts';
import { displayName, employmentStatus, mapBambooHrEmployee } from './map.ts';
import type { LifecycleFacts } from './map.ts';

const TODAY = '2026-06-15';

describe('requested fields', () => {
  it('never intersect the denied fields', () => {
    expect(BAMBOOHR_REQUESTED_FIELDS.filter(isDeniedBambooHrField)).toEqual([]);
    expect(() => assertRequestedFieldsAllowed(BAMBOOHR_REQUESTED_FIELDS)).not.toThrow();
  });

  it('refuses a list that asks for a denied field, prefixes and case included', () => {
    expect(() => assertRequestedFieldsAllowed(['id', 'bestEmail'])).toThrow(/bestEmail/);
    expect(() => assertRequestedFieldsAllowed(['id', 'country'])).toThrow(/country/);
    expect(() => assertRequestedFieldsAllowed(['compensationChangeReason'])).toThrow();
    expect(() => assertRequestedFieldsAllowed(['bonusAmount', 'commissionDate'])).toThrow();
    expect(() => assertRequestedFieldsAllowed(['SSN'])).toThrow();
  });

  it('use supervisorEId (the id), not supervisorId (the employee number)', () => {
    expect(BAMBOOHR_REQUESTED_FIELDS).toContain('supervisorEId');
    expect(BAMBOOHR_REQUESTED_FIELDS).not.toContain('supervisorId');
  });

  it('deny the NOTES §5 list', () => {
    for (const field of ['ssn', 'sin', 'nin', 'nationalId', 'dateOfBirth', 'birthday', 'age']) {
      expect(BAMBOOHR_DENIED_FIELDS).toContain(field);
    }
    for (const field of ['gender', 'maritalStatus', 'ethnicity', 'eeo', 'address1', 'address2']) {
      expect(BAMBOOHR_DENIED_FIELDS).toContain(field);
    }
    for (const field of ['city', 'state', 'zipcode', 'country', 'homeEmail', 'homePhone']) {
      expect(BAMBOOHR_DENIED_FIELDS).toContain(field);
    }
    for (const field of ['mobilePhone', 'bestEmail', 'payRate', 'payType', 'payPer', 'paidPer']) {
      expect(BAMBOOHR_DENIED_FIELDS).toContain(field);
    }
    expect(BAMBOOHR_DENIED_FIELDS).toContain('exempt');
  });
});

describe('employmentStatus (lifecycle rules)', () => {
  const facts = (overrides: Partial<LifecycleFacts>): LifecycleFacts => ({
    status: 'Active',
    employmentHistoryStatus: 'Full-Time',
    hireDate: '2020-01-01',
    terminationDate: null,
    today: TODAY,
    ...overrides,
  });

  it.each<[string, Partial<LifecycleFacts>, string]>([
    ['active employee', {}, 'active'],
    ['unknown status and label', { status: null, employmentHistoryStatus: null }, 'active'],
    ['terminated yesterday', { terminationDate: '2026-06-14', status: 'Inactive' }, 'terminated'],
    ['terminated today', { terminationDate: TODAY }, 'terminated'],
    [
      'scheduled termination, label shown early (onlyCurrent=false)',
      { terminationDate: '2026-06-16', employmentHistoryStatus: 'Terminated' },
      'active',
    ],
    [
      'scheduled termination beats Inactive',
      { terminationDate: '2026-07-01', status: 'Inactive' },
      'active',
    ],
    ['label only', { employmentHistoryStatus: 'Terminated', status: 'Inactive' }, 'terminated'],
    ['label only, any case', { employmentHistoryStatus: 'TERMINATED' }, 'terminated'],
    ['future hire (Inactive)', { hireDate: '2026-06-16', status: 'Inactive' }, 'pending'],
    ['starts today', { hireDate: TODAY, status: 'Inactive' }, 'terminated'],
    ['starts today, Active', { hireDate: TODAY }, 'active'],
    [
      'withdrawn future hire',
      { hireDate: '2026-07-01', employmentHistoryStatus: 'Terminated' },
      'terminated',
    ],
    ['Inactive without evidence', { status: 'Inactive' }, 'terminated'],
    ['Inactive, no hire date', { status: 'inactive', hireDate: null }, 'terminated'],
    ['on leave stays Active', { employmentHistoryStatus: 'Furloughed' }, 'active'],
    ['rehire', { hireDate: '2025-01-06', terminationDate: '2023-03-31' }, 'active'],
    [
      'rehire with a stale Terminated label',
      {
        hireDate: '2025-01-06',
        terminationDate: '2023-03-31',
        employmentHistoryStatus: 'Terminated',
      },
      'active',
    ],
    [
      'future rehire',
      { hireDate: '2026-09-01', terminationDate: '2025-10-31', status: 'Inactive' },
      'pending',
    ],
    [
      'rehired, then Inactive again without a date',
      { hireDate: '2025-01-06', terminationDate: '2023-03-31', status: 'Inactive' },
      'terminated',
    ],
    [
      'left after the hire date',
      { hireDate: '2019-04-01', terminationDate: '2026-01-15' },
      'terminated',
    ],
  ])('%s → %s', (_name, overrides, expected) => {
    expect(employmentStatus(facts(overrides))).toBe(expected);
  });
});

describe('mapBambooHrEmployee', () => {
  it('drops the old termination date of a rehire and keeps a scheduled one', () => {
    const rehire = mapBambooHrEmployee(
      { id: '1', hireDate: '2025-01-06', terminationDate: '2023-03-31', status: 'Active' },
      { today: TODAY },
    );
    expect(rehire).toMatchObject({ ok: true, employee: { terminationDate: null } });
    const leaving = mapBambooHrEmployee(
      { id: '2', hireDate: '2020-01-01', terminationDate: '2026-08-31', status: 'Active' },
      { today: TODAY },
    );
    expect(leaving).toMatchObject({
      ok: true,
      employee: { employmentStatus: 'active', terminationDate: '2026-08-31' },
    });
  });

  it('never returns "" and never invents a date', () => {
    const result = mapBambooHrEmployee({ id: '1' }, { today: TODAY });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const value of Object.values(result.employee)) expect(value).not.toBe('');
    expect(result.employee.startDate).toBeNull();
    expect(result.employee.terminationDate).toBeNull();
  });

  it('drops fields it did not request, sensitive ones included', () => {
    const result = mapBambooHrEmployee(
      {
        id: '1',
        country: 'Home Country',
        bestEmail: 'home@example.net',
        homeEmail: 'home@example.net',
        ssn: '078-05-1120',
        payRate: '99999 USD',
        supervisorId: '6',
      },
      { today: TODAY },
    );
    const text = JSON.stringify(result);
    for (const leaked of ['Home Country', 'home@example.net', '078-05-1120', '99999']) {
      expect(text).not.toContain(leaked);
    }
    expect(result).toMatchObject({ ok: true, employee: { country: null, workEmail: null } });
  });

  it('does not put values into record error messages', () => {
    const result = mapBambooHrEmployee(
      { id: '7', workEmail: { secret: 'private@example.net' } },
      { today: TODAY },
    );
    expect(result).toMatchObject({ ok: false, externalId: '7', code: 'invalid_record' });
    expect(JSON.stringify(result)).not.toContain('private@example.net');
  });

  it('treats a non-email as unknown', () => {
    const result = mapBambooHrEmployee(
      { id: '1', workEmail: 'n/a', supervisorEmail: ' Boss@Example.COM ' },
      { today: TODAY },
    );
    expect(result).toMatchObject({
      ok: true,
      employee: { workEmail: null, managerEmail: 'boss@example.com' },
    });
  });

  it('throws on a malformed today (a bug, not a record problem)', () => {
    expect(() => mapBambooHrEmployee({ id: '1' }, { today: '15/06/2026' })).toThrow(/today/);
  });
});

describe('parseIsoDate', () => {
  it.each([
    ['2024-02-29', '2024-02-29'],
    [' 2024-02-01 ', '2024-02-01'],
    ['2025-02-29', null],
    ['0000-00-00', null],
    ['2025-00-10', null],
    ['2025-04-31', null],
    ['2025-4-3', null],
    ['2024-02-01T00:00:00Z', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%s → %s', (input, expected) => {
    expect(parseIsoDate(input)).toBe(expected);
  });
});

describe('displayName', () => {
  it.each([
    ['Caldwell, Jennifer', 'Jennifer Caldwell'],
    ['Jennifer Caldwell', 'Jennifer Caldwell'],
    ['de la Cruz, María José', 'María José de la Cruz'],
    ['Smith, Jr., John', 'John Smith, Jr.'],
    ['Caldwell,', 'Caldwell'],
    [', Jennifer', 'Jennifer'],
    [',', null],
    [null, null],
  ])('%s → %s', (input, expected) => {
    expect(displayName(input)).toBe(expected);
  });
});
