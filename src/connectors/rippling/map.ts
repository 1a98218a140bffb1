import { cleanText, type NormalizedEmployee } from '../../core/employee.ts';
import { ripplingEmployeeSchema, type RipplingEmployee } from './api.ts';
import { EMPTY_DIRECTORY, addressKey, type RipplingDirectory } from './directory.ts';
import { ripplingEmploymentStatus } from './lifecycle.ts';
import { parseIsoDate, cleanEmail, rawRecordId } from '../values.ts';
import { mapVendorRecord } from '../mapping.ts';
import { isRehire } from '../lifecycle.ts';

/** Per-record mapping failures; the record still counts as present (DESIGN "Plan"). */
export type RipplingMapErrorCode = 'missing_id' | 'invalid_record';

export type RipplingMapResult =
  | { ok: true; employee: NormalizedEmployee }
  | { ok: false; externalId: string | null; code: RipplingMapErrorCode; message: string };

export interface RipplingMapOptions {
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
  /** Departments and work locations to join by id (empty: names from the record only). */
  directory?: RipplingDirectory;
}

/**
 * `employmentType` enum → label, for records whose key cannot see `companyEmploymentType`; the
 * labels follow the one Rippling shows (`Salaried, full-time`).
 */
const EMPLOYMENT_TYPE_LABELS: Readonly<Record<string, string>> = {
  CONTRACTOR: 'Contractor',
  SALARIED_FT: 'Salaried, full-time',
  SALARIED_PT: 'Salaried, part-time',
  HOURLY_FT: 'Hourly, full-time',
  HOURLY_PT: 'Hourly, part-time',
  TEMP: 'Temporary',
};

/**
 * Maps one `/employees/include_terminated` element to a NormalizedEmployee. Pure, total and
 * deterministic: any input gives a result, unknown is `null`, nothing depends on the clock but
 * `options.today`. Only an element without an `id` (or not an object) is a record error.
 * Fields outside the key's scopes are absent from Rippling's answer and map to `null`.
 */
export function mapRipplingEmployee(raw: unknown, options: RipplingMapOptions): RipplingMapResult {
  if (parseIsoDate(options.today) === null) {
    throw new Error(`mapRipplingEmployee: today must be YYYY-MM-DD, got ${String(options.today)}`);
  }
  return mapVendorRecord(
    raw,
    {
      schema: ripplingEmployeeSchema,
      noun: 'employee',
      shape: 'documented',
      rawId: (record) => rawRecordId(record, 'id', { numbers: false }),
      id: (person) => person.id,
    },
    (externalId, person) => ({
      employee: toNormalizedEmployee(
        externalId,
        person,
        options.today,
        options.directory ?? EMPTY_DIRECTORY,
      ),
    }),
  );
}

function toNormalizedEmployee(
  externalId: string,
  person: RipplingEmployee,
  today: string,
  directory: RipplingDirectory,
): NormalizedEmployee {
  const startDate = parseIsoDate(person.startDate);
  const endDate = parseIsoDate(person.endDate);
  const department = departmentOf(person, directory);
  const location = locationOf(person, directory);
  const employmentType = cleanText(person.employmentType);
  return {
    externalId,
    employeeNumber: cleanText(person.employeeNumber),
    firstName: cleanText(person.firstName),
    lastName: cleanText(person.lastName),
    workEmail: cleanEmail(person.workEmail),
    department: department.name,
    departmentId: department.id,
    departmentType: null,
    jobTitle: cleanText(person.title),
    employeeType:
      cleanText(person.companyEmploymentType?.label) ??
      (employmentType === null
        ? null
        : (EMPLOYMENT_TYPE_LABELS[employmentType.toUpperCase()] ?? employmentType)),
    location: location.name,
    locationId: location.id,
    // The work address's country; the home `address` is never read.
    country: cleanText(person.workLocation?.country) ?? location.country,
    // V1 sends the manager's id only; the engine resolves it against the snapshot.
    managerExternalId: cleanText(person.manager),
    managerName: null,
    managerEmail: null,
    employmentStatus: ripplingEmploymentStatus({
      roleState: cleanText(person.roleState),
      startDate,
      endDate,
      today,
    }),
    startDate,
    // After a rehire the old end date is history, not a date of the current employment.
    terminationDate: isRehire(startDate, endDate) ? null : endDate,
  };
}

/** By `departmentId`; else the record's name, with the id when exactly one department has it. */
function departmentOf(
  person: RipplingEmployee,
  directory: RipplingDirectory,
): { id: string | null; name: string | null } {
  const ownName = cleanText(person.department);
  const id = cleanText(person.departmentId);
  if (id !== null) return { id, name: directory.departments.get(id) ?? ownName };
  if (ownName === null) return { id: null, name: null };
  return { id: directory.departmentIdByName.get(ownName.toLowerCase()) ?? null, name: ownName };
}

/** By `workLocationId`; else the work location whose address is exactly the record's. */
function locationOf(
  person: RipplingEmployee,
  directory: RipplingDirectory,
): { id: string | null; name: string | null; country: string | null } {
  const key = addressKey(person.workLocation);
  const id =
    cleanText(person.workLocationId) ??
    (key === null ? null : (directory.locationIdByAddress.get(key) ?? null));
  if (id === null) return { id: null, name: null, country: null };
  const found = directory.locations.get(id);
  return { id, name: found?.name ?? null, country: found?.country ?? null };
}
