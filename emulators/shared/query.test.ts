import { describe, expect, it } from 'vitest';
import { integerParam, positiveParam } from './query.ts';

describe('integerParam', () => {
  const q = new URLSearchParams('limit=25&offset=&page=x&neg=-1');
  it('reads digits, falls back when absent or empty, and flags the rest', () => {
    expect(integerParam(q, 'limit', 50)).toBe(25);
    expect(integerParam(q, 'missing', null)).toBeNull();
    expect(integerParam(q, 'offset', 0)).toBe(0);
    expect(integerParam(q, 'offset', 0, { emptyIsInvalid: true })).toBe('invalid');
    expect(integerParam(q, 'page', 1)).toBe('invalid');
    expect(integerParam(q, 'neg', 1)).toBe('invalid');
  });
});

describe('positiveParam', () => {
  it('takes 1 to 9,999,999 written plainly', () => {
    expect(positiveParam('3')).toBe(3);
    expect(positiveParam('9999999')).toBe(9_999_999);
    for (const raw of [null, '', '0', '03', '10000000', '1.5', 'x']) {
      expect(positiveParam(raw)).toBeNull();
    }
  });
});
