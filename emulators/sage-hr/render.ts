import { CEO_TITLE, DEPARTMENTS, type EmploymentKind } from '../shared/catalog.ts';
import { sensitiveValue, type GeneratedCompany, type Person } from '../shared/company.ts';

/**
 * A generated company in Sage HR's shapes (shared/providers/sage-hr/NOTES.md §5, §6): integer
 * ids, `team`/`position` names beside their ids, the manager as `reports_to_employee_id` only,
 * and the sensitive fields every record carries answered with `sensitiveValue()`.
 */

/** Sensitive keys of an active employee record (the list has no field selection). */
export const EMPLOYEE_SENSITIVE_FIELDS = [
  'date_of_birth',
  'gender',
  'home_phone',
  'mobile_phone',
  'street_first',
  'street_second',
  'city',
  'post_code',
  'country',
] as const;

/** Sensitive keys of a terminated employee record. */
export const TERMINATED_SENSITIVE_FIELDS = ['date_of_birth'] as const;

export const SAGE_HR_SENSITIVE_FIELDS: readonly string[] = [
  ...EMPLOYEE_SENSITIVE_FIELDS,
  ...TERMINATED_SENSITIVE_FIELDS.filter(
    (f) => !(EMPLOYEE_SENSITIVE_FIELDS as readonly string[]).includes(f),
  ),
];

/** Sage HR ids are integers; the emulator numbers people from here, in generation order. */
export const FIRST_EMPLOYEE_ID = 1_408_700;

export function sageHrIdFor(index: number): string {
  return String(FIRST_EMPLOYEE_ID + index);
}

const EMPLOYMENT_STATUS: Record<EmploymentKind, string> = {
  full_time: 'Full-time',
  part_time: 'Part-time',
  contractor: 'Contractor',
  intern: 'Intern',
};

/** Every title of the catalogue, once, with a stable integer id (`/api/positions`). */
export const POSITIONS: readonly { id: number; title: string; code: string }[] = [
  ...new Set([
    CEO_TITLE,
    ...DEPARTMENTS.flatMap((d) => [d.headTitle, d.managerTitle, ...d.titles]),
  ]),
].map((title, i) => ({ id: 120 + i, title, code: `P${120 + i}` }));

const POSITION_IDS = new Map(POSITIONS.map((p) => [p.title, p.id]));

/** One team per department (`/api/teams`), ids in catalogue order. */
export const TEAMS: readonly { id: number; name: string }[] = DEPARTMENTS.map((d, i) => ({
  id: 6742 + i,
  name: d.name,
}));

const TEAM_IDS = new Map(TEAMS.map((t) => [t.name, t.id]));

export interface RenderOptions {
  /** Answer `position` and `team` as null beside their ids, as a real tenant did (NOTES §5). */
  namesAsIdsOnly?: boolean | undefined;
}

/** In `/api/employees`: everyone but the people who left (a rehire is employed again). */
export function isListedActive(company: GeneratedCompany, person: Person): boolean {
  return !company.isTerminated(person);
}

/**
 * In `/api/terminated-employees`: the people who left, and (assumed) people whose termination is
 * recorded for a later day: they stay in `/api/employees` until then, so they are in both lists.
 */
export function isListedTerminated(company: GeneratedCompany, person: Person): boolean {
  if (company.isTerminated(person)) return true;
  return person.terminationDate !== null && person.terminationDate > company.today;
}

const int = (id: string | null): number | null => (id === null ? null : Number(id));

export function renderEmployee(
  person: Person,
  options: RenderOptions = {},
): Record<string, unknown> {
  const s = (field: string): string => sensitiveValue(field, person.id);
  const hideNames = options.namesAsIdsOnly === true;
  return {
    id: Number(person.id),
    email: person.email,
    first_name: person.firstName,
    last_name: person.lastName,
    picture_url: null,
    employment_start_date: person.startDate,
    date_of_birth: s('date_of_birth'),
    team: hideNames ? null : person.department,
    team_id: person.department === null ? null : (TEAM_IDS.get(person.department) ?? null),
    position: hideNames ? null : person.title,
    position_id: person.title === null ? null : (POSITION_IDS.get(person.title) ?? null),
    reports_to_employee_id: int(person.managerId),
    work_phone: null,
    home_phone: s('home_phone'),
    mobile_phone: s('mobile_phone'),
    gender: s('gender'),
    street_first: s('street_first'),
    street_second: s('street_second'),
    city: s('city'),
    post_code: s('post_code'),
    country: s('country'),
    employee_number: person.employeeNumber,
    employment_status:
      person.employmentKind === null ? null : EMPLOYMENT_STATUS[person.employmentKind],
  };
}

export function renderTerminated(person: Person): Record<string, unknown> {
  return {
    id: Number(person.id),
    termination_date: person.terminationDate,
    employee_number: person.employeeNumber,
    email: person.email,
    first_name: person.firstName,
    last_name: person.lastName,
    picture_url: null,
    employment_start_date: person.startDate,
    date_of_birth: sensitiveValue('date_of_birth', person.id),
    position: person.title,
  };
}

export function renderTeam(
  team: { id: number; name: string },
  company: GeneratedCompany,
): Record<string, unknown> {
  const members = company
    .all()
    .filter((p) => p.department === team.name && isListedActive(company, p));
  const managers = new Set(members.map((p) => p.managerId).filter((id) => id !== null));
  return {
    id: team.id,
    name: team.name,
    manager_ids: members.filter((p) => managers.has(p.id)).map((p) => Number(p.id)),
    employee_ids: members.map((p) => Number(p.id)),
  };
}

export function renderPosition(position: (typeof POSITIONS)[number]): Record<string, unknown> {
  return { title: position.title, description: null, id: position.id, code: position.code };
}
