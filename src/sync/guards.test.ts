import { describe, expect, it } from 'vitest';
import { defaultTenantSettings } from '../core/tenant-settings.ts';
import type { GuardInput } from './guards.ts';
import { computeCoverage, evaluateGuards } from './guards.ts';
import { countPlan } from './plan.ts';
import { person } from './testing.ts';

function guardInput(overrides: Partial<GuardInput>): GuardInput {
  return {
    settings: defaultTenantSettings(),
    snapshotSize: 100,
    activeLinkedLearners: 100,
    counts: countPlan([]),
    coverage: {},
    previousCoverage: null,
    ...overrides,
  };
}

const failed = (input: GuardInput): string[] =>
  evaluateGuards(input)
    .filter((v) => !v.passed)
    .map((v) => v.guard);

describe('evaluateGuards', () => {
  it('passes an ordinary run and gives every guard a reason', () => {
    const verdicts = evaluateGuards(guardInput({}));
    expect(verdicts.map((v) => v.guard)).toEqual([
      'empty_snapshot',
      'deactivation_ratio',
      'coverage_drop',
    ]);
    expect(verdicts.every((v) => v.passed && v.reason.length > 0)).toBe(true);
  });

  it('pauses on an empty snapshot while learners are active, unless turned off', () => {
    expect(failed(guardInput({ snapshotSize: 0 }))).toContain('empty_snapshot');
    expect(failed(guardInput({ snapshotSize: 0, activeLinkedLearners: 0 }))).toEqual([]);
    const off = { ...defaultTenantSettings(), pauseOnEmptySnapshot: false };
    expect(failed(guardInput({ snapshotSize: 0, settings: off }))).not.toContain('empty_snapshot');
  });

  it('allows max(5, ratio × active) deactivations and pauses above', () => {
    const counts = (n: number) => ({ ...countPlan([]), deactivations: n });
    expect(failed(guardInput({ activeLinkedLearners: 20, counts: counts(5) }))).toEqual([]);
    expect(failed(guardInput({ activeLinkedLearners: 20, counts: counts(6) }))).toEqual([
      'deactivation_ratio',
    ]);
    expect(failed(guardInput({ activeLinkedLearners: 1000, counts: counts(100) }))).toEqual([]);
    expect(failed(guardInput({ activeLinkedLearners: 1000, counts: counts(101) }))).toEqual([
      'deactivation_ratio',
    ]);
  });

  it('pauses when a field’s coverage drops by more than the configured points', () => {
    const verdicts = evaluateGuards(
      guardInput({
        previousCoverage: { workEmail: 98, department: 90 },
        coverage: { workEmail: 20, department: 80 },
      }),
    );
    const coverage = verdicts.find((v) => v.guard === 'coverage_drop');
    expect(coverage?.passed).toBe(false);
    expect(coverage?.reason).toMatch(/workEmail 98% → 20%/);
    expect(coverage?.details['drops']).toEqual([{ field: 'workEmail', before: 98, after: 20 }]);
  });
});

describe('computeCoverage', () => {
  it('counts active people only', () => {
    const coverage = computeCoverage(
      [
        person('1'),
        person('2', { department: null }),
        person('3', { employmentStatus: 'terminated', department: null }),
      ],
      ['department', 'workEmail'],
    );
    expect(coverage).toEqual({ department: 50, workEmail: 100 });
  });
});
