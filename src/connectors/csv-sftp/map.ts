import { cleanText, type EmploymentStatus, type NormalizedEmployee } from '../../core/employee.ts';
import { readCell, type CsvField, type CsvHeaderMapping } from '../../platform/csv-columns.ts';
import { ID_FIELD, type IdColumn } from './columns.ts';
import { startsAfter } from '../lifecycle.ts';

export interface CsvRowOptions {
  /** The file's line where the row starts (header = 1), for messages. */
  line: number;
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
  idColumn: IdColumn;
}

export type CsvRowResult =
  | { ok: true; employee: NormalizedEmployee }
  | { ok: false; externalId: string | null; code: string; message: string };

/**
 * Maps one data row (cells keyed as `mapCsvHeader` keys them) to a NormalizedEmployee. Pure and
 * total: only the mapped columns are read, every cell goes through the CSV upload's `readCell`,
 * `""` means unknown (`null`). A row that fails keeps its id when the id cell is readable, so the
 * person still counts as present.
 */
export function mapCsvRow(
  record: Readonly<Record<string, string | undefined>>,
  mapping: CsvHeaderMapping,
  options: CsvRowOptions,
): CsvRowResult {
  const values: Partial<Record<CsvField, string>> = {};
  const problems: { field: CsvField | null; code: string; message: string }[] = [];
  for (const [field, column] of mapping.byField) {
    const text = cleanText(record[column.key]);
    if (text === null) continue;
    const cell = readCell(field, text);
    if (cell.ok) values[field] = cell.value;
    else problems.push({ field, code: cell.code, message: cell.message });
  }

  const idField = ID_FIELD[options.idColumn];
  const externalId = values[idField] ?? null;
  if (externalId === null && !problems.some((p) => p.field === idField)) {
    problems.unshift({
      field: idField,
      code: 'missing_id',
      message: `${options.idColumn} is empty`,
    });
  }
  if (values.firstName === undefined && values.lastName === undefined) {
    const message = 'first_name or last_name is required';
    problems.push({ field: null, code: 'missing_name', message });
  }
  const first = problems[0];
  if (first !== undefined || externalId === null) {
    const message = problems.map((p) => p.message).join('; ');
    return {
      ok: false,
      externalId,
      code: first?.code ?? 'missing_id',
      message: `line ${options.line}: ${message}`,
    };
  }

  const value = (field: CsvField): string | null => values[field] ?? null;
  const managerEmail = value('managerEmail');
  // Ids are work emails: the manager's email is the manager's id (a person is not their own manager).
  const managerExternalId =
    options.idColumn === 'work_email' && managerEmail !== externalId ? managerEmail : null;
  const startDate = value('startDate');
  return {
    ok: true,
    employee: {
      externalId,
      employeeNumber: value('employeeNumber'),
      firstName: value('firstName'),
      lastName: value('lastName'),
      workEmail: value('workEmail'),
      department: value('department'),
      departmentId: null,
      departmentType: null,
      jobTitle: value('jobTitle'),
      employeeType: value('employeeType'),
      location: value('location'),
      locationId: null,
      country: value('country'),
      managerExternalId,
      managerName: value('managerName'),
      managerEmail,
      employmentStatus: lifecycle(value('employmentStatus'), startDate, options.today),
      startDate,
      terminationDate: null,
    },
  };
}

/**
 * DESIGN.md lifecycle with the upload's columns: `terminated` and `pending` as written; `active`
 * or no status is `pending` while the start date is after today. The upload format has no
 * termination date, so a leaver is a row marked `terminated` (or a person no longer in the file).
 */
export function lifecycle(
  status: string | null,
  startDate: string | null,
  today: string,
): EmploymentStatus {
  if (status === 'terminated' || status === 'pending') return status;
  return startsAfter(startDate, today) ? 'pending' : 'active';
}
