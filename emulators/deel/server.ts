import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  GeneratedCompany,
  seededUuid,
  type CompanyOptions,
  type Person,
} from '../shared/company.ts';
import { readJsonFixture } from '../shared/fixture.ts';
import { FaultInjector, type CommonFaults } from '../shared/faults.ts';
import { BodyWriter, listen, sendEmpty, sendJson } from '../shared/http.ts';
import { RollingWindow } from '../shared/rate-window.ts';
import { renderDepartments, renderPerson, renderWorkingLocations } from './render.ts';

export type { ThrottleFault } from '../shared/faults.ts';

/** Fault knobs of the Deel emulator (`shared/faults.ts` has the common ones). */
export interface DeelFaults extends CommonFaults {
  /** Every request answers 403, as for a token without `people:read`. */
  forbidden?: boolean | undefined;
  /** Leave `page` out of list answers, like the guide's sample (NOTES §3). */
  omitPage?: boolean | undefined;
}

export interface DeelEmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The bearer API token to accept. Default: a random 40-character token. */
  apiToken?: string;
  company?: CompanyOptions;
  /** A shared sample (`{data: [...]}` people, departments or working locations) served verbatim. */
  fixture?: string;
  faults?: DeelFaults;
  /** Requests per rolling second before 429 (default 5, NOTES §4); Infinity: no limit. */
  requestsPerSecond?: number;
  /** Largest `limit` accepted (default 100, NOTES §3); larger is a 400 validation error. */
  maxPageSize?: number;
}

export interface DeelEmulatorStats {
  /** Every request received, refused ones included. */
  requests: number;
  /** Per endpoint: `people`, `person`, `departments`, `working-locations`, `not-found`. */
  byEndpoint: Record<string, number>;
  /** `offset` and `limit` of every people page answered, oldest first (last 1000). */
  pages: { offset: number; limit: number }[];
}

export interface DeelEmulator {
  /** Origin, e.g. `http://127.0.0.1:50123`; the API lives under `/rest/v2`. */
  url: string;
  apiToken: string;
  company: GeneratedCompany;
  stats: DeelEmulatorStats;
  setFaults(faults: Partial<DeelFaults>): void;
  close(): Promise<void>;
}

export const DEEL_PREFIX = '/rest/v2';
/** Deel's default page size is undocumented; the emulator uses 50. */
const DEFAULT_LIMIT = 50;

type Endpoint = 'people' | 'person' | 'departments' | 'working-locations';
type FixtureKind = 'people' | 'departments' | 'working-locations';

function route(pathname: string): { endpoint: Endpoint; id: string | null } | null {
  if (!pathname.startsWith(`${DEEL_PREFIX}/`)) return null;
  const path = pathname.slice(DEEL_PREFIX.length).replace(/\/+$/, '');
  if (path === '/people') return { endpoint: 'people', id: null };
  if (path === '/departments') return { endpoint: 'departments', id: null };
  if (path === '/working-locations') return { endpoint: 'working-locations', id: null };
  const one = /^\/people\/([^/]+)$/.exec(path);
  if (one?.[1] !== undefined) return { endpoint: 'person', id: decodeURIComponent(one[1]) };
  return null;
}

/** Reads a `{data: [...]}` sample and recognises its list from the first element. */
async function loadFixture(path: string): Promise<{ kind: FixtureKind; body: Buffer }> {
  const { body, parsed } = await readJsonFixture(path);
  const data = (parsed as { data?: unknown } | null)?.data;
  const first: unknown = Array.isArray(data) ? data[0] : undefined;
  if (typeof first === 'object' && first !== null) {
    if ('hiring_status' in first || 'first_name' in first) return { kind: 'people', body };
    if ('parent' in first) return { kind: 'departments', body };
    if ('name' in first) return { kind: 'working-locations', body };
  }
  throw new Error(`Fixture ${path} is not a Deel list ({data: [...]} of people or departments)`);
}

