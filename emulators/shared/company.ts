import { fromDay, todayIso, toDay } from './dates.ts';
import { randomName, type PersonName } from './names.ts';
import { createRandom, deriveSeed, weightedPicker, type Random } from './random.ts';
import {
  CEO_TITLE,
  DEPARTMENTS,
  EMPLOYMENT_KIND_WEIGHTS,
  LOCATIONS,
  type DepartmentDef,
  type EmploymentKind,
  type LocationDef,
} from './catalog.ts';

/**
 * A vendor-neutral generated company (ADR 0006): the people, their lifecycle and their org chart.
 * Every emulator built after BambooHR and HiBob keeps one of these and renders each person in its
 * vendor's shape when it answers, so the generation rules (leavers, future hires, rehires, manager
 * chains, unicode names, missing and duplicate emails) are written once.
 */

/**
 * Where a person stands in the company's own terms; each vendor spells it differently.
 * - `active`: employed, started.
 * - `leave`: employed, on leave (many vendors show them "inactive": not a leaver).
 * - `future`: hired, starts after today.
 * - `terminated`: left; `terminationDate` ≤ today, or null for the share left undated.
 * - `rehired`: left once (`terminationDate` kept, in the past) and came back (`startDate` after it).
 */
export type Lifecycle = 'active' | 'leave' | 'future' | 'terminated' | 'rehired';

export interface Person {
  /** The vendor's id for this person (from `CompanyOptions.idFor`), immutable. */
  id: string;
  /** Generation order; stable for a seed. */
  index: number;
  /** The company-assigned employee number, or null (incomplete records). */
  employeeNumber: string | null;
  firstName: string;
  lastName: string;
  /** Work email; null when missing. Duplicates of an earlier person's email happen on purpose. */
  email: string | null;
  department: string | null;
  title: string | null;
  /** Work location name (`LOCATIONS`), or null. */
  location: string | null;
  /** ISO alpha-2 of the location's country, or null (remote, unknown). */
  countryCode: string | null;
  employmentKind: EmploymentKind | null;
  /** YYYY-MM-DD; for a rehire the latest start. */
  startDate: string;
  /** YYYY-MM-DD or null; kept after a rehire. */
  terminationDate: string | null;
  lifecycle: Lifecycle;
  /** The manager's `id`, or null (the CEO, or an unmanaged record). */
  managerId: string | null;
}

/** Fields a test may set through `hire()` / `update()`. */
export type PersonFields = Partial<Omit<Person, 'id' | 'index'>>;

export interface CompanyOptions {
  /** Same seed (and options) → the same company, byte for byte. Default 1. */
  seed?: number;
  /** Number of people, every status included; 1 to 200_000. Default 250. */
  size?: number;
  /** Left, mostly with a termination date ≤ today. Default 0.1. */
  terminatedShare?: number;
  /** On leave, still employed. Default 0.04. */
  leaveShare?: number;
  /** Start after today. Default 0.03. */
  futureHireShare?: number;
  /** Left once, then came back. Default 0.01. */
  rehireShare?: number;
  /** No email. Default 0.02. */
  missingEmailShare?: number;
  /** The email of an earlier person. Default 0.005. */
  duplicateEmailShare?: number;
  /** Reference date (YYYY-MM-DD) for statuses and dates. Default: today (UTC). */
  today?: string;
  /** Domain of generated emails. Default `acme.example`. */
  emailDomain?: string;
}

export type ResolvedCompanyOptions = Required<CompanyOptions>;

export const MAX_COMPANY_SIZE = 200_000;

/** Of the people who left, this many have no termination date (real exports have such rows). */
const UNDATED_TERMINATION_SHARE = 0.1;
/** Records missing department, title, location and employee number. */
const INCOMPLETE_SHARE = 0.003;

/** Fills in the defaults and checks the ranges. */
export function resolveCompanyOptions(options: CompanyOptions = {}): ResolvedCompanyOptions {
  const share = (name: keyof CompanyOptions, fallback: number): number => {
    const value = options[name] ?? fallback;
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new RangeError(`${name} must be a number between 0 and 1`);
    }
    return value;
  };
  const size = options.size ?? 250;
  if (!Number.isInteger(size) || size < 1 || size > MAX_COMPANY_SIZE) {
    throw new RangeError(`size must be an integer from 1 to ${MAX_COMPANY_SIZE}`);
  }
  const resolved: ResolvedCompanyOptions = {
    seed: options.seed ?? 1,
    size,
    terminatedShare: share('terminatedShare', 0.1),
    leaveShare: share('leaveShare', 0.04),
    futureHireShare: share('futureHireShare', 0.03),
    rehireShare: share('rehireShare', 0.01),
    missingEmailShare: share('missingEmailShare', 0.02),
    duplicateEmailShare: share('duplicateEmailShare', 0.005),
    today: options.today ?? todayIso(),
    emailDomain: options.emailDomain ?? 'acme.example',
  };
  toDay(resolved.today);
  const { terminatedShare, leaveShare, futureHireShare, rehireShare } = resolved;
  if (terminatedShare + leaveShare + futureHireShare + rehireShare > 0.9) {
    throw new RangeError(
      'the terminated, leave, future-hire and rehire shares must stay below 0.9',
    );
  }
  return resolved;
}

