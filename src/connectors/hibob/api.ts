import { z } from 'zod';
import { exactIdSchema, looseTextSchema } from '../schemas.ts';

/**
 * Raw shapes of HiBob's people search (`POST /v1/people/search`), as sent.
 * Source: shared/providers/hibob/NOTES.md §3 (endpoint), §5 (field ids and response paths).
 */

/** The people-search path; the connector's base URL is the bare origin. */
export const HIBOB_PEOPLE_SEARCH_PATH = '/v1/people/search';

/**
 * The exact field ids Rollcall asks for, in request order. Each one feeds a NormalizedEmployee
 * field or the lifecycle (see map.ts and docs/connectors/hibob.md); nothing is asked "just in case".
 * Two of them sit in sensitive categories and are the only ones asked from there:
 * `payroll.employment.type` (next to salary) and `address.siteCountry` (next to the home address).
 * `internal.status` only feeds a diagnostic: Inactive people without any lifecycle evidence.
 */
export const HIBOB_REQUESTED_FIELDS = [
  'root.id',
  'root.firstName',
  'root.surname',
  'root.email',
  'work.employeeIdInCompany',
  'work.department',
  'work.title',
  'work.site',
  'work.siteId',
  'work.startDate',
  'work.reportsTo',
  'internal.status',
  'internal.lifecycleStatus',
  'internal.terminationDate',
  'payroll.employment.type',
  'address.siteCountry',
] as const;

export type HiBobRequestedField = (typeof HIBOB_REQUESTED_FIELDS)[number];

/**
 * Categories that hold sensitive data (NOTES §5 "Sensitive data locations"): nothing in them is
 * ever requested, except the ids in `SENSITIVE_CATEGORY_EXCEPTIONS`.
 */
export const HIBOB_SENSITIVE_CATEGORIES = [
  'payroll',
  'address',
  'home',
  'personal',
  'identification',
  'financial',
  'eeo',
  'emergency',
  'about',
  'peopleAnalytics',
] as const;

/** The only two ids requested from a sensitive category: see `HIBOB_REQUESTED_FIELDS`. */
export const SENSITIVE_CATEGORY_EXCEPTIONS: readonly string[] = [
  'payroll.employment.type',
  'address.siteCountry',
];

/**
 * Vendor field ids that must never be requested: the ones NOTES §5 names, plus termination
 * reason and type (performance-related). Every other id in a sensitive category is denied too:
 * see `isDeniedHiBobField`.
 */
export const HIBOB_DENIED_FIELDS = [
  // compensation
  'payroll.salary.payment',
  'payroll.salary.yearlyPayment',
  'payroll.salary.monthlyPayment',
  'payroll.salary.payPeriod',
  'payroll.salary.payFrequency',
  'payroll.variable.amount',
  'payroll.employment.contract',
  // national ids
  'payroll.nin',
  'payroll.taxCode',
  'identification.ssn',
  'identification.ssnSerialNumber',
  // bank details
  'financial.iban',
  'financial.swift',
  'financial.routingNumber',
  'financial.bankName',
  'financial.accountNumber',
  'financial.passportNumber',
  // home address and personal contact
  'home.privateEmail',
  'home.mobilePhone',
  'home.privatePhone',
  'home.spouse',
  'home.numberOfKids',
  'home.familyStatus',
  'address.line1',
  'address.line2',
  'address.city',
  'address.zipCode',
  'address.postCode',
  'address.usaState',
  'address.country',
  'address.fullAddress',
  'emergency.firstName',
  'emergency.phone',
  // birth date, EEO and demographics
  'personal.birthDate',
  'personal.shortBirthDate',
  'personal.age',
  'personal.nationality',
  'personal.honorific',
  'personal.pronouns',
  'home.legalGender',
  'eeo.ethnicity',
  'eeo.jobCategory',
  // performance
  'internal.terminationReason',
  'internal.terminationType',
  'peopleAnalytics.flightRisk',
  // free text about the person
  'about.about',
] as const;

/** `/root/id` (the newer "field ID" spelling, NOTES §5) and `root.id` name the same field. */
export function canonicalFieldId(field: string): string {
  const trimmed = field.trim();
  return trimmed.startsWith('/') ? trimmed.slice(1).replaceAll('/', '.') : trimmed;
}

