import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('has the prefix, a sortable time part and 80 random bits', () => {
    expect(newId('lrn')).toMatch(/^lrn_[0-9a-z]{9}[0-9a-f]{20}$/);
  });

  it('never repeats across many pool refills', () => {
    const ids = new Set(Array.from({ length: 5_000 }, () => newId('x')));
    expect(ids.size).toBe(5_000);
    const randomParts = new Set([...ids].map((id) => id.slice(-20)));
    expect(randomParts.size).toBe(5_000);
  });
});
