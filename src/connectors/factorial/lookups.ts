import { cleanText } from '../../core/employee.ts';
import {
  factorialContractVersionSchema,
  factorialLocationSchema,
  factorialTeamSchema,
} from './api.ts';
import { parseIsoDate } from '../values.ts';

/**
 * The joins of a sync (NOTES §5): department from teams, location from locations, job title and
 * hire date from contract versions, each keyed by id. Built by pure folds over the raw records, so
 * the same records give the same lookups; a record that does not parse is counted, not fatal.
 */

export interface TeamRef {
  id: string;
  name: string | null;
}

export interface LocationRef {
  name: string | null;
  country: string | null;
}

export interface ContractRef {
  jobTitle: string | null;
  startsOn: string | null;
  /** `effective_on`: which version is current (see `ContractIndex.add`). */
  effectiveOn: string;
}

export interface FactorialLookups {
  teamOf(employeeId: string): TeamRef | null;
  location(locationId: string): LocationRef | null;
  contract(employeeId: string): ContractRef | null;
}

/** Counts of reference records that could not be used (for a log line, never their content). */
export interface SkippedCounts {
  teams: number;
  locations: number;
  contractVersions: number;
}

/**
 * Team membership. A person can be in several teams: the department is the team with the lowest
 * id (the earliest created), so the choice is stable from one sync to the next.
 */
export class TeamIndex {
  private readonly byEmployee = new Map<string, { team: TeamRef; order: number }>();
  skipped = 0;

  add(raw: unknown): void {
    const parsed = factorialTeamSchema.safeParse(raw);
    const id = parsed.success ? cleanText(parsed.data.id) : null;
    if (!parsed.success || id === null) {
      this.skipped++;
      return;
    }
    const team: TeamRef = { id, name: cleanText(parsed.data.name) };
    const order = idOrder(id);
    for (const member of parsed.data.employee_ids ?? []) {
      const employeeId = cleanText(member);
      if (employeeId === null) continue;
      const current = this.byEmployee.get(employeeId);
      if (current === undefined || compareIds(order, current.order, id, current.team.id) < 0) {
        this.byEmployee.set(employeeId, { team, order });
      }
    }
  }

  teamOf(employeeId: string): TeamRef | null {
    return this.byEmployee.get(employeeId)?.team ?? null;
  }
}

export class LocationIndex {
  private readonly byId = new Map<string, LocationRef>();
  skipped = 0;

  add(raw: unknown): void {
    const parsed = factorialLocationSchema.safeParse(raw);
    const id = parsed.success ? cleanText(parsed.data.id) : null;
    if (!parsed.success || id === null) {
      this.skipped++;
      return;
    }
    this.byId.set(id, {
      name: cleanText(parsed.data.name),
      country: cleanText(parsed.data.country),
    });
  }

  location(locationId: string): LocationRef | null {
    return this.byId.get(locationId) ?? null;
  }
}

/**
 * The current contract version per employee, kept while the versions stream by (one per person in
 * memory): the latest `effective_on` on or before today; when every version starts later (a future
 * hire), the earliest one. Scheduled changes (a promotion effective next month) wait their turn.
 */
export class ContractIndex {
  private readonly byEmployee = new Map<string, ContractRef>();
  skipped = 0;

  constructor(private readonly today: string) {}

  add(raw: unknown): void {
    const parsed = factorialContractVersionSchema.safeParse(raw);
    const employeeId = parsed.success ? cleanText(parsed.data.employee_id) : null;
    const effectiveOn = parsed.success ? parseIsoDate(parsed.data.effective_on) : null;
    if (!parsed.success || employeeId === null || effectiveOn === null) {
      this.skipped++;
      return;
    }
    const candidate: ContractRef = {
      jobTitle: cleanText(parsed.data.job_title),
      startsOn: parseIsoDate(parsed.data.starts_on),
      effectiveOn,
    };
    const current = this.byEmployee.get(employeeId);
    if (current === undefined || this.isMoreCurrent(candidate, current)) {
      this.byEmployee.set(employeeId, candidate);
    }
  }

  contract(employeeId: string): ContractRef | null {
    return this.byEmployee.get(employeeId) ?? null;
  }

  /** Ties (same `effective_on`) go to the later record: Factorial lists versions by id. */
  private isMoreCurrent(candidate: ContractRef, current: ContractRef): boolean {
    const inForce = (c: ContractRef) => c.effectiveOn <= this.today;
    if (inForce(candidate) !== inForce(current)) return inForce(candidate);
    if (inForce(candidate)) return candidate.effectiveOn >= current.effectiveOn;
    return candidate.effectiveOn < current.effectiveOn;
  }
}

/** The three indexes of one sync, as the mapper sees them. */
export function createLookups(today: string): {
  teams: TeamIndex;
  locations: LocationIndex;
  contracts: ContractIndex;
  lookups: FactorialLookups;
  skipped: () => SkippedCounts;
} {
  const teams = new TeamIndex();
  const locations = new LocationIndex();
  const contracts = new ContractIndex(today);
  return {
    teams,
    locations,
    contracts,
    lookups: {
      teamOf: (id) => teams.teamOf(id),
      location: (id) => locations.location(id),
      contract: (id) => contracts.contract(id),
    },
    skipped: () => ({
      teams: teams.skipped,
      locations: locations.skipped,
      contractVersions: contracts.skipped,
    }),
  };
}

/** Numeric ids compare as numbers; anything else sorts after them, as text. */
function idOrder(id: string): number {
  return /^\d{1,15}$/.test(id) ? Number(id) : Number.POSITIVE_INFINITY;
}

function compareIds(a: number, b: number, idA: string, idB: string): number {
  if (a !== b) return a < b ? -1 : 1;
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}
