import { ConnectorError, type ConnectorContext } from '../connector.ts';
import type { HttpAuth } from '../http/types.ts';
import { CHARLIEHR_PATHS, charlieHrPageSchema, type CharlieHrResource } from './api.ts';
import { errorForStatus, readErrorReason } from './errors.ts';

/** A body cut mid-way is read this many times in all before the page counts as failed. */
const BODY_ATTEMPTS = 2;

export const RESOURCE_NAMES: Record<CharlieHrResource, string> = {
  teams: 'the CharlieHR teams',
  offices: 'the CharlieHR offices',
  teamMembers: 'the CharlieHR team members',
};

export interface PageOf {
  /** 1-based. */
  number: number;
  records: unknown[];
}

interface Target {
  path: string;
  query: Record<string, string>;
}

/**
 * Every page of one list, following `meta.next_url` until it is absent (NOTES §3). `next_url`
 * may be a query string (`?page=2`), a path or a full URL: only its path and query are used (the
 * client stays bound to the configured origin), and the path must stay on the same list. Throws
 * a ConnectorError for a non-200 answer, a body that is not the envelope, or a loop.
 */
export async function* readPages(
  ctx: ConnectorContext<unknown>,
  resource: CharlieHrResource,
  auth: HttpAuth,
): AsyncGenerator<PageOf> {
  const what = RESOURCE_NAMES[resource];
  const seen = new Set<string>();
  let target: Target = { path: CHARLIEHR_PATHS[resource], query: {} };
  for (let number = 1; ; number++) {
    const page = await readPage(ctx, resource, auth, target, number);
    yield { number, records: page.data };
    const next = page.meta?.next_url?.trim() ?? '';
    if (next === '') return;
    target = nextTarget(target, next, what, number);
    const key = `${target.path}?${new URLSearchParams(target.query).toString()}`;
    if (seen.has(key)) {
      throw new ConnectorError(
        'invalid_payload',
        `${what}: page ${number} points back to a page already read`,
        false,
      );
    }
    seen.add(key);
  }
}

function nextTarget(current: Target, next: string, what: string, number: number): Target {
  let url: URL;
  try {
    url = new URL(next, `http://charliehr.invalid${current.path}`);
  } catch {
    url = new URL('http://charliehr.invalid/');
  }
  if (url.pathname !== current.path) {
    throw new ConnectorError(
      'invalid_payload',
      `${what}: page ${number} has a next_url outside this list`,
      false,
    );
  }
  return { path: url.pathname, query: Object.fromEntries(url.searchParams) };
}

async function readPage(
  ctx: ConnectorContext<unknown>,
  resource: CharlieHrResource,
  auth: HttpAuth,
  target: Target,
  number: number,
) {
  const what = RESOURCE_NAMES[resource];
  for (let attempt = 1; ; attempt++) {
    const response = await ctx.http.request({
      method: 'GET',
      path: target.path,
      query: target.query,
      headers: { accept: 'application/json' },
      auth,
      operation: `charliehr-${resource}`,
    });
    if (response.status !== 200) {
      throw errorForStatus(response.status, await readErrorReason(response), what);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      // A body cut mid-way is worth one more read: the same URL gives the same page.
      if (error.code === 'truncated' && attempt < BODY_ATTEMPTS) continue;
      throw new ConnectorError(
        error.code,
        `${what}, page ${number}: ${error.message}`,
        error.retryable,
        error.status,
      );
    }
    const page = charlieHrPageSchema.safeParse(body);
    if (!page.success) {
      throw new ConnectorError(
        'invalid_payload',
        `${what}, page ${number}: the answer is not the {success: true, data, meta} envelope`,
        false,
        response.status,
      );
    }
    return page.data;
  }
}
