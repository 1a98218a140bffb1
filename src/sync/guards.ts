import type { NormalizedEmployee, PersonField } from '../core/employee.ts';
import type { TenantSettings } from '../core/tenant-settings.ts';
import type { PlanCounts } from './plan.ts';

/**
 * Safety guards (DESIGN.md "Guards"): each is named, configurable, and leaves a verdict with a
 * reason in the run report. Any failed guard pauses the run for admin approval.
 */
export type GuardName = 'empty_snapshot' | 'deactivation_ratio' | 'coverage_drop';

export interface GuardVerdict {
  guard: GuardName;
  passed: boolean;
  reason: string;
  details: Record<string, unknown>;
}

/** field → percentage (0–100, one decimal) of active people with a value. */
export type Coverage = Partial<Record<PersonField, number>>;

export interface GuardInput {
  settings: Pick<
    TenantSettings,
    'maxDeactivationRatio' | 'pauseOnEmptySnapshot' | 'maxCoverageDropPoints'
  >;
  /** People (and unmappable records) in the snapshot. */
  snapshotSize: number;
  /** Active (not deactivated) learners linked to the connection before this run. */
  activeLinkedLearners: number;
  /** The plan's counts (or, asking whether any plan could pause, the most it could deactivate). */
  counts: Pick<PlanCounts, 'deactivations'>;
  coverage: Coverage;
  /** Coverage of the last complete run, if any. */
  previousCoverage: Coverage | null;
}

export const MIN_DEACTIVATIONS_BEFORE_GUARD = 5;

export function evaluateGuards(input: GuardInput): GuardVerdict[] {
  const verdicts: GuardVerdict[] = [];

  const empty = input.snapshotSize === 0 && input.activeLinkedLearners > 0;
  verdicts.push({
    guard: 'empty_snapshot',
    passed: !(empty && input.settings.pauseOnEmptySnapshot),
    reason: empty
      ? `The HRIS returned nobody while ${input.activeLinkedLearners} learner(s) are active: paused instead of deactivating everyone.`
      : 'The HRIS returned people.',
    details: { snapshotSize: input.snapshotSize, activeLinkedLearners: input.activeLinkedLearners },
  });

  const limit = Math.max(
    MIN_DEACTIVATIONS_BEFORE_GUARD,
    Math.floor(input.settings.maxDeactivationRatio * input.activeLinkedLearners),
  );
  const deactivations = input.counts.deactivations;
  verdicts.push({
    guard: 'deactivation_ratio',
    passed: deactivations <= limit,
    reason:
      deactivations <= limit
        ? `${deactivations} deactivation(s), within the limit of ${limit}.`
        : `${deactivations} deactivation(s) exceed the limit of ${limit} (max(${MIN_DEACTIVATIONS_BEFORE_GUARD}, ${input.settings.maxDeactivationRatio} × ${input.activeLinkedLearners} active learners)).`,
    details: { deactivations, limit, ratio: input.settings.maxDeactivationRatio },
  });

  const drops: { field: string; before: number; after: number }[] = [];
  if (input.previousCoverage) {
    for (const [field, before] of Object.entries(input.previousCoverage)) {
      const after = input.coverage[field as PersonField] ?? 0;
      if (before - after > input.settings.maxCoverageDropPoints)
        drops.push({ field, before, after });
    }
  }
  verdicts.push({
    guard: 'coverage_drop',
    passed: drops.length === 0,
    reason:
      drops.length === 0
        ? input.previousCoverage
          ? 'Field coverage is in line with the last complete sync.'
          : 'No earlier complete sync to compare coverage with.'
        : `Coverage dropped by more than ${input.settings.maxCoverageDropPoints} points: ${drops
            .map((d) => `${d.field} ${d.before}% → ${d.after}%`)
            .join(', ')}.`,
    details: { drops },
  });
  return verdicts;
}

/** Share of active people with a value, per provided field, counted one person at a time. */
export class CoverageCounter {
  #active = 0;
  readonly #filled: number[];

  constructor(private readonly fields: readonly PersonField[]) {
    this.#filled = fields.map(() => 0);
  }

  add(person: NormalizedEmployee): void {
    if (person.employmentStatus !== 'active') return;
    this.#active += 1;
    const { fields } = this;
    for (let i = 0; i < fields.length; i++)
      if (person[fields[i] as PersonField] !== null) this.#filled[i] = (this.#filled[i] ?? 0) + 1;
  }

  result(): Coverage {
    const coverage: Coverage = {};
    if (this.#active === 0) return coverage;
    this.fields.forEach((field, i) => {
      coverage[field] = Math.round(((this.#filled[i] ?? 0) / this.#active) * 1000) / 10;
    });
    return coverage;
  }
}

/** Share of active people with a value, per provided field. */
export function computeCoverage(
  people: Iterable<NormalizedEmployee>,
  fields: readonly PersonField[],
): Coverage {
  const counter = new CoverageCounter(fields);
  for (const person of people) counter.add(person);
  return counter.result();
}
