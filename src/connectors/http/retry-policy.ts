/**
 * Statuses worth another attempt: the vendor said "not now", not "no". A request may replace
 * this set (`HttpRequest.retryStatuses`), e.g. for a vendor that answers "no" with a 500.
 */
export const DEFAULT_RETRY_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set(DEFAULT_RETRY_STATUSES);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/** 429 and 503 are the vendor pushing back; the run report counts them. */
export function isThrottleStatus(status: number): boolean {
  return status === 429 || status === 503;
}

/**
 * Milliseconds a `Retry-After` header asks for (delta-seconds or HTTP-date, RFC 9110 §10.2.3),
 * or `undefined` when absent or unreadable so the caller falls back to backoff. A date in the
 * past means "now" (0).
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  // Some vendors send fractional seconds; RFC says integers, both are unambiguous.
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Only date-shaped values: Date.parse accepts odd inputs such as "-1" or "1e3".
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * Milliseconds until an `X-RateLimit-Reset` time, for throttled answers that carry no
 * `Retry-After` (HiBob: Nango's provider config retries "at" this header). Vendors disagree on
 * its unit, but the sizes do not overlap: below 10^9 it is seconds to wait, up to 10^12 a Unix
 * time in seconds, above that a Unix time in milliseconds. `undefined` when absent or unreadable.
 */
export function parseRateLimitReset(value: string | null, nowMs: number): number | undefined {
  const trimmed = value?.trim() ?? '';
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  if (n < 1e9) return Math.round(n * 1000);
  const at = n < 1e12 ? n * 1000 : n;
  return Math.max(0, Math.round(at - nowMs));
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and Jitter"):
 * a uniform wait in [0, min(max, base·2^retryIndex)), so clients that failed together do not
 * come back together. `retryIndex` is 0 for the first retry.
 */
export function backoffDelay(retryIndex: number, options: BackoffOptions, random: number): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(retryIndex, 30));
  return Math.floor(ceiling * random);
}
