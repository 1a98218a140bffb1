import { createHash } from 'node:crypto';
import type { EmploymentKind } from '../shared/catalog.ts';
import { sensitiveValue, type Person } from '../shared/company.ts';
import type { GustoCompany, GustoLocationRecord } from './company.ts';

/**
 * People, departments and locations in Gusto's shapes (NOTES §3, §5; the recorded demo answer in
 * `list-employees.recorded-full.json`). Every sensitive field Gusto sends is answered with
 * `sensitiveValue()`, so tests can prove none of it is stored or logged.
 */

/** What the caller is entitled to see besides the always-present fields (NOTES §5). */
export interface RenderOptions {
  /** `jobs[].rate`, `payment_unit`, `compensations`, … (the `compensations:read` scope). */
  compensations: boolean;
  /** `include=` values asked for (`current_home_address`, `custom_fields`, …). */
  include: ReadonlySet<string>;
}

const EMPLOYMENT_STATUS: Record<EmploymentKind, string> = {
  full_time: 'full_time',
  part_time: 'part_time_twenty_plus_hours',
  contractor: 'variable',
  intern: 'seasonal',
};

/** Gusto's `version`: an opaque 32-hex token that changes with every update. */
function version(...parts: (string | number)[]): string {
  return createHash('md5').update(parts.join(':')).digest('hex');
}

function derivedUuid(kind: string, id: string): string {
  const hex = createHash('sha1').update(`${kind}:${id}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function renderEmployee(
  company: GustoCompany,
  person: Person,
  options: RenderOptions,
): Record<string, unknown> {
  const id = person.id;
  const today = company.today;
  const location = company.locationOf(person);
  const terminationDate = person.terminationDate;
  // Gusto processes a termination the day after the last day (NOTES §6 / employee events).
  const terminated = person.lifecycle === 'terminated' && (terminationDate ?? '') < today;
  const jobUuid = derivedUuid('job', id);
  const job: Record<string, unknown> = {
    uuid: jobUuid,
    version: version('job', id, company.version),
    employee_uuid: id,
    primary: true,
    two_percent_shareholder: false,
    state_wc_covered: null,
    state_wc_class_code: null,
    title: person.title ?? '',
    location_uuid: location?.uuid ?? null,
    hire_date: person.startDate,
  };
  if (options.compensations) {
    const compensationUuid = derivedUuid('compensation', id);
    Object.assign(job, {
      current_compensation_uuid: compensationUuid,
      payment_unit: sensitiveValue('jobs.payment_unit', id),
      rate: sensitiveValue('jobs.rate', id),
      compensations: [
        {
          uuid: compensationUuid,
          employee_uuid: id,
          job_uuid: jobUuid,
          payment_unit: sensitiveValue('jobs.compensations.payment_unit', id),
          flsa_status: 'Exempt',
          effective_date: person.startDate,
          rate: sensitiveValue('jobs.compensations.rate', id),
        },
      ],
    });
  }
  const employee: Record<string, unknown> = {
    uuid: id,
    first_name: person.firstName,
    middle_initial: null,
    last_name: person.lastName,
    email: sensitiveValue('email', id),
    company_uuid: company.uuid,
    manager_uuid: person.managerId,
    version: version('employee', id, company.version),
    current_employment_status:
      person.employmentKind === null ? null : EMPLOYMENT_STATUS[person.employmentKind],
    onboarding_status:
      person.lifecycle === 'future' ? 'self_onboarding_invited' : 'onboarding_completed',
    preferred_first_name: null,
    department_uuid: company.departmentUuid(person.department),
    employee_code: person.employeeNumber,
    payment_method: sensitiveValue('payment_method', id),
    department: person.department,
    terminated,
    two_percent_shareholder: false,
    onboarded: person.lifecycle !== 'future',
    historical: false,
    has_ssn: true,
    jobs: [job],
    eligible_paid_time_off: [
      {
        name: 'Vacation Hours',
        policy_name: 'Paid Time Off Policy',
        accrual_unit: 'Hour',
        accrual_balance: sensitiveValue('eligible_paid_time_off', id),
      },
    ],
    terminations:
      terminationDate === null
        ? []
        : [
            {
              uuid: derivedUuid('termination', id),
              version: version('termination', id, terminationDate),
              employee_uuid: id,
              active: terminationDate < today,
              cancelable: terminationDate >= today,
              effective_date: terminationDate,
              run_termination_payroll: false,
            },
          ],
    garnishments: [
      { uuid: derivedUuid('garnishment', id), amount: sensitiveValue('garnishments', id) },
    ],
    date_of_birth: sensitiveValue('date_of_birth', id),
    ssn: sensitiveValue('ssn', id),
    phone: sensitiveValue('phone', id),
    work_email: person.email,
  };
  if (options.include.has('current_home_address')) {
    employee['current_home_address'] = homeAddress('current_home_address', id);
  }
  if (options.include.has('all_home_addresses')) {
    employee['all_home_addresses'] = [homeAddress('all_home_addresses', id)];
  }
  if (options.include.has('custom_fields')) {
    employee['custom_fields'] = [
      { name: 'T-shirt size', value: sensitiveValue('custom_fields', id) },
    ];
  }
  return employee;
}

function homeAddress(field: string, id: string): Record<string, unknown> {
  return {
    street_1: sensitiveValue(`${field}.street_1`, id),
    city: sensitiveValue(`${field}.city`, id),
    state: sensitiveValue(`${field}.state`, id),
    zip: sensitiveValue(`${field}.zip`, id),
    country: 'USA',
  };
}

export function renderDepartments(company: GustoCompany): Record<string, unknown>[] {
  const members = new Map<string, { uuid: string }[]>();
  for (const person of company.values()) {
    if (person.department === null) continue;
    const list = members.get(person.department) ?? [];
    list.push({ uuid: person.id });
    members.set(person.department, list);
  }
  return company.departments().map(({ uuid, name }) => ({
    uuid,
    company_uuid: company.uuid,
    title: name,
    version: version('department', uuid, company.version),
    employees: members.get(name) ?? [],
    contractors: [],
  }));
}

export function renderLocation(company: GustoCompany, record: GustoLocationRecord, index: number) {
  const { def } = record;
  return {
    uuid: record.uuid,
    company_uuid: company.uuid,
    version: version('location', record.uuid),
    street_1: `${100 + index * 7} Market Street`,
    street_2: null,
    city: def.city,
    state: company.stateOf(def),
    zip: def.countryCode === 'US' ? '10001' : null,
    country: def.countryCode === 'US' ? 'USA' : def.countryName,
    active: true,
    phone_number: '8009360383',
    filing_address: index === 0,
    mailing_address: index === 0,
  };
}
