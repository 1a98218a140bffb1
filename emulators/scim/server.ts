import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CompanyOptions, GeneratedCompany } from '../shared/company.ts';
import { FaultInjector, type CommonFaults } from '../shared/faults.ts';
import { BodyWriter, listen, sendJson } from '../shared/http.ts';
import { parseAttributes, project } from './attributes.ts';
import { SCIM_CONTENT_TYPE, scimError } from './errors.ts';
import { parseFilter } from './filter.ts';
import {
  CORE_USER,
  ENTERPRISE_USER,
  HRIS_EXTENSION,
  createScimCompany,
  renderUser,
} from './users.ts';

export type { ThrottleFault } from '../shared/faults.ts';

const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SCHEMAS = [CORE_USER, ENTERPRISE_USER, HRIS_EXTENSION];

export interface ScimFaults extends CommonFaults {
  /** The server ignores `startIndex` and always answers from the first user. */
  ignoreStartIndex?: boolean | undefined;
  /** `hard`: leavers are deleted (absent from lists, 404 by id) instead of `active: false`. */
  deprovision?: 'soft' | 'hard' | undefined;
  /** The token may not read Users: 403 on every Users request. */
  forbidden?: boolean | undefined;
  /** Users pages answer 200 with a body that is not JSON. */
  invalidJson?: boolean | undefined;
}

export interface ScimEmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The service root's path (default `/scim/v2`). */
  basePath?: string;
  /** The bearer token accepted. Default: random. */
  token?: string;
  /** The Basic credentials accepted. Default: `rollcall` and a random password. */
  username?: string;
  password?: string;
  company?: CompanyOptions;
  /** A shared sample ListResponse, served verbatim for every `GET /Users`. */
  fixture?: string;
  faults?: Partial<ScimFaults>;
  /** The page cap (`filter.maxResults`): larger `count`s get this many. Default 100. */
  maxResults?: number;
}

export interface ScimEmulatorStats {
  /** Every request received, refused ones included. */
  requests: number;
  /** Per endpoint: `users`, `user`, `service-provider-config`, `not-found`. */
  byEndpoint: Record<string, number>;
  /** The `attributes` of each `GET /Users` that got past auth (null: none sent), oldest first. */
  attributeRequests: (string[] | null)[];
  /** `startIndex` / `count` as received on each `GET /Users` that got past auth. */
  pages: { startIndex: string | null; count: string | null }[];
}

export interface ScimEmulator {
  /** Origin, e.g. `http://127.0.0.1:50123`: the connector's base URL. */
  url: string;
  /** The service root's path, e.g. `/scim/v2`. */
  basePath: string;
  token: string;
  username: string;
  password: string;
  company: GeneratedCompany;
  stats: ScimEmulatorStats;
  setFaults(faults: Partial<ScimFaults>): void;
  close(): Promise<void>;
}

type Route = { endpoint: 'users' } | { endpoint: 'user'; id: string } | { endpoint: 'spc' };

function route(pathname: string, basePath: string): Route | null {
  if (!pathname.startsWith(`${basePath}/`)) return null;
  const rest = pathname.slice(basePath.length).replace(/\/+$/, '');
  if (rest === '/Users') return { endpoint: 'users' };
  if (rest === '/ServiceProviderConfig') return { endpoint: 'spc' };
  const one = /^\/Users\/([^/]+)$/.exec(rest);
  return one?.[1] === undefined ? null : { endpoint: 'user', id: decodeURIComponent(one[1]) };
}

