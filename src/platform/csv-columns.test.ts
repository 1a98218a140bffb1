import { describe, expect, it } from 'vitest';
import { fieldForHeader, isIsoDate, mapCsvHeader, readCell } from './csv-columns.ts';

describe('CSV header mapping', () => {
  it('ignores case, spaces, underscores and dashes, and maps only the allowlisted fields', () => {
    for (const header of ['first_name', 'firstName', 'First Name', 'given name', 'FIRST-NAME']) {
      expect(fieldForHeader(header)).toBe('firstName');
    }
    for (const header of ['email', 'work_email', 'workEmail', 'E-mail', 'Work Email Address']) {
      expect(fieldForHeader(header)).toBe('workEmail');
    }
    expect(fieldForHeader('Employee ID')).toBe('employeeNumber');
    expect(fieldForHeader('title')).toBe('jobTitle');
    for (const header of ['salary', 'status', 'manager', 'termination date', 'external id', '']) {
      expect(fieldForHeader(header)).toBeUndefined();
    }
    const mapping = mapCsvHeader(['Email', 'first name', 'work_email', 'Salary']);
    expect(mapping.columns.map((c) => c.key)).toEqual(['workEmail', 'firstName', '#2', '#3']);
    expect(mapping.repeated.map((r) => [r.column.header, r.first.header])).toEqual([
      ['work_email', 'Email'],
    ]);
    expect(mapping.unknown.map((c) => c.header)).toEqual(['Salary']);
  });

  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    expect(['2024-02-29', '1999-12-31'].every(isIsoDate)).toBe(true);
    expect(
      ['2023-02-29', '2024-13-01', '2024-1-05', '05/01/2024', '2024-01-01T00:00'].some(isIsoDate),
    ).toBe(false);
  });

  it('normalizes emails and statuses, and refuses text that was not UTF-8', () => {
    expect(readCell('workEmail', ' Ada@Example.COM ')).toEqual({
      ok: true,
      value: 'ada@example.com',
    });
    expect(readCell('employmentStatus', 'Terminated')).toEqual({ ok: true, value: 'terminated' });
    expect(readCell('employmentStatus', 'on leave')).toMatchObject({
      ok: false,
      code: 'invalid_value',
    });
    expect(readCell('lastName', 'M\ufffdller')).toMatchObject({ ok: false, code: 'invalid_value' });
    expect(readCell('managerEmail', 'boss@')).toMatchObject({ ok: false, code: 'invalid_email' });
  });
});
