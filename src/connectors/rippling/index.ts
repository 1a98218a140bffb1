import { z } from 'zod';
import { baseUrlSchema } from '../schemas.ts';
import { ConnectorError, NEVER_ACCESSED, defineConnector } from '../connector.ts';
import { pageErrorItem } from '../errors.ts';
import type { ConnectorContext, FetchItem } from '../connector.ts';
import {
  RIPPLING_DENIED_FIELDS,
  RIPPLING_DEPARTMENTS_PATH,
  RIPPLING_EMPLOYEES_PATH,
  RIPPLING_PAGE_SIZE,
  RIPPLING_PRODUCTION_ORIGIN,
  RIPPLING_REQUESTED_FIELDS,
  RIPPLING_STAGING_HOST,
  RIPPLING_WORK_LOCATIONS_PATH,
  apiPrefixFor,
} from './api.ts';
import { buildRipplingDirectory } from './directory.ts';
import { mapRipplingEmployee } from './map.ts';
import { readPage, readWholeList } from './pages.ts';
import { recordErrorItem } from '../mapping.ts';

export const ripplingConfigSchema = z.object({
  apiKey: z
    .string()
    .trim()
    .min(1, 'the API key is required')
    .regex(/^\S+$/, 'the API key has no spaces')
    .meta({
      title: 'API key',
      description:
        'The key Rippling shows once under Company Settings → API Access, with the read scopes ' +
        'listed on the Rippling connector page.',
    }),
  baseUrl: baseUrlSchema.meta({
    title: 'Base URL',
    description:
      'Leave empty (https://api.rippling.com). https://stage-api.rippling.com only for a ' +
      'Rippling staging account.',
  }),
});

export type RipplingConfig = z.infer<typeof ripplingConfigSchema>;

/** Consecutive unreadable employee pages after which the run stops (the API is not answering). */
const MAX_CONSECUTIVE_PAGE_ERRORS = 3;

/**
 * Rippling through the V1 Platform API (NOTES §2): departments and work locations first (joined
 * to employees by id), then `/employees/include_terminated` in pages of 100 until a short page.
 */
export const rippling = defineConnector<RipplingConfig>({
  id: 'rippling',
  name: 'Rippling',
  maturity: 'beta',
  docs: 'docs/connectors/rippling.md',
  configSchema: ripplingConfigSchema,
  secretFields: ['apiKey'],
  allowedHosts: ['api.rippling.com', RIPPLING_STAGING_HOST],
  rateLimit: {
    requestsPerSecond: 5,
    burst: 5,
    description:
      'Rippling does not publish its API rate limits. Rollcall sends at most 5 requests per ' +
      'second (one sync of 10,000 people is about 100 requests) and waits as told by 429 ' +
      'Retry-After answers.',
  },
  // V1 has no field selection: whole records arrive and the parser keeps only these fields.
  fieldSelection: 'parse',
  requestedFields: RIPPLING_REQUESTED_FIELDS,
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
    'employmentStatus',
    'startDate',
    'terminationDate',
  ],
  deniedFields: RIPPLING_DENIED_FIELDS,
  neverAccessed: NEVER_ACCESSED,
  defaultBaseUrl: () => RIPPLING_PRODUCTION_ORIGIN,
  fetch: fetchRippling,
});

async function* fetchRippling(ctx: ConnectorContext<RipplingConfig>): AsyncGenerator<FetchItem> {
  const { apiKey } = ctx.config;
  const prefix = apiPrefixFor(ctx.config.baseUrl);
  const request = (path: string, what: string, operation: string) => ({
    apiKey,
    path: `${prefix}${path}`,
    what,
    operation,
  });
  const departments = await readWholeList(
    ctx,
    request(RIPPLING_DEPARTMENTS_PATH, 'departments', 'departments'),
  );
  const locations = await readWholeList(
    ctx,
    request(RIPPLING_WORK_LOCATIONS_PATH, 'work locations', 'work-locations'),
  );
  const { directory, skipped } = buildRipplingDirectory(departments, locations);
  if (skipped > 0) {
    ctx.log.warn(
      { connector: 'rippling', skipped },
      'rippling: some departments or work locations have no id and were ignored',
    );
  }

  const employeesRequest = request(RIPPLING_EMPLOYEES_PATH, 'employees', 'employees');
  const seen = new Set<string>();
  const counts = { employees: 0, recordErrors: 0, pageErrors: 0, pages: 0, duplicates: 0 };
  let consecutiveErrors = 0;
  for (let offset = 0; ; offset += RIPPLING_PAGE_SIZE) {
    const page = await readPage(ctx, employeesRequest, offset);
    counts.pages++;
    if (!page.ok) {
      counts.pageErrors++;
      if (++consecutiveErrors >= MAX_CONSECUTIVE_PAGE_ERRORS) throw page.error;
      // The page size is fixed, so the next page starts where it would have anyway.
      yield pageErrorItem(`offset ${offset}`, page.error);
      continue;
    }
    consecutiveErrors = 0;
    let fresh = 0;
    for (const element of page.items) {
      const result = mapRipplingEmployee(element, { today: ctx.today, directory });
      const id = result.ok ? result.employee.externalId : result.externalId;
      // Offset paging over a directory that changes mid-run can repeat a person: keep the first.
      if (id !== null && seen.has(id)) {
        counts.duplicates++;
        continue;
      }
      if (id !== null) seen.add(id);
      fresh++;
      if (result.ok) {
        counts.employees++;
        yield { kind: 'employee', employee: result.employee };
      } else {
        counts.recordErrors++;
        yield recordErrorItem(result);
      }
    }
    if (page.items.length < RIPPLING_PAGE_SIZE) break;
    if (fresh === 0) {
      throw new ConnectorError(
        'invalid_payload',
        `Rippling answered the employees page at offset ${offset} with people it had already ` +
          'sent: offset paging is not being honoured, so the list would never end.',
        true,
      );
    }
  }
  ctx.log.info({ connector: 'rippling', ...counts }, 'rippling employees read');
}
