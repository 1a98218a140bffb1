import { z } from 'zod';
import { baseUrlSchema } from '../schemas.ts';
import { ConnectorError, NEVER_ACCESSED, defineConnector } from '../connector.ts';
import { pageErrorItem } from '../errors.ts';
import type { ConnectorContext, FetchItem } from '../connector.ts';
import {
  GUSTO_DENIED_FIELDS,
  GUSTO_PAGE_SIZE,
  GUSTO_REQUESTED_FIELDS,
  assertRequestedFieldsAllowed,
  gustoPaths,
} from './api.ts';
import { mapGustoEmployee, type GustoMapOptions } from './map.ts';
import { GustoBearer } from './oauth.ts';
import { getArray, isLastPage, readDepartments, readLocations, type ArrayPage } from './read.ts';

// Fail at import, long before a run could read a sensitive field.
assertRequestedFieldsAllowed(GUSTO_REQUESTED_FIELDS);

export const gustoConfigSchema = z
  .object({
    companyUuid: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID')
      .meta({
        title: 'Company UUID',
        description:
          'The Gusto company to read. GET /v1/token_info with the access token shows it ' +
          '(resource.uuid).',
      }),
    accessToken: z
      .string()
      .trim()
      .min(1, 'the access token must not be empty')
      .optional()
      .meta({
        title: 'Access token',
        description:
          'An OAuth access token of the Rollcall app for this company, with the employees:read, ' +
          'departments:read and companies:read scopes. Valid 2 hours: add the refresh token, ' +
          'client id and client secret so Rollcall can renew it.',
      }),
    refreshToken: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta({
        title: 'Refresh token',
        description:
          'The refresh token issued with the access token. Gusto replaces it on every refresh; ' +
          'Rollcall stores the new one (encrypted) each time.',
      }),
    clientId: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta({ title: 'Client id', description: "The Rollcall app's OAuth client id in Gusto." }),
    clientSecret: z.string().trim().min(1).optional().meta({
      title: 'Client secret',
      description: "The Rollcall app's OAuth client secret in Gusto.",
    }),
    baseUrl: baseUrlSchema.meta({
      title: 'Base URL',
      description:
        'https://api.gusto-demo.com for a demo company; otherwise leave empty ' +
        '(https://api.gusto.com).',
    }),
  })
  .superRefine((config, ctx) => {
    const refresh = [config.refreshToken, config.clientId, config.clientSecret];
    const given = refresh.filter((value) => value !== undefined).length;
    if (given !== 0 && given !== refresh.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['refreshToken'],
        message: 'the refresh token, client id and client secret go together: give all three',
      });
    } else if (given === 0 && config.accessToken === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['accessToken'],
        message: 'the access token is required (or the refresh token, client id and secret)',
      });
    }
  });

export type GustoConfig = z.infer<typeof gustoConfigSchema>;

/** Pages in a row that may fail before the run stops: the rest of the list is unreadable too. */
const MAX_CONSECUTIVE_PAGE_ERRORS = 3;

/** Body failures worth one more try of the same page (the connection, not the content). */
const TRANSIENT_BODY_ERRORS: readonly string[] = ['truncated', 'timeout', 'network'];

/**
 * Gusto (App Integrations API): departments and locations first, then the employee list page by
 * page (terminated people included), each employee joined with its department and location.
 * Gusto has no field selection: everything outside `GUSTO_REQUESTED_FIELDS` is dropped at parse.
 */
export const gusto = defineConnector<GustoConfig>({
  id: 'gusto',
  name: 'Gusto',
  maturity: 'beta',
  docs: 'docs/connectors/gusto.md',
  configSchema: gustoConfigSchema,
  secretFields: ['accessToken', 'refreshToken', 'clientSecret'],
  allowedHosts: ['api.gusto.com', 'api.gusto-demo.com'],
  rateLimit: {
    requestsPerSecond: 200 / 60,
    burst: 5,
    description:
      'Gusto allows 200 requests per minute per authorization (shared by every company it ' +
      'reaches) and answers 429 with Retry-After beyond that. Rollcall sends 2 + ⌈people/100⌉ ' +
      'requests per sync and never retries 401/403.',
  },
  requestedFields: GUSTO_REQUESTED_FIELDS,
  // No field selection in Gusto's API: the allowlist is enforced while parsing.
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
    'employmentStatus',
    'startDate',
    'terminationDate',
  ],
  deniedFields: GUSTO_DENIED_FIELDS,
  neverAccessed: NEVER_ACCESSED,
  defaultBaseUrl: () => 'https://api.gusto.com',
  fetch: fetchGusto,
});

