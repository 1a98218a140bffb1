import type { LifecycleStatus } from './catalog.ts';

/**
 * One person as the emulated HiBob company stores them. List fields hold the item *name*; the
 * field catalogue (`fields.ts`) answers them as names or ids. Manager objects, display names,
 * site ids and countries and every sensitive value are derived when a response is written.
 */
export interface Employee {
  /** `root.id`: a 19-digit string, immutable. */
  id: string;
  /** `work.employeeIdInCompany`: an integer the company assigns, or null. */
  employeeIdInCompany: number | null;
  firstName: string;
  surname: string;
  /** `root.email`; `''` or null when missing. */
  email: string | null;
  department: string | null;
  title: string | null;
  /** `work.site` (the site's name); `work.siteId` and `address.siteCountry` follow from it. */
  site: string | null;
  /** `payroll.employment.type`. */
  employmentType: string | null;
  startDate: string | null;
  /** `work.reportsTo.id`. */
  managerId: string | null;
  /** `internal.status`: Inactive covers people on leave as well as people who left. */
  status: 'Active' | 'Inactive';
  lifecycleStatus: LifecycleStatus;
  /** Kept after a rehire (the old date), set ahead of time for a scheduled leave. */
  terminationDate: string | null;
  /** `root.creationDateTime`. */
  creationDateTime: string;
}

/** Fields a test may set through `company.hire()` / `company.update()`. */
export type EmployeeFields = Partial<Omit<Employee, 'id'>>;

/** Builds an employee with every property present, in one order (one hidden class for V8). */
export function makeEmployee(e: Employee): Employee {
  return {
    id: e.id,
    employeeIdInCompany: e.employeeIdInCompany,
    firstName: e.firstName,
    surname: e.surname,
    email: e.email,
    department: e.department,
    title: e.title,
    site: e.site,
    employmentType: e.employmentType,
    startDate: e.startDate,
    managerId: e.managerId,
    status: e.status,
    lifecycleStatus: e.lifecycleStatus,
    terminationDate: e.terminationDate,
    creationDateTime: e.creationDateTime,
  };
}
