import { z } from 'zod';
import { looseTextSchema } from '../schemas.ts';

/**
 * Raw shapes of BambooHR's custom report (`POST /v1/reports/custom?format=JSON`), as sent.
 * Source: shared/providers/bamboohr/NOTES.md §3 (endpoint A) and §5 (field ids).
 */

/**
 * The exact field ids Rollcall asks for, in request order. Each one feeds a NormalizedEmployee
 * field (see map.ts and docs/connectors/bamboohr.md); nothing is asked "just in case".
 * Deliberately absent:
 * - `supervisorId`: it is the manager's employee *number*, not their id; `supervisorEId` is the id.
 * - `division`: NormalizedEmployee has no place for it.
 * - `bestEmail`: it falls back to the *home* email; `country`: the *home-address* country.
 */
export const BAMBOOHR_REQUESTED_FIELDS = [
  'id',
  'employeeNumber',
  'firstName',
  'lastName',
  'preferredName',
  'workEmail',
  'department',
  'jobTitle',
  'employmentHistoryStatus',
  'location',
  'status',
  'hireDate',
  'terminationDate',
  'supervisorEId',
  'supervisor',
  'supervisorEmail',
] as const;

export type BambooHrRequestedField = (typeof BAMBOOHR_REQUESTED_FIELDS)[number];

/**
 * Vendor field ids that must never be requested (NOTES §5 "Sensitive fields", plus their close
 * relatives). `compensation*`, `bonus*` and `commission*` are prefixes: see `isDeniedBambooHrField`.
 */
export const BAMBOOHR_DENIED_FIELDS = [
  // national ids
  'ssn',
  'sin',
  'nin',
  'nationalId',
  // birth date
  'dateOfBirth',
  'birthday',
  'age',
  // EEO and demographics
  'gender',
  'maritalStatus',
  'ethnicity',
  'eeo',
  // home address and personal contact
  'address1',
  'address2',
  'city',
  'state',
  'zipcode',
  'country',
  'homeEmail',
  'homePhone',
  'mobilePhone',
  'bestEmail',
  // compensation
  'payRate',
  'payType',
  'payPer',
  'paidPer',
  'payGroup',
  'payGroupId',
  'payChangeReason',
  'exempt',
  'compensation',
  'compensationPayRate',
  'bonus',
  'bonusAmount',
  'bonusDate',
  'bonusReason',
  'bonusComment',
  'commission',
  'commissionAmount',
  'commissionDate',
  'commissionComment',
] as const;

const DENIED_PREFIXES = ['compensation', 'bonus', 'commission', 'pay'] as const;

/** True for a denied field id, including the `compensation*`, `bonus*`, `commission*`, `pay*` families. */
export function isDeniedBambooHrField(field: string): boolean {
  const lower = field.toLowerCase();
  return (
    BAMBOOHR_DENIED_FIELDS.some((denied) => denied.toLowerCase() === lower) ||
    DENIED_PREFIXES.some((prefix) => lower.startsWith(prefix))
  );
}

/**
 * One report value. BambooHR sends strings or `null`; `""`, `null` and a missing key all mean
 * unknown. A number is tolerated (the `id` column is typed "int" in the report's field list).
 */
const rawValue = looseTextSchema;

/**
 * One row of the report's `employees` array. Unknown keys are stripped while parsing, so a field
 * we did not request (e.g. a sensitive one a misconfigured server sends anyway) goes no further.
 */
export const bambooHrReportRowSchema = z.object(
  Object.fromEntries(BAMBOOHR_REQUESTED_FIELDS.map((field) => [field, rawValue])) as Record<
    BambooHrRequestedField,
    typeof rawValue
  >,
);

export type BambooHrReportRow = z.infer<typeof bambooHrReportRowSchema>;

/** The report request body (NOTES §3 A). */
export interface BambooHrReportRequest {
  title: string;
  fields: readonly BambooHrRequestedField[];
}

/** Throws when a requested field is denied; runs at import of the connector and in a test. */
export function assertRequestedFieldsAllowed(requested: readonly string[]): void {
  const denied = requested.filter(isDeniedBambooHrField);
  if (denied.length > 0) {
    throw new Error(`BambooHR connector requests denied (sensitive) fields: ${denied.join(', ')}`);
  }
}
