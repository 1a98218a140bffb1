import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  isRetryableStatus,
  parseRateLimitReset,
  parseRetryAfter,
} from './retry-policy.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds, fractional seconds too', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
  });

  it('reads an HTTP-date relative to now; a past date means now', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 12:00:07 GMT', NOW)).toBe(7000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 11:59:00 GMT', NOW)).toBe(0);
  });

  it('ignores absent or unreadable values so backoff applies', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('-1', NOW)).toBeUndefined();
    expect(parseRetryAfter('1e3', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });
});

describe('parseRateLimitReset', () => {
  it('reads a Unix time in seconds or milliseconds relative to now; a past time means now', () => {
    expect(parseRateLimitReset(String(NOW / 1000 + 42), NOW)).toBe(42_000);
    expect(parseRateLimitReset(String(NOW + 1500), NOW)).toBe(1500);
    expect(parseRateLimitReset(String(NOW / 1000 - 5), NOW)).toBe(0);
  });

  it('reads a small number as seconds to wait', () => {
    expect(parseRateLimitReset('30', NOW)).toBe(30_000);
    expect(parseRateLimitReset(' 0.5 ', NOW)).toBe(500);
  });

  it('ignores absent or unreadable values', () => {
    for (const value of [null, '', '-1', 'soon', '1e3', 'Sat, 01 Mar 2025 12:00:07 GMT']) {
      expect(parseRateLimitReset(value, NOW)).toBeUndefined();
    }
  });
});

describe('backoffDelay', () => {
  const options = { baseMs: 500, maxMs: 30_000 };

  it('is uniform in [0, base·2^n) — full jitter', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, options, 0.5))).toEqual([250, 500, 1000, 2000]);
    expect(backoffDelay(3, options, 0)).toBe(0);
  });

  it('never exceeds maxMs, even after many retries', () => {
    expect(backoffDelay(10, options, 0.999_999)).toBe(29_999);
    expect(backoffDelay(1_000, options, 0.5)).toBe(15_000);
  });
});

describe('isRetryableStatus', () => {
  it('retries 408, 429, 500, 502, 503, 504 only', () => {
    const statuses = [200, 301, 400, 401, 403, 404, 408, 409, 429, 500, 501, 502, 503, 504, 505];
    expect(statuses.filter(isRetryableStatus)).toEqual([408, 429, 500, 502, 503, 504]);
  });
});
