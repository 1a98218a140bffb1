import { z } from 'zod';
import { baseUrlSchema } from '../schemas.ts';
import { ConnectorError, NEVER_ACCESSED, defineConnector } from '../connector.ts';
import type { ConnectorContext, FetchItem } from '../connector.ts';
import {
  DEEL_DENIED_FIELDS,
  DEEL_PAGE_SIZE,
  DEEL_PRODUCTION_ORIGIN,
  DEEL_REQUESTED_FIELDS,
  DEEL_SANDBOX_HOST,
} from './api.ts';
import { mapDeelPerson } from './map.ts';
import { readPeoplePage } from './pages.ts';
import { recordErrorItem } from '../mapping.ts';

export const deelConfigSchema = z.object({
  apiToken: z
    .string()
    .trim()
    .min(1, 'the API token is required')
    .regex(/^\S+$/, 'the API token has no spaces')
    .meta({
      title: 'API token',
      description:
        'An organization API token from Deel (Developer Center → Tokens) with the people:read ' +
        'scope. Deel shows it once.',
    }),
  baseUrl: baseUrlSchema.meta({
    title: 'Base URL',
    description:
      'https://api-sandbox.demo.deel.com for a Deel sandbox; otherwise leave empty ' +
      '(https://api.letsdeel.com).',
  }),
});

export type DeelConfig = z.infer<typeof deelConfigSchema>;

/** Consecutive unreadable pages after which the run stops (the API is not answering). */
const MAX_CONSECUTIVE_PAGE_ERRORS = 3;

/**
 * Deel through the REST API v2 people list (NOTES §2): everyone, inactive people included, 100
 * per page, with department and direct manager inline, so one list is all it reads.
 */
export const deel = defineConnector<DeelConfig>({
  id: 'deel',
  name: 'Deel',
  maturity: 'beta',
  docs: 'docs/connectors/deel.md',
  configSchema: deelConfigSchema,
  secretFields: ['apiToken'],
  allowedHosts: ['api.letsdeel.com', DEEL_SANDBOX_HOST],
  rateLimit: {
    // Deel counts a rolling second: 4 per second, one at a time, never reaches 5 in any window.
    requestsPerSecond: 4,
    burst: 1,
    description:
      'Deel allows 5 requests per second per organization, shared by every token, and answers ' +
      '429 without rate-limit headers beyond that. Rollcall sends at most 4 per second and ' +
      'backs off on 429.',
  },
  // Deel has no field selection: whole people arrive and the parser keeps only these fields.
  fieldSelection: 'parse',
  requestedFields: DEEL_REQUESTED_FIELDS,
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
    'country',
    'managerExternalId',
    'managerName',
    'managerEmail',
    'employmentStatus',
    'startDate',
    'terminationDate',
  ],
  deniedFields: DEEL_DENIED_FIELDS,
  neverAccessed: NEVER_ACCESSED,
  defaultBaseUrl: () => DEEL_PRODUCTION_ORIGIN,
  fetch: fetchDeel,
});

async function* fetchDeel(ctx: ConnectorContext<DeelConfig>): AsyncGenerator<FetchItem> {
  const seen = new Set<string>();
  const counts = { employees: 0, recordErrors: 0, pageErrors: 0, pages: 0, duplicates: 0 };
  let totalRows: number | null = null;
  let consecutiveErrors = 0;
  for (let offset = 0; totalRows === null || offset < totalRows; offset += DEEL_PAGE_SIZE) {
    const page = await readPeoplePage(ctx, offset);
    counts.pages++;
    if (!page.ok) {
      counts.pageErrors++;
      if (++consecutiveErrors >= MAX_CONSECUTIVE_PAGE_ERRORS) throw page.error;
      // The page size is fixed, so the next page starts where it would have anyway.
      const { code, message } = page.error;
      yield { kind: 'page_error', page: `offset ${offset}`, code, message };
      continue;
    }
    consecutiveErrors = 0;
    totalRows = page.totalRows ?? totalRows;
    let fresh = 0;
    for (const element of page.people) {
      const result = mapDeelPerson(element, { today: ctx.today });
      const id = result.ok ? result.employee.externalId : result.externalId;
      // Offset paging over a list that changes mid-run can repeat a person: keep the first.
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
    // Deel may leave `page` out (NOTES §3): a short page is then the last one.
    if (page.people.length < DEEL_PAGE_SIZE) break;
    if (fresh === 0) {
      throw new ConnectorError(
        'invalid_payload',
        `Deel answered the people page at offset ${offset} with people it had already sent: ` +
          'offset paging is not being honoured, so the list would never end.',
        true,
      );
    }
  }
  ctx.log.info({ connector: 'deel', ...counts, totalRows }, 'deel people read');
}
