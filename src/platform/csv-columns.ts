import type { PersonField } from '../core/employee.ts';
import { EMPLOYMENT_STATUSES, isPlausibleEmail, normalizeEmail } from '../core/employee.ts';
import type { CsvErrorCode, CsvRowError } from './csv-import.ts';

/**
 * The person fields a CSV upload may set. A strict subset of the NormalizedEmployee allowlist: the
 * HRIS-only ids (department id, manager external id, …) and termination date are not offered.
 */
export const CSV_FIELDS = [
  'firstName',
  'lastName',
  'workEmail',
  'department',
  'jobTitle',
  'employeeType',
  'location',
  'country',
  'managerName',
  'managerEmail',
  'employeeNumber',
  'employmentStatus',
  'startDate',
] as const satisfies readonly PersonField[];

export type CsvField = (typeof CSV_FIELDS)[number];

/** The name shown in messages and documentation for each field. */
export const CSV_FIELD_LABELS: Record<CsvField, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  workEmail: 'work_email',
  department: 'department',
  jobTitle: 'job_title',
  employeeType: 'employee_type',
  location: 'location',
  country: 'country',
  managerName: 'manager_name',
  managerEmail: 'manager_email',
  employeeNumber: 'employee_number',
  employmentStatus: 'employment_status',
  startDate: 'start_date',
};

// Written as a person would type them; compared after `headerKey`, so "First Name", "first_name",
// "firstName" and "FIRST-NAME" are the same header. Deliberately no bare "status" or "manager":
// they are ambiguous (learner status? manager name or email?) and a wrong guess stores wrong data.
const ALIASES: Record<CsvField, readonly string[]> = {
  firstName: ['first name', 'given name', 'forename'],
  lastName: ['last name', 'family name', 'surname'],
  workEmail: ['email', 'e-mail', 'work email', 'email address', 'work email address'],
  department: ['department'],
  jobTitle: ['title', 'job title'],
  employeeType: ['employee type', 'employment type'],
  location: ['location', 'work location'],
  country: ['country'],
  managerName: ['manager name'],
  managerEmail: ['manager email', 'manager work email'],
  employeeNumber: ['employee number', 'employee id', 'employee no'],
  employmentStatus: ['employment status'],
  startDate: ['start date', 'hire date'],
};

/** Case, spaces, underscores, dashes and dots do not matter in a header. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[\s_.-]+/g, '');
}

const FIELD_BY_KEY: ReadonlyMap<string, CsvField> = new Map(
  CSV_FIELDS.flatMap((field) => ALIASES[field].map((alias) => [headerKey(alias), field] as const)),
);

export function fieldForHeader(header: string): CsvField | undefined {
  return FIELD_BY_KEY.get(headerKey(header));
}

/** One column of the uploaded file: where it is, how it was written, what it maps to. */
export interface CsvColumn {
  /** 0-based position in the header row. */
  index: number;
  /** The header as written in the file (trimmed), for messages. */
  header: string;
  /** The record key csv-parse gives this column's cells. */
  key: string;
  /** `null` when the column is ignored (unknown or repeated). */
  field: CsvField | null;
}

export interface CsvHeaderMapping {
  columns: CsvColumn[];
  /** The column that feeds each mapped field. */
  byField: Map<CsvField, CsvColumn>;
  /** Columns whose header maps to no field (blank headers included). */
  unknown: CsvColumn[];
  /** Second and later columns mapping to a field another column already feeds. */
  repeated: { column: CsvColumn; first: CsvColumn; field: CsvField }[];
}

/**
 * Maps a header row to fields. Every column gets a distinct key (ignored ones too) so csv-parse
 * still checks each row's cell count against the header.
 */
