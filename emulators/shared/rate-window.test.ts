import { describe, expect, it } from 'vitest';
import { FixedWindow, RollingWindow } from './rate-window.ts';

describe('FixedWindow', () => {
  it('opens with the first request, counts refusals too, and reopens after the window', () => {
    const w = new FixedWindow(2, 1000);
    expect([500, 600, 700].map((t) => w.take(t).allowed)).toEqual([true, true, false]);
    expect(w.take(900)).toEqual({ allowed: false, used: 4, resetMs: 1500, retryAfterSeconds: 1 });
    expect(w.take(1500)).toMatchObject({ allowed: true, used: 1, resetMs: 2500 });
  });

  it('is off with an infinite limit', () => {
    expect(new FixedWindow(Number.POSITIVE_INFINITY).take(5).allowed).toBe(true);
  });
});

describe('RollingWindow', () => {
  it('allows `limit` in any window and does not count refusals', () => {
    const w = new RollingWindow(2, 60_000);
    expect([0, 10_000, 20_000].map((t) => w.take(t).allowed)).toEqual([true, true, false]);
    expect(w.take(30_000)).toEqual({
      allowed: false,
      used: 2,
      resetMs: 60_000,
      retryAfterSeconds: 30,
    });
    expect(w.take(60_000)).toMatchObject({ allowed: true, used: 2, resetMs: 70_000 });
  });
});
