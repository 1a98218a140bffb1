import { FixedWindow } from '../shared/rate-window.ts';

/**
 * HiBob's people-search limit: 50 requests per minute, 429 beyond (NOTES §7, DOC-RL). A fixed
 * one-minute window per emulator; `X-RateLimit-Reset` is the window's end as a Unix time in
 * seconds (Nango retries "at" that header; the unit is unconfirmed).
 */
export interface RateVerdict {
  allowed: boolean;
  headers: Record<string, string>;
  /** Seconds until the window resets (for Retry-After), at least 1. */
  retryAfterSeconds: number;
}

export class RateWindow {
  private readonly window: FixedWindow;

  /** `limit`: requests per minute; `Infinity` turns the limit off. */
  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError('the people-search rate limit must be at least 1');
    this.window = new FixedWindow(limit, 60_000);
  }

  /** Counts one request and says whether it may go through. */
  take(now: number = Date.now()): RateVerdict {
    if (!Number.isFinite(this.limit)) return { allowed: true, headers: {}, retryAfterSeconds: 1 };
    const { allowed, used, resetMs, retryAfterSeconds } = this.window.take(now);
    return {
      allowed,
      headers: rateLimitHeaders(this.limit, Math.max(0, this.limit - used), resetMs),
      retryAfterSeconds,
    };
  }
}

/** The three headers HiBob sends (names from NOTES §7). */
export function rateLimitHeaders(
  limit: number,
  remaining: number,
  resetMs: number,
): Record<string, string> {
  return {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(Math.ceil(resetMs / 1000)),
  };
}
