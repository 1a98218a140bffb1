import { describe, expect, it } from 'vitest';
import { basicCredentials, basicDecoded } from './basic-auth.ts';
import { fromDay, timestampOf, toDay } from './dates.ts';
import { FaultInjector, type CommonFaults } from './faults.ts';
import { asciiSlug, randomName } from './names.ts';
import { createRandom, deriveSeed, weightedPicker } from './random.ts';

describe('seeded random', () => {
  it('repeats for a seed and differs across seeds and labels', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const seq = (r: ReturnType<typeof createRandom>) => Array.from({ length: 5 }, () => r.next());
    const sa = seq(a);
    expect(sa).toEqual(seq(b));
    expect(sa).not.toEqual(seq(c));
    expect(deriveSeed(1, 'names')).not.toBe(deriveSeed(1, 'dates'));
    expect(createRandom(1).hex(40)).toMatch(/^[0-9a-f]{40}$/);
  });

  it('picks by weight and stays in range', () => {
    const rng = createRandom(3);
    const pick = weightedPicker([
      ['a', 9],
      ['b', 1],
    ] as const);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i += 1) counts[pick(rng.next())] += 1;
    expect(counts.a / 10_000).toBeCloseTo(0.9, 1);
    for (let i = 0; i < 1000; i += 1) {
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
    }
    expect(rng.chance(0)).toBe(false);
  });
});

describe('names', () => {
  it('folds unicode names to ASCII for emails', () => {
    expect(asciiSlug('Łęcka')).toBe('lecka');
    expect(asciiSlug('Søren')).toBe('soren');
    expect(asciiSlug("O'Brien")).toBe('obrien');
    expect(asciiSlug('Groß')).toBe('gross');
    expect(asciiSlug('van der Berg')).toBe('vanderberg');
    expect(asciiSlug('李')).toBe('');
  });

  it('gives every generated name a non-empty ASCII form', () => {
    const rng = createRandom(1);
    for (let i = 0; i < 2000; i += 1) {
      const n = randomName(rng);
      expect(n.firstAscii).toMatch(/^[a-z0-9]+$/);
      expect(n.lastAscii).toMatch(/^[a-z0-9]+$/);
    }
  });
});

describe('dates', () => {
  it('round-trips day numbers and builds timestamps', () => {
    expect(fromDay(toDay('2026-02-28') + 1)).toBe('2026-03-01');
    expect(timestampOf(toDay('2026-06-15'), 3661)).toBe('2026-06-15T01:01:01+00:00');
    expect(() => toDay('2026-13-01')).toThrow();
  });
});

describe('FaultInjector', () => {
  it('counts bursts and every-Nth, and clears knobs set to undefined', () => {
    const f = new FaultInjector<CommonFaults>({ serverErrorBurst: 2, revokeAuthAfterCalls: 3 });
    expect(f.decide()).toEqual({ kind: 'server-error', status: 500 });
    expect(f.decide()).toEqual({ kind: 'server-error', status: 502 });
    expect(f.decide()).toBeNull();
    expect([f.isRevoked(3), f.isRevoked(4)]).toEqual([false, true]);
    f.set({ revokeAuthAfterCalls: undefined, throttle: { every: 2 } });
    expect(f.isRevoked(100)).toBe(false);
    expect([f.decide(), f.decide()?.kind]).toEqual([null, 'throttle']);
  });
});

describe('basic auth', () => {
  it('decodes a Basic header and splits it at the first colon', () => {
    const header = `Basic ${btoa('user:pa:ss')}`;
    expect(basicDecoded(header)).toBe('user:pa:ss');
    expect(basicCredentials(header)).toEqual({ username: 'user', password: 'pa:ss' });
    expect(basicDecoded(`Basic ${btoa('nocolon')}`)).toBe('nocolon');
    expect(basicCredentials(`Basic ${btoa('nocolon')}`)).toBeNull();
    expect(basicDecoded('Bearer x')).toBeNull();
    expect(basicCredentials(undefined)).toBeNull();
  });
});
