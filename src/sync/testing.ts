import type { NormalizedEmployee, PersonField } from '../core/employee.ts';
import type { PlanLearner } from './plan.ts';

/** Builders for engine tests: a person as an HRIS would send it, and a learner as the plan sees it. */
export function person(
  externalId: string,
  overrides: Partial<NormalizedEmployee> = {},
): NormalizedEmployee {
  const first = overrides.firstName ?? `First${externalId}`;
  const last = overrides.lastName ?? `Last${externalId}`;
  return {
    externalId,
    employeeNumber: `N${externalId}`,
    firstName: first,
    lastName: last,
    workEmail: `${first}.${last}@acme.test`.toLowerCase(),
    department: 'Engineering',
    departmentId: null,
    departmentType: null,
    jobTitle: 'Engineer',
    employeeType: 'Full-Time',
    location: 'London, UK',
    locationId: null,
    country: null,
    managerExternalId: null,
    managerName: null,
    managerEmail: null,
    employmentStatus: 'active',
    startDate: '2020-01-01',
    terminationDate: null,
    ...overrides,
  };
}

export function learnerFor(
  id: string,
  employee: NormalizedEmployee,
  overrides: Partial<PlanLearner> = {},
): PlanLearner {
  const { externalId, ...values } = employee;
  return {
    id,
    status: 'active',
    connectionId: 'con_1',
    externalId,
    deactivationReason: null,
    hrisHash: null,
    ...values,
    ...overrides,
  };
}

/** The fields the engine tests' directories provide (BambooHR's set, without the ids it lacks). */
export const TEST_OWNED_FIELDS: readonly PersonField[] = [
  'employeeNumber',
  'firstName',
  'lastName',
  'workEmail',
  'department',
  'jobTitle',
  'employeeType',
  'location',
  'managerExternalId',
  'employmentStatus',
  'startDate',
  'terminationDate',
];
