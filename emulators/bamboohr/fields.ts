import { LOCATIONS } from './catalog.ts';
import type { Company } from './company.ts';
import type { Employee } from './employee.ts';

/**
 * The field catalogue: v1 field id (custom report, directory), dataset v2 name, the `type`/`name`
 * the custom report echoes in `fields[]`, and how the value is read. Field ids not listed here are
 * "unknown" and silently omitted, as BambooHR does (NOTES.md §3).
 */
export interface FieldDef {
  /** v1 field id, or `null` when only the dataset has it. */
  id: string | null;
  /** Dataset v2 field name, or `null` when the dataset has no such field. */
  v2: string | null;
  type: string;
  name: string;
  /** A category Rollcall must never request (NOTES.md §5 "Sensitive fields"). */
  sensitive: boolean;
  get(e: Employee, company: Company): string | null;
}

/** Marks every sensitive value the emulator returns; a store or a log containing it is a bug. */
export const SENSITIVE_MARKER = 'SENSITIVE-';

/** The distinctive value of a sensitive field: `SENSITIVE-ssn-42` (emails get a domain too). */
export function sensitiveValue(fieldId: string, employeeId: string): string {
  const value = `${SENSITIVE_MARKER}${fieldId}-${employeeId}`;
  return fieldId === 'homeEmail' ? `${value}@home.example` : value;
}

const manager = (e: Employee, c: Company): Employee | undefined =>
  e.supervisorEId ? c.get(e.supervisorEId) : undefined;

/** Work phones are derived from the location and the id rather than stored (memory). */
function phone(e: Employee, salt: number): string | null {
  const location = LOCATIONS.find((l) => l.name === e.location);
  if (!location) return null;
  const digits = String((Number(e.id) * 7919 + salt) % 10_000).padStart(4, '0');
  return `${location.phone}${digits}`;
}

function plain(id: string, v2: string | null, type: string, name: string): FieldDef {
  return {
    id,
    v2,
    type,
    name,
    sensitive: false,
    get: (e) => (e as unknown as Record<string, string | null>)[id] ?? null,
  };
}

function derived(
  id: string | null,
  v2: string | null,
  type: string,
  name: string,
  get: FieldDef['get'],
): FieldDef {
  return { id, v2, type, name, sensitive: false, get };
}

function sensitive(id: string, type: string, name: string): FieldDef {
  return { id, v2: id, type, name, sensitive: true, get: (e) => sensitiveValue(id, e.id) };
}

