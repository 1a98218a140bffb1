import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultInjector } from '../shared/faults.ts';
import { listen, sendEmpty } from '../shared/http.ts';
import { ServiceUserAuth, type WafOptions } from './auth.ts';
import { Company, type CompanyOptions } from './company.ts';
import type { EmulatorState, Exchange, Faults } from './context.ts';
import { hiBobError } from './errors.ts';
import { loadFixture } from './fixture.ts';
import { handleNamedLists, handlePeopleFields } from './lists.ts';
import { RateWindow, rateLimitHeaders } from './rate-limit.ts';
import { handlePeopleSearch } from './search.ts';

export type { Faults } from './context.ts';
export type { ThrottleFault } from '../shared/faults.ts';
export type { WafOptions } from './auth.ts';

export interface HiBobEmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The Basic username. Default: `SERVICE-` and five random digits. */
  serviceUserId?: string;
  /** The Basic password. Default: a random 32-character token. */
  token?: string;
  company?: CompanyOptions;
  /** A shared sample (people-search answer or named lists) served verbatim. */
  fixture?: string;
  faults?: Partial<Faults>;
  /** When repeated 401/403 answers get the caller's IP blocked. */
  waf?: WafOptions;
  /** People-search requests per minute before 429 (default 50, NOTES §7); Infinity: no limit. */
  peopleSearchPerMinute?: number;
}

export interface HiBobEmulatorStats {
  /** Every request received, refused ones included. */
  requests: number;
  /** Per endpoint: `people-search`, `named-lists`, `people-fields`, `not-found`. */
  byEndpoint: Record<string, number>;
  /** Parsed people-search request bodies, oldest first (the last 100). */
  lastRequestBodies: unknown[];
}

export interface HiBobEmulator {
  /** Origin, e.g. `http://127.0.0.1:50123`: the connector's base URL (it appends `/v1/...`). */
  url: string;
  serviceUserId: string;
  token: string;
  /** The live company; mutate it between syncs. */
  company: Company;
  stats: HiBobEmulatorStats;
  /** Changes fault and permission knobs at run time; a key set to `undefined` clears it. */
  setFaults(faults: Partial<Faults>): void;
  close(): Promise<void>;
}

type Endpoint = 'people-search' | 'named-lists' | 'people-fields';

interface Route {
  endpoint: Endpoint;
  method: 'GET' | 'POST';
  listName: string | null;
}

function route(pathname: string): Route | null {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/v1/people/search')
    return { endpoint: 'people-search', method: 'POST', listName: null };
  if (path === '/v1/company/people/fields') {
    return { endpoint: 'people-fields', method: 'GET', listName: null };
  }
  const lists = /^\/v1\/company\/named-lists(?:\/([^/]+))?$/.exec(path);
  if (lists) {
    const listName = lists[1] === undefined ? null : decodeURIComponent(lists[1]);
    return { endpoint: 'named-lists', method: 'GET', listName };
  }
  return null;
}

/** Starts the emulator on a real port (0 = any free one). Call `close()` when done. */
export async function startHiBobEmulator(
  options: HiBobEmulatorOptions = {},
): Promise<HiBobEmulator> {
  const serviceUserId = options.serviceUserId ?? `SERVICE-${randomInt(10_000, 100_000)}`;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const company = new Company(options.company);
  const fixture = options.fixture ? await loadFixture(options.fixture) : null;
  const auth = new ServiceUserAuth(serviceUserId, token, options.waf);
  const stats: HiBobEmulatorStats = { requests: 0, byEndpoint: {}, lastRequestBodies: [] };
  const state: EmulatorState = {
    company,
    faults: new FaultInjector<Faults>({ ...options.faults }),
    fixture,
    rateWindow: new RateWindow(options.peopleSearchPerMinute ?? 50),
    recordBody(body) {
      stats.lastRequestBodies.push(body);
      if (stats.lastRequestBodies.length > 100) stats.lastRequestBodies.shift();
    },
  };

  /** A 429 as HiBob sends it: the X-RateLimit-* headers, Retry-After unless switched off. */
  function tooManyRequests(
    res: ServerResponse,
    headers: Record<string, string>,
    retryAfter: string,
  ) {
    const withRetryAfter = state.faults.current.retryAfterHeader !== false;
    hiBobError(res, 429, 'too.many.requests', 'Rate limit exceeded, try again later', {
      ...headers,
      ...(withRetryAfter ? { 'retry-after': retryAfter } : {}),
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const n = (stats.requests += 1);
    res.setHeader('x-request-id', randomUUID());
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const found = route(url.pathname);
    const name = found?.endpoint ?? 'not-found';
    stats.byEndpoint[name] = (stats.byEndpoint[name] ?? 0) + 1;
    const ip = req.socket.remoteAddress ?? 'unknown';
    const refuse = (status: 401 | 403, key: string, message: string): void => {
      auth.recordFailure(ip);
      hiBobError(res, status, key, message);
    };

    await state.faults.delay();
    if (auth.isBlocked(ip)) {
      return hiBobError(
        res,
        403,
        'ip.blocked',
        'Access temporarily blocked after repeated failures',
      );
    }
    const verdict = auth.check(req.headers.authorization, state.faults.isRevoked(n));
    if (!verdict.ok) return refuse(verdict.status, verdict.key, verdict.message);
    if (state.faults.current.permissionGroup === false && found !== null) {
      return refuse(403, 'forbidden', 'The service user has no permission to view people data');
    }
    const fault = state.faults.decide();
    if (fault?.kind === 'throttle') {
      const seconds = Number(fault.retryAfter);
      const resetMs = Number.isFinite(seconds)
        ? Date.now() + seconds * 1000
        : Date.parse(fault.retryAfter);
      const limit = Number.isFinite(state.rateWindow.limit) ? state.rateWindow.limit : 50;
      return tooManyRequests(res, rateLimitHeaders(limit, 0, resetMs), fault.retryAfter);
    }
    if (fault?.kind === 'server-error') return sendEmpty(res, fault.status);
    if (found === null) return hiBobError(res, 404, 'not.found', 'Not found');
    if (req.method !== found.method) {
      res.setHeader('allow', found.method);
      return hiBobError(res, 405, 'method.not.allowed', `Use ${found.method}`);
    }
    const ex: Exchange = { req, res, url, state };
    if (found.endpoint === 'people-search') {
      const window = state.rateWindow.take();
      if (!window.allowed) {
        return tooManyRequests(res, window.headers, String(window.retryAfterSeconds));
      }
      for (const [header, value] of Object.entries(window.headers)) res.setHeader(header, value);
      return handlePeopleSearch(ex);
    }
    if (found.endpoint === 'people-fields') return handlePeopleFields(ex);
    return handleNamedLists(ex, found.listName);
  }

  const server = await listen(handle, options);
  return {
    url: server.url,
    serviceUserId,
    token,
    company,
    stats,
    setFaults: (faults) => state.faults.set(faults),
    close: () => server.close(),
  };
}
