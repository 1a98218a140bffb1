import { z } from 'zod';

/**
 * Workday Report-as-a-Service (NOTES §2, §4): a custom report the customer builds, shared with
 * the integration system user and read as JSON, `{"Report_Entry": [ {alias: value, …}, … ]}`.
 * The customer's report names the columns, so the aliases are configurable.
 */

/** `GET /ccx/service/customreport2/{tenant}/{owner}/{report}?format=json` (RAAS-DOC). */
export function reportPath(tenant: string, owner: string, report: string): string {
  return ['', 'ccx', 'service', 'customreport2', tenant, owner, report]
    .map(encodeURIComponent)
    .join('/');
}

/** What a report column can feed: NormalizedEmployee fields plus the lifecycle inputs. */
export const RAAS_COLUMN_KEYS = [
  'externalId',
  'employeeNumber',
  'firstName',
  'preferredFirstName',
  'lastName',
  'workEmail',
  'department',
  'departmentId',
  'jobTitle',
  'employeeType',
  'location',
  'locationId',
  'country',
  'managerExternalId',
  'managerName',
  'managerEmail',
  'active',
  'terminated',
  'startDate',
  'terminationDate',
] as const;

export type RaasColumnKey = (typeof RAAS_COLUMN_KEYS)[number];
export type RaasColumns = Record<RaasColumnKey, string>;

/**
 * The default aliases: the ones Workday suggests for the business objects' fields (as in the
 * public RaaS examples, RAAS-EX), e.g. `workdayID`, `primaryWorkEmail`, `businessTitle`.
 */
export const DEFAULT_RAAS_COLUMNS: RaasColumns = {
  externalId: 'workdayID',
  employeeNumber: 'employeeID',
  firstName: 'firstName',
  preferredFirstName: 'preferredFirstName',
  lastName: 'lastName',
  workEmail: 'primaryWorkEmail',
  department: 'supervisoryOrganization',
  departmentId: 'supervisoryOrganizationID',
  jobTitle: 'businessTitle',
  employeeType: 'employeeType',
  location: 'location',
  locationId: 'locationID',
  country: 'workAddressCountry',
  managerExternalId: 'managerWorkdayID',
  managerName: 'managerName',
  managerEmail: 'managerEmail',
  active: 'active',
  terminated: 'terminated',
  startDate: 'hireDate',
  terminationDate: 'terminationDate',
};

/** The configured aliases over the defaults. */
export function resolveColumns(
  overrides: { [K in RaasColumnKey]?: string | undefined } | undefined,
): RaasColumns {
  const set = Object.entries(overrides ?? {}).filter(([, alias]) => alias !== undefined);
  return { ...DEFAULT_RAAS_COLUMNS, ...(Object.fromEntries(set) as Partial<RaasColumns>) };
}

/**
 * Columns a report should never have; when it has them anyway, the mapper never reads them (it
 * reads only the configured aliases). The config refuses to map a field to any of these.
 */
export const RAAS_DENIED_COLUMNS = [
  'dateOfBirth',
  'birthDate',
  'nationalID',
  'ssn',
  'homeAddress',
  'homePhone',
  'personalEmail',
  'gender',
  'ethnicity',
  'maritalStatus',
  'basePay',
  'totalBasePay',
] as const;

/** An alias that names sensitive data, whatever the report author called it. */
const SENSITIVE_ALIAS =
  /birth|ssn|national_?id|passport|salary|compensation|base_?pay|gender|ethnic|race|disab|veteran|marital|home_?(address|phone|email)|personal_?(email|phone)|bank/i;

export function isDeniedColumn(alias: string): boolean {
  const lower = alias.trim().toLowerCase();
  return (
    RAAS_DENIED_COLUMNS.some((denied) => denied.toLowerCase() === lower) ||
    SENSITIVE_ALIAS.test(alias)
  );
}

/**
 * One cell as RaaS may send it: text, a number or boolean, null, a reference object (its
 * `Descriptor`), or a multi-instance list (its first value). Anything else is unknown.
 */
export const raasCellSchema = z
  .union([
    z.string(),
    z.number().transform(String),
    z.boolean().transform((b) => (b ? '1' : '0')),
    z.null(),
    z.object({ Descriptor: z.string() }).transform((o) => o.Descriptor),
    z.array(z.union([z.string(), z.object({ Descriptor: z.string() })])).transform((list) => {
      const first = list[0];
      return first === undefined ? null : typeof first === 'string' ? first : first.Descriptor;
    }),
  ])
  .optional()
  .catch(null);
