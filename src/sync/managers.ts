import type { NormalizedEmployee } from '../core/employee.ts';

/** What manager resolution needs of each person in the snapshot (kept for the whole run). */
export interface PersonIndexEntry {
  firstName: string | null;
  lastName: string | null;
  workEmail: string | null;
  managerExternalId: string | null;
}

/** external id → the person's manager-relevant fields, for the whole snapshot. */
export type PeopleIndex = Map<string, PersonIndexEntry>;

export function indexEntry(person: NormalizedEmployee): PersonIndexEntry {
  return {
    firstName: person.firstName,
    lastName: person.lastName,
    workEmail: person.workEmail,
    managerExternalId: person.managerExternalId,
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
  return {
    managerName: fullName(manager.firstName, manager.lastName) ?? person.managerName,
    managerEmail: manager.workEmail ?? person.managerEmail,
    note: inCycle(person.externalId, people) ? 'manager_cycle' : null,
  };
}

/**
 * Per index, the people whose manager chain is known to end (no cycle through them): most chains
 * share their upper part, so each is walked about once per sync. An index is complete before
 * resolution starts and never changes afterwards.
 */
const chainEnds = new WeakMap<PeopleIndex, Set<string>>();

function inCycle(start: string, people: PeopleIndex): boolean {
  let ends = chainEnds.get(people);
  if (!ends) chainEnds.set(people, (ends = new Set()));
  let current = people.get(start)?.managerExternalId ?? null;
  // Most people report to someone whose chain is already known to end.
  if (current === null || ends.has(current)) {
    ends.add(start);
    return false;
  }
  const seen = new Set<string>([start]);
  for (let depth = 0; current !== null && depth < MAX_CHAIN; depth++) {
    if (ends.has(current)) break;
    if (seen.has(current)) return current === start;
    seen.add(current);
    current = people.get(current)?.managerExternalId ?? null;
  }
  // The chain ended (or reached one known to end): nobody on it is on a cycle. A chain too long
  // to follow is not remembered.
  if (current === null || ends.has(current)) for (const id of seen) ends.add(id);
  return false;
}
