import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CompanyOptions } from '../shared/company.ts';
import { FaultInjector, type CommonFaults } from '../shared/faults.ts';
import { BodyWriter, listen, sendEmpty, sendJson } from '../shared/http.ts';
import { GustoCompany } from './company.ts';
import { GustoTokenStore } from './oauth.ts';
import { RollingWindow, gustoError, loadFixtures, rateLimitHeaders } from './protocol.ts';
import { renderDepartments, renderEmployee, renderLocation } from './render.ts';

export type { ThrottleFault } from '../shared/faults.ts';

/** The scopes a Rollcall authorization holds (NOTES §2); `compensations:read` is never needed. */
export const GUSTO_SCOPES = ['employees:read', 'departments:read', 'companies:read'] as const;

/** Fault and permission knobs (`shared/faults.ts` has the common ones). */
export interface Faults extends CommonFaults {
  /** The access token expired (Gusto tokens live 2 hours): every request gets 401. */
  tokenExpired?: boolean | undefined;
  /** Scopes the authorization lacks: their endpoints answer 403 `missing_permissions`. */
  missingScopes?: readonly string[] | undefined;
  /** With `truncateAfterBytes`, only these employee pages are cut (default: every page). */
  truncatePages?: readonly number[] | undefined;
  /** These employee pages answer 200 with an HTML body (a misbehaving proxy). */
  invalidJsonPages?: readonly number[] | undefined;
  /**
   * The worst case (default true): the app also holds `compensations:read`, so pay data is in
   * every record, and home addresses are sent unasked. False: exactly what NOTES §5 documents.
   */
  overshare?: boolean | undefined;
}

export interface GustoEmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The first access token (more come from `POST /oauth/token`). Default: a random token. */
  accessToken?: string;
  /** The refresh token issued with it. Default: a random token. */
  refreshToken?: string;
  /** The OAuth app's credentials the token endpoint accepts. Default: random. */
  clientId?: string;
  clientSecret?: string;
  /** Access token lifetime in seconds (default 7200, DOC-AUTH); Infinity: never expire. */
  tokenLifetimeSeconds?: number;
  /** The company UUID in every path. Default: derived from the seed. */
  companyUuid?: string;
  company?: CompanyOptions;
  /** A shared employee-list sample served verbatim as page 1. */
  fixture?: string;
  /** A shared `departments-locations.json` sample served verbatim for those two lists. */
  lookupsFixture?: string;
  faults?: Partial<Faults>;
  /** Requests per rolling minute before 429 (default 200, NOTES §7); Infinity: no limit. */
  requestsPerMinute?: number;
}

export interface GustoEmulatorStats {
  /** Every request received, refused ones included. */
  requests: number;
  /**
   * Per endpoint: `employees`, `departments`, `locations`, `token-info`, `oauth-token`,
   * `not-found`.
   */
  byEndpoint: Record<string, number>;
  /** The query string of every employees request, oldest first (the last 200). */
  employeeQueries: string[];
  /** The `X-Gusto-API-Version` of every request (null when absent), the last 200. */
  apiVersions: (string | null)[];
}

export interface GustoEmulator {
  /** Origin, e.g. `http://127.0.0.1:50123`: the connector's base URL (it appends `/v1/...`). */
  url: string;
  /** The first access token and its refresh token (`oauth.current()` has the newest pair). */
  accessToken: string;
  refreshToken: string;
  clientId: string;
  clientSecret: string;
  /** The OAuth grants: `current()`, `expireAccessTokens()`, `refreshes` counts. */
  oauth: GustoTokenStore;
  companyUuid: string;
  /** The live company; mutate it between syncs. */
  company: GustoCompany;
  stats: GustoEmulatorStats;
  /** Changes fault knobs at run time; a key set to `undefined` clears it. */
  setFaults(faults: Partial<Faults>): void;
  close(): Promise<void>;
}

type Endpoint = 'employees' | 'departments' | 'locations' | 'token-info';

const SCOPE_OF: Record<Endpoint, string | null> = {
  employees: 'employees:read',
  departments: 'departments:read',
  locations: 'companies:read',
  'token-info': null,
};

const MAX_PER = 100;
const DEFAULT_PER = 25;

function route(pathname: string): { endpoint: Endpoint; companyUuid: string | null } | null {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/v1/token_info') return { endpoint: 'token-info', companyUuid: null };
  const match = /^\/v1\/companies\/([^/]+)\/(employees|departments|locations)$/.exec(path);
  if (!match?.[1] || !match[2]) return null;
  return { endpoint: match[2] as Endpoint, companyUuid: decodeURIComponent(match[1]) };
}

