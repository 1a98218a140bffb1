import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { VERSION } from '../../version.ts';
import { ConnectorError } from '../connector.ts';
import type { ConnectorLogger } from '../connector.ts';
import { AttemptAbort } from './attempt.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { createResponse, errorCode } from './response.ts';
import {
  backoffDelay,
  isRetryableStatus,
  isThrottleStatus,
  parseRateLimitReset,
  parseRetryAfter,
} from './retry-policy.ts';
import type { BackoffOptions } from './retry-policy.ts';
import type {
  ApiUsage,
  HttpClient,
  HttpRequest,
  HttpResponse,
  RateLimitDeclaration,
} from './types.ts';

/** How one run's HTTP client behaves; everything but the first three has a default. */
export interface HttpClientOptions {
  /** The resolved, allowed origin (see `resolveBaseUrl`); requests never leave it. */
  baseUrl: string;
  rateLimit: Pick<RateLimitDeclaration, 'requestsPerSecond' | 'burst'>;
  log: ConnectorLogger;
  /** The run's signal: aborts in-flight requests and waits with `ConnectorError('cancelled')`. */
  signal?: AbortSignal;
  /** Per attempt, for the headers and again for each body chunk (default 30 s). */
  timeoutMs?: number;
  /** Attempts per request, the first one included (default 5). */
  maxAttempts?: number;
  /** Retries allowed for the whole run, all requests together (default 50). */
  retryBudget?: number;
  /** Longest `Retry-After` we honour (default 60 s); longer asks are cut to this. */
  maxRetryAfterMs?: number;
  /** Full-jitter exponential backoff bounds (default 500 ms .. 30 s). */
  backoff?: BackoffOptions;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
  userAgent?: string;
}

type Sent =
  | { kind: 'response'; response: HttpResponse; ours: string; durationMs: number }
  | { kind: 'failure'; error: 'timeout' | 'network'; code: string | undefined; durationMs: number };

const VENDOR_REQUEST_ID_HEADERS = ['x-request-id', 'x-bamboohr-request-id', 'request-id'];

const defaultSleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
  await delay(ms, undefined, signal ? { signal } : {});
};

