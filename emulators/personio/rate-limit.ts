/**
 * A fixed window counter: Personio allows 300 employee-list requests per minute and 60 token
 * requests per minute with a 60 s cool-down (NOTES §7). `Infinity` turns a window off.
 */
export class RateWindow {
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(
    readonly limit: number,
    private readonly windowMs: number = 60_000,
  ) {
    if (!(limit >= 1)) throw new RangeError('a rate limit must be at least 1 request');
  }

  /** Counts one request: null when allowed, else the seconds to wait (at least 1). */
  take(now: number = Date.now()): number | null {
    if (!Number.isFinite(this.limit)) return null;
    if (now >= this.windowStart + this.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    this.used += 1;
    if (this.used <= this.limit) return null;
    return Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000));
  }
}
