import { cleanText, type NormalizedEmployee } from '../../core/employee.ts';
import { deelPersonSchema, type DeelPerson } from './api.ts';
import { deelEmploymentStatus } from './lifecycle.ts';
import {
  parseIsoDateOrDateTime,
  latestDate,
  cleanEmail,
  joinName,
  rawRecordId,
} from '../values.ts';
import { mapVendorRecord } from '../mapping.ts';
import { isRehire } from '../lifecycle.ts';

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
  if (parseIsoDateOrDateTime(options.today) !== options.today) {
    throw new Error(`mapDeelPerson: today must be YYYY-MM-DD, got ${String(options.today)}`);
  }
  return mapVendorRecord(
    raw,
    {
      schema: deelPersonSchema,
      noun: 'person',
      shape: 'documented',
      rawId: (record) => rawRecordId(record, 'id', { numbers: false }),
      id: (person) => person.id,
    },
    (externalId, person) => ({
      employee: toNormalizedEmployee(externalId, person, options.today),
    }),
  );
}

function toNormalizedEmployee(
  externalId: string,
  person: DeelPerson,
  today: string,
): NormalizedEmployee {
  const employments = person.employments ?? [];
  const startDate = parseIsoDateOrDateTime(person.start_date);
  const allContractsEnded = employments.length > 0 && employments.every((e) => e.is_ended === true);
  // Contractors carry their last day on the contract only (NOTES §6): it counts when no contract
  // is left open-ended, so a rehire's new contract makes the old last day history.
  const contractDays = employments.map((e) => parseIsoDateOrDateTime(e.termination_last_day));
  const noOpenContract =
    employments.length > 0 &&
    employments.every((e, i) => e.is_ended === true || contractDays[i] !== null);
  const terminationDate =
    parseIsoDateOrDateTime(person.direct_employee_termination_last_day) ??
    (noOpenContract ? latestDate(contractDays) : null);
  const manager = person.direct_manager;
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
    managerName: joinName(manager?.first_name, manager?.last_name),
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
