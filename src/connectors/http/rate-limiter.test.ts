import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

describe('createRateLimiter', () => {
  it('lets a burst through, then spaces requests at the rate', () => {
    const limiter = createRateLimiter({ requestsPerSecond: 4, burst: 3 }, () => 0);
    expect([1, 2, 3, 4, 5].map(() => limiter.reserve())).toEqual([0, 0, 0, 250, 500]);
  });

  it('refills with time, up to the burst and no further', () => {
    let t = 0;
    const limiter = createRateLimiter({ requestsPerSecond: 2, burst: 2 }, () => t);
    limiter.reserve();
    limiter.reserve();
    t = 500;
    expect(limiter.reserve()).toBe(0);
    t = 60_000;
    expect([1, 2, 3].map(() => limiter.reserve())).toEqual([0, 0, 500]);
  });

  it('rejects a declaration that cannot work', () => {
    expect(() => createRateLimiter({ requestsPerSecond: 0, burst: 1 }, Date.now)).toThrow(
      RangeError,
    );
    expect(() => createRateLimiter({ requestsPerSecond: 1, burst: 0 }, Date.now)).toThrow(
      RangeError,
    );
  });
});
