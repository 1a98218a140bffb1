import { ConnectorError, type ConnectorContext } from '../connector.ts';
import type { HttpAuth } from '../http/types.ts';
import {
  FACTORIAL_PAGE_LIMIT,
  FACTORIAL_PATHS,
  factorialPageSchema,
  type FactorialResource,
} from './api.ts';
import { errorForStatus, readErrorReason } from './errors.ts';

/** A body cut mid-way is read again this many times in all before the page counts as failed. */
const BODY_ATTEMPTS = 2;

/** What a list is called in messages and logs. */
export const RESOURCE_NAMES: Record<FactorialResource, string> = {
  teams: 'the Factorial teams',
  locations: 'the Factorial locations',
  contractVersions: 'the Factorial contract versions',
  employees: 'the Factorial employees',
};

export interface PageOf {
  /** 1-based. */
  number: number;
  records: unknown[];
}

/**
 * Every page of one list, following `meta.end_cursor` as `after_id` while `meta.has_next_page`
 * (NOTES §3). Throws a ConnectorError: for a non-200 answer (after the client's retries), for a
 * body that is not the `{data, meta}` envelope, or for a cursor that does not move on (which
 * would otherwise loop forever). The caller decides whether that ends the sync.
 */
export async function* readPages(
  ctx: ConnectorContext<unknown>,
  resource: FactorialResource,
  auth: HttpAuth,
  query: Record<string, string | boolean> = {},
): AsyncGenerator<PageOf> {
  const what = RESOURCE_NAMES[resource];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let number = 1; ; number++) {
    const page = await readPage(ctx, resource, auth, { ...query, after_id: cursor }, number);
    yield { number, records: page.data };
    if (!page.meta.has_next_page) return;
    const next = page.meta.end_cursor ?? '';
    if (next === '' || seen.has(next)) {
      throw new ConnectorError(
        'invalid_payload',
        `${what}: page ${number} says there is a next page but its end_cursor ` +
          `${next === '' ? 'is missing' : 'does not move forward'}`,
        false,
      );
    }
    seen.add(next);
    cursor = next;
  }
}

async function readPage(
  ctx: ConnectorContext<unknown>,
  resource: FactorialResource,
  auth: HttpAuth,
  query: Record<string, string | boolean | undefined>,
  number: number,
) {
  const what = RESOURCE_NAMES[resource];
  for (let attempt = 1; ; attempt++) {
    const response = await ctx.http.request({
      method: 'GET',
      path: FACTORIAL_PATHS[resource],
      query: { limit: FACTORIAL_PAGE_LIMIT, ...query },
      headers: { accept: 'application/json' },
      auth,
      operation: `factorial-${resource}`,
    });
    if (response.status !== 200) {
      throw errorForStatus(response.status, await readErrorReason(response), what);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      // A body cut mid-way is worth one more read: the cursor makes the page repeatable.
      if (
        error instanceof ConnectorError &&
        error.code === 'truncated' &&
        attempt < BODY_ATTEMPTS
      ) {
        continue;
      }
      if (error instanceof ConnectorError) {
        throw new ConnectorError(
          error.code,
          `${what}, page ${number}: ${error.message}`,
          error.retryable,
          error.status,
        );
      }
      throw error;
    }
    const page = factorialPageSchema.safeParse(body);
    if (!page.success) {
      throw new ConnectorError(
        'invalid_payload',
        `${what}, page ${number}: the answer is not the documented {data, meta} list`,
        false,
        response.status,
      );
    }
    return page.data;
  }
}
