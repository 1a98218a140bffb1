import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CompanyOptions, GeneratedCompany } from '../shared/company.ts';
import { FaultInjector, type CommonFaults } from '../shared/faults.ts';
import { BodyWriter, listen, sendEmpty, sendJson } from '../shared/http.ts';
import { integerParam } from '../shared/query.ts';
import { CharlieHrDirectory, createCharlieHrCompany, type Rendered } from './directory.ts';

export type { ThrottleFault } from '../shared/faults.ts';

/** The lists served under `/api/v1/` (NOTES §2). */
export const CHARLIEHR_LISTS = {
  team_members: 'teamMembers',
  teams: 'teams',
  offices: 'offices',
} as const satisfies Record<string, keyof Rendered>;
export type ListName = keyof typeof CHARLIEHR_LISTS;

export interface CharlieHrFaults extends CommonFaults {
  /** Pages of one list from `fromPage` (0-based) on are broken, retries included. */
  brokenPages?: { list: ListName; fromPage: number; kind: 'truncated' | 'html' | 'no-success' };
}

export interface CharlieHrEmulatorOptions {
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  company?: CompanyOptions;
  faults?: CharlieHrFaults;
  /** Default and max `per_page` (assumed 25). */
  maxPerPage?: number;
  /** `next_url` as a query string (`?page=2&per_page=25`, default) or a full URL. */
  nextUrlStyle?: 'query' | 'absolute';
}

export interface CharlieHrEmulatorStats {
  requests: number;
  byEndpoint: Record<string, number>;
  /** Path and query of the last 100 requests. */
  lastUrls: string[];
}

export interface CharlieHrEmulator {
  /** Origin: the connector's base URL (it appends `/api/v1/...`). */
  url: string;
  clientId: string;
  clientSecret: string;
  company: GeneratedCompany;
  directory: CharlieHrDirectory;
  stats: CharlieHrEmulatorStats;
  setFaults(faults: Partial<CharlieHrFaults>): void;
  close(): Promise<void>;
}

/** Error bodies are unconfirmed (NOTES §7): `{success: false, message}`. */
function charlieError(res: ServerResponse, status: number, message: string, headers = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, String(value));
  sendJson(res, status, { success: false, message });
}

export async function startCharlieHrEmulator(
  options: CharlieHrEmulatorOptions = {},
): Promise<CharlieHrEmulator> {
  const clientId = options.clientId ?? `client_${randomInt(100_000, 1_000_000)}`;
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('hex');
  const company = createCharlieHrCompany(options.company);
  const directory = new CharlieHrDirectory(company);
  const faults = new FaultInjector<CharlieHrFaults>({ ...options.faults });
  const maxPerPage = options.maxPerPage ?? 25;
  const stats: CharlieHrEmulatorStats = { requests: 0, byEndpoint: {}, lastUrls: [] };
  let origin = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const n = (stats.requests += 1);
    res.setHeader('x-request-id', randomUUID());
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const match = /^\/api\/v1\/([a-z_]+)\/?$/.exec(url.pathname);
    const list =
      match?.[1] !== undefined && match[1] in CHARLIEHR_LISTS ? (match[1] as ListName) : null;
    stats.byEndpoint[list ?? 'not-found'] = (stats.byEndpoint[list ?? 'not-found'] ?? 0) + 1;
    stats.lastUrls.push(`${url.pathname}${url.search}`);
    if (stats.lastUrls.length > 100) stats.lastUrls.shift();

    await faults.delay();
    const expected = `Token token=${clientId}:${clientSecret}`;
    if (req.headers.authorization !== expected || faults.isRevoked(n)) {
      return charlieError(res, 401, 'Invalid API credentials');
    }
    const fault = faults.decide();
    if (fault?.kind === 'throttle') {
      return charlieError(res, 429, 'Too many requests', { 'retry-after': fault.retryAfter });
    }
    if (fault?.kind === 'server-error') return sendEmpty(res, fault.status);
    if (list === null) return charlieError(res, 404, 'Not found');
    if (req.method !== 'GET') return charlieError(res, 405, 'Method not allowed');

    const strict = { emptyIsInvalid: true };
    const page = integerParam(url.searchParams, 'page', 1, strict);
    const perPage = integerParam(url.searchParams, 'per_page', maxPerPage, strict);
    if (!inRange(page, Number.POSITIVE_INFINITY) || !inRange(perPage, maxPerPage)) {
      return charlieError(res, 400, `page must be ≥ 1 and per_page from 1 to ${maxPerPage}`);
    }
    const rows = directory.lists()[CHARLIEHR_LISTS[list]];
    const totalPages = Math.max(1, Math.ceil(rows.length / perPage));
    const data = rows.slice((page - 1) * perPage, page * perPage);
    const link = (p: number) =>
      options.nextUrlStyle === 'absolute'
        ? `${origin}${url.pathname}?page=${p}&per_page=${perPage}`
        : `?page=${p}&per_page=${perPage}`;
    const broken = faults.current.brokenPages;
    if (broken?.list === list && page - 1 >= broken.fromPage) {
      return sendBroken(res, broken.kind, data);
    }
    const body = {
      success: true,
      data,
      meta: {
        current_page: page,
        per_page: perPage,
        total_pages: totalPages,
        total_results: rows.length,
        next_url: page < totalPages ? link(page + 1) : null,
        previous_url: page > 1 ? link(page - 1) : null,
      },
    };
    return sendList(res, body, faults.current.truncateAfterBytes);
  }

  const server = await listen(handle, options);
  origin = server.url;
  return {
    url: server.url,
    clientId,
    clientSecret,
    company,
    directory,
    stats,
    setFaults: (patch) => faults.set(patch),
    close: () => server.close(),
  };
}

function inRange(value: number | 'invalid', max: number): value is number {
  return value !== 'invalid' && value >= 1 && value <= max;
}

async function sendList(res: ServerResponse, body: unknown, truncateAfterBytes?: number) {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  const writer = new BodyWriter(res, truncateAfterBytes);
  await writer.write(JSON.stringify(body));
  await writer.end();
}

async function sendBroken(
  res: ServerResponse,
  kind: 'truncated' | 'html' | 'no-success',
  data: unknown[],
): Promise<void> {
  if (kind === 'html') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>Maintenance</body></html>');
    return;
  }
  if (kind === 'no-success') return sendJson(res, 200, { data });
  const text = JSON.stringify({ success: true, data });
  return sendList(res, { success: true, data }, Math.floor(Buffer.byteLength(text) / 2));
}
