import { fromDay, timestampOf, toDay } from '../shared/dates.ts';
import { randomName, type PersonName } from '../shared/names.ts';
import { createRandom, deriveSeed, weightedPicker, type Random } from '../shared/random.ts';
import {
  CEO_TITLE,
  DEPARTMENTS,
  EMPLOYMENT_TYPES,
  LOCATIONS,
  PREFERRED_NAMES,
  TERMINATED,
  type LocationDef,
} from './catalog.ts';
import { makeEmployee, type Employee } from './employee.ts';

/** Everything generation depends on, defaults already applied. */
export interface GenerationSettings {
  seed: number;
  size: number;
  terminatedShare: number;
  futureHireShare: number;
  rehireShare: number;
  missingEmailShare: number;
  duplicateEmailShare: number;
  emptyStringShare: number;
  today: string;
  emailDomain: string;
}

/** The first employee id; ids and employee numbers deliberately never line up. */
const FIRST_ID = 4;
const HQ = LOCATIONS[0] as LocationDef;
const pickLocation = weightedPicker(LOCATIONS.map((l) => [l, l.weight] as const));
const pickDepartment = weightedPicker(DEPARTMENTS.map((d, i) => [i, d.weight] as const));
const pickEmploymentType = weightedPicker(EMPLOYMENT_TYPES);

/**
 * Makes people: names, emails (unique, except the asked-for duplicates), unknown values as `''` or
 * `null`. Also used after generation, by `company.hire()`, with its own random stream.
 */
export class PersonFactory {
  readonly rng: Random;
  nextId: number;
  nextNumber = 1;
  private readonly emailCounts = new Map<string, number>();

  constructor(
    readonly settings: GenerationSettings,
    label: string,
    nextId = FIRST_ID,
  ) {
    this.rng = createRandom(deriveSeed(settings.seed, label));
    this.nextId = nextId;
  }

  /** The value of a field nobody filled in: BambooHR returns both `''` and `null`. */
  unknown(): '' | null {
    return this.rng.chance(this.settings.emptyStringShare) ? '' : null;
  }

  /** The next employee number, never equal to the person's own id (`avoid`). */
  takeNumber(avoid: number): string {
    if (this.nextNumber === avoid) this.nextNumber += 1;
    const n = this.nextNumber;
    this.nextNumber += this.rng.chance(0.04) ? this.rng.int(2, 5) : 1;
    return String(n);
  }

  name(): PersonName {
    return randomName(this.rng);
  }

  preferredName(): string | null {
    return this.rng.chance(0.08) ? this.rng.pick(PREFERRED_NAMES) : this.unknown();
  }

  /** A work email derived from the name; `earlier` supplies addresses to duplicate. */
  email(name: PersonName, earlier: readonly Employee[]): string | null {
    const { rng, settings } = this;
    if (rng.chance(settings.missingEmailShare)) return this.unknown();
    if (earlier.length > 0 && rng.chance(settings.duplicateEmailShare)) {
      const other = earlier[rng.int(0, earlier.length - 1)];
      if (other?.workEmail) return other.workEmail;
    }
    const style = rng.next();
    const base =
      style < 0.7
        ? `${name.firstAscii}.${name.lastAscii}`
        : style < 0.9
          ? `${name.firstAscii.charAt(0)}${name.lastAscii}`
          : name.firstAscii;
    const count = (this.emailCounts.get(base) ?? 0) + 1;
    this.emailCounts.set(base, count);
    let address = `${count === 1 ? base : `${base}${count}`}@${settings.emailDomain}`;
    // Real directories hold a few addresses typed with capitals or a stray space.
    if (rng.chance(0.02)) address = address.charAt(0).toUpperCase() + address.slice(1);
    if (rng.chance(0.003)) address = `${address} `;
    return address;
  }

  location(): LocationDef {
    return pickLocation(this.rng.next());
  }

  employmentType(): string {
    return pickEmploymentType(this.rng.next());
  }

  lastChanged(day: number): string {
    return timestampOf(day, this.rng.int(0, 86_399));
  }
}

type Lifecycle = 'active' | 'terminated' | 'future' | 'rehired';

