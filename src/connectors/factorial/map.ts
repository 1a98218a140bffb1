import { cleanText, type NormalizedEmployee } from '../../core/employee.ts';
import { factorialEmployeeSchema, type FactorialEmployee } from './api.ts';
import { factorialEmploymentStatus } from './lifecycle.ts';
import type { FactorialLookups } from './lookups.ts';
import { parseIsoDate, cleanEmail, rawRecordId } from '../values.ts';
import { mapVendorRecord } from '../mapping.ts';
import { isRehire } from '../lifecycle.ts';

/** Per-record mapping failures; the record still counts as present (DESIGN "Plan"). */
export type FactorialMapErrorCode = 'missing_id' | 'invalid_record';

export type FactorialMapResult =
  | { ok: true; employee: NormalizedEmployee }
  | { ok: false; externalId: string | null; code: FactorialMapErrorCode; message: string };

export interface FactorialMapOptions {
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
  /** Teams, locations and contract versions of the same sync. */
  lookups: FactorialLookups;
}

/**
 * Maps one `/employees/employees` element (joined with its team, location and current contract
 * version) to a NormalizedEmployee. Pure, total and deterministic: any input gives a result, and
 * unknown is `null`. Only the allowlisted keys are read (the schema strips the rest, sensitive
 * ones included). With OAuth, fields the user may not see come back `null` and stay unknown.
 */
export function mapFactorialEmployee(
  raw: unknown,
  options: FactorialMapOptions,
): FactorialMapResult {
  if (parseIsoDate(options.today) === null) {
    throw new Error(`mapFactorialEmployee: today must be YYYY-MM-DD, got ${String(options.today)}`);
  }
  return mapVendorRecord(
    raw,
    {
      schema: factorialEmployeeSchema,
      noun: 'employee',
      shape: 'documented',
      rawId: (record) => rawRecordId(record),
      id: (employee) => employee.id,
    },
    (externalId, employee) => ({
      employee: toNormalizedEmployee(externalId, employee, options),
    }),
  );
}

function toNormalizedEmployee(
  externalId: string,
  person: FactorialEmployee,
  { today, lookups }: FactorialMapOptions,
): NormalizedEmployee {
  const team = lookups.teamOf(externalId);
  const locationId = cleanText(person.location_id);
  const location = locationId === null ? null : lookups.location(locationId);
  const contract = lookups.contract(externalId);
  // The current contract's hire date first: after a rehire the seniority date may keep the
  // first hire (recognised seniority), which is not the start of the current employment.
  const startDate = contract?.startsOn ?? parseIsoDate(person.seniority_calculation_date);
  const terminationDate = parseIsoDate(person.terminated_on);
  return {
    externalId,
    employeeNumber: cleanText(person.company_identifier),
    firstName: cleanText(person.first_name),
    lastName: cleanText(person.last_name),
    workEmail: cleanEmail(person.login_email),
    department: team?.name ?? null,
    departmentId: team?.id ?? null,
    departmentType: null,
    jobTitle: contract?.jobTitle ?? null,
    employeeType: null,
    location: location?.name ?? null,
    locationId,
    country: location?.country ?? null,
    managerExternalId: cleanText(person.manager_id),
    managerName: null,
    managerEmail: null,
    employmentStatus: factorialEmploymentStatus({
      active: person.active ?? null,
      startDate,
      terminationDate,
      today,
    }),
    startDate,
    // After a rehire the old termination is history, not a date of the current employment.
    terminationDate: isRehire(startDate, terminationDate) ? null : terminationDate,
  };
}
