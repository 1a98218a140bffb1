import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GeneratedCompany, seededUuid, type CompanyOptions } from '../shared/company.ts';
import { FaultInjector, type CommonFaults } from '../shared/faults.ts';
import { BodyWriter, listen, sendEmpty, sendJson } from '../shared/http.ts';
import { RollingWindow } from '../shared/rate-window.ts';
import { positiveParam } from '../shared/query.ts';
import { linkedGroups, renderProfile } from './render.ts';

export interface NamelyFaults extends CommonFaults {
  /** This profiles page answers 200 with an HTML body (a proxy's page, not JSON). */
  htmlPage?: number | undefined;
  /** The token's creator became inactive: every request gets 403 (NOTES §1). */
  creatorInactive?: boolean | undefined;
}

export interface NamelyEmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The bearer token to accept. Default: 64 random hex characters. */
  token?: string;
  company?: CompanyOptions;
  /** A shared sample (profiles page) served verbatim as page 1; later pages are empty. */
  fixture?: string;
  faults?: Partial<NamelyFaults>;
  /** Profile requests per minute before 406 (default 100, NOTES §4); Infinity: no limit. */
  profilesPerMinute?: number;
}

export interface NamelyEmulatorStats {
  requests: number;
  /** Per endpoint: `profiles`, `profile`, `not-found`. */
  byEndpoint: Record<string, number>;
  /** `path?query` of the last 200 requests, oldest first. */
  lastRequests: string[];
}

export interface NamelyEmulator {
  /** Origin: the connector's base URL (it appends `/api/v1/...`). */
  url: string;
  token: string;
  company: GeneratedCompany;
  stats: NamelyEmulatorStats;
  setFaults(faults: Partial<NamelyFaults>): void;
  close(): Promise<void>;
}

/** Documented default and maximum page sizes (NOTES §3). */
export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 50;

const LINKS = {
  'profiles.job_title': { type: 'job_titles' },
  'profiles.image': { type: 'files' },
  'profiles.groups': { type: 'groups' },
  'profiles.teams': { type: 'teams' },
};

/** Namely's error body (NOTES §7). */
function namelyError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, { message, errors: [] });
}

/** Starts the emulator on a real port (0 = any free one). Call `close()` when done. */
export async function startNamelyEmulator(
  options: NamelyEmulatorOptions = {},
): Promise<NamelyEmulator> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const company = new GeneratedCompany(options.company ?? {}, (_index, rng) => seededUuid(rng));
  const fixture = options.fixture === undefined ? null : await readFile(options.fixture);
  const faults = new FaultInjector<NamelyFaults>({ ...options.faults });
  // A sliding one-minute window of request times.
  const window = new RollingWindow(options.profilesPerMinute ?? 100);
  const stats: NamelyEmulatorStats = { requests: 0, byEndpoint: {}, lastRequests: [] };

  async function sendProfiles(res: ServerResponse, url: URL): Promise<void> {
    const page = positiveParam(url.searchParams.get('page')) ?? 1;
    const perPage = Math.min(
      MAX_PER_PAGE,
      positiveParam(url.searchParams.get('per_page')) ?? DEFAULT_PER_PAGE,
    );
    if (faults.current.htmlPage === page) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Service Unavailable</body></html>');
      return;
    }
    let text: string;
    if (fixture !== null) {
      text =
        page === 1
          ? fixture.toString('utf8')
          : JSON.stringify({
              profiles: [],
              meta: { count: 0, status: 200 },
              links: LINKS,
              linked: { job_titles: [], files: [], groups: [], teams: [] },
            });
    } else {
      const people = company.all();
      const slice = people.slice((page - 1) * perPage, page * perPage);
      text = JSON.stringify({
        profiles: slice.map((p) => renderProfile(company, p)),
        meta: { count: slice.length, total_count: people.length, status: 200 },
        links: LINKS,
        linked: { job_titles: [], files: [], groups: linkedGroups(slice), teams: [] },
      });
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    const writer = new BodyWriter(res, faults.current.truncateAfterBytes);
    await writer.write(text);
    await writer.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const n = (stats.requests += 1);
    res.setHeader('x-request-id', randomUUID());
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    stats.lastRequests.push(`${url.pathname}${url.search}`);
    if (stats.lastRequests.length > 200) stats.lastRequests.shift();
    const match = /^\/api\/v1\/profiles(?:\/([0-9a-f-]{36}))?(?:\.json)?\/?$/.exec(url.pathname);
    const endpoint = match === null ? 'not-found' : match[1] === undefined ? 'profiles' : 'profile';
    stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1;

    await faults.delay();
    const auth = req.headers.authorization;
    if (auth !== `Bearer ${token}` || faults.isRevoked(n)) {
      // The recorded 401 body (NOTES §7) carries an empty error.
      return sendJson(res, 401, { error: '' });
    }
    if (faults.current.creatorInactive === true) return namelyError(res, 403, 'Forbidden');
    const fault = faults.decide();
    if (fault?.kind === 'throttle') {
      // Real Namely sends no Retry-After (NOTES §4); this test knob adds one to check waits.
      return namelyError(res, 406, 'Rate limit exceeded', { 'retry-after': fault.retryAfter });
    }
    if (fault?.kind === 'server-error') return sendEmpty(res, fault.status);
    if (match === null) return namelyError(res, 404, 'Not found');
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      return namelyError(res, 405, 'Method not allowed');
    }
    if (!window.take().allowed) return namelyError(res, 406, 'Rate limit exceeded');
    const id = match[1];
    if (id === undefined) return sendProfiles(res, url);
    const person = company.get(id);
    if (person === undefined) return namelyError(res, 404, 'Profile not found');
    return sendJson(res, 200, {
      profiles: [renderProfile(company, person)],
      meta: { count: 1, status: 200 },
      links: LINKS,
      linked: { groups: linkedGroups([person]) },
    });
  }

  const server = await listen(handle, options);
  return {
    url: server.url,
    token,
    company,
    stats,
    setFaults: (patch) => faults.set(patch),
    close: () => server.close(),
  };
}
