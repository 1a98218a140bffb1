import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GeneratedCompany, type CompanyOptions, type Person } from '../shared/company.ts';
import { FaultInjector, type CommonFaults } from '../shared/faults.ts';
import { BodyWriter, listen, sendEmpty, sendJson } from '../shared/http.ts';
import { integerParam } from '../shared/query.ts';
import { loadRipplingFixture, type RipplingFixture } from './fixture.ts';
import {
  renderDepartments,
  renderEmployee,
  renderWorkLocations,
  ripplingId,
  roleStateOf,
} from './render.ts';

export type { ThrottleFault } from '../shared/faults.ts';

/** Fault and permission knobs of the Rippling emulator (`shared/faults.ts` has the common ones). */
export interface RipplingFaults extends CommonFaults {
  /** Every request answers 403, as for a key without the employee scopes. */
  forbidden?: boolean | undefined;
  /** Top-level employee keys the key has no scope for: left out of every employee. */
  hiddenFields?: readonly string[] | undefined;
  /** A list request without `limit` for more than this many records times out (504, NOTES §3). */
  unpagedTimeoutAbove?: number | undefined;
}

export interface RipplingEmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The bearer API key to accept. Default: a random 40-character key. */
  apiKey?: string;
  company?: CompanyOptions;
  /** A shared V1 sample (employees, departments or work locations array) served verbatim. */
  fixture?: string;
  faults?: RipplingFaults;
  /** Largest page a `limit` may ask for (default 100, the documented maximum). */
  maxPageSize?: number;
}

export interface RipplingEmulatorStats {
  /** Every request received, refused ones included. */
  requests: number;
  /** Per endpoint: `employees`, `employees-include-terminated`, `employee`, `departments`… */
  byEndpoint: Record<string, number>;
  /** `limit` and `offset` of every list request that was answered, oldest first (last 1000). */
  pages: { endpoint: string; limit: number | null; offset: number }[];
}

export interface RipplingEmulator {
  /** Origin, e.g. `http://127.0.0.1:50123`; the API lives under `/platform/api`. */
  url: string;
  apiKey: string;
  /** The live company; mutate it between syncs. */
  company: GeneratedCompany;
  stats: RipplingEmulatorStats;
  /** Changes fault knobs at run time; a key set to `undefined` clears it. */
  setFaults(faults: Partial<RipplingFaults>): void;
  close(): Promise<void>;
}

export const RIPPLING_PREFIX = '/platform/api';

type Endpoint =
  'employees' | 'employees-include-terminated' | 'employee' | 'departments' | 'work-locations';

function route(pathname: string): { endpoint: Endpoint; id: string | null } | null {
  if (!pathname.startsWith(`${RIPPLING_PREFIX}/`)) return null;
  const path = pathname.slice(RIPPLING_PREFIX.length).replace(/\/+$/, '');
  if (path === '/employees') return { endpoint: 'employees', id: null };
  if (path === '/employees/include_terminated') {
    return { endpoint: 'employees-include-terminated', id: null };
  }
  if (path === '/departments') return { endpoint: 'departments', id: null };
  if (path === '/work_locations') return { endpoint: 'work-locations', id: null };
  const one = /^\/employees\/([^/]+)$/.exec(path);
  if (one?.[1] !== undefined) return { endpoint: 'employee', id: decodeURIComponent(one[1]) };
  return null;
}

/** Rippling's error body is undocumented (NOTES §7): a Django REST `{detail}` is assumed. */
function ripplingError(
  res: ServerResponse,
  status: number,
  detail: string,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, { detail });
}