function keep<T>(list: T[], value: T): void {
  list.push(value);
  if (list.length > 200) list.shift();
}

/** Starts the emulator on a real port (0 = any free one). Call `close()` when done. */
export async function startGustoEmulator(
  options: GustoEmulatorOptions = {},
): Promise<GustoEmulator> {
  const accessToken = options.accessToken ?? randomBytes(32).toString('base64url');
  const oauth = new GustoTokenStore({
    accessToken,
    refreshToken: options.refreshToken,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    lifetimeSeconds: options.tokenLifetimeSeconds,
  });
  const company = new GustoCompany(options.company, options.companyUuid);
  const fixtures = await loadFixtures(options.fixture, options.lookupsFixture);
  const faults = new FaultInjector<Faults>({ ...options.faults });
  const window = new RollingWindow(options.requestsPerMinute ?? 200);
  const stats: GustoEmulatorStats = {
    requests: 0,
    byEndpoint: {},
    employeeQueries: [],
    apiVersions: [],
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const n = (stats.requests += 1);
    res.setHeader('x-request-id', randomUUID());
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    if (url.pathname === '/oauth/token') {
      stats.byEndpoint['oauth-token'] = (stats.byEndpoint['oauth-token'] ?? 0) + 1;
      await faults.delay();
      return oauth.handle(req, res, url);
    }
    const found = route(url.pathname);
    stats.byEndpoint[found?.endpoint ?? 'not-found'] =
      (stats.byEndpoint[found?.endpoint ?? 'not-found'] ?? 0) + 1;
    const apiVersion = req.headers['x-gusto-api-version'];
    keep(stats.apiVersions, typeof apiVersion === 'string' ? apiVersion : null);
    await faults.delay();

    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = oauth.check(bearer);
    if (token === 'unknown' || faults.isRevoked(n)) {
      return gustoError(res, 401, 'invalid_token', 'The access token is invalid or was revoked.');
    }
    if (token === 'expired' || faults.current.tokenExpired) {
      return gustoError(res, 401, 'invalid_token', 'The access token expired.');
    }
    if (bearer !== undefined) oauth.used(bearer);
    if (typeof apiVersion === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(apiVersion)) {
      return gustoError(
        res,
        406,
        'invalid_api_version',
        `Invalid API Version \`${apiVersion.slice(0, 40)}\`. Expected format: YYYY-MM-DD`,
      );
    }
    const fault = faults.decide();
    if (fault?.kind === 'throttle') {
      const seconds = Number(fault.retryAfter);
      const resetMs = Number.isFinite(seconds)
        ? Date.now() + seconds * 1000
        : Date.parse(fault.retryAfter);
      return gustoError(res, 429, 'rate_limit_exceeded', 'Too many requests.', {
        ...rateLimitHeaders(200, 0, resetMs),
        'retry-after': fault.retryAfter,
      });
    }
    if (fault?.kind === 'server-error') {
      if (fault.status !== 500) return sendEmpty(res, fault.status);
      return gustoError(res, 500, 'internal_error', 'An unexpected error has occurred.');
    }
    const rate = window.take();
    if (!rate.allowed) {
      return gustoError(res, 429, 'rate_limit_exceeded', 'Too many requests.', {
        ...rate.headers,
        'retry-after': String(rate.retryAfter),
      });
    }
    for (const [header, value] of Object.entries(rate.headers)) res.setHeader(header, value);
    if (found === null) return gustoError(res, 404, 'not_found', 'Not found.', {}, 'base');
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      return gustoError(res, 405, 'invalid_operation', 'Use GET.');
    }
    const scope = SCOPE_OF[found.endpoint];
    if (scope !== null && faults.current.missingScopes?.includes(scope)) {
      return gustoError(
        res,
        403,
        'missing_permissions',
        `This action requires the ${scope} scope.`,
      );
    }
    if (found.endpoint === 'token-info') {
      const scopes = GUSTO_SCOPES.filter((s) => !faults.current.missingScopes?.includes(s));
      return sendJson(res, 200, {
        scope: scopes.join(' '),
        resource: { type: 'Company', uuid: company.uuid },
        resource_owner: { type: 'CompanyAdmin', uuid: company.adminUuid },
      });
    }
    if (found.companyUuid !== company.uuid) {
      return gustoError(res, 404, 'not_found', 'Company not found.', {}, 'company_uuid');
    }
    const paging = readPaging(url);
    if (paging === 'invalid') {
      return gustoError(
        res,
        422,
        'invalid_attribute_value',
        'page and per must be positive integers.',
      );
    }
    if (found.endpoint === 'departments') {
      return sendJson(res, 200, fixtures.departments ?? renderDepartments(company));
    }
    if (found.endpoint === 'locations') {
      const all =
        fixtures.locations ?? company.locations().map((l, i) => renderLocation(company, l, i));
      return sendList(res, all, paging);
    }
    keep(stats.employeeQueries, url.search);
    return sendEmployees(res, url, paging);
  }

  function sendEmployees(res: ServerResponse, url: URL, paging: Paging): Promise<void> {
    const page = paging?.page ?? 1;
    if (faults.current.invalidJsonPages?.includes(page)) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Bad gateway</body></html>');
      return Promise.resolve();
    }
    if (fixtures.employees !== null) {
      const count = (JSON.parse(fixtures.employees.toString('utf8')) as unknown[]).length;
      const body = page === 1 ? fixtures.employees : Buffer.from('[]');
      res.writeHead(200, {
        'content-type': 'application/json',
        ...(paging ? pageHeaders(paging, count) : {}),
      });
      res.end(body);
      return Promise.resolve();
    }
    const filter = url.searchParams.get('terminated');
    const people = company.all().filter((p) => {
      if (filter === null) return true;
      // "Have been or are scheduled to be terminated" (NOTES §6); a rehire's old one is history.
      const leaving =
        p.lifecycle === 'terminated' || (p.terminationDate !== null && p.lifecycle !== 'rehired');
      return filter === 'true' ? leaving : !leaving;
    });
    const include = new Set((url.searchParams.get('include') ?? '').split(',').filter(Boolean));
    const overshare = faults.current.overshare !== false;
    if (overshare) include.add('current_home_address');
    const slice = paging ? people.slice((page - 1) * paging.per, page * paging.per) : people;
    const { truncateAfterBytes, truncatePages } = faults.current;
    const cut = truncatePages === undefined || truncatePages.includes(page);
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(paging ? pageHeaders(paging, people.length) : {}),
    });
    return writeArray(
      new BodyWriter(res, cut ? truncateAfterBytes : undefined),
      slice.map((p) => () => renderEmployee(company, p, { compensations: overshare, include })),
    );
  }

  const server = await listen(handle, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
  });
  return {
    url: server.url,
    accessToken,
    refreshToken: oauth.initial.refreshToken,
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    oauth,
    companyUuid: company.uuid,
    company,
    stats,
    setFaults: (patch) => faults.set(patch),
    close: () => server.close(),
  };
}

