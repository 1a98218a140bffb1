import { cleanText, type NormalizedEmployee } from '../../core/employee.ts';
import { SCIM_ENTERPRISE_USER, scimUserSchema, splitExtensionPath, type ScimUser } from './api.ts';
import { scimEmploymentStatus } from './lifecycle.ts';
import { parseIsoDateOrDateTime, cleanEmail, rawRecordId } from '../values.ts';
import { mapVendorRecord } from '../mapping.ts';
import { isRehire } from '../lifecycle.ts';

/** Per-record mapping failures; the record still counts as present (DESIGN "Plan"). */
export type ScimMapErrorCode = 'missing_id' | 'invalid_record';

export type ScimMapResult =
  | { ok: true; employee: NormalizedEmployee }
  | { ok: false; externalId: string | null; code: ScimMapErrorCode; message: string };

export interface ScimMapOptions {
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
  /** Full path of an extension attribute holding the start date (`urn:…:User:startDate`). */
  startDateAttribute?: string | undefined;
  /** Same, for the termination date. */
  terminationDateAttribute?: string | undefined;
}

/**
 * Maps one `Resources` element to a NormalizedEmployee. Pure, total and deterministic: any input
 * gives a result, unknown is `null`, and nothing depends on the clock but `options.today`. Only an
 * element without a usable `id` (or not the documented shape at all) is a record error. Only the
 * allowlisted attributes are read; home emails and home addresses are skipped by their `type`.
 */
export function mapScimUser(raw: unknown, options: ScimMapOptions): ScimMapResult {
  if (parseIsoDateOrDateTime(options.today) === null) {
    throw new Error(`mapScimUser: today must be YYYY-MM-DD, got ${String(options.today)}`);
  }
  return mapVendorRecord(
    raw,
    {
      schema: scimUserSchema,
      noun: 'user',
      shape: 'SCIM User',
      rawId: (record) => rawRecordId(record),
      id: (user) => user.id,
    },
    (externalId, user) => {
      const startDate = extensionDate(raw, options.startDateAttribute);
      const terminationDate = extensionDate(raw, options.terminationDateAttribute);
      const facts = { startDate, terminationDate, today: options.today };
      return { employee: toNormalizedEmployee(externalId, user, facts) };
    },
  );
}

interface Dates {
  startDate: string | null;
  terminationDate: string | null;
  today: string;
}

function toNormalizedEmployee(id: string, user: ScimUser, dates: Dates): NormalizedEmployee {
  const enterprise = user[SCIM_ENTERPRISE_USER];
  const address = workAddress(user.addresses);
  const { startDate, terminationDate, today } = dates;
  return {
    externalId: id,
    employeeNumber: cleanText(enterprise?.employeeNumber),
    firstName: cleanText(user.name?.givenName),
    lastName: cleanText(user.name?.familyName),
    workEmail: workEmail(user),
    department: cleanText(enterprise?.department),
    departmentId: null,
    departmentType: null,
    jobTitle: cleanText(user.title),
    employeeType: cleanText(user.userType),
    location: cleanText(address?.locality),
    locationId: null,
    country: cleanText(address?.country),
    managerExternalId: cleanText(enterprise?.manager?.value),
    managerName: cleanText(enterprise?.manager?.displayName),
    // The enterprise manager carries no email (RFC 7643 §4.3); the pipeline resolves the id.
    managerEmail: null,
    employmentStatus: scimEmploymentStatus({
      active: user.active ?? null,
      startDate,
      terminationDate,
      today,
    }),
    startDate,
    // After a rehire the old termination is history, not a date of the current employment.
    terminationDate: isRehire(startDate, terminationDate) ? null : terminationDate,
  };
}

type Typed = { type?: string | null | undefined; primary?: boolean | null | undefined };

const typeOf = (entry: Typed): string | null => cleanText(entry.type)?.toLowerCase() ?? null;

/** The `work` entry, the primary one first; never a `home` or `other` one. */
function pickWork<T extends Typed>(entries: readonly T[] | null | undefined): T | undefined {
  const work = (entries ?? []).filter((entry) => typeOf(entry) === 'work');
  return work.find((entry) => entry.primary === true) ?? work[0];
}

/**
 * `emails[type=work]`, else the primary email when it has no type, else `userName` when it is an
 * email (most providers use the work email as the login). Home and other emails are never taken.
 */
function workEmail(user: ScimUser): string | null {
  const work = cleanEmail(pickWork(user.emails)?.value);
  if (work !== null) return work;
  const untypedPrimary = (user.emails ?? []).find((e) => e.primary === true && typeOf(e) === null);
  return cleanEmail(untypedPrimary?.value) ?? cleanEmail(user.userName);
}

/** Only an address typed `work`: an untyped one may be a home address. */
function workAddress(addresses: ScimUser['addresses']) {
  return pickWork(addresses);
}

/**
 * A configured extension date, read straight from the raw record (the schema strips everything
 * else): `YYYY-MM-DD`, or the date part of an RFC 3339 date-time (SCIM `dateTime`).
 */
function extensionDate(raw: unknown, path: string | undefined): string | null {
  if (path === undefined || typeof raw !== 'object' || raw === null) return null;
  const { schema, attribute } = splitExtensionPath(path);
  const extension = valueOf(raw, schema);
  if (typeof extension !== 'object' || extension === null) return null;
  const value = valueOf(extension, attribute);
  return typeof value === 'string' ? parseIsoDateOrDateTime(value) : null;
}

/** SCIM attribute names and schema URNs are case-insensitive (RFC 7643 §2.1). */
function valueOf(container: object, key: string): unknown {
  const wanted = key.toLowerCase();
  const found = Object.keys(container).find((k) => k.toLowerCase() === wanted);
  return found === undefined ? undefined : (container as Record<string, unknown>)[found];
}
