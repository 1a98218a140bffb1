import type { NormalizedEmployee, PersonField } from '../core/employee.ts';
import { PERSON_FIELDS } from '../core/employee.ts';
import type { Learner } from '../core/learner.ts';
import type { TenantSettings } from '../core/tenant-settings.ts';
import type { PersonValues } from '../db/repositories/learners.ts';
import { canonicalPerson, hashText } from './canonical.ts';
import { isFilteredOut } from './filters.ts';
import { resolveManagers } from './managers.ts';

/**
 * The plan: a pure diff of one snapshot against the learners (DESIGN.md "Plan, guards, apply").
 * Same input, same plan; nothing here reads a clock or a database.
 */
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

export interface PlanInput {
  connectionId: string;
  settings: Pick<TenantSettings, 'invitePolicy' | 'rehirePolicy' | 'filters'>;
  /** No successful sync happened before this one: nobody is a new hire, nobody is invited. */
  isFirstSync: boolean;
  /** Every page arrived: only then can people be deactivated for being missing. */
  complete: boolean;
  /** The person fields this connector provides: the HRIS owns them and overrides other sources. */
  ownedFields: readonly PersonField[];
  snapshot: readonly SnapshotRecord[];
  /** Learners linked to this connection, and the tenant's unlinked learners (for email linking). */
  learners: readonly PlanLearner[];
}

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
  /** The hash of the full resolved record, kept on the learner to skip unchanged people cheaply. */
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

export function personValuesOf(employee: NormalizedEmployee): PersonValues {
  const { externalId: _externalId, ...values } = employee;
  return values;
}

function displayName(p: { firstName: string | null; lastName: string | null }): string | null {
  const name = [p.firstName, p.lastName].filter((v) => v !== null).join(' ');
  return name === '' ? null : name;
}

