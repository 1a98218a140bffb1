import {
  cleanText,
  isPlausibleEmail,
  normalizeEmail,
  normalizedEmployeeSchema,
  type NormalizedEmployee,
} from '../../core/employee.ts';
import { hiBobEmployeeSchema, type HiBobEmployee } from './api.ts';
import { hiBobEmploymentStatus, isRehire, isUnexplainedInactive } from './lifecycle.ts';

/** Per-record mapping failures; the record still counts as present (DESIGN "Plan"). */
export type HiBobMapErrorCode = 'missing_id' | 'invalid_record';

export type HiBobMapResult =
  | {
      ok: true;
      employee: NormalizedEmployee;
      /** Inactive without lifecycle evidence: kept active, counted for a diagnostic. */
      unexplainedInactive: boolean;
    }
  | { ok: false; externalId: string | null; code: HiBobMapErrorCode; message: string };

export interface HiBobMapOptions {
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
}

/**
 * Maps one people-search element to a NormalizedEmployee. Pure, total and deterministic: any
 * input gives a result, unknown is `null`, and nothing depends on the clock but `options.today`.
 * Only an element without a usable `id` (or not the documented shape at all) is a record error;
 * a bad date or email is unknown (`null`). Fields the service user cannot see are simply absent
 * from HiBob's answer, so they map to `null` too.
 */
export function mapHiBobEmployee(raw: unknown, options: HiBobMapOptions): HiBobMapResult {
  if (parseIsoDate(options.today) === null) {
    throw new Error(`mapHiBobEmployee: today must be YYYY-MM-DD, got ${String(options.today)}`);
  }
  const parsed = hiBobEmployeeSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      externalId: idOf(raw),
      code: 'invalid_record',
      // Field paths only: a zod message could quote a value, and values may be personal data.
      message: `the employee does not have the people-search shape (${describeIssues(parsed.error.issues)})`,
    };
  }
  const person = parsed.data;
  const externalId = cleanText(person.id);
  if (externalId === null) {
    return { ok: false, externalId: null, code: 'missing_id', message: 'the employee has no id' };
  }
  const { employee, unexplainedInactive } = toNormalizedEmployee(externalId, person, options.today);
  const checked = normalizedEmployeeSchema.safeParse(employee);
  if (!checked.success) {
    return {
      ok: false,
      externalId,
      code: 'invalid_record',
      message: `the mapped record is not valid (${describeIssues(checked.error.issues)})`,
    };
  }
  return { ok: true, employee: checked.data, unexplainedInactive };
}

function toNormalizedEmployee(
  externalId: string,
  person: HiBobEmployee,
  today: string,
): { employee: NormalizedEmployee; unexplainedInactive: boolean } {
  const { work, internal, humanReadable: human } = person;
  const startDate = parseIsoDate(work?.startDate);
  const terminationDate = parseIsoDate(internal?.terminationDate);
  const facts = {
    status: cleanText(internal?.status),
    // The machine value first; the display string ("Employed") only when it is all we have.
    lifecycleStatus:
      cleanText(internal?.lifecycleStatus) ?? cleanText(human?.internal?.lifecycleStatus),
    startDate,
    terminationDate,
    today,
  };
  const manager = managerOf(work?.reportsTo, human?.work?.reportsTo);
  const employee: NormalizedEmployee = {
    externalId,
    employeeNumber: cleanText(work?.employeeIdInCompany),
    firstName: cleanText(person.firstName),
    lastName: cleanText(person.surname),
    workEmail: cleanEmail(person.email),
    // List fields may come back as list item ids: the humanReadable display name wins.
    department: listValue(human?.work?.department, work?.department),
    departmentId: null,
    departmentType: null,
    jobTitle: listValue(human?.work?.title, work?.title),
    employeeType: listValue(human?.payroll?.employment?.type, person.payroll?.employment?.type),
    location: listValue(human?.work?.site, work?.site),
    // The site's list item id; its display form (the site name) is never an id.
    locationId: cleanText(work?.siteId),
    country: listValue(human?.address?.siteCountry, person.address?.siteCountry),
    managerExternalId: manager.id,
    managerName: manager.name,
    managerEmail: manager.email,
    employmentStatus: hiBobEmploymentStatus(facts),
    startDate,
    // After a rehire the old termination is history, not a date of the current employment.
    terminationDate: isRehire(startDate, terminationDate) ? null : terminationDate,
  };
  return { employee, unexplainedInactive: isUnexplainedInactive(facts) };
}

type RawReportsTo = NonNullable<HiBobEmployee['work']>['reportsTo'];

interface Manager {
  id: string | null;
  name: string | null;
  email: string | null;
}

/** `work.reportsTo` → id, "First Last" (or HiBob's display name) and email. */
function managerOf(raw: RawReportsTo, display: string | null | undefined): Manager {
  if (raw === null || raw === undefined || typeof raw === 'string') {
    return { id: null, name: cleanText(typeof raw === 'string' ? raw : display), email: null };
  }
  const fullName = [cleanText(raw.firstName), cleanText(raw.surname)]
    .filter((part) => part !== null)
    .join(' ');
  return {
    id: cleanText(raw.id),
    name: cleanText(raw.displayName) ?? cleanText(fullName) ?? cleanText(display),
    email: cleanEmail(raw.email),
  };
}

function listValue(
  display: string | null | undefined,
  machine: string | null | undefined,
): string | null {
  return cleanText(display) ?? cleanText(machine);
}

/** A real calendar date in `YYYY-MM-DD`, else null (display dates like `05/09/2022` included). */
export function parseIsoDate(value: string | null | undefined): string | null {
  const text = cleanText(value);
  if (text === null) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth ? text : null;
}

/** Trimmed, lower-cased; something that is not an email at all is unknown. */
function cleanEmail(value: string | null | undefined): string | null {
  const email = normalizeEmail(value);
  return email !== null && isPlausibleEmail(email) ? email : null;
}

function idOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as { id?: unknown }).id;
  if (typeof id === 'number') return Number.isSafeInteger(id) ? String(id) : null;
  return typeof id === 'string' ? cleanText(id) : null;
}

function describeIssues(issues: readonly { path: PropertyKey[]; code: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(employee)'}: ${issue.code}`)
    .join('; ');
}