const pickLocation = weightedPicker(LOCATIONS.map((l) => [l, l.weight] as const));
const pickDepartment = weightedPicker(DEPARTMENTS.map((d, i) => [i, d.weight] as const));
const pickKind = weightedPicker(EMPLOYMENT_KIND_WEIGHTS);
const HQ = LOCATIONS[0] as LocationDef;

/**
 * The emulated company: people in generation order plus the mutations tests make between two
 * syncs (terminate, rehire, hire, leave, update, remove). Every mutation bumps `version`.
 * `idFor(index, rng)` gives each person the vendor's kind of id (UUID, integer, WID…).
 */
export class GeneratedCompany {
  readonly options: ResolvedCompanyOptions;
  version = 0;
  private readonly people = new Map<string, Person>();
  private readonly rng: Random;
  private readonly emailCounts = new Map<string, number>();
  private nextIndex = 0;
  private nextNumber = 1;

  constructor(
    options: CompanyOptions,
    private readonly idFor: (index: number, rng: Random) => string,
  ) {
    this.options = resolveCompanyOptions(options);
    this.rng = createRandom(deriveSeed(this.options.seed, 'company'));
    for (const person of this.generate()) this.people.set(person.id, person);
  }

  get today(): string {
    return this.options.today;
  }

  get size(): number {
    return this.people.size;
  }

  get(id: string): Person | undefined {
    return this.people.get(id);
  }

  /** Every person, every status, in generation order (a new array; the objects are live). */
  all(): Person[] {
    return [...this.people.values()];
  }

  values(): IterableIterator<Person> {
    return this.people.values();
  }

  manager(person: Person): Person | undefined {
    return person.managerId === null ? undefined : this.people.get(person.managerId);
  }

  /** Left the company (a rehire is employed again). */
  isTerminated(person: Person): boolean {
    return person.lifecycle === 'terminated';
  }

  isFutureHire(person: Person): boolean {
    return person.lifecycle === 'future';
  }

  /** Terminates on `date` (default today); a date after today is recorded, not yet effective. */
  terminate(id: string, date: string = this.today): Person {
    toDay(date);
    return this.mutate(id, {
      terminationDate: date,
      ...(date <= this.today ? { lifecycle: 'terminated' as const } : {}),
    });
  }

  startLeave(id: string): Person {
    return this.mutate(id, { lifecycle: 'leave' });
  }

  endLeave(id: string): Person {
    return this.mutate(id, { lifecycle: 'active' });
  }

  /** Employed again from `startDate`; the old termination date stays. */
  rehire(id: string, startDate: string = this.today): Person {
    toDay(startDate);
    return this.mutate(id, {
      startDate,
      lifecycle: startDate > this.today ? 'future' : 'rehired',
    });
  }

  /** A new person (next id and number) in a random department under its head. */
  hire(fields: PersonFields = {}): Person {
    const d = DEPARTMENTS[this.rng.int(1, DEPARTMENTS.length - 1)] as DepartmentDef;
    const head = this.all().find((p) => p.department === d.name && p.title === d.headTitle);
    const name = randomName(this.rng);
    const location = pickLocation(this.rng.next());
    const index = this.nextIndex++;
    const startDate = fields.startDate ?? this.today;
    const person: Person = {
      id: this.idFor(index, this.rng),
      index,
      employeeNumber: this.takeNumber(),
      firstName: name.firstName,
      lastName: name.lastName,
      email: this.email(name, []),
      department: d.name,
      title: this.rng.pick(d.titles),
      location: location.name,
      countryCode: location.countryCode,
      employmentKind: pickKind(this.rng.next()),
      startDate,
      terminationDate: null,
      lifecycle: startDate > this.today ? 'future' : 'active',
      managerId: head?.id ?? null,
      ...fields,
    };
    this.people.set(person.id, person);
    this.version += 1;
    return person;
  }

  update(id: string, fields: PersonFields): Person {
    return this.mutate(id, fields);
  }

  /** Deletes the record: the person disappears from every answer. */
  remove(id: string): boolean {
    const removed = this.people.delete(id);
    if (removed) this.version += 1;
    return removed;
  }

  /** Removes everyone (a directory the vendor answers as empty). */
  clear(): void {
    this.people.clear();
    this.version += 1;
  }

  private mutate(id: string, fields: PersonFields): Person {
    const current = this.people.get(id);
    if (!current) throw new Error(`No person with id ${id}`);
    Object.assign(current, fields, { id: current.id, index: current.index });
    this.version += 1;
    return current;
  }

