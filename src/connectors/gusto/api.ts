import { z } from 'zod';

/**
 * Raw shapes of the Gusto endpoints the connector reads, as sent.
 * Source: shared/providers/gusto/NOTES.md §3 (endpoints), §4 (paging), §5 (field paths).
 */

/** The API version Rollcall is written against (sent as `X-Gusto-API-Version`, NOTES §2). */
export const GUSTO_API_VERSION = '2025-06-15';
export const GUSTO_API_VERSION_HEADER = 'X-Gusto-API-Version';

/** Employees per page: Gusto's default is 25; 100 is the assumed maximum (NOTES §4). */
export const GUSTO_PAGE_SIZE = 100;

const companyPath = (companyUuid: string) => `/v1/companies/${encodeURIComponent(companyUuid)}`;

export const gustoPaths = {
  employees: (companyUuid: string) => `${companyPath(companyUuid)}/employees`,
  departments: (companyUuid: string) => `${companyPath(companyUuid)}/departments`,
  locations: (companyUuid: string) => `${companyPath(companyUuid)}/locations`,
} as const;

/**
 * Gusto has no field selection: every employee arrives whole. These are the payload paths the
 * mapper reads (its allowlist, `[]` marks an array element); parsing strips everything else.
 * Departments and locations are read from their own endpoints by `uuid` (see lookups.ts).
 */
export const GUSTO_REQUESTED_FIELDS = [
  'uuid',
  'employee_code',
  'first_name',
  'last_name',
  'work_email',
  'department',
  'department_uuid',
  'current_employment_status',
  'manager_uuid',
  'terminated',
  'terminations[].effective_date',
  'hired_at',
  'jobs[].primary',
  'jobs[].title',
  'jobs[].hire_date',
  'jobs[].location_uuid',
  'departments[].uuid',
  'departments[].title',
  'locations[].uuid',
  'locations[].city',
  'locations[].state',
  'locations[].country',
] as const;

/**
 * Sensitive paths present in Gusto's employee payload (NOTES §5) that the mapper never reads.
 * `email` is the *personal* email (Gusto restricts its use); `ssn` is always `""` but still a
 * national-id field. The compensation paths only arrive with the `compensations:read` scope and
 * the home addresses and custom fields only with `include=`: Rollcall asks for neither.
 */
export const GUSTO_DENIED_FIELDS = [
  'ssn',
  'has_ssn',
  'date_of_birth',
  'email',
  'phone',
  'payment_method',
  'garnishments',
  'eligible_paid_time_off',
  'jobs[].rate',
  'jobs[].payment_unit',
  'jobs[].current_compensation_uuid',
  'jobs[].compensations',
  'current_home_address',
  'all_home_addresses',
  'all_compensations',
  'custom_fields',
] as const;

/** Throws when an allowlisted path is also denied; runs at import of the connector and in a test. */
export function assertRequestedFieldsAllowed(requested: readonly string[]): void {
  const denied: readonly string[] = GUSTO_DENIED_FIELDS;
  const both = requested.filter((field) => denied.includes(field));
  if (both.length > 0) {
    throw new Error(`Gusto connector reads denied (sensitive) fields: ${both.join(', ')}`);
  }
}

/** A text value: `""`, `null` and a missing key all mean unknown. */
const text = z.string().nullable().optional();
/** A value that only feeds a display field: an unexpected shape is unknown, not a bad record. */
const soft = text.catch(null);

/** One job (SPEC `Job`): the primary one gives the title, hire date and work location. */
const gustoJobSchema = z.object({
  primary: z.boolean().nullable().optional().catch(null),
  title: soft,
  hire_date: soft,
  location_uuid: soft,
});

/** One termination: `effective_date` is the last day of work (NOTES §6). */
const gustoTerminationSchema = z.object({
  effective_date: soft,
});

/**
 * One element of the employees array, allowlisted paths only. `z.object` strips unknown keys at
 * every level while parsing, so date of birth, pay, SSN and the rest go no further.
 */
export const gustoEmployeeSchema = z.object({
  uuid: z.string(),
  employee_code: soft,
  first_name: text,
  last_name: text,
  work_email: soft,
  department: soft,
  department_uuid: soft,
  current_employment_status: soft,
  manager_uuid: soft,
  terminated: z.boolean().nullable().optional(),
  terminations: z.array(gustoTerminationSchema).nullable().optional(),
  hired_at: soft,
  jobs: z.array(gustoJobSchema).nullable().optional(),
});

export type GustoEmployee = z.infer<typeof gustoEmployeeSchema>;

/** `GET /departments` element: the department's name is `title` here. */
export const gustoDepartmentSchema = z.object({ uuid: z.string(), title: soft });

/** `GET /locations` element: a company address (work, mailing or filing); no name of its own. */
export const gustoLocationSchema = z.object({
  uuid: z.string(),
  city: soft,
  state: soft,
  country: soft,
});

/** Gusto's error envelope (SPEC `Entity-Error-Object`, NOTES §8). */
export const gustoErrorBodySchema = z.object({
  errors: z
    .array(
      z.object({
        error_key: z.string().nullable().optional(),
        category: z.string().nullable().optional(),
        message: z.string().nullable().optional(),
      }),
    )
    .optional(),
});
