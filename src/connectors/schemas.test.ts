import { describe, expect, it } from 'vitest';
import { exactIdSchema, looseTextSchema } from './schemas.ts';

describe('exactIdSchema', () => {
  const id = exactIdSchema('ids must be exact integers');
  it('keeps strings, turns exact integers into strings, allows null and missing', () => {
    expect(id.parse('E-7')).toBe('E-7');
    expect(id.parse(42)).toBe('42');
    expect(id.parse(null)).toBeNull();
    expect(id.parse(undefined)).toBeUndefined();
  });
  it('refuses a number that may have been rounded, with the vendor message', () => {
    const result = id.safeParse(2 ** 53 + 2);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('ids must be exact integers');
    expect(id.safeParse(1.5).success).toBe(false);
  });
});

describe('looseTextSchema', () => {
  it('keeps strings and turns numbers into strings', () => {
    expect(looseTextSchema.parse('x')).toBe('x');
    expect(looseTextSchema.parse(7)).toBe('7');
    expect(looseTextSchema.parse(null)).toBeNull();
    expect(looseTextSchema.safeParse(true).success).toBe(false);
  });
});
