/**
 * Request budgets for the emulators' rate limits. The counting is shared; what a vendor answers
 * when the budget is spent (status, headers, body) stays in the vendor's folder.
 */

/** What counting one request said. */
export interface WindowVerdict {
  allowed: boolean;
  /** Requests counted in the window, this one included when it was counted. */
  used: number;
  /** When the window next frees a request, in ms since the epoch. */
  resetMs: number;
  /** Seconds until then, for Retry-After: at least 1. */
  retryAfterSeconds: number;
}

function verdict(allowed: boolean, used: number, resetMs: number, now: number): WindowVerdict {
  return {
    allowed,
    used,
    resetMs,
    retryAfterSeconds: Math.max(1, Math.ceil((resetMs - now) / 1000)),
  };
}

/**
 * A fixed window: it opens with the first request and lasts `windowMs`; every request is counted,
 * refused ones too. `limit` Infinity turns it off.
 */
export class FixedWindow {
  private start = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number = 60_000,
  ) {}

  take(now: number = Date.now()): WindowVerdict {
    if (!Number.isFinite(this.limit)) return verdict(true, 0, now, now);
    if (now >= this.start + this.windowMs) {
      this.start = now;
      this.used = 0;
    }
    this.used += 1;
    return verdict(this.used <= this.limit, this.used, this.start + this.windowMs, now);
  }
}

/**
 * A rolling window: at most `limit` requests in any `windowMs`; refused requests are not counted.
 * `limit` Infinity turns it off.
 */
export class RollingWindow {
  private readonly times: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number = 60_000,
  ) {}

  take(now: number = Date.now()): WindowVerdict {
    if (!Number.isFinite(this.limit)) return verdict(true, 0, now, now);
    while (this.times.length > 0 && (this.times[0] ?? 0) <= now - this.windowMs) this.times.shift();
    const allowed = this.times.length < this.limit;
    if (allowed) this.times.push(now);
    return verdict(allowed, this.times.length, (this.times[0] ?? now) + this.windowMs, now);
  }
}