export const FIELDS: readonly FieldDef[] = [
  plain('id', 'eeid', 'int', 'EEID'),
  plain('employeeNumber', 'employeeNumber', 'employee_number', 'Employee #'),
  plain('firstName', 'firstName', 'text', 'First Name'),
  plain('lastName', 'lastName', 'text', 'Last Name'),
  plain('preferredName', 'preferredName', 'text', 'Preferred Name'),
  derived('displayName', null, 'text', 'Display name', displayName),
  plain('workEmail', 'email', 'email', 'Work Email'),
  plain('jobTitle', 'jobInformationJobTitle', 'list', 'Job Title'),
  plain('department', 'jobInformationDepartment', 'list', 'Department'),
  plain('division', 'jobInformationDivision', 'list', 'Division'),
  plain('location', 'jobInformationLocation', 'list', 'Location'),
  plain('employmentHistoryStatus', 'employmentStatus', 'list', 'Employment Status'),
  plain('status', 'status', 'status', 'Status'),
  plain('hireDate', 'hireDate', 'date', 'Hire Date'),
  plain('originalHireDate', 'originalHireDate', 'date', 'Original Hire Date'),
  plain('terminationDate', 'terminationDate', 'date', 'Termination Date'),
  plain('supervisorEId', 'supervisorEid', 'int', 'Supervisor EID'),
  derived('supervisorId', 'supervisorId', 'text', 'Supervisor ID', (e, c) => {
    const m = manager(e, c);
    return m ? m.employeeNumber : null;
  }),
  derived('supervisor', 'supervisorName', 'text', 'Supervisor name', (e, c) => {
    const m = manager(e, c);
    return m ? `${m.lastName}, ${m.firstName}` : null;
  }),
  derived('supervisorEmail', 'supervisorEmail', 'email', 'Supervisor email', (e, c) => {
    const m = manager(e, c);
    return m ? m.workEmail : null;
  }),
  derived(null, 'jobInformationReportsTo', 'text', 'Reports To', (e, c) => {
    const m = manager(e, c);
    return m ? `${m.firstName} ${m.lastName}` : null;
  }),
  derived('workPhone', 'workPhone', 'text', 'Work Phone', (e) => phone(e, 11)),
  derived('mobilePhone', 'mobilePhone', 'text', 'Mobile Phone', (e) => phone(e, 4242)),
  derived('workPhoneExtension', 'workPhoneExtension', 'text', 'Work Ext.', (e) =>
    String(1000 + (Number(e.id) % 9000)),
  ),
  plain('lastChanged', 'lastChanged', 'timestamp', 'Last Changed'),
  derived(null, 'lastChangedIso', 'timestamp', 'Last Changed (ISO)', (e) => e.lastChanged),
  // `bestEmail` is the work email, else the *home* email: sensitive by construction.
  {
    ...derived(
      'bestEmail',
      null,
      'email',
      'Email',
      (e) => e.workEmail || sensitiveValue('homeEmail', e.id),
    ),
    sensitive: true,
  },
  sensitive('ssn', 'ssn', 'SSN'),
  sensitive('sin', 'sin', 'SIN'),
  sensitive('nin', 'nin', 'NIN'),
  sensitive('nationalId', 'text', 'National ID'),
  sensitive('dateOfBirth', 'date', 'Birth Date'),
  sensitive('birthday', 'text', 'Birthday'),
  sensitive('age', 'int', 'Age'),
  sensitive('gender', 'gender', 'Gender'),
  sensitive('maritalStatus', 'marital_status', 'Marital Status'),
  sensitive('ethnicity', 'list', 'Ethnicity'),
  sensitive('eeo', 'list', 'EEO Job Category'),
  sensitive('address1', 'text', 'Address Line 1'),
  sensitive('address2', 'text', 'Address Line 2'),
  sensitive('city', 'text', 'City'),
  sensitive('state', 'state', 'State'),
  sensitive('zipcode', 'text', 'Zip Code'),
  sensitive('country', 'country', 'Country'),
  sensitive('homeEmail', 'email', 'Home Email'),
  sensitive('homePhone', 'text', 'Home Phone'),
  sensitive('payRate', 'currency', 'Pay rate'),
  sensitive('payType', 'pay_type', 'Pay type'),
  sensitive('payPer', 'list', 'Pay per'),
  sensitive('paidPer', 'list', 'Paid per'),
  sensitive('exempt', 'list', 'Overtime Status'),
  sensitive('compensationPayRate', 'currency', 'Compensation: Pay rate'),
  sensitive('bonusAmount', 'currency', 'Bonus: Amount'),
  sensitive('commissionAmount', 'currency', 'Commission: Amount'),
];

function displayName(e: Employee): string {
  return `${e.preferredName || e.firstName} ${e.lastName}`;
}

/** v1 field id → definition (custom report, directory). */
export const V1_FIELDS: ReadonlyMap<string, FieldDef> = new Map(
  FIELDS.flatMap((f) => (f.id === null ? [] : [[f.id, f] as const])),
);

/** Dataset v2 name → definition. */
export const V2_FIELDS: ReadonlyMap<string, FieldDef> = new Map(
  FIELDS.flatMap((f) => (f.v2 === null ? [] : [[f.v2, f] as const])),
);

/** Field ids (v1) a connector must never request; the emulator answers them with marked values. */
export const SENSITIVE_FIELD_IDS: readonly string[] = FIELDS.flatMap((f) =>
  f.sensitive && f.id !== null ? [f.id] : [],
);