/** Starts the emulator on a real port (0 = any free one). Call `close()` when done. */
export async function startRipplingEmulator(
  options: RipplingEmulatorOptions = {},
): Promise<RipplingEmulator> {
  const apiKey = options.apiKey ?? randomBytes(30).toString('base64url');
  const company = new GeneratedCompany(options.company ?? {}, ripplingId);
  const fixture: RipplingFixture | null = options.fixture
    ? await loadRipplingFixture(options.fixture)
    : null;
  const faults = new FaultInjector<RipplingFaults>({ ...options.faults });
  const maxPageSize = options.maxPageSize ?? 100;
  const stats: RipplingEmulatorStats = { requests: 0, byEndpoint: {}, pages: [] };
  // Offset paging over a stable order: the array is rebuilt only when the company changes.
  let snapshot: { version: number; people: Person[] } | null = null;
  const people = (): Person[] => {
    if (snapshot?.version !== company.version) {
      snapshot = { version: company.version, people: company.all() };
    }
    return snapshot.people;
  };

  async function sendList(
    res: ServerResponse,
    url: URL,
    endpoint: Endpoint,
    items: readonly unknown[] | ((from: number, to: number) => Iterable<unknown>),
    total: number,
  ): Promise<void> {
    const limit = integerParam(url.searchParams, 'limit', null);
    const offset = integerParam(url.searchParams, 'offset', 0);
    if (limit === 'invalid' || offset === 'invalid' || limit === 0) {
      return ripplingError(res, 400, 'limit and offset must be non-negative integers.');
    }
    const timeoutAbove = faults.current.unpagedTimeoutAbove;
    if (limit === null && timeoutAbove !== undefined && total > timeoutAbove) {
      return ripplingError(
        res,
        504,
        'Timeout. Try paginating your response with limit and offset.',
      );
    }
    stats.pages.push({ endpoint, limit, offset });
    if (stats.pages.length > 1000) stats.pages.shift();
    const from = Math.min(offset, total);
    const to = limit === null ? total : Math.min(total, from + Math.min(limit, maxPageSize));
    const rows = typeof items === 'function' ? items(from, to) : items.slice(from, to);
    res.writeHead(200, { 'content-type': 'application/json' });
    const isEmployees = endpoint.startsWith('employees');
    const writer = new BodyWriter(res, isEmployees ? faults.current.truncateAfterBytes : undefined);
    let first = true;
    await writer.write('[');
    for (const row of rows) {
      if (!(await writer.write(`${first ? '' : ','}${JSON.stringify(row)}`))) return;
      first = false;
    }
    await writer.write(']');
    await writer.end();
  }

  /** A fixture answers its list verbatim on the first page and `[]` after it. */
  function sendFixture(res: ServerResponse, url: URL, body: Buffer): void {
    const offset = integerParam(url.searchParams, 'offset', null);
    if (typeof offset === 'number' && offset > 0) return sendJson(res, 200, []);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const n = (stats.requests += 1);
    res.setHeader('x-request-id', randomUUID());
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const found = route(url.pathname);
    const name = found?.endpoint ?? 'not-found';
    stats.byEndpoint[name] = (stats.byEndpoint[name] ?? 0) + 1;
    await faults.delay();

    const header = req.headers.authorization;
    if (header === undefined) {
      return ripplingError(res, 401, 'Authentication credentials were not provided.');
    }
    if (header !== `Bearer ${apiKey}` || faults.isRevoked(n)) {
      return ripplingError(res, 401, 'Invalid token.');
    }
    if (faults.current.forbidden === true) {
      return ripplingError(res, 403, 'You do not have permission to perform this action.');
    }
    const fault = faults.decide();
    if (fault?.kind === 'throttle') {
      return ripplingError(res, 429, 'Request was throttled.', { 'retry-after': fault.retryAfter });
    }
    if (fault?.kind === 'server-error') return sendEmpty(res, fault.status);
    if (found === null) return ripplingError(res, 404, 'Not found.');
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      return ripplingError(res, 405, `Method "${req.method ?? ''}" not allowed.`);
    }

    const hidden = new Set(faults.current.hiddenFields ?? []);
    const render = (p: Person) => renderEmployee(company, p, hidden);
    switch (found.endpoint) {
      case 'employees':
      case 'employees-include-terminated': {
        if (fixture?.kind === 'employees') return sendFixture(res, url, fixture.body);
        const all = people();
        const list =
          found.endpoint === 'employees'
            ? all.filter((p) => roleStateOf(company, p) === 'ACTIVE')
            : all;
        return sendList(
          res,
          url,
          found.endpoint,
          function* (from, to) {
            for (let i = from; i < to; i += 1) yield render(list[i] as Person);
          },
          list.length,
        );
      }
      case 'employee': {
        const person = found.id === null ? undefined : company.get(found.id);
        if (!person) return ripplingError(res, 404, 'Not found.');
        return sendJson(res, 200, render(person));
      }
      case 'departments': {
        if (fixture?.kind === 'departments') return sendFixture(res, url, fixture.body);
        const departments = renderDepartments();
        return sendList(res, url, 'departments', departments, departments.length);
      }
      case 'work-locations': {
        if (fixture?.kind === 'work_locations') return sendFixture(res, url, fixture.body);
        const locations = renderWorkLocations();
        return sendList(res, url, 'work-locations', locations, locations.length);
      }
    }
  }

  const server = await listen(handle, options);
  return {
    url: server.url,
    apiKey,
    company,
    stats,
    setFaults: (patch) => faults.set(patch),
    close: () => server.close(),
  };
}