/** Builds the initial company: a CEO, one head per department, 6–8-wide manager trees below. */
export function generateEmployees(
  settings: GenerationSettings,
  factory: PersonFactory,
): Employee[] {
  const n = settings.size;
  const rng = factory.rng;
  const deptOf = new Uint8Array(n);
  const position = new Int32Array(n);
  const managerOf = new Int32Array(n).fill(-1);
  const hasReports = new Uint8Array(n);
  const members: number[][] = DEPARTMENTS.map(() => []);
  let managers = 0;
  for (let i = 0; i < n; i += 1) {
    const d = i < DEPARTMENTS.length ? i : pickDepartment(rng.next());
    const list = members[d] as number[];
    const k = list.length;
    if (i > 0) {
      const manager = k === 0 ? 0 : (list[Math.floor((k - 1) / (DEPARTMENTS[d]?.span ?? 6))] ?? 0);
      managerOf[i] = manager;
      if (hasReports[manager] === 0) managers += 1;
      hasReports[manager] = 1;
    }
    list.push(i);
    deptOf[i] = d;
    position[i] = k;
  }

  // Managers never start in the future, so the others get a larger share to keep the total.
  const futureP = Math.min(1, settings.futureHireShare / Math.max(0.05, 1 - managers / n));
  const today = toDay(settings.today);
  const employees: Employee[] = new Array<Employee>();
  for (let i = 0; i < n; i += 1) {
    const dept = DEPARTMENTS[deptOf[i] ?? 0];
    if (!dept) throw new Error('unreachable: department index out of range');
    const leader = position[i] === 0;
    const roll = rng.next();
    let lifecycle: Lifecycle = 'active';
    if (!leader) {
      if (roll < settings.terminatedShare) lifecycle = 'terminated';
      else if (!hasReports[i] && roll < settings.terminatedShare + futureP) lifecycle = 'future';
      else if (roll >= 1 - settings.rehireShare) lifecycle = 'rehired';
    }
    const name = factory.name();
    const incomplete = !leader && rng.chance(0.002);
    const location = leader ? HQ : factory.location();
    const type = leader ? 'Full-Time' : factory.employmentType();
    const title =
      i === 0
        ? CEO_TITLE
        : leader
          ? dept.headTitle
          : hasReports[i]
            ? dept.managerTitle
            : rng.pick(dept.titles);
    let hire: number;
    let original: number;
    let termination: number | null = null;
    let changed: number;
    switch (lifecycle) {
      case 'terminated':
        hire = original = today - rng.int(60, 3650);
        termination = hire + rng.int(14, today - hire);
        changed = termination + rng.int(0, Math.min(30, today - termination));
        break;
      case 'future':
        hire = original = today + rng.int(1, 90);
        changed = today - rng.int(0, 30);
        break;
      case 'rehired':
        original = today - rng.int(900, 4000);
        termination = original + rng.int(180, today - original - 200);
        hire = termination + rng.int(30, today - termination);
        changed = hire + rng.int(0, today - hire);
        break;
      default:
        hire = original = leader
          ? today - rng.int(2000, 4500)
          : today - Math.floor(3650 * rng.next() ** 1.6);
        changed = hire + rng.int(0, today - hire);
    }
    const manager = managerOf[i] ?? -1;
    employees.push(
      makeEmployee({
        id: String(FIRST_ID + i),
        employeeNumber: incomplete ? factory.unknown() : factory.takeNumber(FIRST_ID + i),
        firstName: name.firstName,
        lastName: name.lastName,
        preferredName: factory.preferredName(),
        workEmail: factory.email(name, employees),
        jobTitle: unknownOr(incomplete, factory, title),
        department: unknownOr(incomplete, factory, dept.name),
        division: unknownOr(incomplete, factory, location.division),
        location: unknownOr(incomplete, factory, location.name),
        employmentHistoryStatus:
          lifecycle === 'terminated' ? TERMINATED : unknownOr(incomplete, factory, type),
        status: lifecycle === 'active' || lifecycle === 'rehired' ? 'Active' : 'Inactive',
        hireDate: fromDay(hire),
        originalHireDate: fromDay(original),
        terminationDate: termination === null ? factory.unknown() : fromDay(termination),
        supervisorEId: manager >= 0 ? String(FIRST_ID + manager) : factory.unknown(),
        lastChanged: factory.lastChanged(changed),
      }),
    );
  }
  factory.nextId = FIRST_ID + n;
  return employees;
}

function unknownOr(incomplete: boolean, factory: PersonFactory, value: string): string | null {
  return incomplete ? factory.unknown() : value;
}
