import type { RateLimitDeclaration } from './types.ts';

/** A token bucket shared by all requests of one client. */
export interface RateLimiter {
  /**
   * Takes one token and returns how long to wait (ms) before sending. Concurrent callers each
   * get their own later slot, because a token may be reserved before it has refilled.
   */
  reserve(): number;
}

export function createRateLimiter(
  limit: Pick<RateLimitDeclaration, 'requestsPerSecond' | 'burst'>,
  now: () => number,
): RateLimiter {
  const { requestsPerSecond: rate, burst } = limit;
  if (!(rate > 0)) throw new RangeError(`requestsPerSecond must be > 0, got ${rate}`);
  if (!(burst >= 1)) throw new RangeError(`burst must be >= 1, got ${burst}`);
  if (rate === Number.POSITIVE_INFINITY) return { reserve: () => 0 };

  let tokens = burst;
  let last = now();
  return {
    reserve() {
      const t = now();
      tokens = Math.min(burst, tokens + (Math.max(0, t - last) * rate) / 1000);
      last = t;
      tokens -= 1;
      if (tokens >= 0) return 0;
      // Float noise (0.1 + 0.2 …) must not turn an exact 500 ms into 501.
      return Math.max(0, Math.ceil((-tokens * 1000) / rate - 1e-6));
    },
  };
}
