import {
  cleanText,
  isPlausibleEmail,
  normalizeEmail,
  normalizedEmployeeSchema,
  type NormalizedEmployee,
} from '../../core/employee.ts';
import { deelPersonSchema, type DeelPerson } from './api.ts';
import { deelEmploymentStatus, isRehire } from './lifecycle.ts';

/** Per-record mapping failures; the record still counts as present (DESIGN "Plan"). */
export type DeelMapErrorCode = 'missing_id' | 'invalid_record';

export type DeelMapResult =
  | { ok: true; employee: NormalizedEmployee }
  | { ok: false; externalId: string | null; code: DeelMapErrorCode; message: string };

export interface DeelMapOptions {
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
}

/**
 * Maps one `/people` element to a NormalizedEmployee. Pure, total and deterministic: any input
 * gives a result, unknown is `null`, nothing depends on the clock but `options.today`. Only an
 * element without an `id` (or not an object) is a record error.
 */
export function mapDeelPerson(raw: unknown, options: DeelMapOptions): DeelMapResult {
  if (parseDate(options.today) !== options.today) {
    throw new Error(`mapDeelPerson: today must be YYYY-MM-DD, got ${String(options.today)}`);
  }
  const parsed = deelPersonSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      externalId: idOf(raw),
      code: 'invalid_record',
      // Field paths only: a zod message could quote a value, and values may be personal data.
      message: `the person does not have the documented shape (${describeIssues(parsed.error.issues)})`,
    };
  }
  const person = parsed.data;
  const externalId = cleanText(person.id);
  if (externalId === null) {
    return { ok: false, externalId: null, code: 'missing_id', message: 'the person has no id' };
  }
  const checked = normalizedEmployeeSchema.safeParse(
    toNormalizedEmployee(externalId, person, options.today),
  );
  if (!checked.success) {
    return {
      ok: false,
      externalId,
      code: 'invalid_record',
      message: `the mapped record is not valid (${describeIssues(checked.error.issues)})`,
    };
  }
  return { ok: true, employee: checked.data };
}

function toNormalizedEmployee(
  externalId: string,
  person: DeelPerson,
  today: string,
): NormalizedEmployee {
  const employments = person.employments ?? [];
  const startDate = parseDate(person.start_date);
  const allContractsEnded = employments.length > 0 && employments.every((e) => e.is_ended === true);
  // Contractors carry their last day on the contract only (NOTES §6): it counts when no contract
  // is left open-ended, so a rehire's new contract makes the old last day history.
  const contractDays = employments.map((e) => parseDate(e.termination_last_day));
  const noOpenContract =
    employments.length > 0 &&
    employments.every((e, i) => e.is_ended === true || contractDays[i] !== null);
  const terminationDate =
    parseDate(person.direct_employee_termination_last_day) ??
    (noOpenContract ? latest(contractDays) : null);
  const manager = person.direct_manager;
  const managerName = [cleanText(manager?.first_name), cleanText(manager?.last_name)]
    .filter((part) => part !== null)
    .join(' ');
  return {
    externalId,
    employeeNumber: cleanText(person.external_id),
    firstName: cleanText(person.first_name),
    lastName: cleanText(person.last_name),
    // The work address only; a contract's work email when the person has none.
    workEmail:
      cleanEmail(person.emails) ??
      employments.map((e) => cleanEmail(e.work_email)).find((e) => e !== null) ??
      null,
    department: cleanText(person.department?.name),
    departmentId: cleanText(person.department?.id),
    departmentType: null,
    jobTitle: cleanText(person.job_title),
    employeeType: cleanText(person.hiring_type),
    location: cleanText(person.work_location),
    locationId: null,
    country: cleanText(person.country),
    managerExternalId: cleanText(manager?.id),
    managerName: cleanText(managerName),
    managerEmail: cleanEmail(manager?.work_email),
    employmentStatus: deelEmploymentStatus({
      hiringStatus: cleanText(person.hiring_status),
      startDate,
      terminationDate,
      allContractsEnded,
      today,
    }),
    startDate,
    // After a rehire the old last day is history, not a date of the current employment.
    terminationDate: isRehire(startDate, terminationDate) ? null : terminationDate,
  };
}

/**
 * A real calendar date, from `YYYY-MM-DD` or the date part of an ISO timestamp (Deel sends last
 * days both ways, NOTES §5 example); anything else is unknown.
 */
export function parseDate(value: string | null | undefined): string | null {
  const text = cleanText(value);
  if (text === null) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return text.slice(0, 10);
}

function latest(dates: readonly (string | null)[]): string | null {
  return dates.reduce<string | null>(
    (max, d) => (d !== null && (max === null || d > max) ? d : max),
    null,
  );
}

/** Trimmed, lower-cased; something that is not an email at all is unknown. */
function cleanEmail(value: string | null | undefined): string | null {
  const email = normalizeEmail(value);
  return email !== null && isPlausibleEmail(email) ? email : null;
}

function idOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const value = (raw as { id?: unknown }).id;
  return typeof value === 'string' ? cleanText(value) : null;
}

function describeIssues(issues: readonly { path: PropertyKey[]; code: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(person)'}: ${issue.code}`)
    .join('; ');
}
