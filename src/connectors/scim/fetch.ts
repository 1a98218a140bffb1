import { ConnectorError } from '../connector.ts';
import type { ConnectorContext, FetchItem } from '../connector.ts';
import type { HttpAuth, HttpRequest } from '../http/types.ts';
import {
  SCIM_ADDRESS_ATTRIBUTES,
  SCIM_REQUESTED_ATTRIBUTES,
  scimListResponseSchema,
} from './api.ts';
import { errorForStatus, readErrorReason } from './errors.ts';
import type { ScimConfig } from './index.ts';
import { rawRecordId } from '../values.ts';
import { mapScimUser } from './map.ts';
import { recordErrorItem } from '../mapping.ts';

/** More pages than any directory needs: a server that never stops is cut off here. */
const MAX_PAGES = 100_000;
/** Broken pages in a row before paging gives up (each one is reported). */
const MAX_CONSECUTIVE_PAGE_ERRORS = 3;

/** The attribute list of one connection: the allowlist, plus the configured date attributes. */
export function requestedAttributes(config: ScimConfig): string[] {
  const base = SCIM_REQUESTED_ATTRIBUTES.filter(
    (a) => config.workAddress || !SCIM_ADDRESS_ATTRIBUTES.includes(a),
  );
  const dates = [config.startDateAttribute, config.terminationDateAttribute];
  return [...base, ...dates.filter((a): a is string => a !== undefined)];
}

function authOf(config: ScimConfig): HttpAuth {
  if (config.authType === 'basic') {
    return { type: 'basic', username: config.username ?? '', password: config.password ?? '' };
  }
  return { type: 'bearer', token: config.token ?? '' };
}

type ListPage = ReturnType<typeof scimListResponseSchema.parse>;
type PageResult = { ok: true; list: ListPage } | { ok: false; code: string; message: string };

/**
 * Pages `GET <basePath>/Users` from startIndex 1 to the end (RFC 7644 §3.4.2.4): the next index is
 * the last one plus the resources actually received, so a provider that sends fewer than `count`
 * is followed, not skipped. A person seen twice (results shift between pages) is yielded once. A
 * page holding only people already seen means the provider ignores `startIndex`: paging stops
 * with a page_error instead of looping.
 */
export async function* fetchScim(ctx: ConnectorContext<ScimConfig>): AsyncGenerator<FetchItem> {
  const { config } = ctx;
  const usersPath = `${config.basePath}/Users`;
  const attributes = requestedAttributes(config).join(',');
  const mapOptions = {
    today: ctx.today,
    startDateAttribute: config.startDateAttribute,
    terminationDateAttribute: config.terminationDateAttribute,
  };
  const seen = new Set<string>();
  const counts = { pages: 0, employees: 0, recordErrors: 0, pageErrors: 0, duplicates: 0 };
  let startIndex = 1;
  let total: number | null = null;
  let brokenInARow = 0;

  while (true) {
    const page = `startIndex=${startIndex}`;
    if (counts.pages >= MAX_PAGES) {
      counts.pageErrors++;
      yield pageError(page, 'too_many_pages', `paging stopped after ${MAX_PAGES} pages`);
      break;
    }
    counts.pages++;
    const request: HttpRequest = {
      method: 'GET',
      path: usersPath,
      query: { startIndex, count: config.pageSize, attributes },
      headers: { accept: 'application/scim+json, application/json' },
      auth: authOf(config),
      operation: 'list-users',
    };
    const result = await readPage(ctx, request, usersPath, counts.pages === 1);
    if (!result.ok) {
      counts.pageErrors++;
      brokenInARow++;
      yield pageError(page, result.code, result.message);
      // Skip the broken window only while the total says more people follow.
      const next = startIndex + config.pageSize;
      if (total === null || next > total || brokenInARow >= MAX_CONSECUTIVE_PAGE_ERRORS) break;
      startIndex = next;
      continue;
    }
    brokenInARow = 0;
    const { list } = result;
    if (list.totalResults !== undefined) total = list.totalResults;
    const resources = list.Resources ?? [];
    if (resources.length === 0) break;

    const ids = resources.map((resource) => rawRecordId(resource));
    if (ids.some((id) => id !== null) && ids.every((id) => id === null || seen.has(id))) {
      counts.pageErrors++;
      yield pageError(
        page,
        'paging_ignored',
        `the SCIM service answered startIndex ${startIndex} with people it had already sent: it ` +
          'seems to ignore startIndex, so paging stopped (the directory may be incomplete)',
      );
      break;
    }
    for (const [i, raw] of resources.entries()) {
      const id = ids[i] ?? null;
      if (id !== null) {
        if (seen.has(id)) {
          counts.duplicates++;
          continue;
        }
        seen.add(id);
      }
      const mapped = mapScimUser(raw, mapOptions);
      if (mapped.ok) {
        counts.employees++;
        yield { kind: 'employee', employee: mapped.employee };
      } else {
        counts.recordErrors++;
        yield recordErrorItem(mapped);
      }
    }
    startIndex += resources.length;
    if (total !== null && startIndex > total) break;
  }
  ctx.log.info({ connector: 'scim', ...counts, totalResults: total }, 'scim users read');
}

function pageError(page: string, code: string, message: string): FetchItem {
  return { kind: 'page_error', page, code, message };
}

/**
 * One page, parsed. A refusal of the first page is fatal (the config is wrong); later on only
 * auth, throttling and outages are, while a page the provider refuses or garbles is a page_error.
 * A body cut short is asked for once more.
 */
async function readPage(
  ctx: ConnectorContext<ScimConfig>,
  request: HttpRequest,
  usersPath: string,
  first: boolean,
): Promise<PageResult> {
  for (let attempt = 1; ; attempt++) {
    const response = await ctx.http.request(request);
    if (response.status !== 200) {
      const error = errorForStatus(response.status, await readErrorReason(response), usersPath);
      if (first || error.retryable || error.code === 'auth_failed' || error.code === 'forbidden') {
        throw error;
      }
      return { ok: false, code: error.code, message: error.message };
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.code === 'cancelled') throw error;
      if (attempt < 2 && (error.code === 'truncated' || error.code === 'timeout')) continue;
      return { ok: false, code: error.code, message: error.message };
    }
    return parseList(text);
  }
}

function parseList(text: string): PageResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Never echo the body: it holds personal data.
    return {
      ok: false,
      code: 'invalid_payload',
      message: 'the Users page is not valid JSON',
    };
  }
  const parsed = scimListResponseSchema.safeParse(json);
  if (!parsed.success) {
    const paths = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.map(String).join('.') || '(page)'}: ${issue.code}`)
      .join('; ');
    return {
      ok: false,
      code: 'invalid_payload',
      message: `the Users page is not a SCIM ListResponse (${paths})`,
    };
  }
  return { ok: true, list: parsed.data };
}
