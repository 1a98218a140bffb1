import { z } from 'zod';
import { baseUrlSchema } from '../schemas.ts';
import { ConnectorError, NEVER_ACCESSED, defineConnector } from '../connector.ts';
import type { ConnectorContext, FetchItem } from '../connector.ts';
import {
  NAMELY_DENIED_FIELDS,
  NAMELY_PER_PAGE,
  NAMELY_PROFILES_PATH,
  NAMELY_REQUESTED_FIELDS,
  NAMELY_THROTTLE_STATUS,
  assertRequestedFieldsAllowed,
  namelyPageSchema,
} from './api.ts';
import { isPageError } from '../errors.ts';
import { errorForStatus, readErrorReason } from './errors.ts';
import { groupsById, mapNamelyProfile } from './map.ts';
import { recordErrorItem } from '../mapping.ts';

// Fail at import, long before the mapper could read a sensitive field.
assertRequestedFieldsAllowed(NAMELY_REQUESTED_FIELDS);

export const namelyConfigSchema = z.object({
  company: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'the company is the part before .namely.com, e.g. "acme"')
    .meta({
      title: 'Company',
      description: 'The part before .namely.com: "acme" for https://acme.namely.com.',
    }),
  token: z.string().min(1, 'the personal access token is required').meta({
    title: 'Personal access token',
    description: 'Created by an administrator under Admin → API → Personal Access Tokens.',
  }),
  baseUrl: baseUrlSchema.meta({
    title: 'Base URL',
    description: 'Only for proxies and tests; defaults to https://<company>.namely.com.',
  }),
});

export type NamelyConfig = z.infer<typeof namelyConfigSchema>;

/** 200k people at 50 a page is 4,000 pages: anything far beyond is a paging loop. */
const MAX_PAGES = 20_000;

/** Body failures that lose one page, not the run. */

/**
 * Namely through its profiles list (NOTES §2–§3): active, pending and inactive people, 50 a page,
 * each page with the groups (departments, offices) its profiles link to.
 */
export const namely = defineConnector<NamelyConfig>({
  id: 'namely',
  name: 'Namely',
  maturity: 'beta',
  docs: 'docs/connectors/namely.md',
  configSchema: namelyConfigSchema,
  secretFields: ['token'],
  allowedHosts: ['*.namely.com'],
  rateLimit: {
    requestsPerSecond: 1.5,
    burst: 5,
    description:
      'Namely allows 100 profile requests per minute and answers 406 (not 429, no Retry-After) ' +
      'beyond that. Rollcall stays near 90 per minute (50 profiles each), retries 406 like a ' +
      '429 with backoff, and never retries 401/403.',
  },
  requestedFields: NAMELY_REQUESTED_FIELDS,
  // No field selection: whole profiles come back, and the parser keeps only these fields.
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
  deniedFields: NAMELY_DENIED_FIELDS,
  neverAccessed: NEVER_ACCESSED,
  defaultBaseUrl: (config) => `https://${config.company.trim().toLowerCase()}.namely.com`,
  fetch: fetchNamely,
});

async function* fetchNamely(ctx: ConnectorContext<NamelyConfig>): AsyncGenerator<FetchItem> {
  const counters = { employees: 0, recordErrors: 0, pageErrors: 0, duplicates: 0, pages: 0 };
  const seen = new Set<string>();
  let totalCount: number | null = null;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const where = `${NAMELY_PROFILES_PATH}?page=${page}`;
    const response = await ctx.http.request({
      method: 'GET',
      path: NAMELY_PROFILES_PATH,
      query: { page, per_page: NAMELY_PER_PAGE },
      auth: { type: 'bearer', token: ctx.config.token },
      throttleStatuses: [NAMELY_THROTTLE_STATUS],
      operation: 'profiles-page',
    });
    if (response.status !== 200) {
      throw errorForStatus(response.status, await readErrorReason(response));
    }
    counters.pages++;
    let body: unknown;
    let problem: { code: string; message: string } | null = null;
    try {
      body = await response.json();
    } catch (error) {
      if (!isPageError(error)) throw error;
      problem = { code: error.code, message: error.message };
    }
    const parsed = problem === null ? namelyPageSchema.safeParse(body) : null;
    if (parsed?.success !== true) {
      counters.pageErrors++;
      yield {
        kind: 'page_error',
        page: where,
        ...(problem ?? {
          code: 'invalid_payload',
          message: `profiles page ${page}: the answer is not a {profiles: [...]} page`,
        }),
      };
      // Without a count there is no telling whether more pages follow.
      if (totalCount !== null && page * NAMELY_PER_PAGE < totalCount) continue;
      break;
    }
    const { profiles, meta, linked } = parsed.data;
    totalCount = meta?.total_count ?? totalCount;
    const options = { today: ctx.today, groups: groupsById(linked?.groups ?? []) };
    for (const raw of profiles) {
      const result = mapNamelyProfile(raw, options);
      if (!result.ok) {
        counters.recordErrors++;
        yield recordErrorItem(result);
      } else if (seen.has(result.employee.externalId)) {
        counters.duplicates++;
      } else {
        seen.add(result.employee.externalId);
        counters.employees++;
        yield { kind: 'employee', employee: result.employee };
      }
    }
    // The documented end: a short or empty page (NOTES §3); `count` is not reliable.
    if (profiles.length < NAMELY_PER_PAGE) {
      if (counters.duplicates > 0) {
        ctx.log.warn(
          { connector: 'namely', duplicates: counters.duplicates },
          'namely: profiles listed twice were yielded once (the directory changed while paging)',
        );
      }
      ctx.log.info({ connector: 'namely', ...counters }, 'namely profiles read');
      return;
    }
  }
  if (counters.pages >= MAX_PAGES) {
    throw new ConnectorError(
      'invalid_payload',
      `the Namely profiles list did not end after ${MAX_PAGES} pages; paging is looping`,
      false,
    );
  }
  ctx.log.info({ connector: 'namely', ...counters }, 'namely profiles read');
}