type Paging = { page: number; per: number } | null;

/** page/per (NOTES §4): without both, everything at once; `per` defaults to 25, capped at 100. */
function readPaging(url: URL): Paging | 'invalid' {
  const page = url.searchParams.get('page');
  const per = url.searchParams.get('per');
  if (page === null && per === null) return null;
  const valid = (v: string | null) => v === null || /^[1-9]\d{0,6}$/.test(v);
  if (!valid(page) || !valid(per)) return 'invalid';
  return {
    page: page === null ? 1 : Number(page),
    per: Math.min(MAX_PER, per === null ? DEFAULT_PER : Number(per)),
  };
}

function pageHeaders(paging: { page: number; per: number }, total: number): Record<string, string> {
  return {
    'x-page': String(paging.page),
    'x-per-page': String(paging.per),
    'x-total-count': String(total),
    'x-total-pages': String(Math.ceil(total / paging.per)),
  };
}

function sendList(res: ServerResponse, all: readonly unknown[], paging: Paging): void {
  if (paging === null) return sendJson(res, 200, all);
  const slice = all.slice((paging.page - 1) * paging.per, paging.page * paging.per);
  for (const [name, value] of Object.entries(pageHeaders(paging, all.length)))
    res.setHeader(name, value);
  sendJson(res, 200, slice);
}

/** A bare JSON array written in chunks; each element is rendered only when it is written. */
async function writeArray(writer: BodyWriter, elements: (() => unknown)[]): Promise<void> {
  if (!(await writer.write('['))) return;
  for (let i = 0; i < elements.length; i++) {
    const render = elements[i] as () => unknown;
    if (!(await writer.write(`${i === 0 ? '' : ','}${JSON.stringify(render())}`))) return;
  }
  await writer.write(']');
  await writer.end();
}
