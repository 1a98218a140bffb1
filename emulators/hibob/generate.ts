import { fromDay, timestampOf, toDay } from '../shared/dates.ts';
import { randomName, type PersonName } from '../shared/names.ts';
import { createRandom, deriveSeed, weightedPicker, type Random } from '../shared/random.ts';
import {
  CEO_TITLE,
  DEPARTMENTS,
  EMPLOYMENT_TYPES,
  LIFECYCLE,
  SITES,
  type LifecycleStatus,
  type SiteDef,
} from './catalog.ts';
import { makeEmployee, type Employee } from './employee.ts';

/** Everything generation depends on, defaults already applied. */
export interface GenerationSettings {
  seed: number;
  size: number;
  terminatedShare: number;
  leaveShare: number;
  futureHireShare: number;
  rehireShare: number;
  missingEmailShare: number;
  duplicateEmailShare: number;
  emptyStringShare: number;
  today: string;
  emailDomain: string;
}

const HQ = SITES[0] as SiteDef;
const pickSite = weightedPicker(SITES.map((s) => [s, s.weight] as const));
const pickDepartment = weightedPicker(DEPARTMENTS.map((d, i) => [i, d.weight] as const));
const pickEmploymentType = weightedPicker(EMPLOYMENT_TYPES.map(([t, w]) => [t.name, w] as const));
/** Of the people who left, this many have a lifecycle status but no termination date. */
const UNDATED_TERMINATION_SHARE = 0.1;

/**
 * Makes people: 19-digit ids, names, emails (unique, except the asked-for duplicates), unknown
 * values as `''` or `null`. Also used after generation, by `company.hire()`, with its own stream.
 */
export class PersonFactory {
  readonly rng: Random;
  /** Index of the next person; ids grow with it. */
  nextIndex = 0;
  nextNumber = 1;
  private readonly emailCounts = new Map<string, number>();

  constructor(
    readonly settings: GenerationSettings,
    label: string,
  ) {
    this.rng = createRandom(deriveSeed(settings.seed, label));
  }

  /** `2378379…`: HiBob ids are 19 digits (NOTES §5); gaps keep them from looking sequential. */
  takeId(): string {
    const n = this.nextIndex++ * 1009 + this.rng.int(0, 1008);
    return `2378379${String(n).padStart(12, '0')}`;
  }

  takeNumber(): number {
    const n = this.nextNumber;
    this.nextNumber += this.rng.chance(0.04) ? this.rng.int(2, 5) : 1;
    return n;
  }

  /** The value of a field nobody filled in: `''` now and then, mostly `null`. */
  unknown(): '' | null {
    return this.rng.chance(this.settings.emptyStringShare) ? '' : null;
  }

  name(): PersonName {
    return randomName(this.rng);
  }

  site(): SiteDef {
    return pickSite(this.rng.next());
  }

  /** FIX-A has `type: null` next to a contract: the list is often left empty. */
  employmentType(): string | null {
    return this.rng.chance(0.05) ? null : pickEmploymentType(this.rng.next());
  }

  /** A work email derived from the name; `earlier` supplies addresses to duplicate. */
  email(name: PersonName, earlier: readonly Employee[]): string | null {
    const { rng, settings } = this;
    if (rng.chance(settings.missingEmailShare)) return this.unknown();
    if (earlier.length > 0 && rng.chance(settings.duplicateEmailShare)) {
      const other = earlier[rng.int(0, earlier.length - 1)];
      if (other?.email) return other.email;
    }
    const base = rng.chance(0.8)
      ? `${name.firstAscii}.${name.lastAscii}`
      : `${name.firstAscii.charAt(0)}${name.lastAscii}`;
    const count = (this.emailCounts.get(base) ?? 0) + 1;
    this.emailCounts.set(base, count);
    let address = `${count === 1 ? base : `${base}${count}`}@${settings.emailDomain}`;
    // Real directories hold a few addresses typed with capitals or a stray space.
    if (rng.chance(0.02)) address = address.charAt(0).toUpperCase() + address.slice(1);
    if (rng.chance(0.003)) address = `${address} `;
    return address;
  }

