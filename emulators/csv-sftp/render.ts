import type { GeneratedCompany, Person } from '../shared/company.ts';
import { sensitiveValue } from '../shared/company.ts';
import type { EmploymentKind } from '../shared/catalog.ts';

/**
 * The generated company as the CSV upload's file format (src/platform/csv-columns.ts): the columns
 * an HR export would hold, written with the upload's header names, plus the sensitive columns real
 * exports carry (the connector must skip them unread).
 */
export const CSV_HEADER = [
  'employee_number',
  'first_name',
  'last_name',
  'work_email',
  'department',
  'job_title',
  'employee_type',
  'location',
  'country',
  'manager_name',
  'manager_email',
  'employment_status',
  'start_date',
] as const;

/** Columns outside the upload's mapping, answered with `sensitiveValue()`. */
export const SENSITIVE_COLUMNS = ['salary', 'ssn', 'home_address', 'date_of_birth'] as const;

const KIND_LABELS: Record<EmploymentKind, string> = {
  full_time: 'Full-time',
  part_time: 'Part-time',
  contractor: 'Contractor',
  intern: 'Intern',
};

export interface RenderOptions {
  /** Add the sensitive columns (default true). */
  sensitive?: boolean;
  /** Line ending (default `\n`; exports from Excel use `\r\n`). */
  eol?: '\n' | '\r\n';
}

/**
 * How the file says where a person stands: leavers `terminated` (the upload format has no
 * termination date), people on leave and rehires `active`, and future hires with no status at all
 * (as many exports do), so the reader has to infer `pending` from the start date.
 */
export function statusCell(person: Person): string {
  switch (person.lifecycle) {
    case 'terminated':
      return 'terminated';
    case 'future':
      return '';
    default:
      return 'active';
  }
}

export function personRow(company: GeneratedCompany, person: Person): string[] {
  const manager = company.manager(person);
  return [
    person.employeeNumber ?? '',
    person.firstName,
    person.lastName,
    person.email ?? '',
    person.department ?? '',
    person.title ?? '',
    person.employmentKind ? KIND_LABELS[person.employmentKind] : '',
    person.location ?? '',
    person.countryCode ?? '',
    manager ? `${manager.firstName} ${manager.lastName}` : '',
    manager?.email ?? '',
    statusCell(person),
    person.startDate,
  ];
}

/** The whole company as one CSV text, every status included, in generation order. */
export function renderCompanyCsv(company: GeneratedCompany, options: RenderOptions = {}): string {
  const sensitive = options.sensitive ?? true;
  const eol = options.eol ?? '\n';
  const header = [...CSV_HEADER, ...(sensitive ? SENSITIVE_COLUMNS : [])];
  const lines = [header.map(csvCell).join(',')];
  for (const person of company.values()) {
    const cells = personRow(company, person);
    if (sensitive) cells.push(...SENSITIVE_COLUMNS.map((c) => sensitiveValue(c, person.id)));
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join(eol) + eol;
}

/** RFC 4180: quoted when it holds a comma, quote, line break or edge space; quotes doubled. */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
