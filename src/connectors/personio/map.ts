import { cleanText, type NormalizedEmployee } from '../../core/employee.ts';
import {
  personioEmployeeSchema,
  type PersonioEmployee,
  type PersonioNamedObject,
  type PersonioSupervisor,
} from './api.ts';
import { currentTerminationDate } from '../lifecycle.ts';
import { personioDate, personioEmploymentStatus } from './lifecycle.ts';
import { cleanEmail, idText } from '../values.ts';
import { mapVendorRecord } from '../mapping.ts';

/** Per-record mapping failures; the record still counts as present (DESIGN "Plan"). */
export type PersonioMapErrorCode = 'missing_id' | 'invalid_record';

export type PersonioMapResult =
  | {
      ok: true;
      employee: NormalizedEmployee;
      /** The record has no `status` attribute at all: the credential cannot read it. */
      statusHidden: boolean;
    }
  | { ok: false; externalId: string | null; code: PersonioMapErrorCode; message: string };

export interface PersonioMapOptions {
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
}

/**
 * Maps one element of the v1 employee list to a NormalizedEmployee. Pure, total and
 * deterministic: any input gives a result, unknown is `null`, and nothing depends on the clock
 * but `options.today`. Only an element without a usable `id` (or not the documented
 * `{type, attributes: {<key>: {value}}}` shape at all) is a record error. Attributes the API
 * credential may not read are simply absent from Personio's answer, so they map to `null`.
 */
export function mapPersonioEmployee(raw: unknown, options: PersonioMapOptions): PersonioMapResult {
  if (personioDate(options.today) !== options.today) {
    throw new Error(`mapPersonioEmployee: today must be YYYY-MM-DD, got ${String(options.today)}`);
  }
  return mapVendorRecord(
    raw,
    {
      schema: personioEmployeeSchema,
      noun: 'employee',
      shape: 'v1 employee',
      rawId: (record) =>
        idText(
          (record as { attributes?: { id?: { value?: unknown } } } | null)?.attributes?.id?.value,
        ),
      id: (employee) => employee.attributes.id?.value,
    },
    (externalId, employee) => ({
      employee: toNormalizedEmployee(externalId, employee, options.today),
      statusHidden: employee.attributes.status === undefined,
    }),
  );
}

function toNormalizedEmployee(
  externalId: string,
  { attributes: a }: PersonioEmployee,
  today: string,
): NormalizedEmployee {
  const startDate = personioDate(a.hire_date?.value);
  const terminationDate = personioDate(a.termination_date?.value);
  const department = namedObject(a.department?.value);
  const office = namedObject(a.office?.value);
  const manager = supervisorOf(a.supervisor?.value);
  return {
    externalId,
    // Personio's only employee number is its `id`; a personnel number would be a custom
    // (`dynamic_*`) attribute, and those are never requested.
    employeeNumber: null,
    firstName: cleanText(a.first_name?.value),
    lastName: cleanText(a.last_name?.value),
    workEmail: cleanEmail(a.email?.value),
    department: department.name,
    departmentId: department.id,
    departmentType: null,
    jobTitle: cleanText(a.position?.value),
    employeeType: cleanText(a.employment_type?.value),
    location: office.name,
    locationId: office.id,
    // An office has no country (NOTES §5); the holiday calendar's is a guess, not a location.
    country: null,
    managerExternalId: manager.id,
    managerName: manager.name,
    managerEmail: manager.email,
    employmentStatus: personioEmploymentStatus({
      status: cleanText(a.status?.value),
      startDate,
      terminationDate,
      today,
    }),
    startDate,
    terminationDate: currentTerminationDate(startDate, terminationDate),
  };
}

function namedObject(value: NonNullable<PersonioNamedObject>['value']): {
  id: string | null;
  name: string | null;
} {
  if (value === null || value === undefined || value === '') return { id: null, name: null };
  return { id: cleanText(value.attributes?.id), name: cleanText(value.attributes?.name) };
}

interface Manager {
  id: string | null;
  name: string | null;
  email: string | null;
}

/** The supervisor's id (NOTES §5), plus name and email when Personio nests them. */
function supervisorOf(value: PersonioSupervisor): Manager {
  if (value === null || value === undefined || value === '' || !value.attributes) {
    return { id: null, name: null, email: null };
  }
  const { id, first_name, last_name, email } = value.attributes;
  const rawId = typeof id === 'object' && id !== null ? id.value : id;
  const name = [cleanText(first_name?.value), cleanText(last_name?.value)]
    .filter((part) => part !== null)
    .join(' ');
  return { id: cleanText(rawId), name: cleanText(name), email: cleanEmail(email?.value) };
}