/** True for a denied field id, and for every id in a sensitive category but the two exceptions. */
export function isDeniedHiBobField(field: string): boolean {
  const id = canonicalFieldId(field).toLowerCase();
  if (SENSITIVE_CATEGORY_EXCEPTIONS.some((allowed) => allowed.toLowerCase() === id)) return false;
  const category = id.split('.')[0] ?? '';
  return (
    HIBOB_SENSITIVE_CATEGORIES.some((c) => c.toLowerCase() === category) ||
    HIBOB_DENIED_FIELDS.some((denied) => denied.toLowerCase() === id)
  );
}

/** Throws when a requested field is denied; runs at import of the connector and in a test. */
export function assertRequestedFieldsAllowed(requested: readonly string[]): void {
  const denied = requested.filter(isDeniedHiBobField);
  if (denied.length > 0) {
    throw new Error(`HiBob connector requests denied (sensitive) fields: ${denied.join(', ')}`);
  }
}

/** The request body (NOTES §3): explicit fields, inactive people included, display strings too. */
export interface HiBobSearchRequest {
  fields: readonly HiBobRequestedField[];
  showInactive: true;
  humanReadable: 'APPEND';
}

export function peopleSearchRequest(): HiBobSearchRequest {
  return { fields: HIBOB_REQUESTED_FIELDS, showInactive: true, humanReadable: 'APPEND' };
}

/**
 * One value as HiBob sends it: a string, a number (`employeeIdInCompany`, `siteId`) or null.
 * `""`, `null` and a missing key all mean unknown.
 */
const rawValue = looseTextSchema;

/**
 * The employee id: a 19-digit string (NOTES §5). A number is only accepted while it is exact: a
 * JSON number that long has already lost digits, and a wrong id would link the wrong person.
 */
const idValue = exactIdSchema('ids longer than 15 digits must be strings');

/** A category object: absent or null when the service user cannot see any of its fields. */
function category<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object(shape).nullable().optional();
}

/** `work.reportsTo`: the manager as an object (NOTES §5); a bare display name is tolerated. */
const reportsTo = z
  .union([
    z.object({
      id: idValue,
      firstName: rawValue,
      surname: rawValue,
      email: rawValue,
      displayName: rawValue,
    }),
    z.string(),
  ])
  .nullable()
  .optional();

/**
 * A display string of the `humanReadable` node. It is sugar over the machine values, so an
 * unexpected shape there is dropped (unknown) rather than failing the whole record.
 */
const display = z.string().nullable().optional().catch(null);

/**
 * One element of `employees`. Unknown keys are stripped at every level while parsing, so a field
 * we did not request (e.g. a sensitive one a misconfigured server sends anyway) goes no further.
 */
export const hiBobEmployeeSchema = z.object({
  id: idValue,
  firstName: rawValue,
  surname: rawValue,
  email: rawValue,
  work: category({
    employeeIdInCompany: rawValue,
    department: rawValue,
    title: rawValue,
    site: rawValue,
    siteId: rawValue,
    startDate: rawValue,
    reportsTo,
  }),
  internal: category({
    status: rawValue,
    lifecycleStatus: rawValue,
    terminationDate: rawValue,
  }),
  payroll: category({ employment: category({ type: rawValue }) }),
  address: category({ siteCountry: rawValue }),
  /** With `humanReadable: "APPEND"`: list item ids resolved to their display names. */
  humanReadable: z
    .object({
      work: z
        .object({ department: display, title: display, site: display, reportsTo: display })
        .nullable()
        .optional()
        .catch(null),
      internal: z.object({ lifecycleStatus: display }).nullable().optional().catch(null),
      payroll: z
        .object({ employment: z.object({ type: display }).nullable().optional().catch(null) })
        .nullable()
        .optional()
        .catch(null),
      address: z.object({ siteCountry: display }).nullable().optional().catch(null),
    })
    .nullable()
    .optional()
    .catch(null),
});

export type HiBobEmployee = z.infer<typeof hiBobEmployeeSchema>;

/** HiBob's error body (NOTES §8, `errors.json`): `{key, error}`. */
export const hiBobErrorBodySchema = z.object({
  key: z.string().optional(),
  error: z.string().optional(),
});
