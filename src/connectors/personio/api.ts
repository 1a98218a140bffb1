import { z } from 'zod';
import { exactIdSchema, looseTextSchema } from '../schemas.ts';

/**
 * Raw shapes of Personio's v1 Personnel Data API, as sent.
 * Source: shared/providers/personio/NOTES.md §2 (auth), §3–§5 (employees, paging, attributes).
 */

/** `POST /v1/auth`: client id/secret → a bearer token (NOTES §2). */
export const PERSONIO_AUTH_PATH = '/v1/auth';
/** `GET /v1/company/employees`: offset/limit pages of employees (NOTES §3, §4). */
export const PERSONIO_EMPLOYEES_PATH = '/v1/company/employees';
/** The largest page Personio serves since pagination is enforced (NOTES §4, DOC-PAG). */
export const PERSONIO_PAGE_SIZE = 100;
/** Optional app header Personio recommends (UPPER_SNAKE_CASE, NOTES §2); it carries no secret. */
export const PERSONIO_APP_ID = 'ROLLCALL';

/**
 * The exact attributes Rollcall asks for with `attributes[]=`, in request order. Each feeds a
 * NormalizedEmployee field or the lifecycle (see map.ts). Personio always adds `id`, which is
 * therefore not listed. Nothing else is asked "just in case".
 */
export const PERSONIO_REQUESTED_ATTRIBUTES = [
  'first_name',
  'last_name',
  'email',
  'status',
  'position',
  'supervisor',
  'employment_type',
  'hire_date',
  'termination_date',
  'department',
  'office',
] as const;

export type PersonioRequestedAttribute = (typeof PERSONIO_REQUESTED_ATTRIBUTES)[number];

/**
 * Attributes that must never be requested (NOTES §5 "Sensitive fields"), plus termination type
 * and reason (performance-related). Custom attributes (`dynamic_<n>`) are tenant-specific and
 * hold IBANs, birthdays, addresses and tax ids: every one of them is denied, see
 * `isDeniedPersonioAttribute`. The `dynamic_*` ids listed are the ones the public samples show.
 */
export const PERSONIO_DENIED_ATTRIBUTES = [
  // compensation
  'fix_salary',
  'fix_salary_interval',
  'hourly_salary',
  // time off
  'vacation_day_balance',
  'absence_entitlement',
  'work_schedule',
  // demographics
  'gender',
  // performance
  'termination_type',
  'termination_reason',
  // custom attributes seen in public samples: IBAN, birthday, country of birth
  'dynamic_21827',
  'dynamic_1146666',
  'dynamic_1146702',
] as const;

/** True for a denied attribute and for every custom (`dynamic_*`) attribute. */
export function isDeniedPersonioAttribute(attribute: string): boolean {
  const id = attribute.trim().toLowerCase();
  if (id.startsWith('dynamic_')) return true;
  return PERSONIO_DENIED_ATTRIBUTES.some((denied) => denied === id);
}

/** Throws when a requested attribute is denied; runs at import of the connector and in a test. */
export function assertRequestedAttributesAllowed(requested: readonly string[]): void {
  const denied = requested.filter(isDeniedPersonioAttribute);
  if (denied.length > 0) {
    throw new Error(
      `Personio connector requests denied (sensitive) attributes: ${denied.join(', ')}`,
    );
  }
}

/**
 * The path and query of one employees page. Built by hand because `attributes[]` repeats, which
 * the HTTP client's query object cannot express; the brackets stay literal, as Personio documents.
 */
export function employeesPagePath(offset: number, limit = PERSONIO_PAGE_SIZE): string {
  const attributes = PERSONIO_REQUESTED_ATTRIBUTES.map((a) => `attributes[]=${a}`).join('&');
  return `${PERSONIO_EMPLOYEES_PATH}?limit=${limit}&offset=${offset}&${attributes}`;
}

/** `{success: true, data: {token}}` (personio-py); the v2 credentials spec nests `data.data.token`. */
export const authResponseSchema = z.object({
  success: z.boolean().optional(),
  data: z.union([
    z.object({ token: z.string().min(1) }),
    z.object({ data: z.object({ token: z.string().min(1) }) }),
  ]),
});

export function tokenOf(body: z.infer<typeof authResponseSchema>): string {
  return 'token' in body.data ? body.data.token : body.data.data.token;
}

/** A scalar attribute value: a string, a number, or null; `""`, null and missing mean unknown. */
const scalar = looseTextSchema;

/** An employee id: an integer (NOTES §5), accepted as a digit string too, never a lossy number. */
const idValue = exactIdSchema('ids must be exact integers');

/** `{label, value, type, universal_id}`: only `value` is read; the rest is stripped. */
function attribute<Value extends z.ZodType>(value: Value) {
  return z.object({ value }).nullable().optional();
}

/** Department / office: `{type, attributes: {id, name}}`, or null (NOTES §5). `""` is unknown. */
const namedObject = z
  .union([
    z.object({
      type: z.string().nullable().optional(),
      attributes: z.object({ id: idValue, name: scalar }).nullable().optional(),
    }),
    z.literal(''),
  ])
  .nullable()
  .optional();

/**
 * Supervisor: `{type: "Employee", attributes: {id: {label, value, …}}}` (NOTES §5). The public
 * example carries only the id; names and email are read when Personio sends them (unconfirmed).
 */
const supervisorValue = z
  .union([
    z.object({
      type: z.string().nullable().optional(),
      attributes: z
        .object({
          id: z.union([attribute(idValue), idValue]),
          first_name: attribute(scalar),
          last_name: attribute(scalar),
          email: attribute(scalar),
        })
        .nullable()
        .optional(),
    }),
    z.literal(''),
  ])
  .nullable()
  .optional();

/**
 * One element of `data`. Only allowlisted attributes are declared, and unknown keys are stripped
 * at every level while parsing, so anything else (a sensitive attribute a misconfigured server
 * sends anyway, or a custom `dynamic_*` one) goes no further.
 */
export const personioEmployeeSchema = z.object({
  type: z.string().optional(),
  attributes: z.object({
    id: attribute(idValue),
    first_name: attribute(scalar),
    last_name: attribute(scalar),
    email: attribute(scalar),
    status: attribute(scalar),
    position: attribute(scalar),
    supervisor: attribute(supervisorValue),
    employment_type: attribute(scalar),
    hire_date: attribute(scalar),
    termination_date: attribute(scalar),
    department: attribute(namedObject),
    office: attribute(namedObject),
  }),
});

export type PersonioEmployee = z.infer<typeof personioEmployeeSchema>;
export type PersonioNamedObject = PersonioEmployee['attributes']['office'];
export type PersonioSupervisor = NonNullable<PersonioEmployee['attributes']['supervisor']>['value'];

/** The page envelope (SPEC-V1): `{success, metadata: {total_elements, …}, offset, limit, data}`. */
export const employeesPageSchema = z.object({
  success: z.boolean().optional(),
  metadata: z
    .object({
      total_elements: z.number().int().nonnegative().optional(),
      current_page: z.number().int().optional(),
      total_pages: z.number().int().optional(),
    })
    .nullable()
    .optional(),
  offset: z.number().optional(),
  limit: z.number().optional(),
  data: z.array(z.unknown()),
});

export type PersonioEmployeesPage = z.infer<typeof employeesPageSchema>;

/** v1 error body (NOTES §8): `{success: false, error: {code, message, errors?}}`. */
export const personioErrorBodySchema = z.object({
  success: z.boolean().optional(),
  error: z.object({
    code: z.union([z.number(), z.string()]).optional(),
    message: z.string().optional(),
  }),
});
