import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GeneratedCompany, type CompanyOptions } from '../shared/company.ts';
import { readJsonFixture } from '../shared/fixture.ts';
import { FaultInjector, type CommonFaults } from '../shared/faults.ts';
import { listen, readBody, sendEmpty } from '../shared/http.ts';
import { TokenStore, authCredentials, bearerToken } from './auth.ts';
import { badQuery, parseEmployeesQuery, sendEmployeesPage } from './employees.ts';
import { personioError } from './errors.ts';
import { RateWindow } from './rate-limit.ts';

export type { ThrottleFault } from '../shared/faults.ts';

/** Fault and permission knobs of the Personio emulator (`shared/faults.ts` has the common ones). */
export interface Faults extends CommonFaults {
  /** Older one-time tokens: each successful answer carries the next token (NOTES §2). */
  rotateTokens?: boolean | undefined;
  /** The credential's readable attributes (NOTES §2 whitelisting); others are absent. */
  readableAttributes?: readonly string[] | undefined;
  /** Answer every attribute whatever `attributes[]` asks (negative tests). */
  ignoreAttributeFilter?: boolean | undefined;
  /** The employees page at this offset answers 200 with an HTML body (a proxy's error page). */
  invalidBodyAtOffset?: number | undefined;
  /** Name and email inside `supervisor` besides the id (unconfirmed upstream; default off). */
  supervisorDetails?: boolean | undefined;
}

export interface PersonioEmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: `papi-client-` and random hex. */
  clientId?: string;
  /** Default: a random 32-character secret. */
  clientSecret?: string;
  company?: CompanyOptions;
  /** A shared v1 employee-list sample served verbatim for every employees request. */
  fixture?: string;
  faults?: Partial<Faults>;
  /** Employee-list requests per minute before 429 (default 300, NOTES §7); Infinity: off. */
  employeesPerMinute?: number;
  /** Token requests per minute before 429 (default 60, NOTES §7); Infinity: off. */
  authPerMinute?: number;
}

export interface PersonioEmulatorStats {
  /** Every request received, refused ones included. */
  requests: number;
  /** Per endpoint: `auth`, `employees`, `not-found`. */
  byEndpoint: Record<string, number>;
  /** The `attributes[]` of each employees request that passed auth, oldest first (last 500). */
  attributeRequests: string[][];
  /** The `limit`/`offset` of each employees page served, oldest first (last 500). */
  pages: { offset: number; limit: number }[];
}

export interface PersonioEmulator {
  /** Origin, e.g. `http://127.0.0.1:50123`: the connector's base URL (it appends `/v1/...`). */
  url: string;
  clientId: string;
  clientSecret: string;
  /** The live company; mutate it between syncs. */
  company: GeneratedCompany;
  stats: PersonioEmulatorStats;
  /** Changes fault and permission knobs at run time; a key set to `undefined` clears it. */
  setFaults(faults: Partial<Faults>): void;
  /** Every issued token stops working, as after 24 h. */
  expireTokens(): void;
  close(): Promise<void>;
}

/** Personio ids are integers (NOTES §5). */
export const personioIdFor = (index: number): string => String(100_001 + index);

const MAX_AUTH_BODY_BYTES = 16 * 1024;
const KEEP = 500;

type Endpoint = 'auth' | 'employees';

function route(pathname: string): { endpoint: Endpoint; method: 'GET' | 'POST' } | null {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/v1/auth') return { endpoint: 'auth', method: 'POST' };
  if (path === '/v1/company/employees') return { endpoint: 'employees', method: 'GET' };
  return null;
}

