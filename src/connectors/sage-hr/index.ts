import { z } from 'zod';
import { baseUrlSchema } from '../schemas.ts';
import { NEVER_ACCESSED, defineConnector } from '../connector.ts';
import type { ConnectorContext, FetchItem } from '../connector.ts';
import {
  SAGE_HR_DENIED_FIELDS,
  SAGE_HR_REQUESTED_FIELDS,
  assertRequestedFieldsAllowed,
  type SageHrList,
} from './api.ts';
import {
  buildLookup,
  mapSageHrPerson,
  type SageHrMapOptions,
  type SageHrMapResult,
} from './map.ts';
import { readPages } from './paging.ts';
import { rawRecordId } from '../values.ts';

// Fail at import, long before the mapper could read a sensitive field.
assertRequestedFieldsAllowed(SAGE_HR_REQUESTED_FIELDS);

export const sageHrConfigSchema = z.object({
  subdomain: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'the subdomain is the part before .sage.hr, e.g. "acme"')
    .meta({
      title: 'Subdomain',
      description: 'The part before .sage.hr: "acme" for https://acme.sage.hr.',
    }),
  apiKey: z.string().min(1, 'the API key is required').meta({
    title: 'API key',
    description: 'The API key of a Sage HR administrator (Settings → Integrations → API).',
  }),
  baseUrl: baseUrlSchema.meta({
    title: 'Base URL',
    description:
      'Leave empty (https://<subdomain>.sage.hr). Older accounts may use ' +
      'https://<subdomain>.cakehr.biz.',
  }),
});

export type SageHrConfig = z.infer<typeof sageHrConfigSchema>;

/**
 * Sage HR (formerly cakeHR): the position and team lists (names for ids), then the terminated and
 * the active employee lists, all paged 50 at a time (NOTES §2–§3, §6). A person in both lists is
 * yielded once, with the termination date.
 */
export const sageHr = defineConnector<SageHrConfig>({
  id: 'sage-hr',
  name: 'Sage HR',
  maturity: 'beta',
  docs: 'docs/connectors/sage-hr.md',
  configSchema: sageHrConfigSchema,
  secretFields: ['apiKey'],
  allowedHosts: ['*.sage.hr', '*.cakehr.biz'],
  rateLimit: {
    requestsPerSecond: 1,
    burst: 3,
    description:
      'Sage HR publishes no rate limit. Rollcall sends about 1 request per second (one page of ' +
      '50 people each), honours 429 with Retry-After, and never retries 401/403.',
  },
  requestedFields: SAGE_HR_REQUESTED_FIELDS,
  // No field selection: whole records come back, and the parser keeps only these fields.
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
    'managerExternalId',
    'employmentStatus',
    'startDate',
    'terminationDate',
  ],
  deniedFields: SAGE_HR_DENIED_FIELDS,
  neverAccessed: NEVER_ACCESSED,
  defaultBaseUrl: (config) => `https://${config.subdomain.trim().toLowerCase()}.sage.hr`,
  fetch: fetchSageHr,
});

interface Counters {
  employees: number;
  recordErrors: number;
  pageErrors: number;
  duplicates: number;
  inBothLists: number;
}

async function* fetchSageHr(ctx: ConnectorContext<SageHrConfig>): AsyncGenerator<FetchItem> {
  const counters: Counters = {
    employees: 0,
    recordErrors: 0,
    pageErrors: 0,
    duplicates: 0,
    inBothLists: 0,
  };
  const seen = new Set<string>();
  /** The item to yield for one mapped person; null for a person already yielded. */
  const itemOf = (result: SageHrMapResult): FetchItem | null => {
    if (!result.ok) {
      counters.recordErrors++;
      const { externalId, code, message } = result;
      return { kind: 'record_error', externalId, code, message };
    }
    if (seen.has(result.employee.externalId)) {
      counters.duplicates++;
      return null;
    }
    seen.add(result.employee.externalId);
    counters.employees++;
    return { kind: 'employee', employee: result.employee };
  };
  /** Every record of a list; its page errors are yielded on the way. */
  async function* records(list: SageHrList): AsyncGenerator<FetchItem, unknown[]> {
    const all: unknown[] = [];
    for await (const item of readPages(ctx, list)) {
      if (item.kind === 'records') {
        all.push(...item.records);
      } else {
        counters.pageErrors++;
        yield item;
      }
    }
    return all;
  }

  const options: SageHrMapOptions = {
    today: ctx.today,
    positions: buildLookup(yield* records('positions'), 'positions'),
    teams: buildLookup(yield* records('teams'), 'teams'),
  };
  // Only the leavers are held in memory, to be merged into the active list as it streams.
  const terminatedById = new Map<string, unknown>();
  for (const record of yield* records('terminatedEmployees')) {
    const id = rawRecordId(record);
    if (id !== null) {
      terminatedById.set(id, record);
    } else {
      const item = itemOf(mapSageHrPerson({ terminated: record }, options));
      if (item) yield item;
    }
  }
  for await (const page of readPages(ctx, 'employees')) {
    if (page.kind === 'page_error') {
      counters.pageErrors++;
      yield page;
      continue;
    }
    for (const record of page.records) {
      const id = rawRecordId(record);
      const terminated = id === null ? undefined : terminatedById.get(id);
      if (id !== null && terminated !== undefined) {
        terminatedById.delete(id);
        counters.inBothLists++;
      }
      const item = itemOf(mapSageHrPerson({ active: record, terminated }, options));
      if (item) yield item;
    }
  }
  for (const record of terminatedById.values()) {
    const item = itemOf(mapSageHrPerson({ terminated: record }, options));
    if (item) yield item;
  }
  if (counters.duplicates > 0) {
    ctx.log.warn(
      { connector: 'sage-hr', duplicates: counters.duplicates },
      'sage-hr: people listed twice were yielded once (the directory changed while paging)',
    );
  }
  ctx.log.info({ connector: 'sage-hr', ...counters }, 'sage-hr lists read');
}