export function planSync(input: PlanInput): Plan {
  const employees = input.snapshot.flatMap((r) => (r.kind === 'employee' ? [r.employee] : []));
  const managers = resolveManagers(employees);
  const owned = new Set<PersonField>(input.ownedFields);
  if (owned.has('managerExternalId')) {
    owned.add('managerName');
    owned.add('managerEmail');
  }

  const linked = new Map<string, PlanLearner>();
  const unlinkedByEmail = new Map<string, PlanLearner>();
  const emailOwner = new Map<string, string>();
  for (const learner of input.learners) {
    if (learner.workEmail) emailOwner.set(learner.workEmail, learner.id);
    if (learner.connectionId === input.connectionId && learner.externalId !== null) {
      linked.set(learner.externalId, learner);
    } else if (learner.connectionId === null && learner.workEmail) {
      unlinkedByEmail.set(learner.workEmail, learner);
    }
  }
  // Rehire lookups among this connection's deactivated learners.
  const deactivatedByNumber = new Map<string, PlanLearner>();
  const deactivatedByEmail = new Map<string, PlanLearner>();
  for (const learner of linked.values()) {
    if (learner.status !== 'deactivated') continue;
    if (learner.employeeNumber) deactivatedByNumber.set(learner.employeeNumber, learner);
    if (learner.workEmail) deactivatedByEmail.set(learner.workEmail, learner);
  }

  const items: PlanItem[] = [];
  const matched = new Set<string>();
  const present = new Set<string>();
  const seenExternal = new Set<string>();

  const base = (p: NormalizedEmployee | null, learner: PlanLearner | undefined): PlanItem => ({
    action: 'unchanged',
    reason: null,
    learnerId: learner?.id ?? null,
    externalId: p?.externalId ?? learner?.externalId ?? null,
    displayName: p ? displayName(p) : learner ? displayName(learner) : null,
    workEmail: p?.workEmail ?? learner?.workEmail ?? null,
    changedFields: null,
    link: false,
    invite: false,
    createDeactivated: false,
    values: null,
    hash: null,
    note: null,
  });

  for (const record of input.snapshot) {
    if (record.kind === 'error') {
      if (record.externalId !== null) present.add(record.externalId);
      const learner = record.externalId === null ? undefined : linked.get(record.externalId);
      items.push({
        ...base(null, learner),
        externalId: record.externalId,
        action: 'error',
        reason: record.code,
        note: record.message,
      });
      continue;
    }
    const person = record.employee;
    present.add(person.externalId);
    if (seenExternal.has(person.externalId)) {
      items.push({ ...base(person, undefined), action: 'error', reason: 'duplicate_external_id' });
      continue;
    }
    seenExternal.add(person.externalId);

    const manager = managers.get(person.externalId);
    const resolved: PersonValues = {
      ...personValuesOf(person),
      managerName: manager?.managerName ?? person.managerName,
      managerEmail: manager?.managerEmail ?? person.managerEmail,
    };
    const values = Object.fromEntries(
      [...owned].map((f) => [f, resolved[f]]),
    ) as Partial<PersonValues>;
    const hash = hashText(canonicalPerson(values));
    const note = manager?.note ?? null;

    // Match: linked by external id; a rehire by employee number or email; an unlinked learner by email.
    let learner = linked.get(person.externalId);
    if (learner && matched.has(learner.id)) {
      // An earlier record (a rehire under a new id) already took this learner.
      items.push({ ...base(person, learner), action: 'skip', reason: 'superseded_by_rehire' });
      continue;
    }
    let link = false;
    if (!learner && person.employmentStatus !== 'terminated') {
      const rehire =
        (person.employeeNumber ? deactivatedByNumber.get(person.employeeNumber) : undefined) ??
        (person.workEmail ? deactivatedByEmail.get(person.workEmail) : undefined);
      if (
        rehire &&
        !matched.has(rehire.id) &&
        !seenExternal.has(rehire.externalId ?? '') &&
        !present.has(rehire.externalId ?? '')
      ) {
        learner = rehire;
        link = true;
      }
    }
    if (!learner && person.workEmail) {
      const candidate = unlinkedByEmail.get(person.workEmail);
      if (candidate && !matched.has(candidate.id)) {
        learner = candidate;
        link = true;
      }
    }
    if (learner) matched.add(learner.id);

    const item: PlanItem = { ...base(person, learner), link, values, hash, note };
    const filtered = isFilteredOut(person, input.settings.filters);
    const active = learner !== undefined && learner.status !== 'deactivated';

    if (person.employmentStatus === 'terminated') {
      if (learner && active)
        items.push(withChanges({ ...item, action: 'deactivate', reason: 'terminated' }, learner));
      else if (learner) items.push(withChanges(item, learner));
      else if (claimEmail(person.workEmail, null))
        items.push({
          ...item,
          action: 'create',
          reason: 'already_terminated',
          createDeactivated: true,
        });
      else items.push({ ...item, action: 'skip', reason: 'duplicate_email' });
      continue;
    }
    if (filtered) {
      if (learner && active)
        items.push(withChanges({ ...item, action: 'deactivate', reason: 'filtered_out' }, learner));
      else items.push({ ...item, action: 'skip', reason: 'filtered_out' });
      continue;
    }
    if (person.employmentStatus === 'pending') {
      if (learner && active) items.push(withChanges(item, learner));
      else items.push({ ...item, action: 'skip', reason: 'not_started' });
      continue;
    }
    // Active in the HRIS.
    if (!learner) {
      if (person.workEmail === null)
        items.push({ ...item, action: 'skip', reason: 'no_work_email' });
      else if (!claimEmail(person.workEmail, null))
        items.push({ ...item, action: 'skip', reason: 'duplicate_email' });
      else
        items.push({
          ...item,
          action: 'create',
          reason: input.isFirstSync ? 'first_sync' : 'new_hire',
          invite: input.settings.invitePolicy === 'auto' && !input.isFirstSync,
        });
      continue;
    }
    if (active) {
      items.push(withChanges(item, learner));
      continue;
    }
    const hrisDeactivated = (HRIS_DEACTIVATION_REASONS as readonly string[]).includes(
      learner.deactivationReason ?? '',
    );
    if (!hrisDeactivated)
      items.push({ ...item, action: 'skip', reason: 'deactivated_outside_hris' });
    else if (input.settings.rehirePolicy === 'review')
      items.push({ ...item, action: 'skip', reason: 'rehire_needs_review' });
    else items.push(withChanges({ ...item, action: 'reactivate', reason: 'rehired' }, learner));
  }

  // Linked learners the HRIS no longer lists.
  for (const learner of linked.values()) {
    if (
      matched.has(learner.id) ||
      present.has(learner.externalId ?? '') ||
      learner.status === 'deactivated'
    )
      continue;
    items.push(
      input.complete
        ? { ...base(null, learner), action: 'deactivate', reason: 'missing' }
        : { ...base(null, learner), action: 'skip', reason: 'missing_from_incomplete_snapshot' },
    );
  }
  // CSV and manual learners the HRIS never had stay active, reported as such.
  for (const learner of unlinkedByEmail.values()) {
    if (matched.has(learner.id) || learner.status === 'deactivated') continue;
    items.push({ ...base(null, learner), action: 'skip', reason: 'not_in_hris' });
  }
  return { items, counts: countPlan(items) };

  function claimEmail(email: string | null, learnerId: string | null): boolean {
    if (email === null) return true;
    const owner = emailOwner.get(email);
    if (owner !== undefined && owner !== learnerId) return false;
    emailOwner.set(email, learnerId ?? `new:${email}`);
    return true;
  }

  /** Fills changed fields; an update whose email belongs to someone else keeps the old email. */
  function withChanges(item: PlanItem, learner: PlanLearner): PlanItem {
    const values = { ...(item.values ?? {}) };
    let note = item.note;
    if (
      values.workEmail &&
      values.workEmail !== learner.workEmail &&
      !claimEmail(values.workEmail, learner.id)
    ) {
      delete values.workEmail;
      note = 'email_taken_by_another_learner';
    }
    const changed =
      learner.hrisHash !== null && learner.hrisHash === item.hash
        ? []
        : (Object.keys(values) as PersonField[]).filter((f) => values[f] !== learner[f]);
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
      note,
    };
  }
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
