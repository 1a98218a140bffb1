import type { NormalizedEmployee, PersonField } from '../core/employee.ts';
import { PERSON_FIELDS } from '../core/employee.ts';
import type { TenantSettings } from '../core/tenant-settings.ts';
import type { PersonValues } from '../db/repositories/learners.ts';
import { canonicalPerson, hashText } from './canonical.ts';
import { isFilteredOut } from './filters.ts';
import type {
  LearnerIndexEntry,
  PlanAction,
  PlanCounts,
  PlanItem,
  SettledManager,
  SettledRecord,
  SnapshotRecord,
} from './plan-items.ts';
import { HRIS_DEACTIVATION_REASONS, countPlan } from './plan-items.ts';
import { NO_RECORD_HASH, linkedLearners, resolveSettledManager, settledValues } from './settle.ts';

export * from './plan-items.ts';

/**
 * The plan: a pure diff of one snapshot against the learners (DESIGN.md "Plan, guards, apply").
 * Same input, same plan; nothing here reads a clock or a database.
 */
import type { PeopleIndex } from './managers.ts';
import { fullName, resolveManager } from './managers.ts';

/** A learner's person fields as the plan loads them, with the hash they were loaded under. */
export type LearnerFields = PersonValues & { hrisHash?: string | null };

type Who = Pick<NormalizedEmployee, 'externalId' | 'firstName' | 'lastName' | 'workEmail'>;

export function personValuesOf(employee: NormalizedEmployee): PersonValues {
  const { externalId: _externalId, ...values } = employee;
  return values;
}

function displayName(p: { firstName: string | null; lastName: string | null }): string | null {
  return fullName(p.firstName, p.lastName);
}

/** The owner of an email claimed by a learner the plan creates (no learner id is empty). */
const NEW_LEARNER = '';

export interface PlannerInput {
  connectionId: string;
  settings: Pick<TenantSettings, 'invitePolicy' | 'rehirePolicy' | 'filters'>;
  /** No successful sync happened before this one: nobody is a new hire, nobody is invited. */
  isFirstSync: boolean;
  /** Every page arrived: only then can people be deactivated for being missing. */
  complete: boolean;
  /** The person fields this connector provides: the HRIS owns them and overrides other sources. */
  ownedFields: readonly PersonField[];
  /** Learners linked to this connection, and the tenant's unlinked learners (for email linking). */
  learners: readonly LearnerIndexEntry[];
  /** The linked ones by external id, when already made (`linkedLearners`). */
  linked?: ReadonlyMap<string, LearnerIndexEntry> | undefined;
  /**
   * The snapshot's people manager resolution reads: at least everyone someone names as their
   * manager (`SnapshotWriter.managers`), first record per id.
   */
  people: PeopleIndex;
}

/** A person's resolved, HRIS-owned values and their hash. */
interface Resolved {
  values: Partial<PersonValues>;
  hash: string;
  note: PlanItem['note'];
}

/**
 * The plan, page by page: feed the snapshot's records in fetch order with `planRecords`, then call
 * `finish` for the learners the snapshot did not list. Pure — no clock, no I/O — and kept small:
 * it holds compact indexes of the learners and the snapshot's people, never whole records, so
 * memory stays flat as the company grows. Learner person fields are asked for only where the
 * stored hash shows a change (`learnersNeedingFields`).
 */
export class Planner {
  readonly #input: PlannerInput;
  readonly #owned: PersonField[];
  readonly #linked: ReadonlyMap<string, LearnerIndexEntry>;
  readonly #unlinkedByEmail = new Map<string, LearnerIndexEntry>();
  readonly #emailOwner = new Map<string, string>();
  readonly #deactivatedByNumber = new Map<string, LearnerIndexEntry>();
  readonly #deactivatedByEmail = new Map<string, LearnerIndexEntry>();
  readonly #matched = new Set<string>();
  /**
   * The external ids the snapshot listed (present: never "missing"), each `true` once an
   * employee record with it was planned (a later record with the id is a duplicate) and `false`
   * while only a record that failed to map carried it. A settled person's id is marked on their
   * learner instead (`listedBy`, see `#isListed`).
   */
  readonly #listed = new Map<string, boolean>();
  readonly #counts: PlanCounts = countPlan([]);
  // Per page: learnersNeedingFields and planRecords see the same records; cleared after each
  // page (plain maps: a weak map per record would make every garbage collection walk them).
  readonly #resolved = new Map<NormalizedEmployee, Resolved>();

