import { z } from 'zod';
import { exactIdSchema, looseTextSchema } from '../schemas.ts';

/**
 * Raw shapes of the Sage HR (formerly cakeHR) API, as sent.
 * Source: shared/providers/sage-hr/NOTES.md §2 (endpoints), §3 (paging), §5 (fields), §6
 * (terminated employees), §7 (errors).
 */

/** The list endpoints Rollcall reads; the connector's base URL is `https://<subdomain>.sage.hr`. */
export const SAGE_HR_PATHS = {
  employees: '/api/employees',
  terminatedEmployees: '/api/terminated-employees',
  positions: '/api/positions',
  teams: '/api/teams',
} as const;

export type SageHrList = keyof typeof SAGE_HR_PATHS;

/**
 * Sage HR has no field selection: every list answers whole records, sensitive fields included.
 * These are the vendor field paths the mapper reads (its allowlist); the parser strips every other
 * key before mapping. `<list>.<field>` for the lookups, the bare key for employee records.
 */
export const SAGE_HR_REQUESTED_FIELDS = [
  'id',
  'email',
  'first_name',
  'last_name',
  'employee_number',
  'team',
  'team_id',
  'position',
  'position_id',
  'employment_status',
  'reports_to_employee_id',
  'employment_start_date',
  'termination_date',
  'positions.id',
  'positions.title',
  'teams.id',
  'teams.name',
] as const;

/**
 * Sensitive fields present in Sage HR payloads that the mapper never reads (NOTES §5). `country`,
 * `city` and the street fields are the employee's own address, so `country` stays unknown.
 * `termination.reason` and `termination.comments` only come with the detail view, never read.
 */
export const SAGE_HR_DENIED_FIELDS = [
  'date_of_birth',
  'gender',
  'home_phone',
  'mobile_phone',
  'street_first',
  'street_second',
  'city',
  'post_code',
  'country',
  'nationality',
  'marital_status',
  'personal_identification_number',
  'tax_number',
  'termination.reason',
  'termination.comments',
  'compensations',
  'custom-fields',
] as const;

/** Throws when a requested field is denied; runs at import of the connector and in a test. */
export function assertRequestedFieldsAllowed(requested: readonly string[]): void {
  const denied: readonly string[] = SAGE_HR_DENIED_FIELDS;
  const overlap = requested.filter((field) => denied.includes(field));
  if (overlap.length > 0) {
    throw new Error(`Sage HR connector reads denied (sensitive) fields: ${overlap.join(', ')}`);
  }
}

/** `""`, `null` and a missing key all mean unknown; numbers (ids, `post_code`) become strings. */
const rawValue = looseTextSchema;

/** Ids are integers (NOTES §5); a numeric string is tolerated, an unsafe number is not. */
export const idValue = exactIdSchema('ids must be exact integers');

/** One element of `GET /api/employees` `data` (history arrays and sensitive keys stripped). */
export const sageHrEmployeeSchema = z.object({
  id: idValue,
  email: rawValue,
  first_name: rawValue,
  last_name: rawValue,
  employee_number: rawValue,
  team: rawValue,
  team_id: idValue,
  position: rawValue,
  position_id: idValue,
  employment_status: rawValue,
  reports_to_employee_id: idValue,
  employment_start_date: rawValue,
});

export type SageHrEmployee = z.infer<typeof sageHrEmployeeSchema>;

/** One element of `GET /api/terminated-employees` `data`: a reduced record (NOTES §6). */
export const sageHrTerminatedSchema = z.object({
  id: idValue,
  termination_date: rawValue,
  email: rawValue,
  first_name: rawValue,
  last_name: rawValue,
  employee_number: rawValue,
  employment_start_date: rawValue,
  position: rawValue,
});

export type SageHrTerminated = z.infer<typeof sageHrTerminatedSchema>;

export const sageHrPositionSchema = z.object({ id: idValue, title: rawValue });
export const sageHrTeamSchema = z.object({ id: idValue, name: rawValue });

/** `meta` of every list (NOTES §3); every member optional so a partial meta still pages. */
export const sageHrMetaSchema = z.object({
  current_page: z.number().int().nullable().optional(),
  next_page: z.number().int().nullable().optional(),
  total_pages: z.number().int().nullable().optional(),
  per_page: z.number().int().nullable().optional(),
  total_entries: z.number().int().nullable().optional(),
});

/** A list page: `data` stays `unknown[]` so one bad element is a record error, not a page error. */
export const sageHrPageSchema = z.object({
  data: z.array(z.unknown()),
  meta: sageHrMetaSchema.nullable().optional(),
});

export type SageHrPage = z.infer<typeof sageHrPageSchema>;

/** Sage HR's error body (NOTES §7): `{error_code, errors: [...]}`. */
export const sageHrErrorBodySchema = z.object({
  error_code: z.string().optional(),
  errors: z.array(z.unknown()).optional(),
});
