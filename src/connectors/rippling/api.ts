import { z } from 'zod';
import { looseTextSchema } from '../schemas.ts';

/**
 * Raw shapes of Rippling's V1 Platform API, as sent (shared/providers/rippling/NOTES.md §2, §5).
 * The connector reads three lists: departments, work locations, and every employee (terminated
 * included); each is a bare JSON array paged with `limit` + `offset`.
 */

/** Production and staging hosts (NOTES §1). The API lives under a path prefix on each. */
export const RIPPLING_PRODUCTION_ORIGIN = 'https://api.rippling.com';
export const RIPPLING_STAGING_HOST = 'stage-api.rippling.com';

/** `/platform/api` in production; staging nests it under `/api` (NOTES §1). */
export function apiPrefixFor(baseUrl: string | undefined): string {
  if (baseUrl === undefined || baseUrl.trim() === '') return '/platform/api';
  try {
    return new URL(baseUrl).hostname.toLowerCase() === RIPPLING_STAGING_HOST
      ? '/api/platform/api'
      : '/platform/api';
  } catch {
    // The base URL is checked (and refused) elsewhere; the prefix does not matter then.
    return '/platform/api';
  }
}

export const RIPPLING_EMPLOYEES_PATH = '/employees/include_terminated';
export const RIPPLING_DEPARTMENTS_PATH = '/departments';
export const RIPPLING_WORK_LOCATIONS_PATH = '/work_locations';

/** The documented maximum page size ("pagination should be set to a maximum of 100"). */
export const RIPPLING_PAGE_SIZE = 100;

/**
 * The V1 API has no field selection: an employee arrives with every field the API key's scopes
 * allow. These are the vendor paths the mapper reads (its allowlist), in the order of map.ts;
 * lookup fields are prefixed with their endpoint. Each V1 scope is named after a field
 * (`employee:workEmail`), so this list is also the set of scopes an admin needs to grant.
 */
export const RIPPLING_REQUESTED_FIELDS = [
  'id',
  'employeeNumber',
  'firstName',
  'lastName',
  'workEmail',
  'department',
  'departmentId',
  'title',
  'employmentType',
  'companyEmploymentType.label',
  'workLocation.streetLine1',
  'workLocation.city',
  'workLocation.zip',
  'workLocation.country',
  'workLocationId',
  'manager',
  'roleState',
  'startDate',
  'endDate',
  'departments.id',
  'departments.name',
  'work_locations.id',
  'work_locations.nickname',
  'work_locations.address.streetLine1',
  'work_locations.address.city',
  'work_locations.address.zip',
  'work_locations.address.country',
] as const;

/**
 * Fields an employee may carry (NOTES §5 "sensitive", each behind its own scope) that the mapper
 * never reads: the parser strips them before anything else sees the record.
 */
export const RIPPLING_DENIED_FIELDS = [
  'ssn',
  'dob',
  'address',
  'compensation',
  'filingStatus',
  'flsaStatus',
  'ein',
  'gender',
  'identifiedGender',
  'personalEmail',
  'phone',
  'phoneNumber',
  'customFields',
  'hsaCompatiblePlanStatus',
  'photo',
  'smallPhoto',
] as const;

/** A text value as sent: a string, a number (`employeeNumber` is an integer) or null. */
const rawValue = looseTextSchema;

/** Ids are 24-hex strings (NOTES §5); anything else is unknown, never a guess. */
const idValue = z.string().nullable().optional();

/** A nested object the key's scopes may leave out or send as null. */
function nested<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object(shape).nullable().optional();
}

/** The work address: only the parts that identify the location (no state, no tax codes). */
const workAddress = nested({
  streetLine1: rawValue,
  city: rawValue,
  zip: rawValue,
  country: rawValue,
});

/**
 * One element of `/employees/include_terminated`. Unknown keys (SSN, salary, home address…)
 * are stripped at every level while parsing, so they go no further than this schema.
 */
export const ripplingEmployeeSchema = z.object({
  id: idValue,
  employeeNumber: rawValue,
  firstName: rawValue,
  lastName: rawValue,
  workEmail: rawValue,
  department: rawValue,
  departmentId: idValue,
  title: rawValue,
  employmentType: rawValue,
  // Only the label is read; the rest of the object is HR configuration we do not need.
  companyEmploymentType: nested({ label: rawValue }).catch(null),
  workLocation: workAddress,
  workLocationId: idValue,
  manager: idValue,
  roleState: rawValue,
  startDate: rawValue,
  endDate: rawValue,
});

export type RipplingEmployee = z.infer<typeof ripplingEmployeeSchema>;

/** One element of `/departments`: `{name, id, parent}` (parent is a department id). */
export const ripplingDepartmentSchema = z.object({ id: z.string(), name: rawValue });

/** One element of `/work_locations`: `{id, nickname, address}`. */
export const ripplingWorkLocationSchema = z.object({
  id: z.string(),
  nickname: rawValue,
  address: workAddress,
});

export type RipplingDepartment = z.infer<typeof ripplingDepartmentSchema>;
export type RipplingWorkLocation = z.infer<typeof ripplingWorkLocationSchema>;

/**
 * Rippling's error body is not documented (NOTES §7). Its API answers like a Django REST service
 * (`{"detail": "..."}`), which is what we read; `error` and `message` are tolerated too.
 */
export const ripplingErrorBodySchema = z.object({
  detail: z.string().optional(),
  error: z.string().optional(),
  message: z.string().optional(),
});
