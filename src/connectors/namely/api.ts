import { z } from 'zod';
import { looseTextSchema } from '../schemas.ts';

/**
 * Raw shapes of Namely's profiles list (`GET /api/v1/profiles`), as sent.
 * Source: shared/providers/namely/NOTES.md §2 (endpoints), §3 (paging), §5 (fields), §7 (errors).
 */

export const NAMELY_PROFILES_PATH = '/api/v1/profiles';

/** The documented maximum page size (NOTES §3); the default is 30. */
export const NAMELY_PER_PAGE = 50;

/** Namely answers rate limiting with 406 Not Acceptable, not 429 (NOTES §4). */
export const NAMELY_THROTTLE_STATUS = 406;

/**
 * Namely has no field selection: every profile arrives whole, custom fields and sensitive ones
 * included. These are the vendor field paths the mapper reads (its allowlist); the parser strips
 * every other key before mapping.
 */
export const NAMELY_REQUESTED_FIELDS = [
  'id',
  'email',
  'first_name',
  'last_name',
  'employee_id',
  'user_status',
  'start_date',
  'departure_date',
  'job_title.title',
  'employee_type.title',
  'reports_to.id',
  'reports_to.first_name',
  'reports_to.last_name',
  'reports_to.email',
  'links.groups.id',
  'office.city',
  'office.country_id',
  'linked.groups.id',
  'linked.groups.name',
  'linked.groups.type',
] as const;

/**
 * Sensitive fields present in Namely profiles that the mapper never reads (NOTES §5). Custom
 * fields (bonus, equity, …) arrive as extra top-level keys and are dropped with everything else.
 */
export const NAMELY_DENIED_FIELDS = [
  'ssn',
  'dob',
  'gender',
  'marital_status',
  'ethnicity',
  'veterans_status',
  'home',
  'home_phone',
  'mobile_phone',
  'personal_email',
  'emergency_contact',
  'emergency_contact_phone',
  'salary',
  'current_salary',
  'hourly_salary',
  'ytd_bonus',
  'target_bonus',
  'healthcare',
  'healthcare_info',
  'dental',
  'dental_info',
  'terminated_reason',
] as const;

/** Throws when a read field is denied; runs at import of the connector and in a test. */
export function assertRequestedFieldsAllowed(requested: readonly string[]): void {
  const denied: readonly string[] = NAMELY_DENIED_FIELDS;
  const overlap = requested.filter((field) => denied.includes(field.split('.')[0] ?? field));
  if (overlap.length > 0) {
    throw new Error(`Namely connector reads denied (sensitive) fields: ${overlap.join(', ')}`);
  }
}

/** `""`, `null` and a missing key all mean unknown; numbers become strings. */
const rawValue = looseTextSchema;

/** `{title}` objects (job title, employee type); a bare string is tolerated. */
const titled = z
  .union([z.object({ title: rawValue }), z.string().transform((title) => ({ title }))])
  .nullable()
  .optional();

const reportsToEntry = z.object({
  id: rawValue,
  first_name: rawValue,
  last_name: rawValue,
  email: rawValue,
});

/** One element of `profiles` (unknown keys stripped at every level while parsing). */
export const namelyProfileSchema = z.object({
  id: rawValue,
  email: rawValue,
  first_name: rawValue,
  last_name: rawValue,
  employee_id: rawValue,
  user_status: rawValue,
  start_date: rawValue,
  departure_date: rawValue,
  job_title: titled,
  employee_type: titled,
  /** An array (NOTES §5); the first entry is the manager. A single object is tolerated. */
  reports_to: z
    .union([z.array(reportsToEntry), reportsToEntry.transform((entry) => [entry])])
    .nullable()
    .optional(),
  links: z
    .object({
      groups: z
        .array(z.object({ id: rawValue }))
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
  office: z.object({ city: rawValue, country_id: rawValue }).nullable().optional(),
});

export type NamelyProfile = z.infer<typeof namelyProfileSchema>;

/** A `linked.groups` entry: departments and office locations are both groups (NOTES §2, §5). */
export const namelyGroupSchema = z.object({ id: rawValue, name: rawValue, type: rawValue });

/** A profiles page; `profiles` stays `unknown[]` so one bad profile is a record error. */
export const namelyPageSchema = z.object({
  profiles: z.array(z.unknown()),
  meta: z
    .object({
      count: z.number().nullable().optional(),
      total_count: z.number().nullable().optional(),
    })
    .nullable()
    .optional(),
  linked: z
    .object({ groups: z.array(z.unknown()).nullable().optional() })
    .nullable()
    .optional(),
});

/** Namely's error bodies (NOTES §7): `{message, errors}`, or `{error}` for 401. */
export const namelyErrorBodySchema = z.object({
  message: z.string().optional(),
  error: z.string().optional(),
  errors: z.array(z.unknown()).optional(),
});
