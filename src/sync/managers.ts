import type { NormalizedEmployee } from '../core/employee.ts';

export interface ResolvedManager {
  managerName: string | null;
  managerEmail: string | null;
  /** Set when the manager could not be resolved cleanly; reported, never fatal. */
  note: 'manager_unresolved' | 'manager_cycle' | null;
}

const MAX_CHAIN = 64;

/**
 * Resolves each person's manager against the whole snapshot — terminated and skipped people
 * included, so a manager who left still resolves — falling back to the vendor's own manager name
 * and email. Unresolved references and reporting cycles are noted.
 */
export function resolveManagers(
  people: readonly NormalizedEmployee[],
): Map<string, ResolvedManager> {
  const byId = new Map<string, NormalizedEmployee>();
  for (const person of people)
    if (!byId.has(person.externalId)) byId.set(person.externalId, person);

  const out = new Map<string, ResolvedManager>();
  for (const person of people) {
    const managerId = person.managerExternalId;
    if (managerId === null) {
      out.set(person.externalId, {
        managerName: person.managerName,
        managerEmail: person.managerEmail,
        note: null,
      });
      continue;
    }
    const manager = byId.get(managerId);
    if (!manager) {
      out.set(person.externalId, {
        managerName: person.managerName,
        managerEmail: person.managerEmail,
        note: 'manager_unresolved',
      });
      continue;
    }
    const name = [manager.firstName, manager.lastName].filter((p) => p !== null).join(' ');
    out.set(person.externalId, {
      managerName: name === '' ? person.managerName : name,
      managerEmail: manager.workEmail ?? person.managerEmail,
      note: inCycle(person.externalId, byId) ? 'manager_cycle' : null,
    });
  }
  return out;
}

function inCycle(start: string, byId: Map<string, NormalizedEmployee>): boolean {
  const seen = new Set<string>([start]);
  let current = byId.get(start)?.managerExternalId ?? null;
  for (let depth = 0; current !== null && depth < MAX_CHAIN; depth++) {
    if (seen.has(current)) return current === start;
    seen.add(current);
    current = byId.get(current)?.managerExternalId ?? null;
  }
  return false;
}
