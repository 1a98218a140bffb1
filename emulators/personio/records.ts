import { DEPARTMENTS, LOCATIONS } from '../shared/catalog.ts';
import { sensitiveValue, type GeneratedCompany, type Person } from '../shared/company.ts';

/**
 * A generated person rendered as a v1 `GET /company/employees` element (NOTES §5, SPEC-V1
 * example): `{type: "Employee", attributes: {<key>: {label, value, type, universal_id}}}`.
 */

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface V1Attribute {
  label: string;
  value: JsonValue;
  type: string;
  universal_id: string | null;
}

export interface V1Employee {
  type: 'Employee';
  attributes: Record<string, V1Attribute>;
}

/**
 * Attributes holding sensitive data (NOTES §5): the emulator answers them with
 * `sensitiveValue()` whenever a client does not filter them out. `dynamic_*` keys are custom
 * attributes: the first three ids are the ones seen in public samples.
 */
export const SENSITIVE_ATTRIBUTES: Readonly<
  Record<string, { label: string; universal: string | null }>
> = {
  gender: { label: 'Gender', universal: 'gender' },
  fix_salary: { label: 'Fix salary', universal: 'fix_salary' },
  fix_salary_interval: { label: 'Salary interval', universal: 'fix_salary_interval' },
  hourly_salary: { label: 'Hourly salary', universal: 'hourly_salary' },
  vacation_day_balance: { label: 'Vacation day balance', universal: 'vacation_day_balance' },
  absence_entitlement: { label: 'Absence entitlement', universal: 'absence_entitlement' },
  work_schedule: { label: 'Work schedule', universal: 'work_schedule' },
  termination_type: { label: 'Termination type', universal: 'termination_type' },
  termination_reason: { label: 'Termination reason', universal: 'termination_reason' },
  dynamic_21827: { label: 'IBAN', universal: 'iban' },
  dynamic_1146666: { label: 'Birthday', universal: null },
  dynamic_1146702: { label: 'Country of birth', universal: null },
  dynamic_1146710: { label: 'Private email', universal: null },
  dynamic_1146711: { label: 'Home address', universal: null },
  dynamic_1146712: { label: 'Tax ID', universal: null },
  dynamic_1146713: { label: 'Social security number', universal: null },
};

export const SENSITIVE_FIELD_IDS: readonly string[] = Object.keys(SENSITIVE_ATTRIBUTES);

/** Stable numeric ids of the catalogue's departments and offices. */
const DEPARTMENT_ID_BASE = 281_500;
const OFFICE_ID_BASE = 131_000;
const SUBCOMPANY = { type: 'Subcompany', attributes: { id: 7_033, name: 'Acme GmbH' } };

export interface RenderOptions {
  /** Include first name, last name and email inside `supervisor` (unconfirmed upstream). */
  supervisorDetails: boolean;
}

function attr(label: string, value: JsonValue, type = 'standard', universal?: string | null) {
  return { label, value, type, universal_id: universal === undefined ? null : universal };
}

/** The v1 status of a generated lifecycle (NOTES §5: active, onboarding, leave, inactive). */
export function statusOf(person: Person): string {
  switch (person.lifecycle) {
    case 'leave':
      return 'leave';
    case 'future':
      return 'onboarding';
    case 'terminated':
      return 'inactive';
    default:
      return 'active';
  }
}

/**
 * Personio's date attributes: midnight in the company's time zone (Berlin here) as a UTC
 * timestamp, so 9 November is `2014-11-08T23:00:00.000Z` (NOTES §5) and 1 July is
 * `…-06-30T22:00:00.000Z` (summer time).
 */
export function personioTimestamp(isoDate: string | null): string | null {
  if (isoDate === null) return null;
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const offsetHours = isBerlinSummerTime(y, m, d) ? 2 : 1;
  return new Date(Date.UTC(y, m - 1, d, -offsetHours)).toISOString();
}

/** EU summer time: from the last Sunday of March to the day before the last Sunday of October. */
function isBerlinSummerTime(year: number, month: number, day: number): boolean {
  const lastSunday = (m: number): number => {
    const last = new Date(Date.UTC(year, m, 0));
    return last.getUTCDate() - last.getUTCDay();
  };
  if (month < 3 || month > 10) return false;
  if (month > 3 && month < 10) return true;
  return month === 3 ? day > lastSunday(3) : day <= lastSunday(10);
}

