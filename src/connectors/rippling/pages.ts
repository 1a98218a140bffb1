import { ConnectorError } from '../connector.ts';
import type { ConnectorContext } from '../connector.ts';
import { RIPPLING_PAGE_SIZE } from './api.ts';
import { isPageError } from '../errors.ts';
import { errorForStatus, readErrorReason } from './errors.ts';

/** What every page request needs: the key, and the list's path and name. */
export interface PageRequest {
  apiKey: string;
  /** Full path, prefix included, e.g. `/platform/api/departments`. */
  path: string;
  /** The list in messages and logs: `employees`, `departments`, `work locations`. */
  what: string;
  operation: string;
}

/** One page's elements, or why its body could not be read (the status itself was 200). */
export type PageResult = { ok: true; items: unknown[] } | { ok: false; error: ConnectorError };

/** Body failures that lose one page, not the run: the next page may well arrive. */

/**
 * `GET path?limit=100&offset=N` (NOTES §3: a bare JSON array, no total). A non-200 answer (after
 * the client's retries) is fatal; a 200 whose body is cut, not JSON or not an array is a
 * `PageResult` failure the caller reports as a page error.
 */
export async function readPage(
  ctx: ConnectorContext<unknown>,
  request: PageRequest,
  offset: number,
): Promise<PageResult> {
  const response = await ctx.http.request({
    method: 'GET',
    path: request.path,
    query: { limit: RIPPLING_PAGE_SIZE, offset },
    headers: { accept: 'application/json' },
    auth: { type: 'bearer', token: request.apiKey },
    operation: request.operation,
  });
  if (response.status !== 200) {
    throw errorForStatus(response.status, await readErrorReason(response), request.what);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if (isPageError(error)) {
      return { ok: false, error };
    }
    throw error;
  }
  if (!Array.isArray(body)) {
    return {
      ok: false,
      error: new ConnectorError(
        'invalid_payload',
        `the Rippling ${request.what} page at offset ${offset} is not a JSON array`,
        false,
        response.status,
      ),
    };
  }
  return { ok: true, items: body };
}

/**
 * Every element of a small list (departments, work locations), page by page until a short page.
 * Any failure is fatal: without the lookups every department and location would change.
 */
export async function readWholeList(
  ctx: ConnectorContext<unknown>,
  request: PageRequest,
): Promise<unknown[]> {
  const all: unknown[] = [];
  for (let offset = 0; ; offset += RIPPLING_PAGE_SIZE) {
    const page = await readPage(ctx, request, offset);
    if (!page.ok) throw page.error;
    all.push(...page.items);
    if (page.items.length < RIPPLING_PAGE_SIZE) return all;
  }
}
