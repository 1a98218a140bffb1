import { ConnectorError, type ConnectorContext } from '../connector.ts';
import { GUSTO_API_VERSION, GUSTO_API_VERSION_HEADER, GUSTO_PAGE_SIZE, gustoPaths } from './api.ts';
import { errorForStatus, readErrorReason, type GustoOperation } from './errors.ts';
import { addLocations, departmentLookup } from './lookups.ts';
import type { GustoLocation } from './map.ts';
import type { GustoBearer } from './oauth.ts';

/** What every request needs from the config (the token comes from the `GustoBearer`). */
export interface GustoAccess {
  companyUuid: string;
}

/** One answer whose body is a bare JSON array (every Gusto list, NOTES §3). */
export interface ArrayPage {
  items: unknown[];
  /** `X-Total-Pages`, when Gusto sent it (only for paginated requests). */
  totalPages: number | null;
}

/**
 * GETs one list and parses its bare-array body. A 401 gets one more try when the bearer can
 * refresh the token; a non-200 answer (after the client's retries) throws `errorForStatus`; a
 * body that breaks off throws the client's `truncated`/`timeout`, and one that is not a JSON
 * array throws `invalid_payload`. Messages never echo the body.
 */
export async function getArray(
  ctx: ConnectorContext<GustoAccess>,
  bearer: GustoBearer,
  operation: GustoOperation,
  path: string,
  query: Record<string, number> = {},
): Promise<ArrayPage> {
  let token = await bearer.current();
  let response = await getList(ctx, token, operation, path, query);
  if (response.status === 401) {
    const renewed = await bearer.renew(token);
    if (renewed !== null) {
      await response.discard();
      token = renewed;
      response = await getList(ctx, token, operation, path, query);
    }
  }
  if (response.status !== 200) {
    throw errorForStatus(response.status, await readErrorReason(response), operation);
  }
  bearer.accepted(token);
  const totalPages = positiveInteger(response.headers.get('x-total-pages'));
  const what = `the Gusto ${operation} list${query['page'] === undefined ? '' : ` (page ${query['page']})`}`;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ConnectorError('invalid_payload', `${what} is not JSON`, false, response.status);
  }
  if (!Array.isArray(body)) {
    throw new ConnectorError(
      'invalid_payload',
      `${what} is not a JSON array`,
      false,
      response.status,
    );
  }
  return { items: body, totalPages };
}

function getList(
  ctx: ConnectorContext<GustoAccess>,
  token: string,
  operation: GustoOperation,
  path: string,
  query: Record<string, number>,
) {
  return ctx.http.request({
    method: 'GET',
    path,
    query,
    headers: { [GUSTO_API_VERSION_HEADER]: GUSTO_API_VERSION },
    auth: { type: 'bearer', token },
    operation: `gusto-${operation}`,
  });
}

/**
 * Department uuid → name. The departments endpoint is not paginated (NOTES §3). Elements
 * without a uuid are skipped: an employee's own `department` string covers them.
 */
export async function readDepartments(
  ctx: ConnectorContext<GustoAccess>,
  bearer: GustoBearer,
): Promise<Map<string, string>> {
  const { items } = await getArray(
    ctx,
    bearer,
    'departments',
    gustoPaths.departments(ctx.config.companyUuid),
  );
  return departmentLookup(items);
}

/** Location uuid → "City, ST" and country, read page by page (page/per, NOTES §3). */
export async function readLocations(
  ctx: ConnectorContext<GustoAccess>,
  bearer: GustoBearer,
): Promise<Map<string, GustoLocation>> {
  const locations = new Map<string, GustoLocation>();
  const path = gustoPaths.locations(ctx.config.companyUuid);
  for (let page = 1; ; page++) {
    const { items, totalPages } = await getArray(ctx, bearer, 'locations', path, {
      page,
      per: GUSTO_PAGE_SIZE,
    });
    addLocations(locations, items);
    if (isLastPage(page, items.length, totalPages)) return locations;
  }
}

/** Fewer than a full page, or Gusto's `X-Total-Pages` reached, ends the list (NOTES §4). */
export function isLastPage(page: number, items: number, totalPages: number | null): boolean {
  return items < GUSTO_PAGE_SIZE || (totalPages !== null && page >= totalPages);
}

function positiveInteger(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}
