import { cleanText, type NormalizedEmployee } from '../../core/employee.ts';
import { hiBobEmployeeSchema, type HiBobEmployee } from './api.ts';
import { hiBobEmploymentStatus, isUnexplainedInactive } from './lifecycle.ts';
import { parseIsoDate, cleanEmail, joinName, rawRecordId } from '../values.ts';
import { mapVendorRecord } from '../mapping.ts';
import { isRehire } from '../lifecycle.ts';

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
  return mapVendorRecord(
    raw,
    {
      schema: hiBobEmployeeSchema,
      noun: 'employee',
      shape: 'people-search',
      rawId: (record) => rawRecordId(record),
      id: (person) => person.id,
    },
    (externalId, person) => toNormalizedEmployee(externalId, person, options.today),
  );
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
  return {
    id: cleanText(raw.id),
    name: cleanText(raw.displayName) ?? joinName(raw.firstName, raw.surname) ?? cleanText(display),
    email: cleanEmail(raw.email),
  };
}

function listValue(
  display: string | null | undefined,
  machine: string | null | undefined,
): string | null {
  return cleanText(display) ?? cleanText(machine);
}
