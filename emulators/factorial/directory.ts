import { fromDay, toDay } from '../shared/dates.ts';
import { DEPARTMENTS, LOCATIONS } from '../shared/catalog.ts';
import {
  GeneratedCompany,
  sensitiveValue,
  type CompanyOptions,
  type Person,
} from '../shared/company.ts';

/**
 * The generated company in Factorial's shapes (NOTES §2, §5): employees, teams (Factorial's
 * stand-in for departments), locations and contract versions (job title, hire date, salary).
 * Lists are rendered once per company version and sorted by id, as Factorial's cursors expect.
 */

/** Employee ids are integers sent as strings (2026-07-01 schema), in generation order. */
const FIRST_EMPLOYEE_ID = 1001;
/** A cross-department team every tenth person belongs to: its id sorts after the departments. */
export const SOCIAL_TEAM = { id: '100', name: 'Social Committee' } as const;

/** Keys of an employee answered with a marked sensitive value (NOTES §5 "sensitive"). */
export const SENSITIVE_EMPLOYEE_KEYS = [
  'birth_name',
  'gender',
  'identifier',
  'identifier_type',
  'identifier_expiration_date',
  'email',
  'personal_email',
  'birthday_on',
  'age_number',
  'nationality',
  'country_of_birth',
  'birthplace',
  'address_line_1',
  'address_line_2',
  'postal_code',
  'city',
  'state',
  'country',
  'bank_number',
  'swift_bic',
  'social_security_number',
  'phone_number',
  'contact_name',
  'contact_number',
  'pronouns',
  'disability_percentage_cents',
] as const;

/** Keys of a contract version answered with a marked sensitive value (pay, nationality). */
export const SENSITIVE_CONTRACT_KEYS = ['salary_amount', 'salary_frequency', 'country'] as const;

/** Termination details, marked too (free text about why someone left). */
const SENSITIVE_TERMINATION_KEYS = [
  'termination_reason',
  'termination_observations',
  'termination_type_description',
] as const;

/** Every field id the emulator marks, spelled like the connector's `resource.field` ids. */
export const SENSITIVE_FIELD_IDS: readonly string[] = [
  ...SENSITIVE_EMPLOYEE_KEYS.map((k) => `employees.${k}`),
  ...SENSITIVE_TERMINATION_KEYS.map((k) => `employees.${k}`),
  ...SENSITIVE_CONTRACT_KEYS.map((k) => `contract_versions.${k}`),
];

export type Row = Record<string, unknown> & { id: string };

export interface Rendered {
  employees: Row[];
  /** Ids of people someone reports to (for `only_managers`). */
  managerIds: ReadonlySet<string>;
  teams: Row[];
  locations: Row[];
  contractVersions: Row[];
}

export function createFactorialCompany(options: CompanyOptions = {}): GeneratedCompany {
  return new GeneratedCompany(options, (index) => String(FIRST_EMPLOYEE_ID + index));
}

/** Renders the lists, cached until the company changes. */
export class FactorialDirectory {
  private cache: { version: number; lists: Rendered } | undefined;

  constructor(readonly company: GeneratedCompany) {}

  lists(): Rendered {
    if (this.cache?.version !== this.company.version) {
      this.cache = { version: this.company.version, lists: this.render() };
    }
    return this.cache.lists;
  }

  /** Whether Factorial shows the person as active (`active: true`). */
  isActiveFlag(person: Person): boolean {
    return person.lifecycle !== 'terminated';
  }

  private render(): Rendered {
    const { company } = this;
    const people = company.all().sort((a, b) => Number(a.id) - Number(b.id));
    const managers = new Set(people.flatMap((p) => (p.managerId === null ? [] : [p.managerId])));
    return {
      employees: people.map((p) => this.employee(p)),
      managerIds: managers,
      teams: teams(people),
      locations: LOCATIONS.map((l, i) => ({
        id: String(i + 1),
        company_id: '1',
        name: l.name,
        main: i === 0,
        timezone: null,
        country: l.countryCode,
        state: null,
        city: l.city,
        address_line_1: l.city === null ? null : `${i + 1} Main Street`,
        address_line_2: null,
        postal_code: null,
        phone_number: null,
      })),
      contractVersions: people.flatMap((p) => contractVersions(p, company.today)),
    };
  }

