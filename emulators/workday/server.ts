import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basicCredentials } from '../shared/basic-auth.ts';
import type { CompanyOptions, GeneratedCompany } from '../shared/company.ts';
import { FaultInjector, type CommonFaults } from '../shared/faults.ts';
import { listen, readBody, sendEmpty } from '../shared/http.ts';
import { createWorkdayCompany, viewOf } from './people.ts';
import { writeReport } from './raas.ts';
import { sendSoapFault, writeGetWorkers } from './soap.ts';
import { parseSoapCall, type GetWorkersCall } from './soap-request.ts';

export type { ThrottleFault } from '../shared/faults.ts';

/** Fault and permission knobs (`shared/faults.ts` has the common ones). */
export interface Faults extends CommonFaults {
  /**
   * Whether the ISU's security group grants what is asked (default true). False: Get_Workers
   * answers the "task submitted is not authorized" fault, and the report answers 403.
   */
  authorized?: boolean | undefined;
  /** The report's data source holds active workers only (no "include terminated" prompt). */
  raasActiveOnly?: boolean | undefined;
}

export interface WorkdayEmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default `acme`. */
  tenant?: string;
  /** The ISU name (SOAP: `name@tenant`; RaaS Basic: either form). Default `ISU_Rollcall`. */
  username?: string;
  /** Default: 24 random bytes, base64url. */
  password?: string;
  /** The custom report's owner and name. Default `lmcneil` / `Rollcall_Workers`. */
  reportOwner?: string;
  reportName?: string;
  company?: CompanyOptions;
  /** A shared sample served verbatim: Get_Workers XML, or a RaaS `{Report_Entry}` JSON. */
  fixture?: string;
  faults?: Partial<Faults>;
}

/** Get_Workers requests as received, without the credentials. */
export type RecordedCall = Omit<GetWorkersCall, 'username' | 'password'>;

export interface WorkdayEmulatorStats {
  /** Every request received, refused ones included. */
  requests: number;
  /** `get-workers`, `raas`, `not-found`. */
  byEndpoint: Record<string, number>;
  /** The last 100 authenticated Get_Workers calls. */
  getWorkersCalls: RecordedCall[];
  /** The last 100 report query strings (prompts), `format` included. */
  raasQueries: Record<string, string>[];
}

export interface WorkdayEmulator {
  /** Origin, e.g. `http://127.0.0.1:50123` (the connectors' base URL). */
  url: string;
  tenant: string;
  username: string;
  password: string;
  reportOwner: string;
  reportName: string;
  /** The live company (WIDs as ids); mutate it between syncs. */
  company: GeneratedCompany;
  stats: WorkdayEmulatorStats;
  setFaults(faults: Partial<Faults>): void;
  close(): Promise<void>;
}

/** Largest Count the emulator accepts (NOTES §3: 999 per a third-party tool, unconfirmed). */
export const MAX_COUNT = 999;
const MAX_REQUEST_BYTES = 1024 * 1024;

type Fixture = { kind: 'soap' | 'raas'; body: Buffer };

async function loadFixture(path: string): Promise<Fixture> {
  const body = await readFile(path);
  const head = body.toString('utf8');
  if (head.includes('Get_Workers_Response')) return { kind: 'soap', body };
  try {
    const parsed = JSON.parse(head) as { Report_Entry?: unknown };
    if (Array.isArray(parsed.Report_Entry)) return { kind: 'raas', body };
  } catch {
    // Neither shape: reported below.
  }
  throw new Error(`Fixture ${path} is neither a Get_Workers response nor a RaaS Report_Entry`);
}

function sendText(res: ServerResponse, status: number, message: string, headers = {}): void {
  res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
  res.end(message);
}

