import { z } from 'zod';
import { baseUrlSchema } from '../schemas.ts';
import { NEVER_ACCESSED, defineConnector } from '../connector.ts';
import type { ConnectorContext, FetchItem } from '../connector.ts';
import {
  BAMBOOHR_DENIED_FIELDS,
  BAMBOOHR_REQUESTED_FIELDS,
  assertRequestedFieldsAllowed,
} from './api.ts';
import { errorForStatus } from './errors.ts';
import { mapBambooHrEmployee } from './map.ts';
import { streamReportRows } from './stream.ts';
import { recordErrorItem } from '../mapping.ts';

// Fail at import, long before a request could ask for a sensitive field.
assertRequestedFieldsAllowed(BAMBOOHR_REQUESTED_FIELDS);

export const bambooHrConfigSchema = z.object({
  companyDomain: z
    .string()
    .trim()
    // Spelled without the `i` flag so the JSON Schema pattern means the same in a form.
    .regex(/^[A-Za-z0-9-]+$/, 'the company domain is the part before .bamboohr.com, e.g. "acme"')
    .meta({
      title: 'Company domain',
      description: 'The part before .bamboohr.com: "acme" for https://acme.bamboohr.com.',
    }),
  apiKey: z
    .string()
    .min(1, 'the API key is required')
    .meta({ title: 'API key', description: 'An API key of a dedicated BambooHR user.' }),
  baseUrl: baseUrlSchema.meta({
    title: 'Base URL',
    description: 'Only for proxies and tests; defaults to https://api.bamboohr.com.',
  }),
});

export type BambooHrConfig = z.infer<typeof bambooHrConfigSchema>;

/** The title sent with the report request (BambooHR echoes it in the response). */
export const BAMBOOHR_REPORT_TITLE = 'Rollcall directory sync';

/** The report path for a company (legacy gateway host style, NOTES §1). */
export function bambooHrReportPath(companyDomain: string): string {
  return `/api/gateway.php/${encodeURIComponent(companyDomain)}/v1/reports/custom`;
}

/**
 * BambooHR through one custom report (NOTES §3 A): the whole company, terminated people and
 * future hires included, in one streamed response.
 */
export const bamboohr = defineConnector<BambooHrConfig>({
  id: 'bamboohr',
  name: 'BambooHR',
  maturity: 'stable',
  docs: 'docs/connectors/bamboohr.md',
  configSchema: bambooHrConfigSchema,
  secretFields: ['apiKey'],
  allowedHosts: ['api.bamboohr.com', '*.bamboohr.com'],
  rateLimit: {
    requestsPerSecond: 2,
    burst: 5,
    description:
      'BambooHR publishes no number: it throttles requests it deems too frequent with 503 ' +
      '(429 from 2026-09-16) and Retry-After. Rollcall declares a polite 2 requests/s, burst 5, ' +
      'and a sync sends one request.',
  },
  requestedFields: BAMBOOHR_REQUESTED_FIELDS,
  providedFields: [
    'externalId',
    'employeeNumber',
    'firstName',
    'lastName',
    'workEmail',
    'department',
    'jobTitle',
    'employeeType',
    'location',
    'managerExternalId',
    'managerName',
    'managerEmail',
    'employmentStatus',
    'startDate',
    'terminationDate',
  ],
  deniedFields: BAMBOOHR_DENIED_FIELDS,
  neverAccessed: NEVER_ACCESSED,
  defaultBaseUrl: () => 'https://api.bamboohr.com',
  fetch: fetchBambooHr,
});

async function* fetchBambooHr(ctx: ConnectorContext<BambooHrConfig>): AsyncGenerator<FetchItem> {
  const { companyDomain, apiKey } = ctx.config;
  const response = await ctx.http.request({
    method: 'POST',
    path: bambooHrReportPath(companyDomain),
    // onlyCurrent=false keeps future hires in the report (see map.ts for its effect on labels).
    query: { format: 'JSON', onlyCurrent: 'false' },
    body: { title: BAMBOOHR_REPORT_TITLE, fields: [...BAMBOOHR_REQUESTED_FIELDS] },
    auth: { type: 'basic', username: apiKey, password: 'x' },
    operation: 'custom-report',
  });
  if (response.status !== 200) {
    const error = errorForStatus(response.status, response.headers, companyDomain);
    await response.discard();
    throw error;
  }
  let employees = 0;
  let recordErrors = 0;
  for await (const row of streamReportRows(response, ctx.signal)) {
    const result = mapBambooHrEmployee(row, { today: ctx.today });
    if (result.ok) {
      employees++;
      yield { kind: 'employee', employee: result.employee };
    } else {
      recordErrors++;
      yield recordErrorItem(result);
    }
  }
  ctx.log.info(
    { connector: 'bamboohr', employees, recordErrors, requestId: response.requestId },
    'bamboohr report read',
  );
}
