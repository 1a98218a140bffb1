import type { NormalizedEmployee, PersonField } from '../core/employee.ts';
import type { Learner } from '../core/learner.ts';
import type { PersonValues } from '../db/repositories/learners.ts';

/** What a plan is made of: actions per person, with reasons, and their counts. */
export type PlanAction =
  'create' | 'update' | 'deactivate' | 'reactivate' | 'unchanged' | 'skip' | 'error';

/** Deactivation reasons that the HRIS sync itself gives; only those learners come back on rehire. */
export const HRIS_DEACTIVATION_REASONS = ['terminated', 'missing', 'filtered_out'] as const;

export type SnapshotRecord =
  | { kind: 'employee'; employee: NormalizedEmployee }
  | { kind: 'error'; externalId: string | null; code: string; message: string };

/** What the plan needs of a learner. */
export type PlanLearner = Pick<
  Learner,
  'id' | 'status' | 'connectionId' | 'externalId' | 'deactivationReason' | PersonField
> & { hrisHash: string | null };

/** What the plan needs of a learner to match and classify it (kept for the whole run). */
export type LearnerIndexEntry = Pick<
  Learner,
  | 'id'
  | 'status'
  | 'connectionId'
  | 'externalId'
  | 'deactivationReason'
  | 'workEmail'
  | 'employeeNumber'
  | 'firstName'
  | 'lastName'
> & { hrisHash: string | null };

export interface PlanItem {
  action: PlanAction;
  reason: string | null;
  learnerId: string | null;
  externalId: string | null;
  displayName: string | null;
  workEmail: string | null;
  changedFields: PersonField[] | null;
  /** Link this (unlinked or relinked) learner to the connection and external id. */
  link: boolean;
  /** Send a platform invite (invitePolicy auto, a new hire). */
  invite: boolean;
  /** Create as an already-deactivated learner (terminated before we first saw them). */
  createDeactivated: boolean;
  /** The person values to write (HRIS-owned fields only), with managers resolved. */
  values: Partial<PersonValues> | null;
  /** The hash of the resolved record, kept on the learner to skip unchanged people cheaply. */
  hash: string | null;
  note: string | null;
}

export interface Plan {
  items: PlanItem[];
  counts: PlanCounts;
}

export interface PlanCounts {
  byAction: Record<PlanAction, number>;
  /** `deactivate:terminated`, `skip:not_started`, … */
  byReason: Record<string, number>;
  /** Deactivations that count against the guard (people stored as already terminated do not). */
  deactivations: number;
  managerNotes: number;
}

export function countPlan(items: readonly PlanItem[]): PlanCounts {
  const byAction: Record<PlanAction, number> = {
    create: 0,
    update: 0,
    deactivate: 0,
    reactivate: 0,
    unchanged: 0,
    skip: 0,
    error: 0,
  };
  const byReason: Record<string, number> = {};
  let managerNotes = 0;
  for (const item of items) {
    byAction[item.action] += 1;
    if (item.reason)
      byReason[`${item.action}:${item.reason}`] =
        (byReason[`${item.action}:${item.reason}`] ?? 0) + 1;
    if (item.note === 'manager_unresolved' || item.note === 'manager_cycle') managerNotes += 1;
  }
  return { byAction, byReason, deactivations: byAction.deactivate, managerNotes };
}