type PageResult = { ok: true; page: ArrayPage } | { ok: false; error: ConnectorError };

async function* fetchGusto(ctx: ConnectorContext<GustoConfig>): AsyncGenerator<FetchItem> {
  const bearer = new GustoBearer(ctx);
  const options: GustoMapOptions = {
    today: ctx.today,
    departments: await readDepartments(ctx, bearer),
    locations: await readLocations(ctx, bearer),
  };
  const seen = new Set<string>();
  const counts = { pages: 0, employees: 0, recordErrors: 0, pageErrors: 0, duplicates: 0 };
  let totalPages: number | null = null;
  let failedInARow = 0;
  for (let page = 1; ; page++) {
    const result = await readEmployeePage(ctx, bearer, page);
    counts.pages++;
    if (!result.ok) {
      const { error } = result;
      counts.pageErrors++;
      yield pageErrorItem(`employees page ${page}`, error);
      if (++failedInARow >= MAX_CONSECUTIVE_PAGE_ERRORS) {
        throw new ConnectorError(
          error.code,
          `${MAX_CONSECUTIVE_PAGE_ERRORS} employee pages in a row could not be read; the last: ${error.message}`,
          error.retryable,
          error.status,
        );
      }
      // Without a count from Gusto, the next page tells whether the list goes on.
      if (totalPages !== null && page >= totalPages) break;
      continue;
    }
    failedInARow = 0;
    totalPages = result.page.totalPages ?? totalPages;
    const { items } = result.page;
    for (const raw of items) {
      const mapped = mapGustoEmployee(raw, options);
      const externalId = mapped.ok ? mapped.employee.externalId : mapped.externalId;
      // Page/per paging over a list that changes mid-run can repeat someone: once is enough.
      if (externalId !== null && seen.has(externalId)) {
        counts.duplicates++;
        continue;
      }
      if (externalId !== null) seen.add(externalId);
      if (mapped.ok) {
        counts.employees++;
        yield { kind: 'employee', employee: mapped.employee };
      } else {
        counts.recordErrors++;
        const { code, message } = mapped;
        yield { kind: 'record_error', externalId, code, message };
      }
    }
    if (isLastPage(page, items.length, result.page.totalPages)) break;
  }
  ctx.log.info(
    {
      connector: 'gusto',
      ...counts,
      departments: options.departments.size,
      locations: options.locations.size,
    },
    'gusto employees read',
  );
}

/**
 * One employee page. A status error is fatal (thrown); a body that breaks off is read once more,
 * and a body that still fails is a page error (the snapshot is incomplete, the run goes on).
 */
async function readEmployeePage(
  ctx: ConnectorContext<GustoConfig>,
  bearer: GustoBearer,
  page: number,
): Promise<PageResult> {
  const path = gustoPaths.employees(ctx.config.companyUuid);
  for (let attempt = 1; ; attempt++) {
    try {
      return {
        ok: true,
        page: await getArray(ctx, bearer, 'employees', path, { page, per: GUSTO_PAGE_SIZE }),
      };
    } catch (error) {
      const bodyFailure =
        error instanceof ConnectorError &&
        (error.code === 'invalid_payload' || TRANSIENT_BODY_ERRORS.includes(error.code)) &&
        error.status === 200;
      if (!bodyFailure) throw error;
      if (attempt >= 2 || !TRANSIENT_BODY_ERRORS.includes(error.code)) return { ok: false, error };
      ctx.log.warn(
        { connector: 'gusto', page, code: error.code },
        'gusto page body failed, reading it again',
      );
    }
  }
}
