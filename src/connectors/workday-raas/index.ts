import { z } from 'zod';
import { NEVER_ACCESSED, defineConnector } from '../connector.ts';
import type { ConnectorContext, FetchItem } from '../connector.ts';
import { streamJsonArray } from '../http/stream-json-array.ts';
import {
  WORKDAY_ALLOWED_HOSTS,
  workdayBaseUrlField,
  workdayHostField,
  workdayPasswordField,
  workdayTenantField,
  workdayUsernameField,
} from '../workday/config.ts';
import { errorForStatus } from '../workday/errors.ts';
import {
  DEFAULT_RAAS_COLUMNS,
  RAAS_COLUMN_KEYS,
  RAAS_DENIED_COLUMNS,
  isDeniedColumn,
  reportPath,
  resolveColumns,
  type RaasColumnKey,
} from './api.ts';
import { mapRaasEntry } from './map.ts';
import { recordErrorItem } from '../mapping.ts';

/** Workday runs the whole report before the first byte: give it time. */
const REPORT_TIMEOUT_MS = 300_000;

const pathSegment = (title: string, description: string) =>
  z
    .string()
    .trim()
    .min(1)
    .regex(/^[^/?#\s]+$/, 'one URL path segment: no slashes, spaces, ? or #')
    .meta({ title, description });

const alias = z
  .string()
  .trim()
  .min(1)
  .refine((value) => !isDeniedColumn(value), 'this column names sensitive data: remove it');

const columnsShape = Object.fromEntries(
  RAAS_COLUMN_KEYS.map((key) => [key, alias.optional()]),
) as Record<RaasColumnKey, z.ZodOptional<typeof alias>>;

export const workdayRaasConfigSchema = z.object({
  host: workdayHostField,
  tenant: workdayTenantField,
  username: workdayUsernameField,
  password: workdayPasswordField,
  reportOwner: pathSegment(
    'Report owner',
    'The user name of the report owner, as in the report URL (…/customreport2/<tenant>/<owner>/…).',
  ),
  reportName: pathSegment(
    'Report name',
    'The report name as in its web service URL, e.g. Rollcall_Workers.',
  ),
  prompts: z
    .record(
      z.string().regex(/^(?!format$)[A-Za-z0-9_]+$/, 'a prompt name (not "format")'),
      z.string(),
    )
    .optional()
    .meta({
      title: 'Report prompts',
      description:
        'Prompt values sent as query parameters, e.g. {"Include_Terminated_Workers": "1"}.',
    }),
  columns: z
    .object(columnsShape)
    .strict()
    .optional()
    .meta({
      title: 'Column aliases',
      description:
        'The report column alias for each field, where it differs from the default ' +
        '(workdayID, employeeID, firstName, lastName, primaryWorkEmail, …).',
    }),
  baseUrl: workdayBaseUrlField,
});

export type WorkdayRaasConfig = z.infer<typeof workdayRaasConfigSchema>;

/**
 * Workday through a RaaS custom report (NOTES §1): the privacy-preferred way, since the report
 * the customer builds decides which fields leave Workday. One request, the whole report.
 */
export const workdayRaas = defineConnector<WorkdayRaasConfig>({
  id: 'workday-raas',
  name: 'Workday (custom report)',
  maturity: 'beta',
  docs: 'docs/connectors/workday-raas.md',
  configSchema: workdayRaasConfigSchema,
  secretFields: ['password'],
  allowedHosts: WORKDAY_ALLOWED_HOSTS,
  rateLimit: {
    requestsPerSecond: 1,
    burst: 1,
    description:
      'Workday publishes no rate limit for reports (assumed: report runs share tenant ' +
      'capacity). Rollcall runs the report once per sync and waits as told on 429/503 with ' +
      'Retry-After.',
  },
  requestedFields: Object.values(DEFAULT_RAAS_COLUMNS),
  // RaaS has no field selection in the request: the report decides, the mapper reads its aliases.
  fieldSelection: 'parse',
  providedFields: [
    'externalId',
    'employeeNumber',
    'firstName',
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
    'employmentStatus',
    'startDate',
    'terminationDate',
  ],
  deniedFields: RAAS_DENIED_COLUMNS,
  neverAccessed: NEVER_ACCESSED,
  defaultBaseUrl: (config) => `https://${config.host}`,
  fetch: fetchReport,
});

async function* fetchReport(ctx: ConnectorContext<WorkdayRaasConfig>): AsyncGenerator<FetchItem> {
  const { tenant, reportOwner, reportName, username, password } = ctx.config;
  const columns = resolveColumns(ctx.config.columns);
  const response = await ctx.http.request({
    method: 'GET',
    path: reportPath(tenant, reportOwner, reportName),
    query: { ...ctx.config.prompts, format: 'json' },
    headers: { accept: 'application/json' },
    auth: { type: 'basic', username, password },
    operation: 'custom-report',
    timeoutMs: REPORT_TIMEOUT_MS,
  });
  if (response.status !== 200) {
    await response.discard();
    throw errorForStatus(response.status, 'custom report');
  }
  let employees = 0;
  let recordErrors = 0;
  let noLifecycle = 0;
  const entries = streamJsonArray(response, {
    field: 'Report_Entry',
    what: 'the Workday custom report',
    signal: ctx.signal,
  });
  for await (const entry of entries) {
    const result = mapRaasEntry(entry, { today: ctx.today, columns });
    if (result.ok) {
      employees += 1;
      if (result.noLifecycle) noLifecycle += 1;
      yield { kind: 'employee', employee: result.employee };
    } else {
      recordErrors += 1;
      yield recordErrorItem(result);
    }
  }
  if (noLifecycle > 0) {
    ctx.log.warn(
      { connector: 'workday-raas', noLifecycle },
      'workday-raas: report rows without active, terminated or termination date columns were ' +
        'kept active; add those fields to the report (or map their aliases) to see leavers',
    );
  }
  ctx.log.info(
    { connector: 'workday-raas', employees, recordErrors, requestId: response.requestId },
    'workday-raas custom report read',
  );
}
