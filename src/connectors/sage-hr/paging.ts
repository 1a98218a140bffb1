import { ConnectorError } from '../connector.ts';
import type { ConnectorContext } from '../connector.ts';
import { SAGE_HR_PATHS, sageHrPageSchema, type SageHrList } from './api.ts';
import { isPageError, pageErrorItem } from '../errors.ts';
import { errorForStatus, readErrorReason } from './errors.ts';

/** A page's records, or a page that could not be read (the snapshot is then incomplete). */
export type SageHrPageItem =
  | { kind: 'records'; list: SageHrList; page: number; records: unknown[] }
  | { kind: 'page_error'; page: string; code: string; message: string };

/** What an admin reads in errors: "the employee list", … */
export const LIST_NAMES: Record<SageHrList, string> = {
  employees: 'the employee list',
  terminatedEmployees: 'the terminated-employee list',
  positions: 'the position list',
  teams: 'the team list',
};

/** 200k people at 50 a page is 4,000 pages: anything far beyond is a paging loop. */
const MAX_PAGES = 20_000;

/** Body failures that lose one page, not the run: the next page may still be read. */

/**
 * Reads every page of one list (`?page=N`, 50 records a page, NOTES §3). The next page is
 * `meta.next_page` when it is a number; else `page + 1` while `page < meta.total_pages`; an empty
 * `data` always ends the list. A page whose body is cut, not JSON or not the documented shape is
 * a `page_error`, and the list goes on when `total_pages` says there is more. A non-200 answer
 * (after the HTTP client's retries) is fatal.
 */
export async function* readPages(
  ctx: ConnectorContext<{ apiKey: string }>,
  list: SageHrList,
): AsyncGenerator<SageHrPageItem> {
  const path = SAGE_HR_PATHS[list];
  let totalPages: number | null = null;
  let page = 1;
  for (let read = 0; read < MAX_PAGES; read++) {
    const where = `${path}?page=${page}`;
    const response = await ctx.http.request({
      method: 'GET',
      path,
      query: { page },
      auth: { type: 'header', name: 'X-Auth-Token', value: ctx.config.apiKey },
      operation: `${list}-page`,
    });
    if (response.status !== 200) {
      throw errorForStatus(response.status, await readErrorReason(response), LIST_NAMES[list]);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (!isPageError(error)) throw error;
      yield pageErrorItem(where, error);
      if (totalPages === null || page >= totalPages) return;
      page += 1;
      continue;
    }
    const parsed = sageHrPageSchema.safeParse(body);
    if (!parsed.success) {
      yield {
        kind: 'page_error',
        page: where,
        code: 'invalid_payload',
        message: `${LIST_NAMES[list]}, page ${page}: the answer is not a {data: [...], meta} page`,
      };
      if (totalPages === null || page >= totalPages) return;
      page += 1;
      continue;
    }
    const { data, meta } = parsed.data;
    yield { kind: 'records', list, page, records: data };
    totalPages = meta?.total_pages ?? totalPages;
    if (data.length === 0) return;
    const next = meta?.next_page;
    if (typeof next === 'number') {
      if (next <= page) {
        yield {
          kind: 'page_error',
          page: where,
          code: 'invalid_payload',
          message: `${LIST_NAMES[list]}, page ${page}: next_page ${next} does not move forward`,
        };
        return;
      }
      page = next;
    } else if (totalPages !== null && page < totalPages) {
      page += 1;
    } else {
      return;
    }
  }
  throw new ConnectorError(
    'invalid_payload',
    `${LIST_NAMES[list]} did not end after ${MAX_PAGES} pages; Sage HR paging is looping`,
    false,
  );
}
