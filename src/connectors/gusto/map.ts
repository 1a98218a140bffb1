import {
  cleanText,
  normalizedEmployeeSchema,
  type NormalizedEmployee,
} from '../../core/employee.ts';
import { gustoEmployeeSchema, type GustoEmployee } from './api.ts';
import { currentTerminationDate } from '../lifecycle.ts';
import { gustoEmploymentStatus } from './lifecycle.ts';
import { parseIsoDate, latestDate, cleanEmail, rawRecordId, describeIssues } from '../values.ts';

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
  const parsed = gustoEmployeeSchema.safeParse(raw);
  if (!parsed.success) {
    const externalId = rawRecordId(raw, 'uuid', { numbers: false });
    return {
      ok: false,
      externalId,
      code: externalId === null ? 'missing_id' : 'invalid_record',
      // Field paths only: a zod message could quote a value, and values may be personal data.
      message:
        externalId === null
          ? 'the employee has no uuid'
          : `the employee does not have the documented shape (${describeIssues(parsed.error.issues, '(employee)')})`,
    };
  }
  const person = parsed.data;
  const externalId = cleanText(person.uuid);
  if (externalId === null) {
    return { ok: false, externalId: null, code: 'missing_id', message: 'the employee has no uuid' };
  }
  const checked = normalizedEmployeeSchema.safeParse(toNormalized(externalId, person, options));
  if (!checked.success) {
    return {
      ok: false,
      externalId,
      code: 'invalid_record',
      message: `the mapped record is not valid (${describeIssues(checked.error.issues, '(employee)')})`,
    };
  }
  return { ok: true, employee: checked.data };
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
