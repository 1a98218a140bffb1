import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GeneratedCompany, CompanyOptions } from '../shared/company.ts';
import { FaultInjector, type CommonFaults } from '../shared/faults.ts';
import { BodyWriter, listen, sendEmpty, sendJson } from '../shared/http.ts';
import { FixedWindow } from '../shared/rate-window.ts';
import { FactorialDirectory, createFactorialCompany, type Row } from './directory.ts';
import { pageOf } from './paging.ts';

export type { ThrottleFault } from '../shared/faults.ts';

/** The four lists the emulator serves, by their path after `/api/{version}/resources/`. */
export const FACTORIAL_RESOURCES = {
  'employees/employees': 'employees',
  'teams/teams': 'teams',
  'locations/locations': 'locations',
  'contracts/contract_versions': 'contractVersions',
} as const;
export type ResourcePath = keyof typeof FACTORIAL_RESOURCES;

export interface FactorialFaults extends CommonFaults {
  /** Lists answered 403, as for an OAuth user whose permission group cannot see them. */
  forbidden?: readonly ResourcePath[] | undefined;
  /**
   * Pages of one list from page `fromPage` (0-based) on are broken: cut mid-JSON (`truncated`),
   * an HTML error page with status 200 (`html`), or JSON without `meta` (`no-meta`). Retries of
   * such a page break the same way.
   */
  brokenPages?: { resource: ResourcePath; fromPage: number; kind: BrokenKind } | undefined;
}

export type BrokenKind = 'truncated' | 'html' | 'no-meta';

export interface FactorialEmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The `x-api-key` to accept. Default: random. */
  apiKey?: string;
  /** The OAuth bearer token to accept. Default: random. */
  accessToken?: string;
  company?: CompanyOptions;
  /** A shared sample `{data, meta}` served verbatim as the first employees page. */
  fixture?: string;
  faults?: FactorialFaults;
  /** Page size cap below the documented 100 (more pages from a small company). */
  maxPageSize?: number;
  /** Requests per minute before 429 (GET limits are undocumented: default no limit). */
  requestsPerMinute?: number;
}

export interface FactorialEmulatorStats {
  requests: number;
  /** Per list (`employees/employees`…), plus `not-found`. */
  byEndpoint: Record<string, number>;
  /** Query strings of the last 100 requests, in order, e.g. `limit=100&only_active=false`. */
  lastQueries: string[];
  /** API versions seen in paths. */
  apiVersions: string[];
}

export interface FactorialEmulator {
  /** Origin: the connector's base URL (it appends `/api/<version>/resources/...`). */
  url: string;
  apiKey: string;
  accessToken: string;
  company: GeneratedCompany;
  directory: FactorialDirectory;
  stats: FactorialEmulatorStats;
  setFaults(faults: Partial<FactorialFaults>): void;
  close(): Promise<void>;
}

const PATH = /^\/api\/(\d{4}-\d{2}-\d{2})\/resources\/([a-z_]+\/[a-z_]+)\/?$/;

/** Factorial's error bodies are undocumented (NOTES §7): the emulator answers `{error}`. */
function factorialError(
  res: ServerResponse,
  status: number,
  error: string,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, { error });
}

