import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GeneratedCompany, type CompanyOptions } from '../shared/company.ts';
import { FaultInjector, type CommonFaults } from '../shared/faults.ts';
import { BodyWriter, listen, sendEmpty, sendJson } from '../shared/http.ts';
import { positiveParam } from '../shared/query.ts';
import {
  POSITIONS,
  TEAMS,
  isListedActive,
  isListedTerminated,
  renderEmployee,
  renderPosition,
  renderTeam,
  renderTerminated,
  sageHrIdFor,
} from './render.ts';

export interface SageHrFaults extends CommonFaults {
  /** `position` and `team` answered null beside their ids, as a real tenant did (NOTES §5). */
  namesAsIdsOnly?: boolean | undefined;
  /** This page of this list answers 200 with an HTML body (a proxy's page, not JSON). */
  htmlPage?: { list: SageHrListName; page: number } | undefined;
}

export type SageHrListName = 'employees' | 'terminated-employees' | 'positions' | 'teams';

export interface SageHrEmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The `X-Auth-Token` to accept. Default: 40 random hex characters. */
  apiKey?: string;
  company?: CompanyOptions;
  /**
   * Shared samples served verbatim as page 1 of their list, recognised by file name
   * (`employees_list…`, `terminated_employees_list…`, `positions_list…`, `teams_list…`). With a
   * fixture, lists without one answer empty, so the answer is the samples alone.
   */
  fixture?: string | readonly string[];
  faults?: Partial<SageHrFaults>;
}

export interface SageHrEmulatorStats {
  /** Every request received, refused ones included. */
  requests: number;
  /** Per endpoint: `employees`, `terminated-employees`, `positions`, `teams`, `detail`, `not-found`. */
  byEndpoint: Record<string, number>;
  /** `path?query` of the last 200 requests, oldest first. */
  lastRequests: string[];
}

export interface SageHrEmulator {
  /** Origin, e.g. `http://127.0.0.1:50123`: the connector's base URL (it appends `/api/...`). */
  url: string;
  apiKey: string;
  /** The live company; mutate it between syncs. */
  company: GeneratedCompany;
  stats: SageHrEmulatorStats;
  setFaults(faults: Partial<SageHrFaults>): void;
  close(): Promise<void>;
}

/** Documented page size (NOTES §3); there is no per_page parameter. */
export const PER_PAGE = 50;

const LISTS: readonly SageHrListName[] = [
  'employees',
  'terminated-employees',
  'positions',
  'teams',
];

/** Sage HR's error body (NOTES §7). */
function sageError(
  res: ServerResponse,
  status: number,
  code: string,
  errors: string[] = [],
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, { error_code: code, errors });
}

async function loadFixtures(
  paths: string | readonly string[] | undefined,
): Promise<Map<SageHrListName, Buffer> | null> {
  if (paths === undefined) return null;
  const fixtures = new Map<SageHrListName, Buffer>();
  for (const path of typeof paths === 'string' ? [paths] : paths) {
    const name = basename(path);
    const list: SageHrListName | undefined = name.startsWith('terminated_employees_list')
      ? 'terminated-employees'
      : LISTS.find((l) => name.startsWith(`${l}_list`));
    if (list === undefined) {
      throw new Error(`Fixture ${name}: expected a <list>_list… sample (employees, positions, …)`);
    }
    fixtures.set(list, await readFile(path));
  }
  return fixtures;
}

