import { DEPARTMENTS, LOCATIONS, type EmploymentKind } from '../shared/catalog.ts';
import { toDay } from '../shared/dates.ts';
import { sensitiveValue, type GeneratedCompany, type Person } from '../shared/company.ts';

/**
 * A generated company in Namely's profile shape (shared/providers/namely/NOTES.md §5): UUID ids,
 * `user_status`, `departure_date` (`""` when none), `reports_to` as an array, departments and
 * offices as linked groups, and every sensitive field answered with `sensitiveValue()`.
 */

/** Sensitive top-level keys of every profile (Namely has no field selection). */
export const NAMELY_SENSITIVE_FIELDS = [
  'ssn',
  'dob',
  'gender',
  'marital_status',
  'ethnicity',
  'personal_email',
  'home_phone',
  'mobile_phone',
  'home',
  'emergency_contact',
  'emergency_contact_phone',
  'salary',
  'ytd_bonus',
  'healthcare',
  'dental',
  'terminated_reason',
] as const;

const EMPLOYEE_TYPE: Record<EmploymentKind, string> = {
  full_time: 'Full Time',
  part_time: 'Part Time',
  contractor: 'Contractor',
  intern: 'Intern',
};

/** A stable UUID-shaped id for catalogue entries (groups, job titles). */
function catalogueId(prefix: string, n: number): string {
  return `${prefix}000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export interface NamelyGroup {
  id: string;
  name: string;
  /** The group type label (assumed spelling, see README). */
  type: 'department' | 'office';
}

const DEPARTMENT_GROUPS = new Map<string, NamelyGroup>(
  DEPARTMENTS.map((d, i) => [
    d.name,
    { id: catalogueId('d0', i + 1), name: d.name, type: 'department' },
  ]),
);
const OFFICE_GROUPS = new Map<string, NamelyGroup>(
  LOCATIONS.map((l, i) => [l.name, { id: catalogueId('e0', i + 1), name: l.name, type: 'office' }]),
);
const JOB_TITLE_IDS = new Map<string, string>(
  [...new Set(DEPARTMENTS.flatMap((d) => [d.headTitle, d.managerTitle, ...d.titles]))].map(
    (title, i) => [title, catalogueId('f0', i + 1)],
  ),
);

/** The groups a person links to: their department, then their office. */
export function groupsOf(person: Person): NamelyGroup[] {
  const department =
    person.department === null ? undefined : DEPARTMENT_GROUPS.get(person.department);
  const office = person.location === null ? undefined : OFFICE_GROUPS.get(person.location);
  return [department, office].filter((g) => g !== undefined);
}

/** `active`, `pending` (starts later) or `inactive` (left). People on leave stay active. */
export function userStatusOf(company: GeneratedCompany, person: Person): string {
  if (company.isTerminated(person)) return 'inactive';
  return company.isFutureHire(person) ? 'pending' : 'active';
}

const epoch = (date: string, offsetSeconds: number): number => toDay(date) * 86_400 + offsetSeconds;

export function renderProfile(company: GeneratedCompany, person: Person): Record<string, unknown> {
  const s = (field: string): string => sensitiveValue(field, person.id);
  const manager = company.manager(person);
  const title =
    person.title === null
      ? null
      : { id: JOB_TITLE_IDS.get(person.title) ?? null, title: person.title };
  const location = LOCATIONS.find((l) => l.name === person.location);
  const groups = groupsOf(person);
  return {
    id: person.id,
    email: person.email ?? '',
    first_name: person.firstName,
    last_name: person.lastName,
    user_status: userStatusOf(company, person),
    updated_at: epoch(company.today, 3600),
    created_at: epoch(person.startDate, -86_400 * 14),
    links: {
      job_title: title,
      groups: groups.map((g) => ({ id: g.id, name: g.name })),
      teams: [],
    },
    image: null,
    middle_name: '',
    preferred_name: '',
    full_name: `${person.firstName} ${person.lastName}`,
    job_title: title,
    employee_type:
      person.employmentKind === null ? null : { title: EMPLOYEE_TYPE[person.employmentKind] },
    reports_to:
      manager === undefined
        ? []
        : [
            {
              id: manager.id,
              first_name: manager.firstName,
              last_name: manager.lastName,
              email: manager.email ?? '',
            },
          ],
    start_date: person.startDate,
    departure_date: person.terminationDate ?? '',
    employee_id: person.employeeNumber ?? '',
    office:
      location === undefined
        ? null
        : {
            address1: location.city === null ? '' : `1 ${location.city} Plaza`,
            address2: '',
            city: location.city ?? '',
            state_id: '',
            zip: '',
            country_id: location.countryCode ?? '',
          },
    personal_email: s('personal_email'),
    home_phone: s('home_phone'),
    mobile_phone: s('mobile_phone'),
    home: { address1: s('home.address1'), city: s('home.city'), zip: s('home.zip') },
    emergency_contact: s('emergency_contact'),
    emergency_contact_phone: s('emergency_contact_phone'),
    marital_status: s('marital_status'),
    gender: s('gender'),
    ethnicity: s('ethnicity'),
    dob: s('dob'),
    ssn: s('ssn'),
    salary: { yearly_amount: s('salary.yearly_amount'), currency_type: 'USD', rate: 'annually' },
    ytd_bonus: s('ytd_bonus'),
    healthcare: { beneficiary: null, amount: s('healthcare.amount'), currency_type: 'USD' },
    dental: { beneficiary: null, amount: s('dental.amount'), currency_type: 'USD' },
    terminated_reason: company.isTerminated(person) ? s('terminated_reason') : null,
  };
}

/** The `linked.groups` of a page: every group its profiles link to, once, with its type. */
export function linkedGroups(people: readonly Person[]): NamelyGroup[] {
  const byId = new Map<string, NamelyGroup>();
  for (const person of people) for (const g of groupsOf(person)) byId.set(g.id, g);
  return [...byId.values()];
}
