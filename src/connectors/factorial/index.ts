import { z } from 'zod';
import { baseUrlSchema } from '../schemas.ts';
import { ConnectorError, NEVER_ACCESSED, defineConnector } from '../connector.ts';
import { BROKEN_BODY_CODES, isPageError, pageErrorItem } from '../errors.ts';
import type { ConnectorContext, FetchItem } from '../connector.ts';
import type { HttpAuth } from '../http/types.ts';
import { FACTORIAL_DENIED_FIELDS, FACTORIAL_REQUESTED_FIELDS } from './api.ts';
import { createLookups } from './lookups.ts';
import { mapFactorialEmployee } from './map.ts';
import { RESOURCE_NAMES, readPages } from './paging.ts';
import { recordErrorItem } from '../mapping.ts';

const secret = (title: string, description: string) =>
  z.string().trim().min(1).optional().meta({ title, description });

export const factorialConfigSchema = z
  .object({
    apiKey: secret(
      'API key',
      'A company API key (Factorial: Configuration → API → Create API key). Sent as x-api-key.',
    ),
    accessToken: secret(
      'OAuth access token',
      'Instead of an API key: a token from an OAuth app with the read scope. Leave empty when ' +
        'you use an API key.',
    ),
    baseUrl: baseUrlSchema.meta({
      title: 'Base URL',
      description:
        'https://api.eu2.demo.factorial.dev for a demo account; otherwise leave empty ' +
        '(https://api.factorialhr.com).',
    }),
  })
  .refine((c) => (c.apiKey === undefined) !== (c.accessToken === undefined), {
    message: 'give either an API key or an OAuth access token, not both',
    path: ['apiKey'],
  });

export type FactorialConfig = z.infer<typeof factorialConfigSchema>;

/** `x-api-key: <key>` (no prefix) or `Authorization: Bearer <token>` (NOTES §1). */
export function factorialAuth(config: FactorialConfig): HttpAuth {
  if (config.apiKey !== undefined)
    return { type: 'header', name: 'x-api-key', value: config.apiKey };
  if (config.accessToken !== undefined) return { type: 'bearer', token: config.accessToken };
  throw new ConnectorError(
    'auth_failed',
    'The Factorial connection has no API key or access token.',
    false,
  );
}

/**
 * Factorial through its versioned resource API (NOTES §2): teams, locations and contract versions
 * are read whole first (they hold department, location, job title and hire date), then employees,
 * terminated ones included, page by page with `after_id` cursors.
 */
export const factorial = defineConnector<FactorialConfig>({
  id: 'factorial',
  name: 'Factorial',
  maturity: 'beta',
  docs: 'docs/connectors/factorial.md',
  configSchema: factorialConfigSchema,
  secretFields: ['apiKey', 'accessToken'],
  allowedHosts: ['api.factorialhr.com', 'api.eu2.demo.factorial.dev'],
  rateLimit: {
    requestsPerSecond: 200 / 60,
    burst: 10,
    description:
      'Factorial documents 200 requests per minute for POST; GET limits are not published and ' +
      'it answers 429 when throttling. Rollcall reads at most 200 requests per minute (100 ' +
      'records each) and waits out 429 with Retry-After.',
  },
  requestedFields: FACTORIAL_REQUESTED_FIELDS,
  // No field selection in Factorial's API: the schemas read these fields and drop the rest.
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
    'location',
    'locationId',
    'country',
    'managerExternalId',
    'employmentStatus',
    'startDate',
    'terminationDate',
  ],
  deniedFields: FACTORIAL_DENIED_FIELDS,
  neverAccessed: NEVER_ACCESSED,
  defaultBaseUrl: () => 'https://api.factorialhr.com',
  fetch: fetchFactorial,
});

async function* fetchFactorial(ctx: ConnectorContext<FactorialConfig>): AsyncGenerator<FetchItem> {
  const auth = factorialAuth(ctx.config);
  const { teams, locations, contracts, lookups, skipped } = createLookups(ctx.today);
  // A failure here is fatal: mapping without the joins would blank everyone's department or title.
  for await (const page of readPages(ctx, 'teams', auth)) page.records.forEach((r) => teams.add(r));
  for await (const page of readPages(ctx, 'locations', auth)) {
    page.records.forEach((r) => locations.add(r));
  }
  for await (const page of readPages(ctx, 'contractVersions', auth)) {
    page.records.forEach((r) => contracts.add(r));
  }

  let employees = 0;
  let recordErrors = 0;
  let pages = 0;
  // Both flags are marked required in the OAS: terminated people and non-managers included.
  const employeePages = readPages(ctx, 'employees', auth, {
    only_active: false,
    only_managers: false,
  });
  try {
    for await (const page of employeePages) {
      pages = page.number;
      for (const record of page.records) {
        const result = mapFactorialEmployee(record, { today: ctx.today, lookups });
        if (result.ok) {
          employees++;
          yield { kind: 'employee', employee: result.employee };
        } else {
          recordErrors++;
          yield recordErrorItem(result);
        }
      }
    }
  } catch (error) {
    // Auth, permission and lasting server failures stop the sync. A page whose body is broken
    // leaves the snapshot incomplete (nobody is deactivated as missing); the next cursor is
    // unknown, so reading stops there.
    if (!isPageError(error, BROKEN_BODY_CODES)) throw error;
    yield pageErrorItem(`${RESOURCE_NAMES.employees}, page ${pages + 1}`, error);
  }
  const unusable = skipped();
  if (unusable.teams + unusable.locations + unusable.contractVersions > 0) {
    ctx.log.warn(
      { connector: 'factorial', unusable },
      'factorial: some teams, locations or contract versions had no usable id or date and were ignored',
    );
  }
  ctx.log.info(
    { connector: 'factorial', employees, recordErrors, pages },
    'factorial employees read',
  );
}
