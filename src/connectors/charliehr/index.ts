import { z } from 'zod';
import { baseUrlSchema } from '../schemas.ts';
import { NEVER_ACCESSED, defineConnector } from '../connector.ts';
import { BROKEN_BODY_CODES, isPageError, pageErrorItem } from '../errors.ts';
import type { ConnectorContext, FetchItem } from '../connector.ts';
import type { HttpAuth } from '../http/types.ts';
import { CHARLIEHR_DENIED_FIELDS, CHARLIEHR_REQUESTED_FIELDS } from './api.ts';
import { createLookups } from './lookups.ts';
import { mapCharlieHrTeamMember } from './map.ts';
import { RESOURCE_NAMES, readPages } from './paging.ts';
import { recordErrorItem } from '../mapping.ts';

export const charlieHrConfigSchema = z.object({
  clientId: z
    .string()
    .trim()
    // The id and secret are joined with a colon in the Authorization header.
    .regex(/^[^\s:]+$/, 'the client ID has no spaces or colons')
    .meta({ title: 'Client ID', description: 'The API client ID issued in CharlieHR.' }),
  clientSecret: z
    .string()
    .trim()
    .min(1, 'the client secret is required')
    .meta({ title: 'Client secret', description: 'The API client secret issued with it.' }),
  baseUrl: baseUrlSchema.meta({
    title: 'Base URL',
    description: 'Leave empty (https://charliehr.com).',
  }),
});

export type CharlieHrConfig = z.infer<typeof charlieHrConfigSchema>;

/** `Authorization: Token token=<client_id>:<client_secret>` (NOTES §1, two clients agree). */
export function charlieHrAuth(config: CharlieHrConfig): HttpAuth {
  return {
    type: 'header',
    name: 'authorization',
    value: `Token token=${config.clientId}:${config.clientSecret}`,
  };
}

/**
 * CharlieHR (beta): teams and offices first, then every team member, following `meta.next_url`.
 * Built on thin public material: see docs/connectors/charliehr.md for what is assumed.
 */
export const charliehr = defineConnector<CharlieHrConfig>({
  id: 'charliehr',
  name: 'CharlieHR',
  maturity: 'beta',
  docs: 'docs/connectors/charliehr.md',
  configSchema: charlieHrConfigSchema,
  secretFields: ['clientSecret'],
  allowedHosts: ['charliehr.com', 'www.charliehr.com'],
  rateLimit: {
    requestsPerSecond: 2,
    burst: 5,
    description:
      'CharlieHR publishes no rate limit. Rollcall sends at most 2 requests per second and ' +
      'waits out 429 answers (Retry-After) and retries 5xx, as the public clients do.',
  },
  requestedFields: CHARLIEHR_REQUESTED_FIELDS,
  // No field selection in CharlieHR's API: the schemas read these fields and drop the rest.
  fieldSelection: 'parse',
  providedFields: [
    'externalId',
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
  deniedFields: CHARLIEHR_DENIED_FIELDS,
  neverAccessed: NEVER_ACCESSED,
  defaultBaseUrl: () => 'https://charliehr.com',
  fetch: fetchCharlieHr,
});

async function* fetchCharlieHr(ctx: ConnectorContext<CharlieHrConfig>): AsyncGenerator<FetchItem> {
  const auth = charlieHrAuth(ctx.config);
  const { addTeam, addOffice, lookups, skipped } = createLookups();
  // Fatal on failure: mapping without them would blank everyone's department and office.
  for await (const page of readPages(ctx, 'teams', auth)) page.records.forEach(addTeam);
  for await (const page of readPages(ctx, 'offices', auth)) page.records.forEach(addOffice);

  let employees = 0;
  let recordErrors = 0;
  let pages = 0;
  try {
    for await (const page of readPages(ctx, 'teamMembers', auth)) {
      pages = page.number;
      for (const record of page.records) {
        const result = mapCharlieHrTeamMember(record, { today: ctx.today, lookups });
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
    // A broken page leaves the snapshot incomplete (nobody is deactivated as missing); without
    // its next_url reading stops there. Auth, permission and server failures stay fatal.
    if (!isPageError(error, BROKEN_BODY_CODES)) throw error;
    yield pageErrorItem(`${RESOURCE_NAMES.teamMembers}, page ${pages + 1}`, error);
  }
  const unusable = skipped();
  if (unusable.teams + unusable.offices > 0) {
    ctx.log.warn(
      { connector: 'charliehr', unusable },
      'charliehr: some teams or offices had no usable id and were ignored',
    );
  }
  ctx.log.info(
    { connector: 'charliehr', employees, recordErrors, pages },
    'charliehr team members read',
  );
}
