import type { Readable } from 'node:stream';

/**
 * The one HTTP client every connector uses (implementation: `client.ts`). Connectors describe a
 * request; the client adds timeouts, retries with jittered backoff on 408/429/5xx, `Retry-After`,
 * the connector's rate limit, cancellation, request ids and usage counting. It never logs headers,
 * bodies or query values, so credentials cannot leak through it.
 */
export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
  /** Counters for the run's API-usage report. */
  usage(): ApiUsage;
}

export type HttpAuth =
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string }
  | { type: 'header'; name: string; value: string };

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path appended to the client's base URL (origin), e.g. `/api/gateway.php/acme/v1/reports/custom`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** A string is sent as is; an object is sent as JSON with `Content-Type: application/json`. */
  body?: string | Record<string, unknown> | unknown[];
  auth?: HttpAuth;
  /** Retry 408/429/5xx and network errors (default true; reads that use POST are retryable too). */
  retry?: boolean;
  /**
   * The statuses retried for this request, replacing the default set (408, 429, 500, 502, 503,
   * 504; `DEFAULT_RETRY_STATUSES`). For a vendor whose error status means "no" rather than "not
   * now": Workday answers every SOAP fault, a wrong password included, with 500, so its connector
   * leaves 500 out and reads the fault itself instead of sending the password again. 429 and 503
   * are still counted as throttled whether retried or not; `throttleStatuses` are always retried;
   * network errors and timeouts are retried either way (unless `retry: false`).
   */
  retryStatuses?: readonly number[];
  /**
   * Extra statuses this vendor uses to say "too many requests" (e.g. Namely answers 406). They are
   * handled exactly like 429: retried with Retry-After / X-RateLimit-Reset / backoff, and counted
   * as throttled. Default none.
   */
  throttleStatuses?: readonly number[];
  /** Per-attempt timeout (default from the client options). */
  timeoutMs?: number;
  /** A short name for logs and usage, e.g. `custom-report`. */
  operation?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The request id (ours, also sent as `x-request-id`, or the vendor's when it returns one). */
  requestId: string;
  /** The body as a Node stream, for streaming parsers. Consume it or call `discard()`. */
  body: Readable;
  text(): Promise<string>;
  json(): Promise<unknown>;
  discard(): Promise<void>;
}

export interface ApiUsage {
  /** HTTP requests sent, retries included. */
  calls: number;
  retries: number;
  /** 429 and 503 answers, and a request's `throttleStatuses`. */
  throttled: number;
  /** Time spent waiting on Retry-After, backoff and the rate limiter. */
  waitedMs: number;
}

/** A connector's declared request rate, enforced by the client's token bucket. */
export interface RateLimitDeclaration {
  /** Sustained requests per second. */
  requestsPerSecond: number;
  /** How many requests may go at once before the rate applies. */
  burst: number;
  /** What the vendor documents, for the catalogue and docs. */
  description: string;
}
