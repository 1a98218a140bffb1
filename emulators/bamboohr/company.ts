import { isoTimestamp, todayIso, toDay } from '../shared/dates.ts';
import { DEPARTMENTS, TERMINATED } from './catalog.ts';
import { makeEmployee, type Employee, type EmployeeFields } from './employee.ts';
import { generateEmployees, PersonFactory, type GenerationSettings } from './generate.ts';

/** How the generated company looks. Every share is a fraction of `size` (0..1). */
export interface CompanyOptions {
  /** Same seed (and options) → the same company, byte for byte. Default 1. */
  seed?: number;
  /** Number of people, every status included; up to 200_000. Default 250. */
  size?: number;
  /** Status Inactive, employmentHistoryStatus Terminated, terminationDate ≤ today. Default 0.1. */
  terminatedShare?: number;
  /** Status Inactive, hireDate after today. Default 0.03. */
  futureHireShare?: number;
  /** Active again: an older terminationDate, then a newer hireDate. Default 0.01. */
  rehireShare?: number;
  /** No work email (`''` or `null`). Default 0.02. */
  missingEmailShare?: number;
  /** The work email of an earlier person. Default 0.005. */
  duplicateEmailShare?: number;
  /** Of the unknown values, how many are `''` rather than `null`. Default 0.25. */
  emptyStringShare?: number;
  /** Reference date (YYYY-MM-DD) for hire/termination dates. Default: today (UTC). */
  today?: string;
  /** Domain of generated work emails. Default `acme.example` (the emulator: `<domain>.example`). */
  emailDomain?: string;
}

export const MAX_COMPANY_SIZE = 200_000;

/** Fills in the defaults and checks the ranges. */
export function resolveCompanyOptions(options: CompanyOptions = {}): GenerationSettings {
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
  const settings: GenerationSettings = {
    seed: options.seed ?? 1,
    size,
    terminatedShare: share('terminatedShare', 0.1),
    futureHireShare: share('futureHireShare', 0.03),
    rehireShare: share('rehireShare', 0.01),
    missingEmailShare: share('missingEmailShare', 0.02),
    duplicateEmailShare: share('duplicateEmailShare', 0.005),
    emptyStringShare: share('emptyStringShare', 0.25),
    today: options.today ?? todayIso(),
    emailDomain: options.emailDomain ?? 'acme.example',
  };
  toDay(settings.today);
  if (settings.terminatedShare + settings.futureHireShare + settings.rehireShare > 0.9) {
    throw new RangeError('terminatedShare + futureHireShare + rehireShare must stay below 0.9');
  }
  return settings;
}

/**
 * The emulated company: people in id order, plus the mutations tests use between two syncs. Every
 * mutation bumps `lastChanged` and `version`. Ids are EEIDs as strings ("4"); numbers are accepted.
 */
export class Company {
  readonly settings: GenerationSettings;
  /** Increases on every mutation (cache key for paged reads). */
  version = 0;
  private readonly people = new Map<string, Employee>();
  private readonly factory: PersonFactory;

  constructor(options: CompanyOptions = {}) {
    this.settings = resolveCompanyOptions(options);
    this.factory = new PersonFactory(this.settings, 'bamboohr-company');
    for (const e of generateEmployees(this.settings, this.factory)) this.people.set(e.id, e);
  }

  /** Reference date (YYYY-MM-DD) used for statuses. */
  get today(): string {
    return this.settings.today;
  }

  get size(): number {
    return this.people.size;
  }

  get(id: string | number): Employee | undefined {
    return this.people.get(String(id));
  }

  /** Every person, every status, in id order (a new array; the objects are live). */
  all(): Employee[] {
    return [...this.people.values()];
  }

  /** Iterates without copying (what the streaming endpoints use). */
  values(): IterableIterator<Employee> {
    return this.people.values();
  }

  /** Terminated: an explicit Terminated status, or a termination date on or before today. */
  isTerminated(e: Employee): boolean {
    if (e.employmentHistoryStatus === TERMINATED) return true;
    return e.status === 'Inactive' && !!e.terminationDate && e.terminationDate <= this.today;
  }

  /** A future hire: Inactive with a hire date after today. */
  isFutureHire(e: Employee): boolean {
    return e.status === 'Inactive' && !!e.hireDate && e.hireDate > this.today;
  }

  /**
   * Terminates a person on `date` (default today). A date after today is recorded but leaves them
   * Active, as BambooHR does until the termination takes effect.
   */
  terminate(id: string | number, date: string = this.today): Employee {
    toDay(date);
    const effective = date <= this.today;
    return this.mutate(id, {
      terminationDate: date,
      ...(effective ? { status: 'Inactive' as const, employmentHistoryStatus: TERMINATED } : {}),
    });
  }

  /** Hires a new person (next id and employee number); `fields` override the generated values. */
  hire(fields: EmployeeFields = {}): Employee {
    const f = this.factory;
    const name = f.name();
    const dept = f.rng.pick(DEPARTMENTS.slice(1));
    const location = f.location();
    const hireDate = fields.hireDate ?? this.today;
    const head = this.all().find((e) => e.department === dept.name && e.status === 'Active');
    const id = f.nextId++;
    const employee = makeEmployee({
      id: String(id),
      employeeNumber: f.takeNumber(id),
      firstName: name.firstName,
      lastName: name.lastName,
      preferredName: f.unknown(),
      workEmail: f.email(name, []),
      jobTitle: f.rng.pick(dept.titles),
      department: dept.name,
      division: location.division,
      location: location.name,
      employmentHistoryStatus: f.employmentType(),
      status: hireDate > this.today ? 'Inactive' : 'Active',
      hireDate,
      originalHireDate: hireDate,
      terminationDate: f.unknown(),
      supervisorEId: head?.id ?? null,
      lastChanged: this.now(),
      ...fields,
    });
    this.people.set(employee.id, employee);
    this.version += 1;
    return employee;
  }

  /** Rehires a terminated person: Active again, new hire date, the old termination date kept. */
  rehire(
    id: string | number,
    hireDate: string = this.today,
    employmentType = 'Full-Time',
  ): Employee {
    toDay(hireDate);
    return this.mutate(id, {
      hireDate,
      status: hireDate > this.today ? 'Inactive' : 'Active',
      employmentHistoryStatus: employmentType,
    });
  }

  /** Changes fields (e.g. `{ department: 'Sales' }`, `{ workEmail: null }`). */
  update(id: string | number, fields: EmployeeFields): Employee {
    return this.mutate(id, fields);
  }

  /** Deletes the record, as if an admin removed it: the person disappears from every endpoint. */
  remove(id: string | number): boolean {
    const removed = this.people.delete(String(id));
    if (removed) this.version += 1;
    return removed;
  }

  private mutate(id: string | number, fields: EmployeeFields): Employee {
    const current = this.people.get(String(id));
    if (!current) throw new Error(`No employee with id ${String(id)}`);
    Object.assign(current, fields, { id: current.id });
    if (fields.lastChanged === undefined) current.lastChanged = this.now();
    this.version += 1;
    return current;
  }

  private now(): string {
    return isoTimestamp(Math.floor(Date.now() / 1000) * 1000);
  }
}
