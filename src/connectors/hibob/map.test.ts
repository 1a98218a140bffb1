import { describe, expect, it } from 'vitest';
import {
  HIBOB_DENIED_FIELDS,
  HIBOB_REQUESTED_FIELDS,
  HIBOB_SENSITIVE_CATEGORIES,
  assertRequestedFieldsAllowed,
  canonicalFieldId,
  isDeniedHiBobField,
} from './api.ts';
import { parseIsoDate } from '../values.ts';
import { mapHiBobEmployee } from './map.ts';

const TODAY = '2026-06-15';
const map = (raw: unknown) => mapHiBobEmployee(raw, { today: TODAY });

describe('requested fields', () => {
  it('never intersect the denied fields', () => {
    expect(HIBOB_REQUESTED_FIELDS.filter(isDeniedHiBobField)).toEqual([]);
    expect(() => assertRequestedFieldsAllowed(HIBOB_REQUESTED_FIELDS)).not.toThrow();
  });

  it('ask exactly two ids from sensitive categories: employment type and site country', () => {
    const sensitive = HIBOB_REQUESTED_FIELDS.filter((f) =>
      (HIBOB_SENSITIVE_CATEGORIES as readonly string[]).includes(f.split('.')[0] ?? ''),
    );
    expect(sensitive).toEqual(['payroll.employment.type', 'address.siteCountry']);
  });

  it('refuse any other id of a sensitive category, in either spelling and any case', () => {
    for (const field of [
      'payroll.salary.yearlyPayment',
      'payroll.employment.contract',
      'payroll.employment',
      'address.city',
      'address.country',
      'ADDRESS.LINE1',
      '/home/privateEmail',
      'personal.birthDate',
      'identification.ssn',
      'financial.iban',
      'eeo.ethnicity',
      'emergency.phone',
      'about.hobbies',
      'peopleAnalytics.flightRisk',
      'internal.terminationReason',
    ]) {
      expect(isDeniedHiBobField(field), field).toBe(true);
      expect(() => assertRequestedFieldsAllowed(['root.id', field])).toThrow(/denied/);
    }
    for (const field of ['root.id', 'work.department', '/address/siteCountry', 'internal.status']) {
      expect(isDeniedHiBobField(field), field).toBe(false);
    }
  });

  it('deny the NOTES §5 ids explicitly (the declaration lists them)', () => {
    for (const field of [
      'payroll.salary.payment',
      'payroll.nin',
      'payroll.taxCode',
      'identification.ssn',
      'financial.accountNumber',
      'home.privateEmail',
      'home.legalGender',
      'address.fullAddress',
      'personal.nationality',
    ]) {
      expect(HIBOB_DENIED_FIELDS).toContain(field);
    }
  });

  it('reads the /category/field spelling as category.field', () => {
    expect(canonicalFieldId('/root/id')).toBe('root.id');
    expect(canonicalFieldId('/payroll/employment/type')).toBe('payroll.employment.type');
    expect(canonicalFieldId(' work.site ')).toBe('work.site');
  });
});

describe('mapHiBobEmployee', () => {
  it('prefers humanReadable names for list fields, never for ids or dates', () => {
    const result = map({
      id: '1',
      work: { department: '100002', title: '200017', siteId: 1814407, startDate: '2022-05-09' },
      payroll: { employment: { type: '300003' } },
      humanReadable: {
        work: {
          department: 'Accounting',
          title: 'Analyst',
          siteId: 'London',
          startDate: '05/09/2022',
        },
        payroll: { employment: { type: 'Contractor' } },
      },
    });
    expect(result).toMatchObject({
      ok: true,
      employee: {
        department: 'Accounting',
        jobTitle: 'Analyst',
        employeeType: 'Contractor',
        locationId: '1814407',
        startDate: '2022-05-09',
      },
    });
  });

  it('falls back to the machine value when humanReadable is missing or malformed', () => {
    const result = map({
      id: '1',
      work: { department: 'Product' },
      humanReadable: { work: { department: { unexpected: true } } },
    });
    expect(result).toMatchObject({ ok: true, employee: { department: 'Product' } });
    expect(map({ id: '1', work: { department: 'Sales' }, humanReadable: 'odd' })).toMatchObject({
      ok: true,
      employee: { department: 'Sales' },
    });
  });

  it('takes the manager from work.reportsTo: id, display name, email lower-cased', () => {
    const result = map({
      id: '1',
      work: {
        reportsTo: { id: '9', firstName: 'Zoe', surname: 'Clark', email: ' Zoe@Example.COM ' },
      },
    });
    expect(result).toMatchObject({
      ok: true,
      employee: {
        managerExternalId: '9',
        managerName: 'Zoe Clark',
        managerEmail: 'zoe@example.com',
      },
    });
  });

  it('never returns "" and never invents a date', () => {
    const result = map({ id: '1', firstName: '', work: { startDate: '' } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const value of Object.values(result.employee)) expect(value).not.toBe('');
    expect(result.employee.startDate).toBeNull();
    expect(result.employee.terminationDate).toBeNull();
  });

  it('drops fields it did not request, sensitive ones included', () => {
    const result = map({
      id: '1',
      payroll: { salary: { yearlyPayment: 99_999 }, employment: { contract: 'Full time' } },
      address: { city: 'Home Town', siteCountry: 'Germany' },
      home: { privateEmail: 'home@example.net' },
      identification: { ssn: '078-05-1120' },
      humanReadable: { home: { privateEmail: 'home@example.net' } },
    });
    const text = JSON.stringify(result);
    for (const leaked of ['99999', 'Full time', 'Home Town', 'home@example.net', '078-05-1120']) {
      expect(text).not.toContain(leaked);
    }
    expect(result).toMatchObject({ ok: true, employee: { country: 'Germany' } });
  });

  it('does not put values into record error messages', () => {
    const result = map({ id: '7', email: { secret: 'private@example.net' } });
    expect(result).toMatchObject({ ok: false, externalId: '7', code: 'invalid_record' });
    expect(JSON.stringify(result)).not.toContain('private@example.net');
  });

  it('refuses an id that lost digits as a JSON number, and accepts an exact one', () => {
    const lossy: unknown = JSON.parse('{"id":2378379585948483884}');
    expect(map(lossy)).toMatchObject({ ok: false, code: 'invalid_record' });
    expect(map({ id: 42 })).toMatchObject({ ok: true, employee: { externalId: '42' } });
    expect(map({ id: '  ' })).toMatchObject({ ok: false, code: 'missing_id' });
  });

  it('treats a non-email as unknown and keeps numbers as text', () => {
    const result = map({
      id: '1',
      email: 'n/a',
      work: { employeeIdInCompany: 39, siteId: 708868 },
    });
    expect(result).toMatchObject({
      ok: true,
      employee: { workEmail: null, employeeNumber: '39', locationId: '708868' },
    });
  });

  it('throws on a malformed today (a bug, not a record problem)', () => {
    expect(() => mapHiBobEmployee({ id: '1' }, { today: '15/06/2026' })).toThrow(/today/);
  });
});

describe('parseIsoDate', () => {
  it.each([
    ['2024-02-29', '2024-02-29'],
    [' 2024-02-01 ', '2024-02-01'],
    ['2025-02-29', null],
    ['05/09/2022', null],
    ['2022-05-09T00:00:00', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%s → %s', (input, expected) => {
    expect(parseIsoDate(input)).toBe(expected);
  });
});
