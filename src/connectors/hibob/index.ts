import { z } from 'zod';
import { baseUrlSchema } from '../schemas.ts';
import { NEVER_ACCESSED, defineConnector } from '../connector.ts';
import type { ConnectorContext, FetchItem } from '../connector.ts';
import {
  HIBOB_DENIED_FIELDS,
  HIBOB_PEOPLE_SEARCH_PATH,
  HIBOB_REQUESTED_FIELDS,
  assertRequestedFieldsAllowed,
  peopleSearchRequest,
} from './api.ts';
import { errorForStatus, readErrorReason } from './errors.ts';
import { mapHiBobEmployee } from './map.ts';
import { streamEmployees } from './stream.ts';
import { recordErrorItem } from '../mapping.ts';

// Fail at import, long before a request could ask for a sensitive field.
assertRequestedFieldsAllowed(HIBOB_REQUESTED_FIELDS);

export const hiBobConfigSchema = z.object({
  serviceUserId: z
    .string()
    .trim()
    // The id is the Basic-auth username: a colon would split it.
    .regex(/^[^\s:]+$/, 'the service user ID has no spaces or colons')
    .meta({
      title: 'Service user ID',
      description: 'The ID HiBob shows when you create the API service user.',
    }),
  token: z
    .string()
    .min(1, 'the service user token is required')
    .meta({ title: 'Token', description: 'The token HiBob shows once, with the service user ID.' }),
  baseUrl: baseUrlSchema.meta({
    title: 'Base URL',
    description:
      'https://api.sandbox.hibob.com for a sandbox account; otherwise leave empty ' +
      '(https://api.hibob.com).',
  }),
});

export type HiBobConfig = z.infer<typeof hiBobConfigSchema>;

/**
 * HiBob (Bob) through one people search (NOTES §3): the whole company, inactive people included,
 * in one streamed response (HiBob has no pagination).
 */
export const hibob = defineConnector<HiBobConfig>({
  id: 'hibob',
  name: 'HiBob',
  maturity: 'beta',
  docs: 'docs/connectors/hibob.md',
  configSchema: hiBobConfigSchema,
  secretFields: ['token'],
  allowedHosts: ['api.hibob.com', 'api.sandbox.hibob.com'],
  rateLimit: {
    requestsPerSecond: 50 / 60,
    burst: 5,
    description:
      'HiBob allows 50 people-search requests per minute and answers 429 with X-RateLimit-* ' +
      'headers beyond that; repeated 401/403 answers can get the caller IP blocked. Rollcall ' +
      'sends one request per sync and never retries 401/403.',
  },
  requestedFields: HIBOB_REQUESTED_FIELDS,
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
    'locationId',
    'country',
    'managerExternalId',
    'managerName',
    'managerEmail',
    'employmentStatus',
    'startDate',
    'terminationDate',
  ],
  deniedFields: HIBOB_DENIED_FIELDS,
  neverAccessed: NEVER_ACCESSED,
  defaultBaseUrl: () => 'https://api.hibob.com',
  fetch: fetchHiBob,
});

async function* fetchHiBob(ctx: ConnectorContext<HiBobConfig>): AsyncGenerator<FetchItem> {
  const { serviceUserId, token } = ctx.config;
  const request = peopleSearchRequest();
  const response = await ctx.http.request({
    method: 'POST',
    path: HIBOB_PEOPLE_SEARCH_PATH,
    body: { ...request, fields: [...request.fields] },
    auth: { type: 'basic', username: serviceUserId, password: token },
    operation: 'people-search',
  });
  if (response.status !== 200) {
    throw errorForStatus(response.status, await readErrorReason(response));
  }
  let employees = 0;
  let recordErrors = 0;
  let unexplainedInactive = 0;
  for await (const element of streamEmployees(response, ctx.signal)) {
    const result = mapHiBobEmployee(element, { today: ctx.today });
    if (result.ok) {
      employees++;
      if (result.unexplainedInactive) unexplainedInactive++;
      yield { kind: 'employee', employee: result.employee };
    } else {
      recordErrors++;
      yield recordErrorItem(result);
    }
  }
  if (unexplainedInactive > 0) {
    ctx.log.warn(
      { connector: 'hibob', unexplainedInactive },
      'hibob: inactive people without a lifecycle status or termination date were kept active; ' +
        'the service user probably cannot see the Internal fields (lifecycle, termination date)',
    );
  }
  ctx.log.info(
    { connector: 'hibob', employees, recordErrors, requestId: response.requestId },
    'hibob people search read',
  );
}
