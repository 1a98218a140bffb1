import { ConnectorError } from '../connector.ts';
import type { ConnectorContext } from '../connector.ts';
import { DEEL_PAGE_SIZE, DEEL_PEOPLE_PATH, deelPageSchema } from './api.ts';
import { isPageError } from '../errors.ts';
import { errorForStatus, readErrorReason } from './errors.ts';

/** One page's people and the list's total when Deel sent one, or why the body was unreadable. */
export type PageResult =
  { ok: true; people: unknown[]; totalRows: number | null } | { ok: false; error: ConnectorError };

/** Body failures that lose one page, not the run: the next page may well arrive. */

/**
 * `GET /rest/v2/people?offset=N&limit=100` (NOTES §2–3). A non-200 answer (after the client's
 * retries) is fatal; a 200 whose body is cut or not `{data: [...]}` is a page-level failure.
 */
export async function readPeoplePage(
  ctx: ConnectorContext<{ apiToken: string }>,
  offset: number,
): Promise<PageResult> {
  const response = await ctx.http.request({
    method: 'GET',
    path: DEEL_PEOPLE_PATH,
    query: { offset, limit: DEEL_PAGE_SIZE },
    headers: { accept: 'application/json' },
    auth: { type: 'bearer', token: ctx.config.apiToken },
    operation: 'people-list',
  });
  if (response.status !== 200) {
    throw errorForStatus(response.status, await readErrorReason(response));
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
  const parsed = deelPageSchema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      error: new ConnectorError(
        'invalid_payload',
        `the Deel people page at offset ${offset} has no "data" array`,
        false,
        response.status,
      ),
    };
  }
  return { ok: true, people: parsed.data.data, totalRows: parsed.data.page?.total_rows ?? null };
}
