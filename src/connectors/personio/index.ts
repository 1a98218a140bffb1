import { z } from 'zod';
import { baseUrlSchema } from '../schemas.ts';
import { NEVER_ACCESSED, defineConnector } from '../connector.ts';
import {
  PERSONIO_DENIED_ATTRIBUTES,
  PERSONIO_REQUESTED_ATTRIBUTES,
  assertRequestedAttributesAllowed,
} from './api.ts';
import { fetchPersonio } from './fetch.ts';

// Fail at import, long before a request could ask for a sensitive attribute.
assertRequestedAttributesAllowed(PERSONIO_REQUESTED_ATTRIBUTES);

export const personioConfigSchema = z.object({
  clientId: z.string().trim().min(1, 'the client ID is required').meta({
    title: 'Client ID',
    description: 'The client ID of the API credential (Settings › Integrations › API credentials).',
  }),
  clientSecret: z.string().min(1, 'the client secret is required').meta({
    title: 'Client secret',
    description: 'The client secret Personio shows once, when the API credential is created.',
  }),
  baseUrl: baseUrlSchema.meta({
    title: 'Base URL',
    description: 'Leave empty (https://api.personio.de); sandbox accounts use the same host.',
  }),
});

export type PersonioConfig = z.infer<typeof personioConfigSchema>;

/**
 * Personio through the v1 Personnel Data API (NOTES §3): a bearer token from `POST /v1/auth`,
 * then `GET /v1/company/employees` in pages of 100 with only the allowlisted attributes.
 */
export const personio = defineConnector<PersonioConfig>({
  id: 'personio',
  name: 'Personio',
  maturity: 'beta',
  docs: 'docs/connectors/personio.md',
  configSchema: personioConfigSchema,
  secretFields: ['clientSecret'],
  allowedHosts: ['api.personio.de'],
  rateLimit: {
    requestsPerSecond: 300 / 60,
    burst: 15,
    description:
      'Personio allows 300 employee-list requests per minute (bursts of 15 per second) and ' +
      '2,000 v1 requests per minute per IP, answering 429 beyond that; the token endpoint ' +
      'allows 60 per minute. Rollcall asks one token and one request per 100 people per sync.',
  },
  requestedFields: PERSONIO_REQUESTED_ATTRIBUTES,
  providedFields: [
    'externalId',
    'firstName',
    'lastName',
    'workEmail',
    'department',
    'departmentId',
    'jobTitle',
    'employeeType',
    'location',
    'locationId',
    'managerExternalId',
    'employmentStatus',
    'startDate',
    'terminationDate',
  ],
  deniedFields: PERSONIO_DENIED_ATTRIBUTES,
  neverAccessed: NEVER_ACCESSED,
  defaultBaseUrl: () => 'https://api.personio.de',
  fetch: fetchPersonio,
});
