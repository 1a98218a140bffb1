import { z } from 'zod';
import { exactIdSchema, looseTextSchema } from '../schemas.ts';

/**
 * Raw shapes of a SCIM 2.0 service provider's `GET /Users` (RFC 7643 schema, RFC 7644 protocol),
 * as sent. Source: shared/providers/scim/NOTES.md §2–§8.
 */

export const SCIM_CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SCIM_LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

const enterprise = (attribute: string): string => `${SCIM_ENTERPRISE_USER}:${attribute}`;

/**
 * The exact attribute paths Rollcall sends in `attributes=` (RFC 7644 §3.4.2.5), in request order.
 * Each one feeds a NormalizedEmployee field or the lifecycle (see map.ts and docs/connectors/scim.md).
 * Sub-attributes are named one by one so that nothing else of a complex attribute comes back:
 * `addresses.streetAddress` or `name.honorificPrefix` are never asked for.
 */
export const SCIM_REQUESTED_ATTRIBUTES = [
  'id',
  'userName',
  'name.givenName',
  'name.familyName',
  'emails.value',
  'emails.type',
  'emails.primary',
  'title',
  'userType',
  'active',
  'addresses.type',
  'addresses.locality',
  'addresses.country',
  enterprise('employeeNumber'),
  enterprise('department'),
  enterprise('manager.value'),
  enterprise('manager.displayName'),
] as const;

/** The work-address attributes, left out when the connection turns `workAddress` off. */
export const SCIM_ADDRESS_ATTRIBUTES: readonly string[] = [
  'addresses.type',
  'addresses.locality',
  'addresses.country',
];

/**
 * Attribute paths that must never be requested (NOTES §6 "sensitive"): credentials, personal
 * contact, the parts of an address that locate a home, and the enterprise cost center.
 * `addresses` and `emails` as a whole are denied too: only the sub-attributes above are asked.
 */
export const SCIM_DENIED_ATTRIBUTES = [
  'password',
  'x509Certificates',
  'phoneNumbers',
  'ims',
  'photos',
  'addresses',
  'addresses.streetAddress',
  'addresses.postalCode',
  'addresses.region',
  'addresses.formatted',
  'emails',
  'emails.display',
  enterprise('costCenter'),
] as const;

/**
 * Words that mark an attribute as sensitive wherever it sits (a vendor extension's `salary`, a
 * `birthDate`, a `homePhone`…); checked on configured extension attributes before any request.
 */
const SENSITIVE_WORDS =
  /salary|compensation|pay(?!er)|wage|bonus|ssn|social|national|tax|birth|dob|age$|gender|sex|ethnic|race|religion|disab|veteran|marital|bank|iban|swift|account|passport|home|personal|private|phone|mobile|password|certificate|x509|photo|costcenter|performance|rating|leave|absence/i;

/** True for a denied attribute path (core or extension, case-insensitive). */
export function isDeniedScimAttribute(path: string): boolean {
  const lower = path.trim().toLowerCase();
  if (SCIM_DENIED_ATTRIBUTES.some((denied) => denied.toLowerCase() === lower)) return true;
  const core = `${SCIM_CORE_USER.toLowerCase()}:`;
  const relative = lower.startsWith(core) ? lower.slice(core.length) : lower;
  if (SCIM_DENIED_ATTRIBUTES.some((denied) => denied.toLowerCase() === relative)) return true;
  const attribute = relative.startsWith('urn:')
    ? relative.slice(relative.lastIndexOf(':') + 1)
    : '';
  return attribute !== '' && SENSITIVE_WORDS.test(attribute.replace(/[^a-z0-9.]/g, ''));
}

/** Throws when a requested attribute is denied; runs at import of the connector and in a test. */
export function assertRequestedAttributesAllowed(requested: readonly string[]): void {
  const denied = requested.filter(isDeniedScimAttribute);
  if (denied.length > 0) {
    throw new Error(`SCIM connector requests denied (sensitive) attributes: ${denied.join(', ')}`);
  }
}

/**
 * A configured extension attribute: `urn:…:<attribute>` (full path, RFC 7644 §3.10), read only
 * when the admin names it (start or termination date of an HR vendor's own extension).
 */
export const extensionAttributePath = z
  .string()
  .trim()
  .regex(
    /^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\s?#,]+:[A-Za-z][A-Za-z0-9_$-]*$/,
    'a full SCIM attribute path, e.g. urn:example:params:scim:schemas:extension:hr:2.0:User:startDate',
  )
  .refine((path) => !isDeniedScimAttribute(path), 'this attribute is sensitive and never read');

/** `urn:…:User:startDate` → the schema URN and the attribute name. */
export function splitExtensionPath(path: string): { schema: string; attribute: string } {
  const at = path.lastIndexOf(':');
  return { schema: path.slice(0, at), attribute: path.slice(at + 1) };
}

/** One text value: `""`, `null` and missing all mean unknown. Numbers occur for employee numbers. */
const text = looseTextSchema;

/** The SP-assigned id: a string; a number only while it is exact. */
const idValue = exactIdSchema('numeric ids longer than 15 digits must be strings');

/** `active` is a Boolean (RFC 7643 §4.1.1); some SPs send `"true"` / `"false"`. */
const activeValue = z
  .union([
    z.boolean(),
    z
      .string()
      .transform((s) => s.trim().toLowerCase())
      .pipe(z.enum(['true', 'false']))
      .transform((s) => s === 'true'),
  ])
  .nullable()
  .optional();

const primaryValue = z
  .union([z.boolean(), z.string().transform((s) => s.trim().toLowerCase() === 'true')])
  .nullable()
  .optional();

/** A multi-valued attribute: absent, null, or an array (a lone object is not SCIM). */
function multi<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.array(z.object(shape)).nullable().optional();
}

/**
 * One element of `Resources`. Unknown keys are stripped at every level while parsing, so an
 * attribute the SP sends without being asked (a phone number, a salary extension) goes no further.
 */
export const scimUserSchema = z.object({
  id: idValue,
  userName: text,
  name: z.object({ givenName: text, familyName: text }).nullable().optional(),
  emails: multi({ value: text, type: text, primary: primaryValue }),
  title: text,
  userType: text,
  active: activeValue,
  addresses: multi({ type: text, locality: text, country: text, primary: primaryValue }),
  [SCIM_ENTERPRISE_USER]: z
    .object({
      employeeNumber: text,
      department: text,
      manager: z.object({ value: idValue, displayName: text }).nullable().optional(),
    })
    .nullable()
    .optional(),
});

export type ScimUser = z.infer<typeof scimUserSchema>;

const count = z.number().int().nonnegative();

/** The ListResponse envelope (RFC 7644 §3.4.2); `Resources` stays raw until each is mapped. */
export const scimListResponseSchema = z.object({
  totalResults: count.optional(),
  itemsPerPage: count.optional(),
  startIndex: count.optional(),
  Resources: z.array(z.unknown()).nullable().optional(),
});

/** The SCIM error body (RFC 7644 §3.12): `status` is the HTTP status as a string. */
export const scimErrorBodySchema = z.object({
  status: z.union([z.string(), z.number()]).optional(),
  scimType: z.string().optional(),
  detail: z.string().optional(),
});
