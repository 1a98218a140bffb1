import { todayIso, toDay } from '../shared/dates.ts';
import { DEPARTMENTS, LIFECYCLE } from './catalog.ts';
import { makeEmployee, type Employee, type EmployeeFields } from './employee.ts';
import { generateEmployees, PersonFactory, type GenerationSettings } from './generate.ts';

/** How the generated company looks. Every share is a fraction of `size` (0..1). */
export interface CompanyOptions {
  /** Same seed (and options) → the same company, byte for byte. Default 1. */
  seed?: number;
  /** Number of people, every status included; up to 200_000. Default 250. */
  size?: number;
  /** Inactive, lifecycle `terminated`, mostly with a termination date ≤ today. Default 0.1. */
  terminatedShare?: number;
  /** Inactive, lifecycle `leave`, still employed (no termination date). Default 0.06. */
  leaveShare?: number;
  /** Active, lifecycle `hired`, start date after today. Default 0.03. */
  futureHireShare?: number;
  /** Active again: an older termination date, then a newer start date. Default 0.01. */
  rehireShare?: number;
  /** No email (`''` or `null`). Default 0.02. */
  missingEmailShare?: number;
  /** The email of an earlier person. Default 0.005. */
  duplicateEmailShare?: number;
  /** Of the unknown values, how many are `''` rather than `null`. Default 0.2. */
  emptyStringShare?: number;
  /** Reference date (YYYY-MM-DD) for start/termination dates. Default: today (UTC). */
  today?: string;
  /** Domain of generated emails. Default `acme.example`. */
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
    leaveShare: share('leaveShare', 0.06),
    futureHireShare: share('futureHireShare', 0.03),
    rehireShare: share('rehireShare', 0.01),
    missingEmailShare: share('missingEmailShare', 0.02),
    duplicateEmailShare: share('duplicateEmailShare', 0.005),
    emptyStringShare: share('emptyStringShare', 0.2),
    today: options.today ?? todayIso(),
    emailDomain: options.emailDomain ?? 'acme.example',
  };
  toDay(settings.today);
  const { terminatedShare, leaveShare, futureHireShare, rehireShare } = settings;
  if (terminatedShare + leaveShare + futureHireShare + rehireShare > 0.9) {
    throw new RangeError(
      'the terminated, leave, future-hire and rehire shares must stay below 0.9',
    );
  }
  return settings;
}

/**
 * The emulated company: people in id order, plus the mutations tests use between two syncs. Every
 * mutation bumps `version`.
 */
export class Company {
  readonly settings: GenerationSettings;
  /** Increases on every mutation. */
  version = 0;
  private readonly people = new Map<string, Employee>();
  private readonly factory: PersonFactory;

  constructor(options: CompanyOptions = {}) {
    this.settings = resolveCompanyOptions(options);
    this.factory = new PersonFactory(this.settings, 'hibob-company');
    for (const e of generateEmployees(this.settings, this.factory)) this.people.set(e.id, e);
  }

  /** Reference date (YYYY-MM-DD) used for statuses. */
  get today(): string {
    return this.settings.today;
  }

  get size(): number {
    return this.people.size;
  }

  get(id: string): Employee | undefined {
    return this.people.get(id);
  }

  /** Every person, every status, in id order (a new array; the objects are live). */
  all(): Employee[] {
    return [...this.people.values()];
  }

  /** Iterates without copying (what the streaming endpoint uses). */
  values(): IterableIterator<Employee> {
    return this.people.values();
  }

  /** Left the company: lifecycle `terminated` (a termination date may be missing). */
  isTerminated(e: Employee): boolean {
    return e.lifecycleStatus === LIFECYCLE.terminated;
  }

  /** On leave: Inactive in HiBob, still employed. */
  isOnLeave(e: Employee): boolean {
    return e.lifecycleStatus === LIFECYCLE.leave;
  }

  /** Starts after today (and has not left). */
  isFutureHire(e: Employee): boolean {
    return !this.isTerminated(e) && e.startDate !== null && e.startDate > this.today;
  }

  /** Hidden by `showInactive: false` and from a service user without access to inactive people. */
  isInactive(e: Employee): boolean {
    return e.status === 'Inactive';
  }

  /**
   * Terminates a person on `date` (default today). A date after today is recorded but leaves them
   * employed, until the termination takes effect.
   */
  terminate(id: string, date: string = this.today): Employee {
    toDay(date);
    const effective = date <= this.today;
    return this.mutate(id, {
      terminationDate: date,
      ...(effective ? { status: 'Inactive' as const, lifecycleStatus: LIFECYCLE.terminated } : {}),
    });
  }

  /** Sends a person on leave: Inactive, lifecycle `leave`. */
  startLeave(id: string): Employee {
    return this.mutate(id, { status: 'Inactive', lifecycleStatus: LIFECYCLE.leave });
  }

  /** Back from leave: Active, employed. */
  endLeave(id: string): Employee {
    return this.mutate(id, { status: 'Active', lifecycleStatus: LIFECYCLE.employed });
  }

  /** Rehires someone: Active with a new start date; the old termination date is kept. */
  rehire(id: string, startDate: string = this.today): Employee {
    toDay(startDate);
    return this.mutate(id, {
      startDate,
      status: 'Active',
      lifecycleStatus: startDate > this.today ? LIFECYCLE.hired : LIFECYCLE.employed,
    });
  }

  /** Hires a new person (next id and number); `fields` override the generated values. */
  hire(fields: EmployeeFields = {}): Employee {
    const f = this.factory;
    const name = f.name();
    const dept = f.rng.pick(DEPARTMENTS.slice(1));
    const startDate = fields.startDate ?? this.today;
    const head = this.all().find(
      (e) => e.department === dept.item.name && e.lifecycleStatus === LIFECYCLE.employed,
    );
    const employee = makeEmployee({
      id: f.takeId(),
      employeeIdInCompany: f.takeNumber(),
      firstName: name.firstName,
      surname: name.lastName,
      email: f.email(name, []),
      department: dept.item.name,
      title: f.rng.pick(dept.titles),
      site: f.site().item.name,
      employmentType: f.employmentType(),
      startDate,
      managerId: head?.id ?? null,
      status: 'Active',
      lifecycleStatus: startDate > this.today ? LIFECYCLE.hired : LIFECYCLE.employed,
      terminationDate: null,
      creationDateTime: `${this.today}T09:00:00.000000`,
      ...fields,
    });
    this.people.set(employee.id, employee);
    this.version += 1;
    return employee;
  }

  /** Changes fields (e.g. `{ department: 'Sales' }`, `{ email: null }`). */
  update(id: string, fields: EmployeeFields): Employee {
    return this.mutate(id, fields);
  }

  /** Deletes the record, as if an admin removed it: the person disappears from every answer. */
  remove(id: string): boolean {
    const removed = this.people.delete(id);
    if (removed) this.version += 1;
    return removed;
  }

  private mutate(id: string, fields: EmployeeFields): Employee {
    const current = this.people.get(id);
    if (!current) throw new Error(`No employee with id ${id}`);
    Object.assign(current, fields, { id: current.id });
    this.version += 1;
    return current;
  }
}