/**
 * The one HTTP client of a run (STYLE: WorkOS). Retries 408/429/500/502/503/504 (or a request's
 * own `retryStatuses`, plus its `throttleStatuses`, treated like 429) and network failures with
 * `Retry-After` (else `X-RateLimit-Reset` on 429/503) or full-jitter backoff, within per-request
 * attempts and a run-wide budget; when they run out the last response is returned so the connector can read the vendor's
 * error. Logs method, path, status and ids only — never headers, bodies or query values.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const origin = toOrigin(options.baseUrl);
  const { log, signal } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const backoff = options.backoff ?? { baseMs: 500, maxMs: 30_000 };
  const userAgent = options.userAgent ?? `rollcall/${VERSION}`;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be an integer >= 1, got ${maxAttempts}`);
  }
  const limiter = createRateLimiter(options.rateLimit, now);
  const usage: ApiUsage = { calls: 0, retries: 0, throttled: 0, waitedMs: 0 };
  let budget = options.retryBudget ?? 50;

  const cancelled = (describe: string): ConnectorError =>
    new ConnectorError('cancelled', `${describe}: cancelled`, false);

  async function wait(ms: number, describe: string): Promise<void> {
    if (signal?.aborted) throw cancelled(describe);
    if (ms <= 0) return;
    try {
      await sleep(ms, signal);
    } catch (error) {
      if (signal?.aborted) throw cancelled(describe);
      throw new Error(`${describe}: sleep failed`, { cause: error });
    }
    if (signal?.aborted) throw cancelled(describe);
    usage.waitedMs += ms;
  }

  async function send(
    request: HttpRequest,
    url: URL,
    headers: Headers,
    body: string | undefined,
    describe: string,
  ): Promise<Sent> {
    const ours = randomUUID();
    headers.set('x-request-id', ours);
    const attempt = new AttemptAbort(signal, request.timeoutMs ?? timeoutMs);
    usage.calls++;
    const started = now();
    attempt.arm();
    try {
      const fetched = await fetch(url, {
        method: request.method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: attempt.signal,
        // A redirect could lead off the allowed host: the connector sees the 3xx instead.
        redirect: 'manual',
      });
      attempt.disarm();
      const vendorId = VENDOR_REQUEST_ID_HEADERS.map((h) => fetched.headers.get(h)).find(Boolean);
      const response = createResponse(fetched, attempt, vendorId ?? ours, describe);
      return { kind: 'response', response, ours, durationMs: now() - started };
    } catch (error) {
      attempt.release();
      if (attempt.reason === 'cancelled') throw cancelled(describe);
      const timedOut = attempt.reason === 'timeout';
      // undici reports every transport failure as TypeError('fetch failed'); anything else is a bug.
      if (!timedOut && !(error instanceof TypeError && error.message === 'fetch failed')) {
        throw new Error(`${describe}: fetch rejected the request`, { cause: error });
      }
      const code = timedOut ? undefined : errorCode(error);
      const durationMs = now() - started;
      return { kind: 'failure', error: timedOut ? 'timeout' : 'network', code, durationMs };
    }
  }

  async function request(request: HttpRequest): Promise<HttpResponse> {
    const url = buildUrl(origin, request);
    const path = request.path.split('?')[0] ?? request.path;
    const describe = `${request.method} ${path}`;
    const base = {
      operation: request.operation ?? describe,
      method: request.method,
      path,
    };
    const headers = buildHeaders(request, userAgent);
    const body = encodeBody(request.body);
    const retry = request.retry !== false;

    for (let attempt = 1; ; attempt++) {
      await wait(limiter.reserve(), describe);
      const sent = await send(request, url, headers, body, describe);
      const mayRetry = retry && attempt < maxAttempts;
      let waitMs: number;
      let because: Record<string, unknown>;

      if (sent.kind === 'failure') {
        log.debug(
          { ...base, error: sent.error, code: sent.code, durationMs: sent.durationMs, attempt },
          'http attempt failed',
        );
        if (!mayRetry || budget <= 0) {
          const timeout = request.timeoutMs ?? timeoutMs;
          throw sent.error === 'timeout'
            ? new ConnectorError('timeout', `${describe}: no answer within ${timeout} ms`, true)
            : new ConnectorError(
                'network',
                `${describe}: network error${sent.code ? ` (${sent.code})` : ''}`,
                true,
              );
        }
        waitMs = backoffDelay(attempt - 1, backoff, random());
        because = { error: sent.error, code: sent.code };
      } else {
        const { response, ours, durationMs } = sent;
        const { status } = response;
        const ids = { requestId: ours, vendorRequestId: response.requestId };
        log.debug({ ...base, status, durationMs, attempt, ...ids }, 'http attempt');
        // A vendor's own "too many requests" status counts and retries exactly like a 429.
        const vendorThrottle = request.throttleStatuses?.includes(status) === true;
        const throttled = vendorThrottle || isThrottleStatus(status);
        if (throttled) usage.throttled++;
        const retryable =
          vendorThrottle ||
          (request.retryStatuses === undefined
            ? isRetryableStatus(status)
            : request.retryStatuses.includes(status));
        if (!retryable || !mayRetry) return response;
        if (budget <= 0) {
          log.warn({ ...base, status, attempt, ...ids }, 'http retry budget of the run exhausted');
          return response;
        }
        const asked =
          parseRetryAfter(response.headers.get('retry-after'), now()) ??
          (throttled
            ? parseRateLimitReset(response.headers.get('x-ratelimit-reset'), now())
            : undefined);
        waitMs =
          asked === undefined
            ? backoffDelay(attempt - 1, backoff, random())
            : Math.min(asked, maxRetryAfterMs);
        because = { status, retryAfter: asked !== undefined, ...ids };
        await response.discard();
      }

      budget--;
      usage.retries++;
      log.warn({ ...base, ...because, attempt, retryInMs: waitMs }, 'http retry');
      await wait(waitMs, describe);
    }
  }

  return { request, usage: () => ({ ...usage }) };
}

function toOrigin(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new TypeError('baseUrl must be an origin (scheme, host, optional port), nothing more');
  }
  return url.origin;
}

function buildUrl(origin: string, request: HttpRequest): URL {
  if (!request.path.startsWith('/')) throw new TypeError('request path must start with "/"');
  const url = new URL(origin + request.path);
  if (url.origin !== origin) {
    throw new ConnectorError('host_not_allowed', 'request path leaves the base URL', false);
  }
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.append(key, String(value));
  }
  return url;
}

function buildHeaders(request: HttpRequest, userAgent: string): Headers {
  const headers = new Headers({ accept: 'application/json', 'user-agent': userAgent });
  for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value);
  // Exactly this value: BambooHR rejects `application/json; charset=utf-8`.
  if (request.body !== undefined && typeof request.body !== 'string') {
    headers.set('content-type', 'application/json');
  }
  const auth = request.auth;
  if (auth?.type === 'basic') {
    const encoded = Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64');
    headers.set('authorization', `Basic ${encoded}`);
  } else if (auth?.type === 'bearer') {
    headers.set('authorization', `Bearer ${auth.token}`);
  } else if (auth?.type === 'header') {
    headers.set(auth.name, auth.value);
  }
  return headers;
}

function encodeBody(body: HttpRequest['body']): string | undefined {
  if (body === undefined || typeof body === 'string') return body;
  return JSON.stringify(body);
}