/** Starts the emulator on a real port (0 = any free one). Call `close()` when done. */
export async function startScimEmulator(options: ScimEmulatorOptions = {}): Promise<ScimEmulator> {
  const basePath = (options.basePath ?? '/scim/v2').replace(/\/+$/, '');
  const token = options.token ?? randomBytes(24).toString('base64url');
  const username = options.username ?? 'rollcall';
  const password = options.password ?? randomBytes(18).toString('base64url');
  const maxResults = options.maxResults ?? 100;
  const company = createScimCompany(options.company);
  const fixture = options.fixture ? await loadFixture(options.fixture) : null;
  const faults = new FaultInjector<ScimFaults>({ ...options.faults });
  const stats: ScimEmulatorStats = {
    requests: 0,
    byEndpoint: {},
    attributeRequests: [],
    pages: [],
  };
  const basic = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  let serviceRoot = '';

  const authorized = (header: string | undefined): boolean =>
    header === `Bearer ${token}` || header === basic;

  const listed = (): ReturnType<GeneratedCompany['all']> =>
    faults.current.deprovision === 'hard'
      ? company.all().filter((p) => !company.isTerminated(p))
      : company.all();

  async function listUsers(res: ServerResponse, url: URL): Promise<void> {
    const params = url.searchParams;
    const attributes = params.get('attributes');
    stats.attributeRequests.push(attributes === null ? null : attributes.split(','));
    stats.pages.push({ startIndex: params.get('startIndex'), count: params.get('count') });
    if (faults.current.forbidden) return scimError(res, 403, 'Insufficient scope to read Users');
    if (fixture !== null) return sendRaw(res, fixture, faults.current.truncateAfterBytes);
    if (faults.current.invalidJson) return sendRaw(res, '<html>gateway</html>', undefined);
    const startIndex = integer(params.get('startIndex'), 1);
    const count = integer(params.get('count'), maxResults);
    if (startIndex === null || count === null) {
      return scimError(res, 400, 'startIndex and count must be integers', {
        scimType: 'invalidValue',
      });
    }
    const filter = parseFilter(params.get('filter'));
    if (!filter.ok) return scimError(res, 400, filter.detail, { scimType: 'invalidFilter' });
    const selectors = attributes === null ? null : parseAttributes(attributes, SCHEMAS);
    const { matches } = filter;
    const people =
      matches === null
        ? listed()
        : listed().filter((p) => matches(renderUser(company, p, renderOptions())));
    // RFC 7644 §3.4.2.4: startIndex < 1 is 1, count < 0 is 0; the SP caps count.
    const start = faults.current.ignoreStartIndex ? 1 : Math.max(1, startIndex);
    const size = Math.min(Math.max(0, count), maxResults);
    const page = people.slice(start - 1, start - 1 + size);
    const head = {
      schemas: [LIST_RESPONSE],
      totalResults: people.length,
      itemsPerPage: page.length,
      startIndex: start,
    };
    res.writeHead(200, { 'content-type': SCIM_CONTENT_TYPE });
    const writer = new BodyWriter(res, faults.current.truncateAfterBytes);
    if (people.length === 0) {
      await writer.write(JSON.stringify(head));
      return writer.end();
    }
    await writer.write(`${JSON.stringify(head).slice(0, -1)},"Resources":[`);
    for (const [i, person] of page.entries()) {
      const user = project(renderUser(company, person, renderOptions()), selectors);
      if (!(await writer.write(`${i === 0 ? '' : ','}${JSON.stringify(user)}`))) return;
    }
    await writer.write(']}');
    await writer.end();
  }

  function renderOptions() {
    return { serviceRoot, generatedAt: `${company.today}T00:00:00Z` };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const n = (stats.requests += 1);
    res.setHeader('x-request-id', randomUUID());
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const found = route(url.pathname, basePath);
    const name =
      found === null
        ? 'not-found'
        : found.endpoint === 'spc'
          ? 'service-provider-config'
          : found.endpoint;
    stats.byEndpoint[name] = (stats.byEndpoint[name] ?? 0) + 1;
    await faults.delay();
    if (!authorized(req.headers.authorization) || faults.isRevoked(n)) {
      return scimError(res, 401, 'Authentication failed', {
        headers: { 'www-authenticate': 'Bearer realm="scim"' },
      });
    }
    const fault = faults.decide();
    if (fault?.kind === 'throttle') {
      return scimError(res, 429, 'Too many requests', {
        headers: { 'retry-after': fault.retryAfter },
      });
    }
    if (fault?.kind === 'server-error') return scimError(res, fault.status, 'Service unavailable');
    if (found === null) return scimError(res, 404, `No resource at ${url.pathname}`);
    if (req.method !== 'GET') {
      return scimError(res, 501, 'Only reads are emulated', { headers: { allow: 'GET' } });
    }
    if (found.endpoint === 'users') return listUsers(res, url);
    if (found.endpoint === 'spc')
      return sendJson(res, 200, serviceProviderConfig(maxResults), SCIM_CONTENT_TYPE);
    const person = listed().find((p) => p.id === found.id);
    if (person === undefined) return scimError(res, 404, `Resource ${found.id} not found`);
    const attributes = url.searchParams.get('attributes');
    const selectors = attributes === null ? null : parseAttributes(attributes, SCHEMAS);
    return sendJson(
      res,
      200,
      project(renderUser(company, person, renderOptions()), selectors),
      SCIM_CONTENT_TYPE,
    );
  }

  const server = await listen(handle, options);
  serviceRoot = `${server.url}${basePath}`;
  return {
    url: server.url,
    basePath,
    token,
    username,
    password,
    company,
    stats,
    setFaults: (patch) => faults.set(patch),
    close: () => server.close(),
  };
}

/** A non-negative or negative integer query value; `fallback` when absent; null when garbage. */
function integer(value: string | null, fallback: number): number | null {
  if (value === null || value === '') return fallback;
  return /^-?\d+$/.test(value) ? Number(value) : null;
}

async function sendRaw(res: ServerResponse, body: string, truncateAfterBytes: number | undefined) {
  res.writeHead(200, { 'content-type': SCIM_CONTENT_TYPE });
  const writer = new BodyWriter(res, truncateAfterBytes);
  await writer.write(body);
  await writer.end();
}

/** The shared sample, read in place; only a ListResponse makes sense for `GET /Users`. */
async function loadFixture(path: string): Promise<string> {
  const text = await readFile(path, 'utf8');
  const json = JSON.parse(text) as { schemas?: unknown };
  if (!Array.isArray(json.schemas) || !json.schemas.includes(LIST_RESPONSE)) {
    throw new Error(`${path} is not a SCIM ListResponse`);
  }
  return text;
}

/** RFC 7643 §5, shaped like the §8.5 example. */
function serviceProviderConfig(maxResults: number) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: false },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Bearer token',
        primary: true,
      },
      { type: 'httpbasic', name: 'HTTP Basic', description: 'Username and password' },
    ],
  };
}
