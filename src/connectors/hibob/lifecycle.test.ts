import { describe, expect, it } from 'vitest';
import { hiBobEmploymentStatus, isUnexplainedInactive } from './lifecycle.ts';
import type { HiBobLifecycleFacts } from './lifecycle.ts';

const TODAY = '2026-06-15';

const facts = (overrides: Partial<HiBobLifecycleFacts>): HiBobLifecycleFacts => ({
  status: 'Active',
  lifecycleStatus: 'employed',
  startDate: '2020-01-01',
  terminationDate: null,
  today: TODAY,
  ...overrides,
});

describe('hiBobEmploymentStatus (lifecycle rules)', () => {
  it.each<[string, Partial<HiBobLifecycleFacts>, string]>([
    ['employed', {}, 'active'],
    ['nothing known', { status: null, lifecycleStatus: null, startDate: null }, 'active'],
    [
      'terminated yesterday',
      { status: 'Inactive', lifecycleStatus: 'terminated', terminationDate: '2026-06-14' },
      'terminated',
    ],
    ['termination date today', { terminationDate: TODAY }, 'terminated'],
    [
      'termination date alone decides',
      { lifecycleStatus: null, terminationDate: '2025-01-31' },
      'terminated',
    ],
    ['scheduled termination', { terminationDate: '2026-06-16' }, 'active'],
    [
      'scheduled termination beats an early terminated label',
      { lifecycleStatus: 'terminated', terminationDate: '2026-07-01' },
      'active',
    ],
    [
      'terminated lifecycle, no date',
      { status: 'Inactive', lifecycleStatus: 'terminated' },
      'terminated',
    ],
    ['terminated lifecycle, display spelling', { lifecycleStatus: 'Terminated' }, 'terminated'],
    ['on leave (Inactive)', { status: 'Inactive', lifecycleStatus: 'leave' }, 'active'],
    ['on leave, another label', { status: 'Inactive', lifecycleStatus: 'On leave' }, 'active'],
    ['Inactive without any evidence', { status: 'Inactive', lifecycleStatus: null }, 'active'],
    ['future hire', { lifecycleStatus: 'hired', startDate: '2026-06-16' }, 'pending'],
    ['starts today', { lifecycleStatus: 'hired', startDate: TODAY }, 'active'],
    [
      'future hire with a fixed-term end',
      { startDate: '2026-07-01', terminationDate: '2026-12-31' },
      'pending',
    ],
    ['rehire', { startDate: '2025-01-06', terminationDate: '2023-03-31' }, 'active'],
    ['future rehire', { startDate: '2026-09-01', terminationDate: '2025-10-31' }, 'pending'],
    [
      'rehired, then terminated again without a new date',
      { startDate: '2025-01-06', terminationDate: '2023-03-31', lifecycleStatus: 'terminated' },
      'terminated',
    ],
    [
      'left after the start date',
      { startDate: '2019-04-01', terminationDate: '2026-01-15' },
      'terminated',
    ],
  ])('%s → %s', (_name, overrides, expected) => {
    expect(hiBobEmploymentStatus(facts(overrides))).toBe(expected);
  });
});

describe('isUnexplainedInactive', () => {
  it('flags Inactive people with neither a lifecycle value nor a termination date', () => {
    expect(isUnexplainedInactive(facts({ status: 'Inactive', lifecycleStatus: null }))).toBe(true);
    expect(isUnexplainedInactive(facts({ status: 'inactive', lifecycleStatus: null }))).toBe(true);
    expect(isUnexplainedInactive(facts({ status: 'Inactive', lifecycleStatus: 'leave' }))).toBe(
      false,
    );
    expect(
      isUnexplainedInactive(
        facts({ status: 'Inactive', lifecycleStatus: null, terminationDate: '2025-01-01' }),
      ),
    ).toBe(false);
    expect(isUnexplainedInactive(facts({ status: 'Active', lifecycleStatus: null }))).toBe(false);
  });
});
