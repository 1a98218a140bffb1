import { DEPARTMENTS, LOCATIONS, type EmploymentKind } from '../shared/catalog.ts';
import {
  SENSITIVE_MARKER,
  sensitiveValue,
  type GeneratedCompany,
  type Person,
} from '../shared/company.ts';

/**
 * The generated company in Deel's REST v2 shapes (shared/providers/deel/NOTES.md §2, §5): people
 * with UUID ids, `hiring_status`, department and direct manager inline, one contract each in
 * `employments` (two for a rehire), and the sensitive fields Deel always sends, marked.
 */

export { SENSITIVE_MARKER };

/** Sensitive fields every person carries (NOTES §5): Deel has no field selection. */
export const SENSITIVE_FIELD_IDS = [
  'birth_date',
  'nationalities',
  'addresses',
  'emails[type=primary].value',
  'emails[type=personal].value',
  'employments.payment',
] as const;

const HIRING_TYPES: Record<EmploymentKind, string> = {
  full_time: 'eor',
  part_time: 'direct_employee',
  contractor: 'contractor',
  intern: 'direct_employee',
};

/** Department ids are numbers on `/departments` and strings inline on people (NOTES §2, §8). */
export function departmentNumber(name: string): number {
  return DEPARTMENTS.findIndex((d) => d.name === name) + 1;
}

/** `/departments`: `{id, name, parent}` with `parent` as a string id. */
export function renderDepartments(): { id: number; name: string; parent: string | null }[] {
  return DEPARTMENTS.map((d, i) => ({ id: i + 1, name: d.name, parent: i === 0 ? null : '1' }));
}

/** `/working-locations`: `{id, name}`. */
export function renderWorkingLocations(): { id: string; name: string }[] {
  return LOCATIONS.map((l, i) => ({
    id: `00000000-0000-4000-9000-${String(i + 1).padStart(12, '0')}`,
    name: l.name,
  }));
}

/** Deel's hiring status: leavers are inactive, future hires onboarding, scheduled leavers offboarding. */
export function hiringStatusOf(company: GeneratedCompany, person: Person): string {
  if (company.isTerminated(person)) return 'inactive';
  if (company.isFutureHire(person)) return 'onboarding';
  const leavesLater = person.terminationDate !== null && person.terminationDate > company.today;
  return leavesLater ? 'offboarding' : 'active';
}

/** One element of `/people` `data`. */
export function renderPerson(company: GeneratedCompany, person: Person): Record<string, unknown> {
  const { id } = person;
  const mark = (field: string): string => sensitiveValue(field, id);
  const status = hiringStatusOf(company, person);
  const hiringType = person.employmentKind === null ? null : HIRING_TYPES[person.employmentKind];
  const contractor = hiringType === 'contractor';
  const manager = company.manager(person);
  const ended = status === 'inactive';
  const rehired = person.terminationDate !== null && person.startDate > person.terminationDate;
  const lastDay = rehired ? null : person.terminationDate;
  const contract = (n: number, isEnded: boolean, start: string, end: string | null) => ({
    id: `c${n}${id.slice(0, 6)}`,
    name: contractor ? 'Fixed-Rate Contract' : 'Employment Contract',
    job_title: person.title,
    hiring_type: hiringType,
    hiring_status: isEnded ? 'inactive' : status,
    is_ended: isEnded,
    contract_status: isEnded
      ? 'cancelled'
      : status === 'onboarding'
        ? 'waiting_for_client_sign'
        : 'in_progress',
    start_date: start,
    termination_last_day: end,
    work_email: null,
    payment: {
      rate: mark('employments.payment.rate'),
      scale: 'monthly',
      currency: 'USD',
      contract_name: mark('employments.payment.contract_name'),
    },
  });
  const employments = [
    ...(rehired ? [contract(0, true, '2000-01-01', person.terminationDate)] : []),
    contract(1, ended, person.startDate, lastDay),
  ];
  return {
    id,
    worker_id: 1000 + person.index,
    external_id: person.employeeNumber,
    created_at: `${person.startDate}T09:00:00.000Z`,
    first_name: person.firstName,
    last_name: person.lastName,
    full_name: `${person.firstName} ${person.lastName}`,
    emails: [
      { type: 'primary', value: mark('emails.primary') },
      { type: 'work', value: person.email },
      { type: 'personal', value: mark('emails.personal') },
    ],
    birth_date: mark('birth_date'),
    nationalities: [mark('nationalities')],
    addresses: [
      {
        streetAddress: mark('addresses.streetAddress'),
        locality: mark('addresses.locality'),
        postalCode: mark('addresses.postalCode'),
        country: mark('addresses.country'),
      },
    ],
    start_date: person.startDate,
    hiring_status: status,
    new_hiring_status: status,
    hiring_type: hiringType,
    job_title: person.title,
    country: person.countryCode,
    state: null,
    timezone: null,
    department:
      person.department === null
        ? null
        : {
            id: String(departmentNumber(person.department)),
            name: person.department,
            parent: null,
          },
    work_location: person.location,
    direct_manager:
      manager === undefined
        ? null
        : {
            id: manager.id,
            first_name: manager.firstName,
            last_name: manager.lastName,
            work_email: manager.email,
            worker_id: 1000 + manager.index,
          },
    // Direct employees carry their last day; contractors only on the contract (NOTES §6).
    direct_employee_termination_last_day: contractor ? null : lastDay,
    employments,
  };
}
