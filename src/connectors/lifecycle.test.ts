import { describe, expect, it } from 'vitest';
import { currentTerminationDate, isRehire, startsAfter, statusFromDates } from './lifecycle.ts';

const today = '2026-06-15';

describe('shared lifecycle date rules', () => {
  it('a start after the termination is a rehire, and that termination is history', () => {
    expect(isRehire('2026-01-01', '2025-12-31')).toBe(true);
    expect(isRehire('2025-12-31', '2025-12-31')).toBe(false);
    expect(isRehire(null, '2025-12-31')).toBe(false);
    expect(currentTerminationDate('2026-01-01', '2025-12-31')).toBeNull();
    expect(currentTerminationDate('2020-01-01', '2025-12-31')).toBe('2025-12-31');
  });

  it('startsAfter: strictly after today', () => {
    expect(startsAfter('2026-06-16', today)).toBe(true);
    expect(startsAfter(today, today)).toBe(false);
    expect(startsAfter(null, today)).toBe(false);
  });

  it('a current termination date decides; without one the labels must', () => {
    const at = (startDate: string | null, terminationDate: string | null) =>
      statusFromDates({ startDate, terminationDate, today });
    expect(at('2020-01-01', today)).toBe('terminated');
    expect(at('2020-01-01', '2026-07-01')).toBe('active');
    expect(at('2026-06-20', '2026-07-01')).toBe('pending');
    expect(at('2026-01-01', '2025-01-01')).toBeNull();
    expect(at('2020-01-01', null)).toBeNull();
  });
});
