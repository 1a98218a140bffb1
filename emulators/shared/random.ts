/**
 * A small seeded PRNG (mulberry32) so every emulator builds the same company from the same seed on
 * every machine. Not for anything security-related.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One value from `[value, weight]` pairs (weights need not sum to 1). */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T;
  /** `n` hex digits. */
  hex(n: number): string;
}

/** Creates a deterministic generator from a 32-bit seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => p > 0 && next() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick() needs a non-empty array');
      return item;
    },
    weighted<T>(pairs: readonly (readonly [T, number])[]): T {
      return weightedPicker(pairs)(next());
    },
    hex(n: number): string {
      let out = '';
      while (out.length < n)
        out += Math.floor(next() * 0x10000)
          .toString(16)
          .padStart(4, '0');
      return out.slice(0, n);
    },
  };
}

/** Mixes a seed with a label, so independent streams (names, dates, faults) do not correlate. */
export function deriveSeed(seed: number, label: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < label.length; i += 1) h = Math.imul(h ^ label.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/**
 * Precomputes cumulative weights once; the returned function maps a roll in [0, 1) to a value.
 * Use it in hot loops: `const pick = weightedPicker(pairs); pick(rng.next())`.
 */
export function weightedPicker<T>(pairs: readonly (readonly [T, number])[]): (roll: number) => T {
  if (pairs.length === 0) throw new Error('weightedPicker() needs at least one pair');
  const values = pairs.map((p) => p[0]);
  const cumulative: number[] = [];
  let total = 0;
  for (const p of pairs) cumulative.push((total += p[1]));
  return (roll) => {
    const target = roll * total;
    for (let i = 0; i < cumulative.length; i += 1) {
      if (target < (cumulative[i] as number)) return values[i] as T;
    }
    return values[values.length - 1] as T;
  };
}