  constructor(input: PlannerInput) {
    this.#input = input;
    const owned = new Set<PersonField>(input.ownedFields);
    if (owned.has('managerExternalId')) {
      owned.add('managerName');
      owned.add('managerEmail');
    }
    this.#owned = PERSON_FIELDS.filter((f) => owned.has(f));
    this.#linked = input.linked ?? linkedLearners(input.learners, input.connectionId);
    for (const learner of input.learners) {
      if (learner.workEmail) this.#emailOwner.set(learner.workEmail, learner.id);
      if (learner.connectionId === input.connectionId && learner.externalId !== null) {
        if (learner.status === 'deactivated') {
          if (learner.employeeNumber)
            this.#deactivatedByNumber.set(learner.employeeNumber, learner);
          if (learner.workEmail) this.#deactivatedByEmail.set(learner.workEmail, learner);
        }
      } else if (learner.connectionId === null && learner.workEmail) {
        this.#unlinkedByEmail.set(learner.workEmail, learner);
      }
    }
  }

  get counts(): PlanCounts {
    return this.#counts;
  }

  /** Learners these records may be compared with whose stored hash does not match: load their fields. */
  learnersNeedingFields(records: readonly SnapshotRecord[]): string[] {
    const ids = new Set<string>();
    for (const record of records) {
      if (record.kind === 'settled') {
        if (this.#settledManager(record).changed) ids.add(record.learner.id);
        continue;
      }
      if (record.kind !== 'employee') continue;
      const person = record.employee;
      const { hash } = this.#resolve(person);
      const candidates = [
        this.#linked.get(person.externalId),
        person.employeeNumber ? this.#deactivatedByNumber.get(person.employeeNumber) : undefined,
        person.workEmail ? this.#deactivatedByEmail.get(person.workEmail) : undefined,
        person.workEmail ? this.#unlinkedByEmail.get(person.workEmail) : undefined,
      ];
      for (const learner of candidates)
        if (learner && learner.hrisHash !== hash) ids.add(learner.id);
    }
    return [...ids];
  }

  /** Plans one page of records (in fetch order); `fields` holds the learners `learnersNeedingFields` named. */
  planRecords(
    records: readonly SnapshotRecord[],
    fields: ReadonlyMap<string, LearnerFields>,
  ): PlanItem[] {
    const items = records.map((record) => this.#planRecord(record, fields));
    this.#count(items);
    this.#resolved.clear();
    return items;
  }

  /** Linked learners the snapshot did not list, and CSV/manual learners the HRIS never had. */
  finish(): PlanItem[] {
    const items: PlanItem[] = [];
    for (const learner of this.#linked.values()) {
      if (
        learner.status === 'deactivated' ||
        this.#isListed(learner) ||
        this.#matched.has(learner.id)
      )
        continue;
      items.push(
        this.#input.complete
          ? { ...base(null, learner), action: 'deactivate', reason: 'missing' }
          : { ...base(null, learner), action: 'skip', reason: 'missing_from_incomplete_snapshot' },
      );
    }
    for (const learner of this.#unlinkedByEmail.values()) {
      if (this.#matched.has(learner.id) || learner.status === 'deactivated') continue;
      items.push({ ...base(null, learner), action: 'skip', reason: 'not_in_hris' });
    }
    this.#count(items);
    return items;
  }

  #count(items: readonly PlanItem[]): void {
    const page = countPlan(items);
    for (const [action, n] of Object.entries(page.byAction))
      this.#counts.byAction[action as PlanAction] += n;
    for (const [reason, n] of Object.entries(page.byReason))
      this.#counts.byReason[reason] = (this.#counts.byReason[reason] ?? 0) + n;
    this.#counts.deactivations += page.deactivations;
    this.#counts.managerNotes += page.managerNotes;
  }

  #resolve(person: NormalizedEmployee): Resolved {
    // learnersNeedingFields and planRecords see the same record objects: resolve each once.
    const cached = this.#resolved.get(person);
    if (cached) return cached;
    const resolved = this.#resolveUncached(person);
    this.#resolved.set(person, resolved);
    return resolved;
  }

  #resolveUncached(person: NormalizedEmployee): Resolved {
    const manager = resolveManager(person, this.#input.people);
    const resolved: PersonValues = {
      ...personValuesOf(person),
      managerName: manager.managerName,
      managerEmail: manager.managerEmail,
    };
    const values: Partial<PersonValues> = {};
    for (const field of this.#owned) (values as Record<string, unknown>)[field] = resolved[field];
    return { values, hash: hashText(canonicalPerson(values)), note: manager.note };
  }

  #planRecord(record: SnapshotRecord, fields: ReadonlyMap<string, LearnerFields>): PlanItem {
    const input = this.#input;
    if (record.kind === 'settled') return this.#planSettled(record, fields);
    if (record.kind === 'error') {
      if (record.externalId !== null && !this.#listed.has(record.externalId))
        this.#listed.set(record.externalId, false);
      const learner = record.externalId === null ? undefined : this.#linked.get(record.externalId);
      return {
        ...base(null, learner),
        externalId: record.externalId,
        action: 'error',
        reason: record.code,
        note: record.message,
      };
    }
    const person = record.employee;
    let learner = this.#linked.get(person.externalId);
    if (this.#listed.get(person.externalId) === true || learner?.listedBy === this) {
      return { ...base(person, undefined), action: 'error', reason: 'duplicate_external_id' };
    }
    this.#listed.set(person.externalId, true);
    const { values, hash, note } = this.#resolve(person);

    // Match: linked by external id; a rehire by employee number or email; an unlinked learner by email.
    if (learner && this.#matched.has(learner.id)) {
      // An earlier record (a rehire under a new id) already took this learner.
      return { ...base(person, learner), action: 'skip', reason: 'superseded_by_rehire' };
    }
    let link = false;
    if (!learner && person.employmentStatus !== 'terminated') {
      const rehire =
        (person.employeeNumber
          ? this.#deactivatedByNumber.get(person.employeeNumber)
          : undefined) ??
        (person.workEmail ? this.#deactivatedByEmail.get(person.workEmail) : undefined);
      if (rehire && !this.#matched.has(rehire.id) && !this.#isListed(rehire)) {
        learner = rehire;
        link = true;
      }
    }
    if (!learner && person.workEmail) {
      const candidate = this.#unlinkedByEmail.get(person.workEmail);
      if (candidate && !this.#matched.has(candidate.id)) {
        learner = candidate;
        link = true;
      }
    }
    if (learner) this.#matched.add(learner.id);

    const item: PlanItem = {
      ...base(person, learner),
      link,
      values,
      hash,
      recordHash: record.recordHash ?? null,
      note,
    };
    const changes = (next: PlanItem, l: LearnerIndexEntry): PlanItem =>
      this.#withChanges(next, l, fields);
    const active = learner !== undefined && learner.status !== 'deactivated';

    if (person.employmentStatus === 'terminated') {
      if (learner && active)
        return changes({ ...item, action: 'deactivate', reason: 'terminated' }, learner);
      if (learner) return changes(item, learner);
      if (this.#claimEmail(person.workEmail, null)) {
        return { ...item, action: 'create', reason: 'already_terminated', createDeactivated: true };
      }
      return { ...item, action: 'skip', reason: 'duplicate_email' };
    }
    if (isFilteredOut(person, input.settings.filters)) {
      if (learner && active)
        return changes({ ...item, action: 'deactivate', reason: 'filtered_out' }, learner);
      return { ...item, action: 'skip', reason: 'filtered_out' };
    }
    if (person.employmentStatus === 'pending') {
      if (learner && active) return changes(item, learner);
      return { ...item, action: 'skip', reason: 'not_started' };
    }
    // Active in the HRIS.
    if (!learner) {
      if (person.workEmail === null) return { ...item, action: 'skip', reason: 'no_work_email' };
      if (!this.#claimEmail(person.workEmail, null))
        return { ...item, action: 'skip', reason: 'duplicate_email' };
      return {
        ...item,
        action: 'create',
        reason: input.isFirstSync ? 'first_sync' : 'new_hire',
        invite: input.settings.invitePolicy === 'auto' && !input.isFirstSync,
      };
    }
    if (active) return changes(item, learner);
    const hrisDeactivated = (HRIS_DEACTIVATION_REASONS as readonly string[]).includes(
      learner.deactivationReason ?? '',
    );
    if (!hrisDeactivated) return { ...item, action: 'skip', reason: 'deactivated_outside_hris' };
    if (input.settings.rehirePolicy === 'review')
      return { ...item, action: 'skip', reason: 'rehire_needs_review' };
    return changes({ ...item, action: 'reactivate', reason: 'rehired' }, learner);
  }

  /** Whether a record with this learner's own external id was listed. */
  #isListed(learner: LearnerIndexEntry): boolean {
    return learner.listedBy === this || this.#listed.has(learner.externalId ?? '');
  }

  #claimEmail(email: string | null, learnerId: string | null): boolean {
    if (email === null) return true;
    const owner = this.#emailOwner.get(email);
    if (owner !== undefined && owner !== learnerId) return false;
    this.#emailOwner.set(email, learnerId ?? NEW_LEARNER);
    return true;
  }

  /** Fills changed fields; an update whose email belongs to someone else keeps the old email. */
  #withChanges(
    item: PlanItem,
    learner: LearnerIndexEntry,
    fields: ReadonlyMap<string, LearnerFields>,
  ): PlanItem {
    const values = { ...(item.values ?? {}) };
    let note = item.note;
    let recordHash = item.recordHash;
    if (
      values.workEmail &&
      values.workEmail !== learner.workEmail &&
      !this.#claimEmail(values.workEmail, learner.id)
    ) {
      delete values.workEmail;
      note = 'email_taken_by_another_learner';
      // The values written are no longer the record's own: never settle this person unseen.
      if (recordHash !== null) recordHash = NO_RECORD_HASH;
    }
    let changed: PersonField[] = [];
    if (learner.hrisHash === null || learner.hrisHash !== item.hash) {
      const current = fields.get(learner.id);
      if (!current)
        throw new Error(
          `the plan needs the fields of learner ${learner.id} (learnersNeedingFields)`,
        );
      changed = (Object.keys(values) as PersonField[]).filter((f) => values[f] !== current[f]);
    }
    const action =
      item.action === 'unchanged'
        ? changed.length > 0 || item.link
          ? 'update'
          : 'unchanged'
        : item.action;
    const reason =
      action === 'update' && item.action === 'unchanged'
        ? item.link
          ? 'linked'
          : 'changed'
        : item.reason;
    return {
      ...item,
      values,
      action,
      reason,
      changedFields: changed.length > 0 ? changed : null,
      recordHash,
      note,
    };
  }

  /**
   * A settled person (ADR 0012): their record is the one last applied, so only the manager's
   * name and email can differ from the learner's; they do when the manager's record changed or
   * the manager left the snapshot.
   */
  #planSettled(record: SettledRecord, fields: ReadonlyMap<string, LearnerFields>): PlanItem {
    const learner = record.learner;
    // Settled people are never repeated (a repeated id is staged), and their learner is linked by
    // their id: the mark on it lists the id.
    learner.listedBy = this;
    const item = base(record, learner);
    // Only a deactivated learner can have been taken already (by a rehire under another id, the
    // one match not by this person's own id); an active one is kept from the missing by the
    // listed id.
    if (learner.status === 'deactivated') {
      if (this.#matched.has(learner.id))
        return { ...item, action: 'skip', reason: 'superseded_by_rehire' };
      this.#matched.add(learner.id);
    }
    const manager = this.#settledManager(record);
    // Read once more at most (learnersNeedingFields came first): let it go with the page.
    record.resolved = undefined;
    // Most people of a resync end here: fill the fresh item rather than copy it.
    item.hash = learner.hrisHash;
    item.note = manager.note;
    item.recordHash = learner.hrisRecordHash ?? null;
    if (!manager.changed) return item;
    const current = fields.get(learner.id);
    if (!current)
      throw new Error(`the plan needs the fields of learner ${learner.id} (learnersNeedingFields)`);
    // Written by someone else since the fetch began: no write now, the next sync plans in full.
    if (current.hrisHash !== undefined && current.hrisHash !== learner.hrisHash)
      return { ...item, recordHash: null };
    const values = settledValues(this.#owned, current, manager);
    const hash = hashText(canonicalPerson(values));
    return this.#withChanges({ ...item, values, hash }, learner, fields);
  }

  /**
   * A settled person's manager as resolved now: learnersNeedingFields resolves it and leaves it on
   * the record (marked with this planner) for planRecords, which takes it off.
   */
  #settledManager(record: SettledRecord): SettledManager {
    if (record.resolved !== undefined && record.resolvedBy === this) return record.resolved;
    const resolved = resolveSettledManager(record, this.#input.people, this.#owned);
    record.resolved = resolved;
    record.resolvedBy = this;
    return resolved;
  }
}

function base(p: Who | null, learner: LearnerIndexEntry | undefined): PlanItem {
  return {
    action: 'unchanged',
    reason: null,
    learnerId: learner?.id ?? null,
    learner: learner ?? null,
    externalId: p?.externalId ?? learner?.externalId ?? null,
    displayName: p ? displayName(p) : learner ? displayName(learner) : null,
    workEmail: p?.workEmail ?? learner?.workEmail ?? null,
    changedFields: null,
    link: false,
    invite: false,
    createDeactivated: false,
    values: null,
    hash: null,
    recordHash: null,
    note: null,
  };
}
