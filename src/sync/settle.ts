import type { NormalizedEmployee, PersonField } from '../core/employee.ts';
import type { TenantSettings } from '../core/tenant-settings.ts';
import type { PersonValues } from '../db/repositories/learners.ts';
import { hashText } from './canonical.ts';
import { isFilteredOut } from './filters.ts';
import type { PeopleIndex, ResolvedManager } from './managers.ts';
import { resolveManager } from './managers.ts';
import type { LearnerIndexEntry, SettledManager, SettledRecord } from './plan-items.ts';

/**
 * Stored as a learner's record hash when the values written are not exactly the record's (an
 * email kept because another learner has it): no record hashes to it, so the person is planned in
 * full on every sync.
 */
export const NO_RECORD_HASH = '-';

/** The hash of a raw record (its canonical JSON, as staged) under a connector's owned fields. */
export function recordHash(ownedFields: readonly PersonField[], payload: string): string {
  return recordHasher(ownedFields)(payload);
}

/** `recordHash` for many records of one connector (the owned-field prefix built once). */
export function recordHasher(ownedFields: readonly PersonField[]): (payload: string) => string {
  const prefix = `${ownedFields.join(',')}\n`;
  return (payload) => hashText(prefix + payload);
}

/**
 * A connection's learners by external id: who the plan and the settler match a record with.
 * Built once a run (the settler's and the planner's, `linked` on the fetch outcome).
 */
export function linkedLearners(
  learners: readonly LearnerIndexEntry[],
  connectionId: string,
): Map<string, LearnerIndexEntry> {
  const linked = new Map<string, LearnerIndexEntry>();
  for (const learner of learners)
    if (learner.connectionId === connectionId && learner.externalId !== null)
      linked.set(learner.externalId, learner);
  return linked;
}

export interface SettlerInput {
  /** The connection's learners by external id (`linkedLearners`). */
  linked: ReadonlyMap<string, LearnerIndexEntry>;
  filters: TenantSettings['filters'];
  ownedFields: readonly PersonField[];
}

/**
 * Decides, while the records stream in, which people need not be staged (ADR 0012): a person is
 * settled when their raw record hashes to the record hash of the learner linked to them, that
 * learner still carries the sync's hash (no other writer touched a person field since), their
 * status agrees with the learner's (terminated ⇔ deactivated), and no filter drops them. For such
 * a person the plan can only find "unchanged", or an update of the manager's name and email when
 * the manager's record changed; it decides that from the snapshot's people, without the record.
 */
export class Settler {
  readonly #linked: ReadonlyMap<string, LearnerIndexEntry>;
  readonly #input: SettlerInput;
  readonly #ownedNames: Readonly<Record<'firstName' | 'lastName' | 'workEmail', boolean>>;
  readonly #hash: (payload: string) => string;

  constructor(input: SettlerInput) {
    this.#input = input;
    const owned = new Set(input.ownedFields);
    this.#ownedNames = {
      firstName: owned.has('firstName'),
      lastName: owned.has('lastName'),
      workEmail: owned.has('workEmail'),
    };
    this.#hash = recordHasher(input.ownedFields);
    this.#linked = input.linked;
  }

  /** The connection's learner linked to this external id, if any. */
  linkedLearner(externalId: string): LearnerIndexEntry | undefined {
    return this.#linked.get(externalId);
  }

  /**
   * The settled record standing for this person, whose learner is `learner`
   * (`linkedLearner`), or null when the person must be staged.
   */
  settle(
    employee: NormalizedEmployee,
    payload: string,
    learner: LearnerIndexEntry,
  ): SettledRecord | null {
    // Only a learner the sync itself wrote last carries both hashes.
    if (learner.hrisHash === null || !learner.hrisRecordHash) return null;
    const terminated = employee.employmentStatus === 'terminated';
    if (terminated !== (learner.status === 'deactivated')) return null;
    if (!terminated && isFilteredOut(employee, this.#input.filters)) return null;
    if (this.#hash(payload) !== learner.hrisRecordHash) return null;
    // Kept for the whole run: owned values are the learner's own strings (equal, by the record
    // hash), so the record's copies can go. Strings JSON.parse made from the response are copies
    // too, never slices of it: keeping them keeps no response text alive.
    const owned = this.#ownedNames;
    return {
      kind: 'settled',
      learner,
      externalId: learner.externalId ?? employee.externalId,
      firstName: owned.firstName ? learner.firstName : employee.firstName,
      lastName: owned.lastName ? learner.lastName : employee.lastName,
      workEmail: owned.workEmail ? learner.workEmail : employee.workEmail,
      managerExternalId: employee.managerExternalId,
      managerName: employee.managerName,
      managerEmail: employee.managerEmail,
      chainEnds: false,
      nameAsManager: undefined,
      resolved: undefined,
      resolvedBy: undefined,
    };
  }
}

/**
 * A settled person's manager resolved against this snapshot, and whether the owned manager name
 * or email now differs from what their learner holds (the only values that can, ADR 0012).
 */
export function resolveSettledManager(
  record: SettledRecord,
  people: PeopleIndex,
  owned: readonly PersonField[],
): SettledManager {
  // The record is the person's own entry (in the index too when someone names them as manager).
  const manager = resolveManager(record, people, record);
  const changed =
    (owned.includes('managerName') && manager.managerName !== record.learner.managerName) ||
    (owned.includes('managerEmail') && manager.managerEmail !== record.learner.managerEmail);
  // Built field by field: one of these per settled person on every resync.
  return {
    managerName: manager.managerName,
    managerEmail: manager.managerEmail,
    note: manager.note,
    changed,
  };
}

/** A settled person's owned values: the learner's, with the manager as resolved now. */
export function settledValues(
  owned: readonly PersonField[],
  current: PersonValues,
  manager: ResolvedManager,
): Partial<PersonValues> {
  const values: Partial<PersonValues> = {};
  for (const field of owned) (values as Record<string, unknown>)[field] = current[field];
  if (owned.includes('managerName')) values.managerName = manager.managerName;
  if (owned.includes('managerEmail')) values.managerEmail = manager.managerEmail;
  return values;
}
