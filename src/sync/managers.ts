import type { NormalizedEmployee } from '../core/employee.ts';

/** What manager resolution needs of each person in the snapshot (kept for the whole run). */
export interface PersonIndexEntry {
  firstName: string | null;
  lastName: string | null;
  workEmail: string | null;
  managerExternalId: string | null;
  /**
   * Set by manager resolution once this person's manager chain is known to end (no cycle runs
   * through them): most chains share their upper part, so each is walked about once per sync.
   * A mark holds for the one index the entry is in (each run builds its own).
   */
  chainEnds?: boolean;
  /**
   * The person's full name as a manager (`fullName`), once resolution first needed it: a
   * manager's name is read for each of their reports.
   */
  nameAsManager?: string | null | undefined;
}

/** external id → the person's manager-relevant fields, for the whole snapshot. */
export type PeopleIndex = Map<string, PersonIndexEntry>;

export function indexEntry(person: NormalizedEmployee): PersonIndexEntry {
  return {
    firstName: person.firstName,
    lastName: person.lastName,
    workEmail: person.workEmail,
    managerExternalId: person.managerExternalId,
    chainEnds: false,
    nameAsManager: undefined,
  };
}

export interface ResolvedManager {
  managerName: string | null;
  managerEmail: string | null;
  /** Set when the manager could not be resolved cleanly; reported, never fatal. */
  note: 'manager_unresolved' | 'manager_cycle' | null;
}

const MAX_CHAIN = 64;

/** First and last name joined by a space, either alone when the other is unknown; null if both are. */
export function fullName(first: string | null, last: string | null): string | null {
  if (first === null || first === '') return last === '' ? null : last;
  return last === null || last === '' ? first : `${first} ${last}`;
}

/**
 * Resolves a person's manager against the whole snapshot — terminated and skipped people
 * included, so a manager who left still resolves — falling back to the vendor's own manager name
 * and email. Unresolved references and reporting cycles are noted.
 */
export function resolveManager(
  person: Pick<
    NormalizedEmployee,
    'externalId' | 'managerExternalId' | 'managerName' | 'managerEmail'
  >,
  people: PeopleIndex,
  /** The person's own entry in `people`, when the caller holds it (saves looking it up). */
  self?: PersonIndexEntry,
): ResolvedManager {
  const managerId = person.managerExternalId;
  if (managerId === null) {
    return { managerName: person.managerName, managerEmail: person.managerEmail, note: null };
  }
  const manager = people.get(managerId);
  if (!manager) {
    return {
      managerName: person.managerName,
      managerEmail: person.managerEmail,
      note: 'manager_unresolved',
    };
  }
  let name = manager.nameAsManager;
  if (name === undefined)
    name = manager.nameAsManager = fullName(manager.firstName, manager.lastName);
  return {
    managerName: name ?? person.managerName,
    managerEmail: manager.workEmail ?? person.managerEmail,
    note: inCycle(person.externalId, self, manager, people) ? 'manager_cycle' : null,
  };
}

/**
 * Whether a reporting cycle runs through `start`, whose manager's entry is `manager`. Chains
 * found to end are marked on the index's entries (`chainEnds`), so most people cost one look at
 * their manager's mark. An index is complete before resolution starts and never changes
 * afterwards.
 */
function inCycle(
  start: string,
  known: PersonIndexEntry | undefined,
  manager: PersonIndexEntry,
  people: PeopleIndex,
): boolean {
  // Most people report to someone whose chain is already known to end.
  if (manager.chainEnds === true || manager.managerExternalId === null) {
    if (known) known.chainEnds = true;
    return false;
  }
  const self = known ?? people.get(start);
  // Someone nobody names as their manager is not in the index, and on no cycle.
  if (!self) return false;
  let current: string | null = self.managerExternalId;
  let entry: PersonIndexEntry | undefined = current === null ? undefined : people.get(current);
  const seen: PersonIndexEntry[] = [self];
  const ids = new Set<string>([start]);
  for (let depth = 0; current !== null && depth < MAX_CHAIN; depth++) {
    if (entry?.chainEnds === true) break;
    if (ids.has(current)) return current === start;
    ids.add(current);
    if (!entry) {
      // A manager outside the index: the chain ends there.
      current = null;
      break;
    }
    seen.push(entry);
    current = entry.managerExternalId;
    entry = current === null ? undefined : people.get(current);
  }
  // The chain ended (or reached one known to end): nobody on it is on a cycle. A chain too long
  // to follow is not remembered.
  if (current === null || entry?.chainEnds === true)
    for (const person of seen) person.chainEnds = true;
  return false;
}