  private takeNumber(): string {
    const n = this.nextNumber;
    this.nextNumber += this.rng.chance(0.04) ? this.rng.int(2, 5) : 1;
    return String(n);
  }

  private email(name: PersonName, earlier: readonly Person[]): string | null {
    const { rng, options } = this;
    if (rng.chance(options.missingEmailShare)) return null;
    if (earlier.length > 0 && rng.chance(options.duplicateEmailShare)) {
      const other = earlier[rng.int(0, earlier.length - 1)];
      if (other?.email) return other.email;
    }
    const base = rng.chance(0.8)
      ? `${name.firstAscii}.${name.lastAscii}`
      : `${name.firstAscii.charAt(0)}${name.lastAscii}`;
    const count = (this.emailCounts.get(base) ?? 0) + 1;
    this.emailCounts.set(base, count);
    const address = `${count === 1 ? base : `${base}${count}`}@${options.emailDomain}`;
    // Real directories hold a few addresses typed with capitals.
    return rng.chance(0.02) ? address.charAt(0).toUpperCase() + address.slice(1) : address;
  }

  /** A CEO, one head per department, then `span`-wide manager trees below each head. */
  private generate(): Person[] {
    const { size: n, today: todayIsoDate } = this.options;
    const rng = this.rng;
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
        const span = DEPARTMENTS[d]?.span ?? 7;
        const manager = k === 0 ? 0 : (list[Math.floor((k - 1) / span)] ?? 0);
        managerOf[i] = manager;
        if (hasReports[manager] === 0) managers += 1;
        hasReports[manager] = 1;
      }
      list.push(i);
      deptOf[i] = d;
      position[i] = k;
    }
    // Managers never start in the future, so the others get a larger share to keep the total.
    const futureP = Math.min(1, this.options.futureHireShare / Math.max(0.05, 1 - managers / n));
    const today = toDay(todayIsoDate);
    const { terminatedShare, leaveShare, rehireShare } = this.options;
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1) ids.push(this.idFor(this.nextIndex++, rng));
    const people: Person[] = [];
    for (let i = 0; i < n; i += 1) {
      const d = DEPARTMENTS[deptOf[i] ?? 0] as DepartmentDef;
      const leader = position[i] === 0;
      const roll = rng.next();
      let lifecycle: Lifecycle = 'active';
      if (!leader) {
        if (roll < terminatedShare) lifecycle = 'terminated';
        else if (roll < terminatedShare + leaveShare) lifecycle = 'leave';
        else if (!hasReports[i] && roll < terminatedShare + leaveShare + futureP)
          lifecycle = 'future';
        else if (roll >= 1 - rehireShare) lifecycle = 'rehired';
      }
      const name = randomName(rng);
      const incomplete = !leader && rng.chance(INCOMPLETE_SHARE);
      const location = leader ? HQ : pickLocation(rng.next());
      const title =
        i === 0
          ? CEO_TITLE
          : leader
            ? d.headTitle
            : hasReports[i]
              ? d.managerTitle
              : rng.pick(d.titles);
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
          start = leader
            ? today - rng.int(2000, 4500)
            : today - Math.floor(3650 * rng.next() ** 1.6);
      }
      const manager = managerOf[i] ?? -1;
      people.push({
        id: ids[i] as string,
        index: i,
        employeeNumber: incomplete ? null : this.takeNumber(),
        firstName: name.firstName,
        lastName: name.lastName,
        email: this.email(name, people),
        department: incomplete ? null : d.name,
        title: incomplete ? null : title,
        location: incomplete ? null : location.name,
        countryCode: incomplete ? null : location.countryCode,
        employmentKind: incomplete || rng.chance(0.05) ? null : pickKind(rng.next()),
        startDate: fromDay(start),
        terminationDate: termination === null ? null : fromDay(termination),
        lifecycle,
        managerId: manager >= 0 ? (ids[manager] ?? null) : null,
      });
    }
    return people;
  }
}

/** The location definition of a person, for vendors that answer with city or country names. */
export function locationOf(person: Person): LocationDef | undefined {
  return LOCATIONS.find((l) => l.name === person.location);
}

/** The marker in every sensitive value an emulator sends (checked absent from stores and logs). */
export const SENSITIVE_MARKER = 'SENSITIVE-';

/**
 * A distinctive fake value for a sensitive field (salary, SSN, birth date, home address…): an
 * emulator answers with these whenever a client asks for (or cannot avoid) such a field, so a
 * test can grep every store file and log for the marker.
 */
export function sensitiveValue(field: string, personId: string): string {
  return `${SENSITIVE_MARKER}${field}-${personId}`;
}

/** A v4-shaped UUID from the seeded generator (deterministic per seed). */
export function seededUuid(rng: Random): string {
  const hex = rng.hex(32);
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