  /** `2020-08-18T10:02:42.444410`, as FIX-A writes it (no zone). */
  creationDateTime(day: number): string {
    const stamp = timestampOf(day, this.rng.int(0, 86_399)).slice(0, 19);
    return `${stamp}.${String(this.rng.int(0, 999_999)).padStart(6, '0')}`;
  }
}

type Lifecycle = 'active' | 'terminated' | 'leave' | 'future' | 'rehired';

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
      const manager = k === 0 ? 0 : (list[Math.floor((k - 1) / (DEPARTMENTS[d]?.span ?? 7))] ?? 0);
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
  const { terminatedShare, leaveShare } = settings;
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) ids.push(factory.takeId());
  const employees: Employee[] = [];
  for (let i = 0; i < n; i += 1) {
    const dept = DEPARTMENTS[deptOf[i] ?? 0];
    if (!dept) throw new Error('unreachable: department index out of range');
    const leader = position[i] === 0;
    const roll = rng.next();
    let lifecycle: Lifecycle = 'active';
    if (!leader) {
      if (roll < terminatedShare) lifecycle = 'terminated';
      else if (roll < terminatedShare + leaveShare) lifecycle = 'leave';
      else if (!hasReports[i] && roll < terminatedShare + leaveShare + futureP)
        lifecycle = 'future';
      else if (roll >= 1 - settings.rehireShare) lifecycle = 'rehired';
    }
    const name = factory.name();
    const incomplete = !leader && rng.chance(0.003);
    const site = leader ? HQ : factory.site();
    const title =
      i === 0
        ? CEO_TITLE
        : leader
          ? dept.headTitle
          : hasReports[i]
            ? dept.managerTitle
            : rng.pick(dept.titles);
    let start: number;
    let termination: number | null = null;
    switch (lifecycle) {
      case 'terminated':
        start = today - rng.int(60, 3650);
        termination = start + rng.int(14, today - start);
        if (rng.chance(UNDATED_TERMINATION_SHARE)) termination = null;
        break;
      case 'future':
        start = today + rng.int(1, 90);
        break;
      case 'rehired': {
        const first = today - rng.int(900, 4000);
        termination = first + rng.int(180, today - first - 200);
        start = termination + rng.int(30, today - termination);
        break;
      }
      default:
        start = leader ? today - rng.int(2000, 4500) : today - Math.floor(3650 * rng.next() ** 1.6);
    }
    const manager = managerOf[i] ?? -1;
    employees.push(
      makeEmployee({
        id: ids[i] as string,
        employeeIdInCompany: incomplete ? null : factory.takeNumber(),
        firstName: name.firstName,
        surname: name.lastName,
        email: factory.email(name, employees),
        department: unknownOr(incomplete, factory, dept.item.name),
        title: unknownOr(incomplete, factory, title),
        site: unknownOr(incomplete, factory, site.item.name),
        employmentType: incomplete ? null : factory.employmentType(),
        startDate: fromDay(start),
        managerId: manager >= 0 ? (ids[manager] ?? null) : null,
        ...statusOf(lifecycle),
        terminationDate: termination === null ? null : fromDay(termination),
        creationDateTime: factory.creationDateTime(Math.min(start, today) - rng.int(0, 30)),
      }),
    );
  }
  return employees;
}

function statusOf(lifecycle: Lifecycle): Pick<Employee, 'status' | 'lifecycleStatus'> {
  const map: Record<Lifecycle, [Employee['status'], LifecycleStatus]> = {
    active: ['Active', LIFECYCLE.employed],
    rehired: ['Active', LIFECYCLE.employed],
    future: ['Active', LIFECYCLE.hired],
    leave: ['Inactive', LIFECYCLE.leave],
    terminated: ['Inactive', LIFECYCLE.terminated],
  };
  const [status, lifecycleStatus] = map[lifecycle];
  return { status, lifecycleStatus };
}

function unknownOr(incomplete: boolean, factory: PersonFactory, value: string): string | null {
  return incomplete ? factory.unknown() : value;
}
