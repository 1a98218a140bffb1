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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Text of at least `min` characters, or null: the schema's rule for every text field. */
function text(value: unknown, min = 1): value is string | null {
  return value === null || (typeof value === 'string' && value.length >= min);
}

function date(value: unknown): value is string | null {
  return value === null || (typeof value === 'string' && ISO_DATE.test(value));
}

/**
 * `normalizedEmployeeSchema.safeParse`, fast for valid records (every person of every sync passes
 * here, twice): a valid record is checked field by field and copied in schema order without
 * zod's per-field machinery; anything else goes to the schema itself, so results and messages
 * are zod's. The fast check accepts only what the schema accepts (`employee.test.ts` proves it
 * on generated records).
 */
export function safeParseEmployee(
  value: unknown,
): ReturnType<typeof normalizedEmployeeSchema.safeParse> {
  const fast = fastEmployee(value);
  return fast ? { success: true, data: fast } : normalizedEmployeeSchema.safeParse(value);
}

function fastEmployee(value: unknown): NormalizedEmployee | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  let keys = 0;
  for (const key in v) {
    if (!Object.hasOwn(v, key)) continue;
    if (!EMPLOYEE_KEYS.has(key)) return null;
    keys += 1;
  }
  if (keys !== EMPLOYEE_KEYS.size) return null;
  const status = v['employmentStatus'];
  if (
    typeof v['externalId'] !== 'string' ||
    v['externalId'].length < 1 ||
    !text(v['employeeNumber']) ||
    !text(v['firstName']) ||
    !text(v['lastName']) ||
    !text(v['workEmail'], 3) ||
    !text(v['department']) ||
    !text(v['departmentId']) ||
    !text(v['departmentType']) ||
    !text(v['jobTitle']) ||
    !text(v['employeeType']) ||
    !text(v['location']) ||
    !text(v['locationId']) ||
    !text(v['country']) ||
    !text(v['managerExternalId']) ||
    !text(v['managerName']) ||
    !text(v['managerEmail'], 3) ||
    (status !== 'active' && status !== 'pending' && status !== 'terminated') ||
    !date(v['startDate']) ||
    !date(v['terminationDate'])
  )
    return null;
  return {
    externalId: v['externalId'],
    employeeNumber: v['employeeNumber'],
    firstName: v['firstName'],
    lastName: v['lastName'],
    workEmail: v['workEmail'],
    department: v['department'],
    departmentId: v['departmentId'],
    departmentType: v['departmentType'],
    jobTitle: v['jobTitle'],
    employeeType: v['employeeType'],
    location: v['location'],
    locationId: v['locationId'],
    country: v['country'],
    managerExternalId: v['managerExternalId'],
    managerName: v['managerName'],
    managerEmail: v['managerEmail'],
    employmentStatus: status,
    startDate: v['startDate'],
    terminationDate: v['terminationDate'],
  };
}

const EMPLOYEE_KEYS: ReadonlySet<string> = new Set(Object.keys(normalizedEmployeeSchema.shape));

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
