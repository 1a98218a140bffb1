import { z } from 'zod';

/**
 * The closed allowlist of person fields Rollcall ever stores (DESIGN.md "NormalizedEmployee").
 * Unknown is `null`, never `''`. Anything not listed here is never requested, stored or logged.
 */
export const EMPLOYMENT_STATUSES = ['active', 'pending', 'terminated'] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date (YYYY-MM-DD)');

export const normalizedEmployeeSchema = z.strictObject({
  externalId: z.string().min(1),
  employeeNumber: z.string().min(1).nullable(),
  firstName: z.string().min(1).nullable(),
  lastName: z.string().min(1).nullable(),
  workEmail: z.string().min(3).nullable(),
  department: z.string().min(1).nullable(),
  departmentId: z.string().min(1).nullable(),
  departmentType: z.string().min(1).nullable(),
  jobTitle: z.string().min(1).nullable(),
  employeeType: z.string().min(1).nullable(),
  location: z.string().min(1).nullable(),
  locationId: z.string().min(1).nullable(),
  country: z.string().min(1).nullable(),
  managerExternalId: z.string().min(1).nullable(),
  managerName: z.string().min(1).nullable(),
  managerEmail: z.string().min(3).nullable(),
  employmentStatus: z.enum(EMPLOYMENT_STATUSES),
  startDate: isoDate.nullable(),
  terminationDate: isoDate.nullable(),
});

export type NormalizedEmployee = z.infer<typeof normalizedEmployeeSchema>;

/** The person fields a learner carries (every NormalizedEmployee field but the HRIS link). */
export const PERSON_FIELDS = [
  'employeeNumber',
  'firstName',
  'lastName',
  'workEmail',
  'department',
  'departmentId',
  'departmentType',
  'jobTitle',
  'employeeType',
  'location',
  'locationId',
  'country',
  'managerExternalId',
  'managerName',
  'managerEmail',
  'employmentStatus',
  'startDate',
  'terminationDate',
] as const satisfies readonly (keyof NormalizedEmployee)[];

export type PersonField = (typeof PERSON_FIELDS)[number];

/** Emails are compared and stored trimmed and lower-cased. */
export function normalizeEmail(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim().toLowerCase();
  return trimmed === '' ? null : trimmed;
}

/** A loose but honest email check: one @, something on each side, a dot in the domain. */
export function isPlausibleEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** Turns `''`, whitespace-only and `undefined` into `null`, and trims the rest. */
export function cleanText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