export function mapCsvHeader(header: readonly string[]): CsvHeaderMapping {
  const mapping: CsvHeaderMapping = { columns: [], byField: new Map(), unknown: [], repeated: [] };
  header.forEach((raw, index) => {
    const text = raw.trim();
    const field = text === '' ? undefined : fieldForHeader(text);
    const first = field ? mapping.byField.get(field) : undefined;
    const column: CsvColumn = {
      index,
      header: text,
      key: field && !first ? field : `#${index}`,
      field: field && !first ? field : null,
    };
    mapping.columns.push(column);
    if (!field) mapping.unknown.push(column);
    else if (first) mapping.repeated.push({ column, first, field });
    else mapping.byField.set(field, column);
  });
  return mapping;
}

/** A real calendar day written as YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** A header error; every one is reported on the header's line. */
export type HeaderProblem = Omit<CsvRowError, 'line'>;

/** The header's errors, and whether the file cannot be imported in any mode. */
export function checkHeader(
  cells: readonly string[],
  mapping: CsvHeaderMapping,
): { problems: HeaderProblem[]; unusable: boolean } {
  const problems: HeaderProblem[] = [];
  const add = (column: string | null, code: CsvErrorCode, message: string): void => {
    problems.push({ column, code, message });
  };
  // eslint-disable-next-line no-control-regex -- control characters are what we are looking for
  if (cells.some((cell) => /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(cell))) {
    add(null, 'malformed_row', 'the file is not CSV text in UTF-8');
    return { problems, unusable: true };
  }
  const accepted = CSV_FIELDS.map((f) => CSV_FIELD_LABELS[f]).join(', ');
  for (const column of mapping.unknown) {
    add(
      column.header === '' ? null : column.header,
      'unknown_column',
      `${describe(column)} is not a column Rollcall imports, and its cells are never stored (accepted columns: ${accepted})`,
    );
  }
  for (const { column, first, field } of mapping.repeated) {
    add(
      column.header,
      'malformed_row',
      `${describe(column)} and ${describe(first)} both give ${CSV_FIELD_LABELS[field]}: keep one`,
    );
  }
  let unusable = mapping.repeated.length > 0;
  if (!mapping.byField.has('workEmail')) {
    add('work_email', 'missing_column', 'the file needs a work_email column');
    unusable = true;
  }
  if (!mapping.byField.has('firstName') && !mapping.byField.has('lastName')) {
    add(null, 'missing_column', 'the file needs a first_name or last_name column');
    unusable = true;
  }
  return { problems, unusable };
}

function describe(column: CsvColumn): string {
  return column.header === ''
    ? `column ${column.index + 1} (no header)`
    : `column "${column.header}"`;
}

export type CellResult =
  { ok: true; value: string } | { ok: false; code: CsvErrorCode; message: string };

/** Checks and normalizes one non-empty cell (emails lower-cased, status lower-cased). */
export function readCell(field: CsvField, text: string): CellResult {
  const label = CSV_FIELD_LABELS[field];
  // U+FFFD is what a non-UTF-8 byte decodes to: storing it would garble the name for good.
  if (text.includes('\ufffd')) {
    const message = `${label} is not UTF-8 text: save the file as "CSV UTF-8"`;
    return { ok: false, code: 'invalid_value', message };
  }
  switch (field) {
    case 'workEmail':
    case 'managerEmail': {
      const email = normalizeEmail(text) ?? '';
      return isPlausibleEmail(email)
        ? { ok: true, value: email }
        : { ok: false, code: 'invalid_email', message: `${label} is not a valid email address` };
    }
    case 'employmentStatus': {
      const status = text.toLowerCase();
      return (EMPLOYMENT_STATUSES as readonly string[]).includes(status)
        ? { ok: true, value: status }
        : {
            ok: false,
            code: 'invalid_value',
            message: `${label} must be one of ${EMPLOYMENT_STATUSES.join(', ')}`,
          };
    }
    case 'startDate':
      return isIsoDate(text)
        ? { ok: true, value: text }
        : {
            ok: false,
            code: 'invalid_date',
            message: `${label} must be a date written YYYY-MM-DD`,
          };
    default:
      return { ok: true, value: text };
  }
}
