import { describe, expect, it } from 'vitest';
import { normalizedEmployeeSchema } from '../../core/employee.ts';
import { mapCsvHeader } from '../../platform/csv-columns.ts';
import { lifecycle, mapCsvRow, type CsvRowOptions } from './map.ts';

const TODAY = '2026-06-15';
const HEADER = [
  'Employee ID',
  'First Name',
  'Last Name',
  'Email',
  'Manager Email',
  'Employment Status',
  'Hire Date',
  'Salary',
];
const mapping = mapCsvHeader(HEADER);
const options: CsvRowOptions = { line: 7, today: TODAY, idColumn: 'work_email' };

/** A row as csv-parse keys it: mapped columns by field, the others by position. */
function row(cells: Partial<Record<(typeof HEADER)[number], string>>): Record<string, string> {
  return Object.fromEntries(
    mapping.columns.map((column) => [column.key, cells[column.header] ?? '']),
  );
}

describe('mapCsvRow', () => {
  it('maps the upload columns (any alias) to a NormalizedEmployee, ignoring the rest', () => {
    const result = mapCsvRow(
      row({
        'Employee ID': 'E-17',
        'First Name': 'Zoë',
        'Last Name': "O'Brien",
        Email: ' Zoe.OBrien@Example.COM ',
        'Manager Email': 'Boss@example.com',
        'Employment Status': 'Active',
        'Hire Date': '2020-01-06',
        Salary: 'SENSITIVE-salary-1',
      }),
      mapping,
      options,
    );
    expect(result).toEqual({
      ok: true,
      employee: {
        externalId: 'zoe.obrien@example.com',
        employeeNumber: 'E-17',
        firstName: 'Zoë',
        lastName: "O'Brien",
        workEmail: 'zoe.obrien@example.com',
        department: null,
        departmentId: null,
        departmentType: null,
        jobTitle: null,
        employeeType: null,
        location: null,
        locationId: null,
        country: null,
        managerExternalId: 'boss@example.com',
        managerName: null,
        managerEmail: 'boss@example.com',
        employmentStatus: 'active',
        startDate: '2020-01-06',
        terminationDate: null,
      },
    });
    if (result.ok) normalizedEmployeeSchema.parse(result.employee);
    expect(JSON.stringify(result)).not.toContain('SENSITIVE');
  });

  it('identifies by employee number when asked, without a manager id', () => {
    const cells = { 'Employee ID': 'E-17', 'Last Name': 'Ng', 'Manager Email': 'b@example.com' };
    const result = mapCsvRow(row(cells), mapping, { ...options, idColumn: 'employee_number' });
    expect(result.ok && result.employee).toMatchObject({
      externalId: 'E-17',
      workEmail: null,
      managerExternalId: null,
      managerEmail: 'b@example.com',
    });
  });

  it('is nobody’s own manager', () => {
    const cells = {
      'First Name': 'A',
      Email: 'ceo@example.com',
      'Manager Email': 'CEO@example.com',
    };
    const result = mapCsvRow(row(cells), mapping, options);
    expect(result.ok && result.employee.managerExternalId).toBeNull();
  });

  it('reports every bad cell of a row on its line, keeping the id when readable', () => {
    const result = mapCsvRow(
      row({
        'First Name': 'A',
        Email: 'a@example.com',
        'Hire Date': '15/06/2026',
        'Employment Status': 'gone',
      }),
      mapping,
      options,
    );
    expect(result).toEqual({
      ok: false,
      externalId: 'a@example.com',
      code: 'invalid_value',
      message:
        'line 7: employment_status must be one of active, pending, terminated; start_date must be a date written YYYY-MM-DD',
    });
  });

  it('refuses rows without an id or a name', () => {
    expect(mapCsvRow(row({ 'First Name': 'A' }), mapping, options)).toMatchObject({
      ok: false,
      externalId: null,
      code: 'missing_id',
      message: 'line 7: work_email is empty',
    });
    expect(
      mapCsvRow(row({ 'First Name': 'A', Email: 'not-an-email' }), mapping, options),
    ).toMatchObject({
      externalId: null,
      code: 'invalid_email',
    });
    expect(mapCsvRow(row({ Email: 'a@example.com' }), mapping, options)).toMatchObject({
      externalId: 'a@example.com',
      code: 'missing_name',
    });
  });

  it('is deterministic', () => {
    const cells = { 'First Name': 'A', Email: 'a@example.com', 'Hire Date': '2030-01-01' };
    expect(JSON.stringify(mapCsvRow(row(cells), mapping, options))).toBe(
      JSON.stringify(mapCsvRow(row(cells), mapping, options)),
    );
  });
});

describe('lifecycle', () => {
  it('follows DESIGN.md with the upload columns', () => {
    expect(lifecycle('terminated', '2020-01-01', TODAY)).toBe('terminated');
    expect(lifecycle('terminated', '2030-01-01', TODAY)).toBe('terminated');
    expect(lifecycle('pending', '2020-01-01', TODAY)).toBe('pending');
    expect(lifecycle('active', '2026-06-16', TODAY)).toBe('pending');
    expect(lifecycle(null, '2026-06-16', TODAY)).toBe('pending');
    expect(lifecycle('active', TODAY, TODAY)).toBe('active');
    expect(lifecycle(null, null, TODAY)).toBe('active');
  });
});
