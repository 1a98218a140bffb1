import { FixedWindow } from '../shared/rate-window.ts';

/**
 * A fixed window counter: Personio allows 300 employee-list requests per minute and 60 token
 * requests per minute with a 60 s cool-down (NOTES §7). `Infinity` turns a window off.
 */
export class RateWindow {
  private readonly window: FixedWindow;

  constructor(
    readonly limit: number,
    windowMs: number = 60_000,
  ) {
    if (!(limit >= 1)) throw new RangeError('a rate limit must be at least 1 request');
    this.window = new FixedWindow(limit, windowMs);
  }

  /** Counts one request: null when allowed, else the seconds to wait (at least 1). */
  take(now: number = Date.now()): number | null {
    const verdict = this.window.take(now);
    return verdict.allowed ? null : verdict.retryAfterSeconds;
  }
}