/** Starts the emulator on a real port (0 = any free one). Call `close()` when done. */
export async function startFactorialEmulator(
  options: FactorialEmulatorOptions = {},
): Promise<FactorialEmulator> {
  const apiKey = options.apiKey ?? randomBytes(24).toString('hex');
  const accessToken = options.accessToken ?? randomBytes(24).toString('base64url');
  const company = createFactorialCompany(options.company);
  const directory = new FactorialDirectory(company);
  const fixture = options.fixture === undefined ? null : await readFile(options.fixture);
  const faults = new FaultInjector<FactorialFaults>({ ...options.faults });
  // A fixed one-minute window; Retry-After is the time left in it.
  const window = new FixedWindow(options.requestsPerMinute ?? Number.POSITIVE_INFINITY);
  const stats: FactorialEmulatorStats = {
    requests: 0,
    byEndpoint: {},
    lastQueries: [],
    apiVersions: [],
  };

  function authorized(req: IncomingMessage): boolean {
    const key = req.headers['x-api-key'];
    if (typeof key === 'string' && key === apiKey) return true;
    return req.headers.authorization === `Bearer ${accessToken}`;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const n = (stats.requests += 1);
    res.setHeader('x-request-id', randomUUID());
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const match = PATH.exec(url.pathname);
    const resource = match?.[2] as ResourcePath | undefined;
    const known = resource !== undefined && resource in FACTORIAL_RESOURCES;
    const name = known ? resource : 'not-found';
    stats.byEndpoint[name] = (stats.byEndpoint[name] ?? 0) + 1;
    stats.lastQueries.push(url.searchParams.toString());
    if (stats.lastQueries.length > 100) stats.lastQueries.shift();
    if (match?.[1] !== undefined && !stats.apiVersions.includes(match[1])) {
      stats.apiVersions.push(match[1]);
    }

    await faults.delay();
    if (!authorized(req) || faults.isRevoked(n)) {
      return factorialError(res, 401, 'Unauthorized: invalid or revoked credentials');
    }
    const fault = faults.decide();
    if (fault?.kind === 'throttle') {
      return factorialError(res, 429, 'Too many requests', { 'retry-after': fault.retryAfter });
    }
    if (fault?.kind === 'server-error') return sendEmpty(res, fault.status);
    const rate = window.take();
    if (!rate.allowed) {
      const retryAfter = String(rate.retryAfterSeconds);
      return factorialError(res, 429, 'Too many requests', { 'retry-after': retryAfter });
    }
    if (!known) return factorialError(res, 404, 'Not found');
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      return factorialError(res, 405, 'Method not allowed');
    }
    if (faults.current.forbidden?.includes(resource)) {
      return factorialError(res, 403, 'You do not have permission to access this resource');
    }
    if (fixture !== null) return serveFixture(res, resource, url.searchParams, fixture);

    const lists = directory.lists();
    let rows: readonly Row[] = lists[FACTORIAL_RESOURCES[resource]];
    if (resource === 'employees/employees') {
      const onlyActive = flag(url.searchParams, 'only_active');
      const onlyManagers = flag(url.searchParams, 'only_managers');
      if (onlyActive === 'invalid' || onlyManagers === 'invalid') {
        return factorialError(res, 400, 'only_active and only_managers must be true or false');
      }
      if (onlyActive) rows = rows.filter((r) => r['active'] === true);
      if (onlyManagers) rows = rows.filter((r) => lists.managerIds.has(r.id));
    }
    const page = pageOf(rows, url.searchParams, options.maxPageSize);
    if (!page.ok) return factorialError(res, 400, page.message);
    const broken = faults.current.brokenPages;
    if (broken?.resource === resource && page.index >= broken.fromPage) {
      return sendBroken(res, broken.kind, page.data);
    }
    return sendList(res, { data: page.data, meta: page.meta }, faults.current.truncateAfterBytes);
  }

  const server = await listen(handle, options);
  return {
    url: server.url,
    apiKey,
    accessToken,
    company,
    directory,
    stats,
    setFaults: (patch) => faults.set(patch),
    close: () => server.close(),
  };
}

/** `true`/`false`, absent = false (whether Factorial requires them is unconfirmed). */
function flag(query: URLSearchParams, name: string): boolean | 'invalid' {
  const value = query.get(name);
  if (value === null || value === 'false') return false;
  return value === 'true' ? true : 'invalid';
}

/** A list answer, written in chunks so `truncateAfterBytes` can cut it mid-JSON. */
async function sendList(res: ServerResponse, body: unknown, truncateAfterBytes?: number) {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  const writer = new BodyWriter(res, truncateAfterBytes);
  await writer.write(JSON.stringify(body));
  await writer.end();
}

async function sendBroken(res: ServerResponse, kind: BrokenKind, data: unknown[]): Promise<void> {
  if (kind === 'html') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>Maintenance</body></html>');
    return;
  }
  if (kind === 'no-meta') return sendJson(res, 200, { data });
  const text = JSON.stringify({ data });
  return sendList(res, { data }, Math.floor(Buffer.byteLength(text) / 2));
}

/**
 * Fixture mode: the sample is the first employees page, verbatim; its `end_cursor` leads to an
 * empty last page; the other lists are empty.
 */
function serveFixture(
  res: ServerResponse,
  resource: ResourcePath,
  query: URLSearchParams,
  fixture: Buffer,
): void {
  const emptyPage = {
    data: [],
    meta: {
      has_next_page: false,
      has_previous_page: query.has('after_id'),
      start_cursor: null,
      end_cursor: null,
      total: 0,
      limit: 100,
    },
  };
  if (resource !== 'employees/employees' || query.has('after_id')) {
    return sendJson(res, 200, emptyPage);
  }
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(fixture.length),
  });
  res.end(fixture);
}