/** Starts the emulator on a real port (0 = any free one). Call `close()` when done. */
export async function startDeelEmulator(options: DeelEmulatorOptions = {}): Promise<DeelEmulator> {
  const apiToken = options.apiToken ?? randomBytes(30).toString('base64url');
  const company = new GeneratedCompany(options.company ?? {}, (_i, rng) => seededUuid(rng));
  const fixture = options.fixture ? await loadFixture(options.fixture) : null;
  const faults = new FaultInjector<DeelFaults>({ ...options.faults });
  const maxPageSize = options.maxPageSize ?? 100;
  const stats: DeelEmulatorStats = { requests: 0, byEndpoint: {}, pages: [] };
  // A rolling one-second window (NOTES §4).
  const window = new RollingWindow(options.requestsPerSecond ?? 5, 1000);
  let snapshot: { version: number; people: Person[] } | null = null;
  const people = (): Person[] => {
    if (snapshot?.version !== company.version) {
      snapshot = { version: company.version, people: company.all() };
    }
    return snapshot.people;
  };

  /** Deel's one error shape (NOTES §7): `{request: {...}, errors: [{message, path}]}`. */
  function deelError(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    message: string,
    extra: { code?: number; source?: string; path?: string; headers?: Record<string, string> } = {},
  ): void {
    for (const [name, value] of Object.entries(extra.headers ?? {})) res.setHeader(name, value);
    sendJson(res, status, {
      request: {
        method: req.method ?? 'GET',
        url: (req.url ?? '/').split('?')[0],
        status,
        api_req_id: randomUUID(),
        docs: 'https://developer.deel.com/docs',
        source: extra.source ?? 'API',
        code: extra.code ?? status,
      },
      errors: [{ message, path: extra.path ?? '' }],
    });
  }

  async function sendPeople(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const raw = { offset: url.searchParams.get('offset'), limit: url.searchParams.get('limit') };
    for (const [name, value] of Object.entries(raw)) {
      if (value !== null && !/^\d+$/.test(value)) {
        return deelError(req, res, 400, `${name} must be integer`, {
          source: 'AJV',
          path: `/query/${name}`,
        });
      }
    }
    const offset = Number(raw.offset ?? 0);
    const limit = Number(raw.limit ?? DEFAULT_LIMIT);
    if (limit < 1 || limit > maxPageSize) {
      return deelError(req, res, 400, `limit must be <= ${maxPageSize} and >= 1`, {
        source: 'AJV',
        path: '/query/limit',
      });
    }
    stats.pages.push({ offset, limit });
    if (stats.pages.length > 1000) stats.pages.shift();
    const all = people();
    const to = Math.min(all.length, offset + limit);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    const writer = new BodyWriter(res, faults.current.truncateAfterBytes);
    await writer.write('{"data":[');
    for (let i = offset; i < to; i += 1) {
      const row = JSON.stringify(renderPerson(company, all[i] as Person));
      if (!(await writer.write(`${i === offset ? '' : ','}${row}`))) return;
    }
    const page = { offset, total_rows: all.length, items_per_page: limit };
    await writer.write(
      faults.current.omitPage === true ? ']}' : `],"page":${JSON.stringify(page)}}`,
    );
    await writer.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const n = (stats.requests += 1);
    res.setHeader('x-request-id', randomUUID());
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const found = route(url.pathname);
    stats.byEndpoint[found?.endpoint ?? 'not-found'] =
      (stats.byEndpoint[found?.endpoint ?? 'not-found'] ?? 0) + 1;
    await faults.delay();

    if (req.headers.authorization !== `Bearer ${apiToken}` || faults.isRevoked(n)) {
      return deelError(req, res, 401, 'Unauthorized: invalid or expired token', { code: 401 });
    }
    if (faults.current.forbidden === true) {
      return deelError(req, res, 403, 'Forbidden: the token is missing the people:read scope');
    }
    const fault = faults.decide();
    if (fault?.kind === 'throttle') {
      // Real Deel sends no rate-limit headers; the fault knob adds Retry-After for tests.
      return deelError(req, res, 429, 'Too many requests', {
        headers: { 'retry-after': fault.retryAfter },
      });
    }
    if (fault?.kind === 'server-error') return sendEmpty(res, fault.status);
    if (!window.take().allowed) return deelError(req, res, 429, 'Too many requests');
    if (found === null) return deelError(req, res, 404, 'Not found');
    if (req.method !== 'GET') return deelError(req, res, 405, 'Method not allowed');

    if (fixture !== null && fixture.kind === found.endpoint) {
      const offset = Number(url.searchParams.get('offset') ?? 0);
      if (offset > 0) return sendJson(res, 200, { data: [] });
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': fixture.body.length,
      });
      return void res.end(fixture.body);
    }
    switch (found.endpoint) {
      case 'people':
        return sendPeople(req, res, url);
      case 'person': {
        const person = found.id === null ? undefined : company.get(found.id);
        if (!person) return deelError(req, res, 404, 'Person not found');
        return sendJson(res, 200, { data: renderPerson(company, person) });
      }
      case 'departments':
        return sendJson(res, 200, { data: renderDepartments() });
      case 'working-locations':
        return sendJson(res, 200, { data: renderWorkingLocations() });
    }
  }

  const server = await listen(handle, options);
  return {
    url: server.url,
    apiToken,
    company,
    stats,
    setFaults: (patch) => faults.set(patch),
    close: () => server.close(),
  };
}
