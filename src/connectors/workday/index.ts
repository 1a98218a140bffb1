import { z } from 'zod';
import { NEVER_ACCESSED, defineConnector } from '../connector.ts';
import type { ConnectorContext, FetchItem } from '../connector.ts';
import {
  WORKDAY_DEFAULT_API_VERSION,
  WORKDAY_DEFAULT_PAGE_SIZE,
  WORKDAY_DENIED_FIELDS,
  WORKDAY_MAX_PAGE_SIZE,
  WORKDAY_REQUESTED_FIELDS,
} from './api.ts';
import {
  WORKDAY_ALLOWED_HOSTS,
  workdayBaseUrlField,
  workdayHostField,
  workdayPasswordField,
  workdayTenantField,
  workdayUsernameField,
} from './config.ts';
import { fetchWorkers } from './fetch.ts';

export const workdayConfigSchema = z.object({
  host: workdayHostField,
  tenant: workdayTenantField,
  username: workdayUsernameField,
  password: workdayPasswordField,
  apiVersion: z
    .string()
    .trim()
    .regex(/^v\d+\.\d+$/, 'a WWS version such as v44.0')
    .optional()
    .meta({
      title: 'API version',
      description: `Workday Web Services version (default ${WORKDAY_DEFAULT_API_VERSION}).`,
    }),
  pageSize: z
    .number()
    .int()
    .min(1)
    .max(WORKDAY_MAX_PAGE_SIZE)
    .optional()
    .meta({
      title: 'Workers per page',
      description: `Get_Workers page size (default ${WORKDAY_DEFAULT_PAGE_SIZE}).`,
    }),
  baseUrl: workdayBaseUrlField,
});

export type WorkdayConfig = z.infer<typeof workdayConfigSchema>;

/**
 * Workday through SOAP `Get_Workers` (NOTES §1, §3): every worker, terminated included, page by
 * page. Get_Workers has no field projection, so the XML reader keeps only allowlisted elements.
 */
export const workday = defineConnector<WorkdayConfig>({
  id: 'workday',
  name: 'Workday',
  maturity: 'beta',
  docs: 'docs/connectors/workday.md',
  configSchema: workdayConfigSchema,
  secretFields: ['password'],
  allowedHosts: WORKDAY_ALLOWED_HOSTS,
  rateLimit: {
    requestsPerSecond: 1,
    burst: 1,
    description:
      'Workday publishes no rate limit for its web services (assumed: requests share tenant ' +
      'capacity). Rollcall fetches Get_Workers pages one at a time, at most one per second, and ' +
      'waits as told on 429/503 with Retry-After.',
  },
  requestedFields: WORKDAY_REQUESTED_FIELDS,
  // Get_Workers has no field projection: the XML reader keeps only these paths.
  fieldSelection: 'parse',
  providedFields: [
    'externalId',
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
    'employmentStatus',
    'startDate',
    'terminationDate',
  ],
  deniedFields: WORKDAY_DENIED_FIELDS,
  neverAccessed: NEVER_ACCESSED,
  defaultBaseUrl: (config) => `https://${config.host}`,
  fetch: fetchWorkday,
});

function fetchWorkday(ctx: ConnectorContext<WorkdayConfig>): AsyncGenerator<FetchItem> {
  return fetchWorkers(ctx);
}
