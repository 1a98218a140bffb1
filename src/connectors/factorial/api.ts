import { z } from 'zod';
import { exactIdSchema, looseTextSchema } from '../schemas.ts';

/**
 * Raw shapes of Factorial's resource API, as sent (shared/providers/factorial/NOTES.md §2, §5).
 * Every list answers `{data: [...], meta: {has_next_page, end_cursor, ...}}` (NOTES §3).
 */

/** The API version Rollcall reads; versions are date-prefixed and supported for a year (§1). */
export const FACTORIAL_API_VERSION = '2026-07-01';

const RESOURCES = `/api/${FACTORIAL_API_VERSION}/resources`;

/** The four lists a sync reads, in the order it reads them. */
export const FACTORIAL_PATHS = {
  teams: `${RESOURCES}/teams/teams`,
  locations: `${RESOURCES}/locations/locations`,
  contractVersions: `${RESOURCES}/contracts/contract_versions`,
  employees: `${RESOURCES}/employees/employees`,
} as const;

export type FactorialResource = keyof typeof FACTORIAL_PATHS;

/** The documented maximum (and default) page size (§3). */
export const FACTORIAL_PAGE_LIMIT = 100;

/**
 * The vendor field paths the mapper reads (`resource.field`). Factorial has no field selection, so
 * this is the parse-time allowlist: every other key of a record is dropped by the schemas below.
 */
export const FACTORIAL_REQUESTED_FIELDS = [
  'employees.id',
  'employees.first_name',
  'employees.last_name',
  'employees.login_email',
  'employees.company_identifier',
  'employees.manager_id',
  'employees.location_id',
  'employees.active',
  'employees.terminated_on',
  'employees.seniority_calculation_date',
  'teams.id',
  'teams.name',
  'teams.employee_ids',
  'locations.id',
  'locations.name',
  'locations.country',
  'contract_versions.employee_id',
  'contract_versions.job_title',
  'contract_versions.effective_on',
  'contract_versions.starts_on',
] as const;

/**
 * Sensitive keys present in the answers (§5 "sensitive"): never read, so never stored or logged.
 * `email` and `personal_email` are both documented as the *personal* address; contract `country`
 * is the nationality; termination reasons and observations are performance-related free text.
 */
export const FACTORIAL_DENIED_FIELDS = [
  'employees.social_security_number',
  'employees.identifier',
  'employees.identifier_type',
  'employees.identifier_expiration_date',
  'employees.bank_number',
  'employees.swift_bic',
  'employees.birthday_on',
  'employees.age_number',
  'employees.country_of_birth',
  'employees.birthplace',
  'employees.birth_name',
  'employees.address_line_1',
  'employees.address_line_2',
  'employees.postal_code',
  'employees.city',
  'employees.state',
  'employees.country',
  'employees.gender',
  'employees.pronouns',
  'employees.nationality',
  'employees.disability_percentage_cents',
  'employees.contact_name',
  'employees.contact_number',
  'employees.phone_number',
  'employees.email',
  'employees.personal_email',
  'employees.termination_reason',
  'employees.termination_reason_type',
  'employees.termination_observations',
  'employees.termination_type_description',
  'contract_versions.salary_amount',
  'contract_versions.salary_frequency',
  'contract_versions.country',
] as const;

/** One scalar as Factorial sends it; `""`, `null` and a missing key all mean unknown. */
const text = looseTextSchema;

/**
 * An id: a string in the 2026-07-01 schema, an integer in older ones (§5). A number is accepted
 * only while it is exact, so a rounded id can never link the wrong person.
 */
export const idValue = exactIdSchema('numeric ids must be exact integers');

/** One element of `/employees/employees` `data`; unknown keys are stripped while parsing. */
export const factorialEmployeeSchema = z.object({
  id: idValue,
  first_name: text,
  last_name: text,
  login_email: text,
  company_identifier: text,
  manager_id: idValue,
  location_id: idValue,
  active: z.boolean().nullable().optional(),
  terminated_on: text,
  seniority_calculation_date: text,
});
export type FactorialEmployee = z.infer<typeof factorialEmployeeSchema>;

/** One element of `/teams/teams` (Factorial has no departments: teams stand in for them). */
export const factorialTeamSchema = z.object({
  id: idValue,
  name: text,
  employee_ids: z.array(idValue).nullable().optional(),
});
export type FactorialTeam = z.infer<typeof factorialTeamSchema>;

/** One element of `/locations/locations` (a work location, not a home address). */
export const factorialLocationSchema = z.object({
  id: idValue,
  name: text,
  country: text,
});
export type FactorialLocation = z.infer<typeof factorialLocationSchema>;

/** One element of `/contracts/contract_versions`: the job title and hire date live here. */
export const factorialContractVersionSchema = z.object({
  employee_id: idValue,
  job_title: text,
  effective_on: text,
  starts_on: text,
});
export type FactorialContractVersion = z.infer<typeof factorialContractVersionSchema>;

/** The list envelope (§3). Elements stay `unknown`: each one is validated on its own. */
export const factorialPageSchema = z.object({
  data: z.array(z.unknown()),
  meta: z.object({
    has_next_page: z.boolean(),
    end_cursor: z.string().nullable().optional(),
  }),
});
export type FactorialPage = z.infer<typeof factorialPageSchema>;

/** Factorial's error bodies are not documented (§7): whichever message key is there. */
export const factorialErrorBodySchema = z.object({
  error: z
    .union([z.string(), z.object({ message: z.string().optional() })])
    .optional()
    .catch(undefined),
  message: z.string().optional().catch(undefined),
});
