import type { PeopleIndex } from './managers.ts';
import { indexEntry } from './managers.ts';
import type { LearnerFields, Plan, PlanLearner, PlannerInput, SnapshotRecord } from './plan.ts';
import { Planner } from './plan.ts';

export interface PlanInput extends Omit<PlannerInput, 'learners' | 'people'> {
  snapshot: readonly SnapshotRecord[];
  learners: readonly PlanLearner[];
}

/** The whole plan in one page, for callers that hold everything in memory (tests, small tenants). */
export function planSync(input: PlanInput): Plan {
  const people: PeopleIndex = new Map();
  for (const record of input.snapshot) {
    if (record.kind === 'employee' && !people.has(record.employee.externalId)) {
      people.set(record.employee.externalId, indexEntry(record.employee));
    }
  }
  const planner = new Planner({ ...input, people });
  const fields = new Map<string, LearnerFields>(input.learners.map((l) => [l.id, l]));
  const items = [...planner.planRecords(input.snapshot, fields), ...planner.finish()];
  return { items, counts: planner.counts };
}
