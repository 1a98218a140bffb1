import { z } from 'zod';
import { baseUrlSchema } from '../schemas.ts';
import { ConnectorError, NEVER_ACCESSED, defineConnector } from '../connector.ts';
import {
  SCIM_DENIED_ATTRIBUTES,
  SCIM_REQUESTED_ATTRIBUTES,
  assertRequestedAttributesAllowed,
  extensionAttributePath,
} from './api.ts';
import { fetchScim } from './fetch.ts';

// Fail at import, long before a request could ask for a sensitive attribute.
assertRequestedAttributesAllowed(SCIM_REQUESTED_ATTRIBUTES);

/** `/scim/v2` style: segments of URL-safe characters, no dot segments, no trailing slash. */
const basePath = z
  .string()
  .trim()
  .transform((path) => path.replace(/\/+$/, ''))
  .refine(
    (path) =>
      /^(\/[A-Za-z0-9._~%!$&'()*+,;=:@-]+)*$/.test(path) &&
      !path.split('/').some((segment) => segment === '.' || segment === '..'),
    'a path such as /scim/v2: starts with /, no query, fragment or dot segments',
  );

export const scimConfigSchema = z
  .object({
    baseUrl: baseUrlSchema.meta({
      title: 'Base URL',
      description:
        'The origin of your SCIM service, e.g. https://api.letsdeel.com (no path: put the ' +
        'path in Base path).',
    }),
    basePath: basePath.default('/scim/v2').meta({
      title: 'Base path',
      description:
        'The path of the SCIM service root, before /Users: /scim/v2 (Deel), /api/scim/v2 ' +
        '(Namely), or what your provider shows.',
    }),
    authType: z.enum(['bearer', 'basic']).default('bearer').meta({
      title: 'Authentication',
      description: 'bearer (an API token, most providers) or basic (username and password).',
    }),
    token: z
      .string()
      .min(1)
      .optional()
      .meta({ title: 'Token', description: 'The SCIM API token (for bearer authentication).' }),
    username: z
      .string()
      .trim()
      // The Basic-auth username: a colon would split it.
      .regex(/^[^\s:]+$/, 'the username has no spaces or colons')
      .optional()
      .meta({ title: 'Username', description: 'For basic authentication only.' }),
    password: z
      .string()
      .min(1)
      .optional()
      .meta({ title: 'Password', description: 'For basic authentication only.' }),
    pageSize: z.number().int().min(1).max(1000).default(100).meta({
      title: 'Page size',
      description: 'Users per request (`count`). Providers may send fewer; Rollcall follows.',
    }),
    workAddress: z
      .boolean()
      .default(true)
      .meta({
        title: 'Read the work address',
        description:
          'Read city and country of the address typed "work". Turn off if your provider ' +
          'sends home addresses untyped or mistyped.',
      }),
    startDateAttribute: extensionAttributePath.optional().meta({
      title: 'Start date attribute',
      description:
        'Optional: the full path of an extension attribute with the start date, e.g. ' +
        'urn:…:User:startDate. SCIM has none of its own.',
    }),
    terminationDateAttribute: extensionAttributePath.optional().meta({
      title: 'Termination date attribute',
      description: 'Optional: the same for the termination date.',
    }),
  })
  .superRefine((config, ctx) => {
    if (config.authType === 'bearer' && config.token === undefined) {
      ctx.addIssue({ code: 'custom', path: ['token'], message: 'bearer auth needs a token' });
    }
    if (config.authType === 'basic') {
      for (const field of ['username', 'password'] as const) {
        if (config[field] === undefined) {
          ctx.addIssue({ code: 'custom', path: [field], message: `basic auth needs a ${field}` });
        }
      }
    }
  });

export type ScimConfig = z.infer<typeof scimConfigSchema>;

/**
 * Any SCIM 2.0 service provider (RFC 7643/7644) as a directory source: `GET <basePath>/Users`,
 * paged with `startIndex`/`count`, asking only the allowlisted attributes.
 */
export const scim = defineConnector<ScimConfig>({
  id: 'scim',
  name: 'SCIM 2.0 directory',
  maturity: 'beta',
  docs: 'docs/connectors/scim.md',
  configSchema: scimConfigSchema,
  secretFields: ['token', 'password'],
  // SCIM is served by many vendors and self-hosted services: the two HR vendors documented to
  // serve SCIM reads are allowed; any other host is granted by the operator
  // (ROLLCALL_EXTRA_ALLOWED_HOSTS), never by a connection's config alone.
  allowedHosts: ['api.letsdeel.com', '*.namely.com'],
  rateLimit: {
    requestsPerSecond: 5,
    burst: 5,
    description:
      'SCIM defines no rate limit; providers answer 429 with Retry-After (Deel allows 5 requests ' +
      'per second per token). Rollcall sends one request per page and waits as told.',
  },
  requestedFields: SCIM_REQUESTED_ATTRIBUTES,
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
    'country',
    'managerExternalId',
    'managerName',
    'employmentStatus',
    'startDate',
    'terminationDate',
  ],
  deniedFields: SCIM_DENIED_ATTRIBUTES,
  neverAccessed: NEVER_ACCESSED,
  defaultBaseUrl: (config) => {
    if (config.baseUrl === undefined || config.baseUrl.trim() === '') {
      throw new ConnectorError(
        'bad_request',
        'SCIM 2.0 directory has no default host: set the Base URL to your SCIM service origin ' +
          '(e.g. https://api.letsdeel.com) and the Base path (e.g. /scim/v2).',
        false,
      );
    }
    return config.baseUrl;
  },
  fetch: fetchScim,
});