/** Starts the emulator on a real port (0 = any free one). Call `close()` when done. */
export async function startWorkdayEmulator(
  options: WorkdayEmulatorOptions = {},
): Promise<WorkdayEmulator> {
  const tenant = options.tenant ?? 'acme';
  const username = options.username ?? 'ISU_Rollcall';
  const password = options.password ?? randomBytes(24).toString('base64url');
  const reportOwner = options.reportOwner ?? 'lmcneil';
  const reportName = options.reportName ?? 'Rollcall_Workers';
  const company = createWorkdayCompany(options.company);
  const fixture = options.fixture ? await loadFixture(options.fixture) : null;
  const faults = new FaultInjector<Faults>({ ...options.faults });
  const stats: WorkdayEmulatorStats = {
    requests: 0,
    byEndpoint: {},
    getWorkersCalls: [],
    raasQueries: [],
  };
  const keep = <T>(list: T[], item: T): void => {
    list.push(item);
    if (list.length > 100) list.shift();
  };

  async function handleSoap(req: IncomingMessage, res: ServerResponse, n: number): Promise<void> {
    const raw = await readBody(req, MAX_REQUEST_BYTES);
    if (raw === null) return sendText(res, 413, 'Request too large');
    const parsed = parseSoapCall(raw.toString('utf8'));
    if (!parsed.ok) return sendSoapFault(res, 'SOAP-ENV:Client.validationError', parsed.reason);
    const call = parsed.call;
    if (call === null) {
      const message = `Operation ${parsed.operation} is not emulated`;
      return sendSoapFault(res, 'SOAP-ENV:Client.validationError', message);
    }
    const okUser = call.username === `${username}@${tenant}` && call.password === password;
    if (!okUser || faults.isRevoked(n)) {
      const message = 'invalid username or password';
      return sendSoapFault(res, 'SOAP-ENV:Client.authenticationError', message);
    }
    if (faults.current.authorized === false) {
      return sendSoapFault(
        res,
        'SOAP-ENV:Client',
        'Processing error occurred. The task submitted is not authorized.',
      );
    }
    const fault = faults.decide();
    if (fault?.kind === 'throttle') {
      return sendSoapFault(res, 'SOAP-ENV:Server', 'Too many requests. Try again later.', {
        status: 429,
        headers: { 'retry-after': fault.retryAfter },
      });
    }
    if (fault?.kind === 'server-error') return sendEmpty(res, fault.status);
    const page = Number(call.page ?? '1');
    const count = Number(call.count ?? '100');
    if (
      !Number.isInteger(page) ||
      page < 1 ||
      !Number.isInteger(count) ||
      count < 1 ||
      count > MAX_COUNT
    ) {
      const message = `Page must be 1 or more and Count from 1 to ${MAX_COUNT}`;
      return sendSoapFault(
        res,
        'SOAP-ENV:Client.validationError',
        `Validation error occurred. ${message}`,
        {
          detail: message,
        },
      );
    }
    const { username: _u, password: _p, ...recorded } = call;
    keep(stats.getWorkersCalls, recorded);
    if (fixture?.kind === 'soap') {
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      return void res.end(fixture.body);
    }
    // Exclude_Inactive_Workers omitted: its default is unconfirmed; assumed true (active only).
    const withInactive = call.excludeInactiveWorkers === false;
    const people = company.all().filter((p) => withInactive || !company.isTerminated(p));
    const totalPages = Math.ceil(people.length / count);
    await writeGetWorkers(
      res,
      viewOf(company),
      call,
      {
        people: people.slice((page - 1) * count, page * count),
        totalResults: people.length,
        totalPages,
        page,
        count,
      },
      faults.current.truncateAfterBytes,
    );
  }

  async function handleReport(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    n: number,
  ): Promise<void> {
    if (req.method !== 'GET') return sendText(res, 405, 'Use GET', { allow: 'GET' });
    const credentials = basicCredentials(req.headers.authorization);
    const okUser =
      credentials !== null &&
      (credentials.username === username || credentials.username === `${username}@${tenant}`) &&
      credentials.password === password;
    if (!okUser || faults.isRevoked(n)) {
      return sendText(res, 401, 'Unauthorized', { 'www-authenticate': 'Basic realm="Workday"' });
    }
    if (faults.current.authorized === false) {
      return sendText(res, 403, 'The report is not shared with this user');
    }
    const fault = faults.decide();
    if (fault?.kind === 'throttle') {
      return sendText(res, 429, 'Too many requests', { 'retry-after': fault.retryAfter });
    }
    if (fault?.kind === 'server-error') return sendEmpty(res, fault.status);
    if (url.searchParams.get('format') !== 'json') {
      return sendText(res, 400, 'The emulator serves format=json only');
    }
    keep(stats.raasQueries, Object.fromEntries(url.searchParams));
    if (fixture?.kind === 'raas') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      return void res.end(fixture.body);
    }
    const activeOnly = faults.current.raasActiveOnly === true;
    const people = company.all().filter((p) => !activeOnly || !company.isTerminated(p));
    await writeReport(res, viewOf(company), people, faults.current.truncateAfterBytes);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const n = (stats.requests += 1);
    res.setHeader('x-request-id', randomUUID());
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const path = url.pathname.replace(/\/+$/, '').split('/').map(decodeURIComponent);
    await faults.delay();
    const soap =
      path.length === 6 &&
      path[1] === 'ccx' &&
      path[2] === 'service' &&
      path[3] === tenant &&
      path[4] === 'Human_Resources' &&
      /^v\d+\.\d+$/.test(path[5] ?? '');
    const report =
      path.length === 7 &&
      path[1] === 'ccx' &&
      path[2] === 'service' &&
      path[3] === 'customreport2' &&
      path[4] === tenant &&
      path[5] === reportOwner &&
      path[6] === reportName;
    const endpoint = soap ? 'get-workers' : report ? 'raas' : 'not-found';
    stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1;
    if (soap) {
      if (req.method !== 'POST') return sendText(res, 405, 'Use POST', { allow: 'POST' });
      return handleSoap(req, res, n);
    }
    if (report) return handleReport(req, res, url, n);
    return sendText(res, 404, 'Not found');
  }

  const server = await listen(handle, options);
  return {
    url: server.url,
    tenant,
    username,
    password,
    reportOwner,
    reportName,
    company,
    stats,
    setFaults: (patch) => faults.set(patch),
    close: () => server.close(),
  };
}
