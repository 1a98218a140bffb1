import { cleanText, type EmploymentStatus, type NormalizedEmployee } from '../../core/employee.ts';
import { bambooHrReportRowSchema, type BambooHrReportRow } from './api.ts';
import { parseIsoDate, cleanEmail, rawRecordId } from '../values.ts';
import { mapVendorRecord } from '../mapping.ts';
import { isRehire, startsAfter, statusFromDates } from '../lifecycle.ts';

/** Per-record mapping failures; the record still counts as present (DESIGN "Plan"). */
export type BambooHrMapErrorCode = 'missing_id' | 'invalid_record';

export type BambooHrMapResult =
  | { ok: true; employee: NormalizedEmployee }
  | { ok: false; externalId: string | null; code: BambooHrMapErrorCode; message: string };

export interface BambooHrMapOptions {
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
}

/**
 * Maps one custom-report row to a NormalizedEmployee. Pure, total and deterministic: any input
 * gives a result, unknown is `null`, and nothing depends on the clock but `options.today`.
 * Only a row without a usable `id` (or not even an object of strings) is a record error; a bad
 * date or email is unknown (`null`), because dropping the whole person would hide them from the
 * plan while keeping their other fields is harmless.
 */
export function mapBambooHrEmployee(raw: unknown, options: BambooHrMapOptions): BambooHrMapResult {
  if (parseIsoDate(options.today) === null) {
    throw new Error(`mapBambooHrEmployee: today must be YYYY-MM-DD, got ${String(options.today)}`);
  }
  return mapVendorRecord(
    raw,
    {
      schema: bambooHrReportRowSchema,
      noun: 'row',
      shape: 'custom-report',
      idLabel: 'id (EEID)',
      rawId: (record) => rawRecordId(record),
      id: (row) => row.id,
    },
    (externalId, row) => ({ employee: toNormalizedEmployee(externalId, row, options.today) }),
  );
}

function toNormalizedEmployee(
  externalId: string,
  row: BambooHrReportRow,
  today: string,
): NormalizedEmployee {
  const hireDate = parseIsoDate(row.hireDate);
  const terminationDate = parseIsoDate(row.terminationDate);
  const rehired = isRehire(hireDate, terminationDate);
  const employmentHistoryStatus = cleanText(row.employmentHistoryStatus);
  return {
    externalId,
    employeeNumber: cleanText(row.employeeNumber),
    // The name the person goes by ("Preferred name"), else the first name on file.
    firstName: cleanText(row.preferredName) ?? cleanText(row.firstName),
    lastName: cleanText(row.lastName),
    workEmail: cleanEmail(row.workEmail),
    department: cleanText(row.department),
    departmentId: null,
    departmentType: null,
    jobTitle: cleanText(row.jobTitle),
    employeeType: isTerminatedLabel(employmentHistoryStatus) ? null : employmentHistoryStatus,
    location: cleanText(row.location),
    // BambooHR's `location` is a name only; ids come from a separate list we do not read.
    locationId: null,
    // BambooHR's `country` is the home-address country: never requested (docs page says why).
    country: null,
    managerExternalId: cleanText(row.supervisorEId),
    managerName: displayName(cleanText(row.supervisor)),
    managerEmail: cleanEmail(row.supervisorEmail),
    employmentStatus: employmentStatus({
      status: cleanText(row.status),
      employmentHistoryStatus,
      hireDate,
      terminationDate,
      today,
    }),
    startDate: hireDate,
    // After a rehire the old termination is history, not a date of the current employment.
    terminationDate: rehired ? null : terminationDate,
  };
}

export interface LifecycleFacts {
  /** `Active` / `Inactive` (account status), or null. */
  status: string | null;
  employmentHistoryStatus: string | null;
  hireDate: string | null;
  terminationDate: string | null;
  today: string;
}

/**
 * BambooHR lifecycle (DESIGN "Lifecycle rules"), dates before labels:
 * 1. A hire date after the termination date is a rehire: that termination is history.
 * 2. Otherwise a known termination date decides: ≤ today → terminated; in the future → not yet
 *    (the report runs with `onlyCurrent=false`, so a scheduled "Terminated" label can show early).
 * 3. Without a termination date, the label "Terminated" → terminated.
 * 4. A hire date in the future → pending (BambooHR marks future hires "Inactive" too).
 * 5. "Inactive" without any of the above → terminated: BambooHR keeps people on leave "Active"
 *    (leave is an employment status such as "Furloughed"), so Inactive means they left.
 * 6. Otherwise active.
 */
export function employmentStatus(facts: LifecycleFacts): EmploymentStatus {
  const { hireDate, terminationDate, today } = facts;
  const decided = statusFromDates({ startDate: hireDate, terminationDate, today });
  if (decided !== null) return decided;
  const hiredLater = startsAfter(hireDate, today);
  if (terminationDate === null && isTerminatedLabel(facts.employmentHistoryStatus)) {
    return 'terminated';
  }
  if (hiredLater) return 'pending';
  if (facts.status !== null && facts.status.toLowerCase() === 'inactive') return 'terminated';
  return 'active';
}

function isTerminatedLabel(value: string | null): boolean {
  return value !== null && value.toLowerCase() === 'terminated';
}

/**
 * Reports write the manager "Last, First"; the directory writes "First Last". The last comma
 * splits, so "Smith, Jr., John" reads "John Smith, Jr.".
 */
export function displayName(value: string | null): string | null {
  if (value === null) return null;
  const comma = value.lastIndexOf(',');
  if (comma === -1) return value;
  const last = value.slice(0, comma).trim();
  const first = value.slice(comma + 1).trim();
  return cleanText([first, last].filter((part) => part !== '').join(' '));
}