/** Starts the emulator on a real port (0 = any free one). Call `close()` when done. */
export async function startSageHrEmulator(
  options: SageHrEmulatorOptions = {},
): Promise<SageHrEmulator> {
  const apiKey = options.apiKey ?? randomBytes(20).toString('hex');
  const company = new GeneratedCompany(options.company ?? {}, sageHrIdFor);
  const fixtures = await loadFixtures(options.fixture);
  const faults = new FaultInjector<SageHrFaults>({ ...options.faults });
  const stats: SageHrEmulatorStats = { requests: 0, byEndpoint: {}, lastRequests: [] };

  function recordsOf(list: SageHrListName): readonly unknown[] {
    const people = company.all();
    if (list === 'employees') {
      const render = { namesAsIdsOnly: faults.current.namesAsIdsOnly };
      return people.filter((p) => isListedActive(company, p)).map((p) => renderEmployee(p, render));
    }
    if (list === 'terminated-employees') {
      return people.filter((p) => isListedTerminated(company, p)).map(renderTerminated);
    }
    if (list === 'positions') return POSITIONS.map(renderPosition);
    return TEAMS.map((team) => renderTeam(team, company));
  }

  async function sendList(res: ServerResponse, list: SageHrListName, page: number): Promise<void> {
    const htmlPage = faults.current.htmlPage;
    if (htmlPage?.list === list && htmlPage.page === page) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    const fixture = fixtures?.get(list);
    let text: string;
    if (fixture !== undefined && page === 1) {
      text = fixture.toString('utf8');
    } else {
      const all = fixtures === null ? recordsOf(list) : [];
      const totalPages = Math.max(1, Math.ceil(all.length / PER_PAGE));
      const data = all.slice((page - 1) * PER_PAGE, page * PER_PAGE);
      const meta = {
        current_page: page,
        next_page: page < totalPages ? page + 1 : null,
        previous_page: page > 1 ? page - 1 : null,
        total_pages: totalPages,
        per_page: PER_PAGE,
        total_entries: all.length,
      };
      text = JSON.stringify({ data, meta });
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    const writer = new BodyWriter(res, faults.current.truncateAfterBytes);
    await writer.write(text);
    await writer.end();
  }

  function sendDetail(res: ServerResponse, list: SageHrListName, id: string): void {
    const person = company.get(id);
    if (person !== undefined && list === 'employees' && isListedActive(company, person)) {
      const render = { namesAsIdsOnly: faults.current.namesAsIdsOnly };
      return sendJson(res, 200, { data: renderEmployee(person, render) });
    }
    if (
      person !== undefined &&
      list === 'terminated-employees' &&
      isListedTerminated(company, person)
    ) {
      return sendJson(res, 200, { data: renderTerminated(person) });
    }
    sageError(res, 404, 'not_found');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const n = (stats.requests += 1);
    res.setHeader('x-request-id', randomUUID());
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    stats.lastRequests.push(`${url.pathname}${url.search}`);
    if (stats.lastRequests.length > 200) stats.lastRequests.shift();
    const match =
      /^\/api\/(employees|terminated-employees|positions|teams)(?:\/(\d+))?(?:\.json)?\/?$/.exec(
        url.pathname,
      );
    const list = match?.[1] as SageHrListName | undefined;
    const detailId = match?.[2];
    const endpoint = list === undefined ? 'not-found' : detailId === undefined ? list : 'detail';
    stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1;

    await faults.delay();
    const token = req.headers['x-auth-token'];
    if (typeof token !== 'string' || token !== apiKey || faults.isRevoked(n)) {
      return sageError(res, 401, 'unauthorized', ['Invalid or missing API token']);
    }
    const fault = faults.decide();
    if (fault?.kind === 'throttle') {
      return sageError(res, 429, 'too_many_requests', ['Rate limit exceeded'], {
        'retry-after': fault.retryAfter,
      });
    }
    if (fault?.kind === 'server-error') return sendEmpty(res, fault.status);
    if (list === undefined) return sageError(res, 404, 'not_found');
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      return sageError(res, 405, 'method_not_allowed', ['Only GET is emulated']);
    }
    if (detailId !== undefined) return sendDetail(res, list, detailId);
    // Anything but a positive integer reads as the first page (unconfirmed, see README).
    const page = positiveParam(url.searchParams.get('page')) ?? 1;
    return sendList(res, list, page);
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