/** Starts the emulator on a real port (0 = any free one). Call `close()` when done. */
export async function startPersonioEmulator(
  options: PersonioEmulatorOptions = {},
): Promise<PersonioEmulator> {
  const clientId = options.clientId ?? `papi-client-${randomUUID().slice(0, 8)}`;
  const clientSecret = options.clientSecret ?? randomUUID().replaceAll('-', '');
  const company = new GeneratedCompany(options.company ?? {}, personioIdFor);
  const fixture = options.fixture ? await loadFixture(options.fixture) : null;
  const tokens = new TokenStore(clientId, clientSecret);
  const faults = new FaultInjector<Faults>({ ...options.faults });
  const employeesWindow = new RateWindow(options.employeesPerMinute ?? 300);
  const authWindow = new RateWindow(options.authPerMinute ?? 60);
  const stats: PersonioEmulatorStats = {
    requests: 0,
    byEndpoint: {},
    attributeRequests: [],
    pages: [],
  };
  const keep = <T>(list: T[], item: T): void => {
    list.push(item);
    if (list.length > KEEP) list.shift();
  };
  const tooMany = (res: ServerResponse, retryAfter: string): void =>
    personioError(res, 429, 'Too Many Requests', { 'retry-after': retryAfter });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const n = (stats.requests += 1);
    res.setHeader('x-request-id', randomUUID());
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const found = route(url.pathname);
    const name = found?.endpoint ?? 'not-found';
    stats.byEndpoint[name] = (stats.byEndpoint[name] ?? 0) + 1;
    await faults.delay();
    if (found === null) return personioError(res, 404, 'Not found');
    if (req.method !== found.method) {
      res.setHeader('allow', found.method);
      return personioError(res, 405, `Use ${found.method}`);
    }
    const revoked = faults.isRevoked(n);

    if (found.endpoint === 'auth') {
      const body = await readBody(req, MAX_AUTH_BODY_BYTES);
      const given = authCredentials(
        body?.toString('utf8') ?? '',
        req.headers['content-type'],
        url.searchParams,
      );
      if (revoked || !tokens.credentialsMatch(given.clientId, given.clientSecret)) {
        return personioError(
          res,
          401,
          'sorry, you could not be authenticated with those credentials',
        );
      }
      const fault = faults.decide();
      if (fault?.kind === 'throttle') return tooMany(res, fault.retryAfter);
      if (fault?.kind === 'server-error') return sendEmpty(res, fault.status);
      const wait = authWindow.take();
      // Beyond 60 per minute: a 60 s cool-down (NOTES §7, DOC-AUTH).
      if (wait !== null) return tooMany(res, '60');
      const token = tokens.issue();
      res.setHeader('authorization', `Bearer ${token}`);
      return sendAuth(res, token);
    }

    const token = bearerToken(req.headers.authorization);
    if (revoked || !tokens.isValid(token)) {
      return personioError(res, 401, 'The access token is missing, invalid or expired');
    }
    const fault = faults.decide();
    if (fault?.kind === 'throttle') return tooMany(res, fault.retryAfter);
    if (fault?.kind === 'server-error') return sendEmpty(res, fault.status);
    const wait = employeesWindow.take();
    if (wait !== null) return tooMany(res, String(wait));
    const query = parseEmployeesQuery(url.searchParams);
    if (typeof query === 'string') return badQuery(res, query);
    keep(stats.attributeRequests, query.attributes);
    keep(stats.pages, { offset: query.offset, limit: query.limit });
    const current = faults.current;
    // Stable tokens are echoed; one-time tokens are replaced by the next one (NOTES §2).
    const next = current.rotateTokens && token !== null ? tokens.rotate(token) : token;
    res.setHeader('authorization', `Bearer ${next ?? ''}`);
    if (fixture !== null) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(fixture);
    }
    if (current.invalidBodyAtOffset === query.offset) {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html><body>502 Bad Gateway</body></html>');
    }
    const readable = current.readableAttributes ? new Set(current.readableAttributes) : null;
    return sendEmployeesPage(res, company, query, {
      readable,
      ignoreAttributeFilter: current.ignoreAttributeFilter === true,
      supervisorDetails: current.supervisorDetails === true,
      truncateAfterBytes: current.truncateAfterBytes,
    });
  }

  const server = await listen(handle, options);
  return {
    url: server.url,
    clientId,
    clientSecret,
    company,
    stats,
    setFaults: (patch) => faults.set(patch),
    expireTokens: () => tokens.expireAll(),
    close: () => server.close(),
  };
}

/** `{success: true, data: {token}}` (NOTES §2, personio-py). */
function sendAuth(res: ServerResponse, token: string): void {
  const text = JSON.stringify({ success: true, data: { token } });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(text);
}

/** A shared sample read in place (never copied): it must be a v1 list `{…, data: [...]}`. */
async function loadFixture(path: string): Promise<Buffer> {
  const { body, parsed } = await readJsonFixture(path);
  if (!Array.isArray((parsed as { data?: unknown } | null)?.data)) {
    throw new Error(`Fixture ${path} is not a v1 employee list ({success, metadata, data: [...]})`);
  }
  return body;
}
