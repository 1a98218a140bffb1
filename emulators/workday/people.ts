import {
  GeneratedCompany,
  locationOf,
  type CompanyOptions,
  type Person,
} from '../shared/company.ts';
import type { EmploymentKind } from '../shared/catalog.ts';

/**
 * The Workday emulator's company: the shared generated company with 32-hex WIDs as ids
 * (NOTES §5), plus the Workday vocabulary both endpoints render it in.
 */
export function createWorkdayCompany(options: CompanyOptions = {}): GeneratedCompany {
  return new GeneratedCompany(options, (_index, rng) => rng.hex(32));
}

/** `Worker_Type_Reference` by employment kind: employees are Regular/Intern, contractors contingent. */
export function workerTypeOf(kind: EmploymentKind | null): {
  idType: 'Employee_Type_ID' | 'Contingent_Worker_Type_ID';
  id: string;
  descriptor: string;
} | null {
  switch (kind) {
    case 'full_time':
    case 'part_time':
      return { idType: 'Employee_Type_ID', id: 'Regular', descriptor: 'Regular' };
    case 'intern':
      return { idType: 'Employee_Type_ID', id: 'Intern', descriptor: 'Intern' };
    case 'contractor':
      return { idType: 'Contingent_Worker_Type_ID', id: 'Contractor', descriptor: 'Contractor' };
    default:
      return null;
  }
}

export const isContingent = (person: Person): boolean => person.employmentKind === 'contractor';

/** `San Francisco HQ` → `San_Francisco_HQ` (Workday reference ids are word characters). */
export function referenceId(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s-]+/g, '_');
}

export function supervisoryOrgId(department: string): string {
  return `SUP_${referenceId(department).toUpperCase()}`;
}

export function locationIdOf(person: Person): string | null {
  return person.location === null ? null : `LOC_${referenceId(person.location)}`;
}

export function countryOf(person: Person): { code: string; name: string } | null {
  const location = locationOf(person);
  if (!location?.countryCode || !location.countryName) return null;
  return { code: location.countryCode, name: location.countryName };
}

export const fullName = (person: Person): string => `${person.firstName} ${person.lastName}`;

/** What one answer needs about the whole company: heads of departments and who manages whom. */
export interface CompanyView {
  company: GeneratedCompany;
  /** Department name → its head's full name (for the organization's descriptor). */
  heads: ReadonlyMap<string, string>;
  /** Ids of people with at least one report (they manage their own supervisory organization). */
  managers: ReadonlySet<string>;
}

export function viewOf(company: GeneratedCompany): CompanyView {
  const heads = new Map<string, string>();
  const managers = new Set<string>();
  for (const person of company.values()) {
    if (person.managerId !== null) managers.add(person.managerId);
  }
  for (const person of company.values()) {
    if (person.department !== null && !heads.has(person.department)) {
      const manager = company.manager(person);
      if (manager?.department !== person.department) heads.set(person.department, fullName(person));
    }
  }
  return { company, heads, managers };
}

/**
 * The supervisory management chain, top first (NOTES §5): the managers above the person, and the
 * person themselves last when they manage their own organization (as Workday lists it).
 */
export function managementChain(view: CompanyView, person: Person): Person[] {
  const chain: Person[] = [];
  const seen = new Set<string>([person.id]);
  for (let m = view.company.manager(person); m && !seen.has(m.id); m = view.company.manager(m)) {
    seen.add(m.id);
    chain.unshift(m);
  }
  if (view.managers.has(person.id)) chain.push(person);
  return chain;
}

/** The person's manager as the connector should resolve it: one that still exists. */
export function expectedManagerId(company: GeneratedCompany, person: Person): string | null {
  const manager = company.manager(person);
  return manager && manager.id !== person.id ? manager.id : null;
}
