import { cleanText, type NormalizedEmployee } from '../../core/employee.ts';
import { gustoEmployeeSchema, type GustoEmployee } from './api.ts';
import { currentTerminationDate } from '../lifecycle.ts';
import { gustoEmploymentStatus } from './lifecycle.ts';
import { parseIsoDate, latestDate, cleanEmail, rawRecordId } from '../values.ts';
import { mapVendorRecord } from '../mapping.ts';

/** Per-record mapping failures; the record still counts as present (DESIGN "Plan"). */
export type GustoMapErrorCode = 'missing_id' | 'invalid_record';

export type GustoMapResult =
  | { ok: true; employee: NormalizedEmployee }
  | { ok: false; externalId: string | null; code: GustoMapErrorCode; message: string };

/** A company location as Rollcall shows it (Gusto locations are addresses without a name). */
export interface GustoLocation {
  name: string | null;
  country: string | null;
}

export interface GustoMapOptions {
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
  /** Department uuid → name, from `GET /departments`. */
  departments: ReadonlyMap<string, string>;
  /** Location uuid → name and country, from `GET /locations`. */
  locations: ReadonlyMap<string, GustoLocation>;
}

/** Lookups for mapping a single record on its own (tests, samples). */
export const NO_LOOKUPS: Omit<GustoMapOptions, 'today'> = {
  departments: new Map<string, string>(),
  locations: new Map<string, GustoLocation>(),
};

/**
 * Maps one element of Gusto's employee list to a NormalizedEmployee. Pure, total and
 * deterministic: any input gives a result, unknown is `null`, and nothing depends on the clock
 * but `options.today`. Only a record without a usable `uuid` (or not an object of the documented
 * shape) is a record error; a bad date or email is unknown. Only allowlisted paths are read
 * (`GUSTO_REQUESTED_FIELDS`): the schema strips everything else, sensitive fields included.
 */
export function mapGustoEmployee(raw: unknown, options: GustoMapOptions): GustoMapResult {
  if (parseIsoDate(options.today) === null) {
    throw new Error(`mapGustoEmployee: today must be YYYY-MM-DD, got ${String(options.today)}`);
  }
  // Without a uuid nothing else about the record matters: it is `missing_id` even when malformed.
  const rawUuid = (record: unknown): string | null =>
    rawRecordId(record, 'uuid', { numbers: false });
  if (rawUuid(raw) === null) {
    return { ok: false, externalId: null, code: 'missing_id', message: 'the employee has no uuid' };
  }
  return mapVendorRecord(
    raw,
    {
      schema: gustoEmployeeSchema,
      noun: 'employee',
      shape: 'documented',
      idLabel: 'uuid',
      rawId: rawUuid,
      id: (person) => person.uuid,
    },
    (externalId, person) => ({ employee: toNormalized(externalId, person, options) }),
  );
}

function toNormalized(
  externalId: string,
  person: GustoEmployee,
  options: GustoMapOptions,
): NormalizedEmployee {
  const job = primaryJob(person.jobs);
  const startDate = parseIsoDate(job?.hire_date) ?? parseIsoDate(person.hired_at);
  const latestTermination = latestDate(
    person.terminations?.map((t) => parseIsoDate(t.effective_date)) ?? [],
  );
  const departmentId = cleanText(person.department_uuid);
  const locationId = cleanText(job?.location_uuid);
  const location = locationId === null ? undefined : options.locations.get(locationId);
  return {
    externalId,
    employeeNumber: cleanText(person.employee_code),
    firstName: cleanText(person.first_name),
    lastName: cleanText(person.last_name),
    // Only the work email: `email` is the personal one, which Rollcall never reads (NOTES §5).
    workEmail: cleanEmail(person.work_email),
    // The departments endpoint is the source of names; the employee's copy covers a miss.
    department:
      cleanText(departmentId === null ? null : options.departments.get(departmentId)) ??
      cleanText(person.department),
    departmentId,
    departmentType: null,
    jobTitle: cleanText(job?.title),
    employeeType: cleanText(person.current_employment_status),
    location: cleanText(location?.name),
    locationId,
    country: cleanText(location?.country),
    managerExternalId: cleanText(person.manager_uuid),
    // Gusto gives the manager's uuid only; the engine resolves it against the snapshot.
    managerName: null,
    managerEmail: null,
    employmentStatus: gustoEmploymentStatus({
      terminatedFlag: person.terminated === true,
      terminationDate: latestTermination,
      startDate,
      today: options.today,
    }),
    startDate,
    terminationDate: currentTerminationDate(startDate, latestTermination),
  };
}

type Job = NonNullable<GustoEmployee['jobs']>[number];

/** The job marked `primary`, else the first one (older records may not mark any). */
function primaryJob(jobs: GustoEmployee['jobs']): Job | undefined {
  if (!jobs || jobs.length === 0) return undefined;
  return jobs.find((job) => job.primary === true) ?? jobs[0];
}

/** A location's display name: "City, ST" (Gusto locations have no name of their own). */
export function locationName(city: string | null | undefined, state: string | null | undefined) {
  const parts = [cleanText(city), cleanText(state)].filter((part) => part !== null);
  return parts.length === 0 ? null : parts.join(', ');
}

/** Gusto sends three-letter `USA`; Rollcall shows country names like the other connectors. */
export function countryName(value: string | null | undefined): string | null {
  const code = cleanText(value);
  if (code === null) return null;
  return ['USA', 'US'].includes(code.toUpperCase()) ? 'United States' : code;
}
