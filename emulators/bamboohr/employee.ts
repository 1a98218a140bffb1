/**
 * One person as the emulated BambooHR company stores them. Property names are BambooHR's v1 field
 * ids; values are what the API returns (strings, `''` or `null` for unknowns). Manager name/email,
 * phones and the sensitive fields are derived when a response is written (see `fields.ts`).
 */
export interface Employee {
  /** The immutable employee id (EEID), e.g. "4". */
  id: string;
  /** The company-assigned employee number; `supervisorId` on reports refers to this. */
  employeeNumber: string | null;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  workEmail: string | null;
  jobTitle: string | null;
  department: string | null;
  division: string | null;
  location: string | null;
  /** Employment type list value: Full-Time, Part-Time, Contractor, Intern or Terminated. */
  employmentHistoryStatus: string | null;
  /** Inactive covers both terminated people and future hires. */
  status: 'Active' | 'Inactive';
  hireDate: string | null;
  originalHireDate: string | null;
  terminationDate: string | null;
  /** The manager's employee id (EEID). */
  supervisorEId: string | null;
  lastChanged: string;
}

/** Fields a test may set through `company.hire()` / `company.update()`. */
export type EmployeeFields = Partial<Omit<Employee, 'id'>>;

/** Builds an employee with every property present, in one order (one hidden class for V8). */
export function makeEmployee(e: Employee): Employee {
  return {
    id: e.id,
    employeeNumber: e.employeeNumber,
    firstName: e.firstName,
    lastName: e.lastName,
    preferredName: e.preferredName,
    workEmail: e.workEmail,
    jobTitle: e.jobTitle,
    department: e.department,
    division: e.division,
    location: e.location,
    employmentHistoryStatus: e.employmentHistoryStatus,
    status: e.status,
    hireDate: e.hireDate,
    originalHireDate: e.originalHireDate,
    terminationDate: e.terminationDate,
    supervisorEId: e.supervisorEId,
    lastChanged: e.lastChanged,
  };
}
