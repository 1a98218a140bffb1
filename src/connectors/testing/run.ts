import { resolveEndpoint } from '../base-url.ts';
import { ConnectorError } from '../connector.ts';
import type { Connector, ConnectorContext, FetchItem } from '../connector.ts';
import { isHttpOrigin, noHttpClient } from '../endpoint.ts';
import { createHttpClient } from '../http/client.ts';
import type { ApiUsage, HttpClient } from '../http/types.ts';
import { captureLog } from '../http/testing.ts';
import type { NormalizedEmployee } from '../../core/employee.ts';
import type { ConformanceTarget } from './conformance.ts';

/** Test support shared by every connector's tests: run a real fetch against an emulator. */

type AnyConfig = { baseUrl?: string | undefined };

export interface TestFetchOptions<Config extends AnyConfig> {
  connector: Connector<Config>;
  config: Config;
  /**
   * The emulator's origin, e.g. `http://127.0.0.1:50123` or `sftp://127.0.0.1:50124` (granted like
   * an operator would).
   */
  baseUrl: string;
  today: string;
  signal?: AbortSignal;
  /** Client knobs for tests (attempts, timeout); waits are recorded, not slept (see `sleeps`). */
  maxAttempts?: number;
  timeoutMs?: number;
}

export interface TestFetchResult {
  items: FetchItem[];
  employees: NormalizedEmployee[];
  recordErrors: Extract<FetchItem, { kind: 'record_error' }>[];
  /** The fatal error, if the fetch threw. */
  error: unknown;
  usage: ApiUsage;
  /** Every wait the client asked for (rate limiter, Retry-After, backoff), in ms. */
  sleeps: number[];
  /** Everything the connector and the client logged, as one string (for leak checks). */
  logs: string;
}

/**
 * Builds the context the engine would: the base URL and endpoint through `resolveEndpoint` (the
 * emulator's host granted as an extra allowed host), the real HTTP client with the connector's rate
 * limit, and a capturing logger. Waits resolve at once but are recorded, so throttling tests stay
 * fast.
 */
export function createTestContext<Config extends AnyConfig>(
  options: TestFetchOptions<Config>,
): { ctx: ConnectorContext<Config>; http: HttpClient; sleeps: number[]; logs: () => string } {
  const { connector, config } = options;
  const endpoint = resolveEndpoint({
    connectorId: connector.id,
    allowedHosts: connector.allowedHosts,
    defaultBaseUrl: connector.defaultBaseUrl(config),
    configBaseUrl: options.baseUrl,
    extraAllowedHosts: [new URL(options.baseUrl).hostname],
  });
  const capture = captureLog();
  const sleeps: number[] = [];
  const signal = options.signal ?? new AbortController().signal;
  const http = isHttpOrigin(endpoint.origin)
    ? createHttpClient({
        baseUrl: endpoint.origin,
        rateLimit: connector.rateLimit,
        log: capture.log,
        signal,
        maxAttempts: options.maxAttempts ?? 4,
        timeoutMs: options.timeoutMs ?? 10_000,
        sleep: (ms) => {
          sleeps.push(ms);
          return Promise.resolve();
        },
      })
    : noHttpClient(endpoint.origin);
  const ctx: ConnectorContext<Config> = {
    config,
    http,
    endpoint,
    signal,
    log: capture.log,
    today: options.today,
  };
  return { ctx, http, sleeps, logs: capture.dump };
}

/** What fetching from an emulator target takes; every connector's `start<Vendor>Target` has it. */
export type FetchTarget<Config extends AnyConfig> = Pick<
  ConformanceTarget<Config>,
  'connector' | 'config' | 'baseUrl' | 'today'
>;

/**
 * The options to fetch from `target`'s emulator with its working config, `overrides` merged over
 * that config (e.g. `{ token: UNKNOWN_TOKEN }`).
 */
export function targetFetchOptions<Config extends AnyConfig>(
  target: FetchTarget<Config>,
  overrides: Partial<Config> = {},
): TestFetchOptions<Config> {
  return {
    connector: target.connector,
    config: { ...target.config, ...overrides },
    baseUrl: target.baseUrl,
    today: target.today,
  };
}

/** `runTestFetch(targetFetchOptions(target, overrides))`: one whole fetch from the emulator. */
export function runTargetFetch<Config extends AnyConfig>(
  target: FetchTarget<Config>,
  overrides: Partial<Config> = {},
): Promise<TestFetchResult> {
  return runTestFetch(targetFetchOptions(target, overrides));
}

/** The employees a fetch yielded, by external id. */
export function employeesById(result: TestFetchResult): Map<string, NormalizedEmployee> {
  return new Map(result.employees.map((employee) => [employee.externalId, employee]));
}

/** Runs `connector.fetch` to the end (or its error) and collects what it yielded. */
export async function runTestFetch<Config extends AnyConfig>(
  options: TestFetchOptions<Config>,
): Promise<TestFetchResult> {
  const { ctx, http, sleeps, logs } = createTestContext(options);
  const items: FetchItem[] = [];
  let error: unknown;
  try {
    for await (const item of options.connector.fetch(ctx)) items.push(item);
  } catch (caught) {
    error = caught;
  }
  return {
    items,
    employees: items.flatMap((item) => (item.kind === 'employee' ? [item.employee] : [])),
    recordErrors: items.flatMap((item) => (item.kind === 'record_error' ? [item] : [])),
    error,
    usage: http.usage(),
    sleeps,
    logs: logs(),
  };
}

/** The fatal error of a fetch as a ConnectorError, or a test failure when it is anything else. */
export function expectConnectorError(result: TestFetchResult): ConnectorError {
  if (result.error instanceof ConnectorError) return result.error;
  throw new Error(
    result.error === undefined
      ? `expected the fetch to fail, it yielded ${result.items.length} items`
      : 'expected a ConnectorError, got another error',
    { cause: result.error },
  );
}