function named(type: string, id: number, name: string) {
  return { type, attributes: { id, name } };
}

/** The whole record, every attribute Personio would send to an unfiltered credential. */
export function renderEmployee(
  person: Person,
  company: GeneratedCompany,
  options: RenderOptions,
): V1Employee {
  const id = Number(person.id);
  const manager = company.manager(person);
  const departmentIndex = DEPARTMENTS.findIndex((d) => d.name === person.department);
  const officeIndex = LOCATIONS.findIndex((l) => l.name === person.location);
  const hire = personioTimestamp(person.startDate);
  const termination = personioTimestamp(person.terminationDate);
  const supervisor =
    manager === undefined
      ? null
      : {
          type: 'Employee',
          attributes: {
            id: attr('ID', Number(manager.id), 'integer', 'id'),
            ...(options.supervisorDetails
              ? {
                  first_name: attr('First name', manager.firstName, 'standard', 'first_name'),
                  last_name: attr('Last name', manager.lastName, 'standard', 'last_name'),
                  email: attr('Email', manager.email, 'standard', 'email'),
                }
              : {}),
          },
        };
  const attributes: Record<string, V1Attribute> = {
    id: attr('ID', id, 'integer', 'id'),
    first_name: attr('First name', person.firstName, 'standard', 'first_name'),
    last_name: attr('Last name', person.lastName, 'standard', 'last_name'),
    preferred_name: attr('Name (preferred)', `${person.firstName} ${person.lastName}`),
    email: attr('Email', person.email, 'standard', 'email'),
    status: attr('Status', statusOf(person), 'standard', 'status'),
    position: attr('Position', person.title, 'standard', 'position'),
    supervisor: attr('Supervisor', supervisor, 'standard', 'supervisor'),
    employment_type: attr(
      'Employment type',
      person.employmentKind === null
        ? null
        : person.employmentKind === 'contractor'
          ? 'external'
          : 'internal',
      'standard',
      'employment_type',
    ),
    weekly_working_hours: attr('Weekly hours', person.employmentKind === 'part_time' ? '20' : '40'),
    hire_date: attr('Hire date', hire, 'date', 'hire_date'),
    contract_end_date: attr('Contract ends', null, 'date', 'contract_end_date'),
    termination_date: attr('Termination date', termination, 'date', 'termination_date'),
    last_working_day: attr('Last day of work', termination, 'date', 'last_working_day'),
    created_at: attr('created_at', hire, 'date', 'created_at'),
    subcompany: attr('Subcompany', SUBCOMPANY, 'standard', 'subcompany'),
    office: attr(
      'Office',
      officeIndex < 0 ? null : named('Office', OFFICE_ID_BASE + officeIndex, person.location ?? ''),
      'standard',
      'office',
    ),
    department: attr(
      'Department',
      departmentIndex < 0
        ? null
        : named('Department', DEPARTMENT_ID_BASE + departmentIndex, person.department ?? ''),
      'standard',
      'department',
    ),
    team: attr('Team', null, 'standard', 'team'),
  };
  for (const [key, { label, universal }] of Object.entries(SENSITIVE_ATTRIBUTES)) {
    const onlyWhenLeft = key === 'termination_type' || key === 'termination_reason';
    const value = onlyWhenLeft && termination === null ? null : sensitiveValue(key, person.id);
    attributes[key] = attr(label, value, 'standard', universal);
  }
  return { type: 'Employee', attributes };
}

/**
 * The record as a credential sees it: with `attributes[]` only those (plus `id`, which Personio
 * always sends); without, everything. Attributes outside the credential's readable list are
 * absent either way (NOTES §2 "Attribute whitelisting").
 */
export function projectEmployee(
  record: V1Employee,
  requested: readonly string[],
  readable: ReadonlySet<string> | null,
): V1Employee {
  const keep = (key: string): boolean =>
    key === 'id' ||
    ((requested.length === 0 || requested.includes(key)) && (readable?.has(key) ?? true));
  const attributes: Record<string, V1Attribute> = {};
  for (const [key, value] of Object.entries(record.attributes)) {
    if (keep(key)) attributes[key] = value;
  }
  return { type: 'Employee', attributes };
}
