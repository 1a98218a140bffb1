import type { NormalizedEmployee, PersonField } from '../core/employee.ts';
import { PERSON_FIELDS } from '../core/employee.ts';
import type { Learner } from '../core/learner.ts';
import type { PersonValues } from '../db/repositories/learners.ts';
import type { PersonIndexEntry, ResolvedManager } from './managers.ts';

/** What a plan is made of: actions per person, with reasons, and their counts. */
export type PlanAction =
  'create' | 'update' | 'deactivate' | 'reactivate' | 'unchanged' | 'skip' | 'error';

/** Deactivation reasons that the HRIS sync itself gives; only those learners come back on rehire. */
export const HRIS_DEACTIVATION_REASONS = ['terminated', 'missing', 'filtered_out'] as const;

/**
 * One record of the snapshot in fetch order: a staged employee (with the hash of its raw record
 * when it came from the store), a record that failed to map, or a person the fetch settled
 * without staging because their record is the one last applied (ADR 0012).
 */
export type SnapshotRecord =
  | { kind: 'employee'; employee: NormalizedEmployee; recordHash?: string | undefined }
  | { kind: 'error'; externalId: string | null; code: string; message: string }
  | SettledRecord;

/**
 * A person whose raw record hashes to their linked learner's `hrisRecordHash`: what the plan needs
 * of them without the record (names and email for the report and manager resolution, the vendor's
 * manager name and email as the resolution's fallback).
 */
export interface SettledRecord extends PersonIndexEntry {
  kind: 'settled';
  learner: LearnerIndexEntry;
  externalId: string;
  managerName: string | null;
  managerEmail: string | null;
  /** The manager as a plan resolved it (`resolvedBy`), kept between its two looks at a page. */
  resolved: SettledManager | undefined;
  resolvedBy: object | undefined;
}

/** A settled person's manager resolved against the snapshot, and whether it differs from the learner's. */
export type SettledManager = ResolvedManager & { changed: boolean };

/** What the plan needs of a learner. */
export type PlanLearner = Pick<
  Learner,
  'id' | 'status' | 'connectionId' | 'externalId' | 'deactivationReason' | PersonField
> & { hrisHash: string | null; hrisRecordHash?: string | null };

/**
 * What the plan needs of a learner to match and classify it (kept for the whole run). The
 * employee number may be left out (null) for learners who are not deactivated: the plan matches
 * only rehires by it (`learnerIndex`).
 */
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
  | 'managerName'
  | 'managerEmail'
> & {
  hrisHash: string | null;
  hrisRecordHash?: string | null;
  /**
   * The planner that listed this learner's own external id with a settled person (ADR 0012):
   * a mark on the entry rather than one more entry per person in a map of 100k ids.
   */
  listedBy?: object;
  /** The snapshot writer that saw a record with this learner's external id (`SnapshotWriter`). */
  seenBy?: object;
};

export interface PlanItem {
  action: PlanAction;
  reason: string | null;
  learnerId: string | null;
  /** The learner the person was matched with, as the plan found it (with its stored hashes). */
  learner: LearnerIndexEntry | null;
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
  /** The hash of the raw record, kept with the values (ADR 0012); null when there is no record. */
  recordHash: string | null;
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

/** The normalized person fields a connector fills, which the HRIS therefore owns. */
export function ownedFields(provided: readonly string[]): PersonField[] {
  return PERSON_FIELDS.filter((f) => provided.includes(f));
}
