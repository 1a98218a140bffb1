import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultInjector } from '../shared/faults.ts';
import { listen, sendEmpty } from '../shared/http.ts';
import { ApiKeyAuth, type AuthLockout } from './auth.ts';
import { Company, type CompanyOptions } from './company.ts';
import type { EmulatorState, Exchange, Faults } from './context.ts';
import { handleDataset } from './dataset.ts';
import { legacyError, problem } from './errors.ts';
import { loadFixture } from './fixture.ts';
import { handleMetaLists } from './meta.ts';
import { handleCustomReport, handleDirectory } from './reports.ts';

export type { Faults } from './context.ts';
export type { ThrottleFault } from '../shared/faults.ts';

export interface BambooHrEmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The `{companyDomain}` of gateway paths. Default `acme`. */
  companyDomain?: string;
  /** The API key (Basic username). Default: a random 40-hex key. */
  apiKey?: string;
  company?: CompanyOptions;
  /** A shared sample (custom report, dataset page, directory or meta/lists) served verbatim. */
  fixture?: string;
  /** Status of rate-limited answers: 429 (from 2026-09-16, default) or 503 (legacy). */
  rateLimitStatus?: 429 | 503;
  faults?: Partial<Faults>;
  /** When repeated unknown keys lock the company out with 403. */
  authLockout?: AuthLockout;
}

export interface BambooHrEmulatorStats {
  /** Every request received, refused ones included. */
  requests: number;
  /** Per endpoint: `custom-report`, `dataset`, `directory`, `meta-lists`, `not-found`. */
  byEndpoint: Record<string, number>;
  /** Parsed custom-report/dataset request bodies, oldest first (the last 100). */
  lastRequestBodies: unknown[];
}

export interface BambooHrEmulator {
  /** Origin, e.g. `http://127.0.0.1:50123`. */
  url: string;
  /** `${url}/api/gateway.php/${companyDomain}` (the legacy base URL connectors use). */
  gatewayUrl: string;
  companyDomain: string;
  apiKey: string;
  /** The live company; mutate it between syncs. */
  company: Company;
  stats: BambooHrEmulatorStats;
  /** Changes fault knobs at run time; a key set to `undefined` clears that knob. */
  setFaults(faults: Partial<Faults>): void;
  close(): Promise<void>;
}

type Endpoint = 'custom-report' | 'dataset' | 'directory' | 'meta-lists';

const ROUTES = new Map<string, { endpoint: Endpoint; method: string }>([
  ['v1/reports/custom', { endpoint: 'custom-report', method: 'POST' }],
  ['v2/datasets/employee/data', { endpoint: 'dataset', method: 'POST' }],
  ['v1/employees/directory', { endpoint: 'directory', method: 'GET' }],
  ['v1/meta/lists', { endpoint: 'meta-lists', method: 'GET' }],
]);

const HANDLERS: Record<Endpoint, (ex: Exchange) => Promise<void> | void> = {
  'custom-report': handleCustomReport,
  dataset: handleDataset,
  directory: handleDirectory,
  'meta-lists': handleMetaLists,
};

/** Path after `/api/gateway.php/{domain}/` or `/api/` (`wrongCompany` for another domain). */
function routeKey(pathname: string, domain: string): { key: string; wrongCompany: boolean } {
  const gateway = /^\/api\/gateway\.php\/([^/]+)\/(.*)$/.exec(pathname);
  if (gateway) {
    const wrongCompany = gateway[1] !== domain;
    return { key: (gateway[2] ?? '').replace(/\/+$/, ''), wrongCompany };
  }
  const direct = /^\/api\/(.*)$/.exec(pathname);
  return { key: (direct?.[1] ?? '\0').replace(/\/+$/, ''), wrongCompany: false };
}

/** Starts the emulator on a real port (0 = any free one). Call `close()` when done. */
export async function startBambooHrEmulator(
  options: BambooHrEmulatorOptions = {},
): Promise<BambooHrEmulator> {
  const companyDomain = options.companyDomain ?? 'acme';
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(companyDomain)) {
    throw new Error(`Invalid company domain: ${companyDomain}`);
  }
  const apiKey = options.apiKey ?? randomBytes(20).toString('hex');
  const rateLimitStatus = options.rateLimitStatus ?? 429;
  const company = new Company({ emailDomain: `${companyDomain}.example`, ...options.company });
  const fixture = options.fixture ? await loadFixture(options.fixture) : null;
  const auth = new ApiKeyAuth(apiKey, options.authLockout);
  const stats: BambooHrEmulatorStats = { requests: 0, byEndpoint: {}, lastRequestBodies: [] };
  const state: EmulatorState = {
    company,
    faults: new FaultInjector<Faults>({ accessToTerminated: true, ...options.faults }),
    fixture,
    datasetCache: new Map(),
    recordBody(body) {
      stats.lastRequestBodies.push(body);
      if (stats.lastRequestBodies.length > 100) stats.lastRequestBodies.shift();
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const n = (stats.requests += 1);
    res.setHeader('x-request-id', randomUUID());
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const { key, wrongCompany } = routeKey(url.pathname, companyDomain);
    const route = wrongCompany ? undefined : ROUTES.get(key);
    const name = route?.endpoint ?? 'not-found';
    stats.byEndpoint[name] = (stats.byEndpoint[name] ?? 0) + 1;
    const fail = (status: number, message: string): void => {
      if (name === 'dataset') problem(res, status, message, url.pathname);
      else legacyError(res, status, message);
    };

    await state.faults.delay();
    if (wrongCompany) return fail(404, 'Company not found');
    const verdict = auth.check(req.headers.authorization, state.faults.isRevoked(n));
    if (!verdict.ok) return fail(verdict.status, verdict.message);
    const fault = state.faults.decide();
    if (fault?.kind === 'throttle') {
      return sendEmpty(res, rateLimitStatus, { 'retry-after': fault.retryAfter });
    }
    if (fault?.kind === 'server-error') return sendEmpty(res, fault.status);
    if (!route) return fail(404, 'Not found');
    if (req.method !== route.method) {
      res.setHeader('allow', route.method);
      return fail(405, `Use ${route.method}`);
    }
    await HANDLERS[route.endpoint]({ req, res, url, state });
  }

  const server = await listen(handle, options);
  return {
    url: server.url,
    gatewayUrl: `${server.url}/api/gateway.php/${companyDomain}`,
    companyDomain,
    apiKey,
    company,
    stats,
    setFaults: (faults) => state.faults.set(faults),
    close: () => server.close(),
  };
}