  private employee(person: Person): Row {
    const terminated = person.lifecycle === 'terminated';
    const sensitive = Object.fromEntries(
      SENSITIVE_EMPLOYEE_KEYS.map((key) => [key, sensitiveValue(key, person.id)]),
    );
    const termination = Object.fromEntries(
      SENSITIVE_TERMINATION_KEYS.map((key) => [
        key,
        terminated ? sensitiveValue(key, person.id) : null,
      ]),
    );
    const locationIndex = LOCATIONS.findIndex((l) => l.name === person.location);
    const firstStart = firstStartOf(person);
    return {
      ...sensitive,
      id: person.id,
      access_id: String(Number(person.id) + 500_000),
      first_name: person.firstName,
      last_name: person.lastName,
      full_name: `${person.firstName} ${person.lastName}`,
      preferred_name: null,
      login_email: person.email,
      communications_email: person.email,
      company_id: '1',
      legal_entity_id: '1',
      location_id: locationIndex < 0 ? null : String(locationIndex + 1),
      company_identifier: person.employeeNumber,
      manager_id: person.managerId,
      timeoff_manager_id: person.managerId,
      active: this.isActiveFlag(person),
      is_terminating:
        !terminated &&
        person.terminationDate !== null &&
        person.terminationDate > this.company.today,
      terminated_on: person.terminationDate,
      termination_reason_type: terminated ? 'others' : null,
      ...termination,
      // Seniority keeps the first hire after a rehire: only the contract says when they came back.
      seniority_calculation_date: firstStart,
      created_at: `${firstStart}T09:00:00.000Z`,
      updated_at: `${person.startDate}T09:00:00.000Z`,
      attendable: true,
    };
  }
}

/** The first start date: a rehire's earlier employment began 400 days before it ended. */
function firstStartOf(person: Person): string {
  if (person.lifecycle === 'rehired' && person.terminationDate !== null) {
    return fromDay(toDay(person.terminationDate) - 400);
  }
  return person.startDate;
}

function teams(people: readonly Person[]): Row[] {
  const rows: Row[] = DEPARTMENTS.map((d, i) => {
    const members = people.filter((p) => p.department === d.name);
    return {
      id: String(i + 1),
      name: d.name,
      company_id: '1',
      description: null,
      avatar: null,
      employee_ids: members.map((p) => p.id),
      lead_ids: members.filter((p) => p.title === d.headTitle).map((p) => p.id),
    };
  });
  rows.push({
    ...SOCIAL_TEAM,
    company_id: '1',
    description: null,
    avatar: null,
    employee_ids: people.filter((p) => p.index % 10 === 0).map((p) => p.id),
    lead_ids: [],
  });
  return rows;
}

/**
 * A person's contract versions: one per employment; every fifth person also had a promotion
 * (an earlier version with another title), every seventh a scheduled change after today. Ids
 * derive from the person's index, so they stay sorted and stable across company changes.
 */
function contractVersions(person: Person, today: string): Row[] {
  const title = person.title;
  const base = (n: number, fields: Record<string, unknown>): Row => ({
    id: String(person.index * 4 + n),
    company_id: '1',
    employee_id: person.id,
    has_payroll: true,
    working_hours: 4000,
    working_hours_frequency: 'week',
    ends_on: null,
    ...Object.fromEntries(SENSITIVE_CONTRACT_KEYS.map((k) => [k, sensitiveValue(k, person.id)])),
    ...fields,
  });
  const start = person.startDate;
  const rows: Row[] = [];
  if (person.lifecycle === 'rehired' && person.terminationDate !== null) {
    const first = firstStartOf(person);
    rows.push(
      base(1, {
        effective_on: first,
        starts_on: first,
        ends_on: person.terminationDate,
        job_title: title === null ? null : `Former ${title}`,
      }),
    );
  } else if (person.index % 5 === 2 && toDay(today) - toDay(start) > 60) {
    rows.push(
      base(1, { effective_on: start, starts_on: start, job_title: title && `Junior ${title}` }),
    );
  }
  const effective =
    rows.length > 0 && person.lifecycle !== 'rehired'
      ? fromDay(Math.floor((toDay(start) + toDay(today)) / 2))
      : start;
  rows.push(
    base(2, {
      effective_on: effective,
      starts_on: start,
      ends_on: person.lifecycle === 'terminated' ? person.terminationDate : null,
      job_title: title,
    }),
  );
  if (person.index % 7 === 3 && person.lifecycle !== 'terminated') {
    const later = fromDay(Math.max(toDay(today), toDay(start)) + 30);
    rows.push(
      base(3, { effective_on: later, starts_on: start, job_title: title && `Senior ${title}` }),
    );
  }
  return rows;
}
