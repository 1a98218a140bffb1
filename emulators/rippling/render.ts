import { DEPARTMENTS, LOCATIONS, type EmploymentKind } from '../shared/catalog.ts';
import {
  SENSITIVE_MARKER,
  sensitiveValue,
  type GeneratedCompany,
  type Person,
} from '../shared/company.ts';
import { deriveSeed, type Random } from '../shared/random.ts';

/**
 * The generated company in Rippling's V1 shapes (shared/providers/rippling/NOTES.md §2, §5):
 * camelCase employees with 24-hex ids, `roleState`, a work address object, the manager's id, and
 * every sensitive field a broad API key would see, answered with marked values.
 */

export { SENSITIVE_MARKER };

/** Top-level employee keys holding sensitive data (NOTES §5): always sent, always marked. */
export const SENSITIVE_FIELD_IDS = [
  'ssn',
  'dob',
  'personalEmail',
  'phone',
  'phoneNumber',
  'gender',
  'identifiedGender',
  'filingStatus',
  'flsaStatus',
  'ein',
  'address',
  'compensation',
  'customFields',
] as const;

/** A Mongo-style 24-hex id, as Rippling uses for every object. */
export function ripplingId(_index: number, rng: Random): string {
  return rng.hex(24);
}

/** A stable 24-hex id for a catalogue entry (department, work location). */
function catalogueId(kind: string, name: string): string {
  const hash = deriveSeed(7, `${kind}:${name}`).toString(16).padStart(8, '0');
  return `5ec5595ffa9c4e17${hash}`;
}

export const departmentId = (name: string): string => catalogueId('department', name);
export const workLocationId = (name: string): string => catalogueId('work-location', name);

export interface RipplingDepartment {
  id: string;
  name: string;
  parent: string | null;
}

/** `/departments`: the catalogue's departments, all under the first one (the CEO's). */
export function renderDepartments(): RipplingDepartment[] {
  const root = DEPARTMENTS[0]?.name ?? 'Management';
  return DEPARTMENTS.map((d) => ({
    id: departmentId(d.name),
    name: d.name,
    parent: d.name === root ? null : departmentId(root),
  }));
}

interface WorkAddress {
  streetLine1: string;
  city: string;
  state: string | null;
  zip: string;
  country: string;
}

/** One office per catalogue location with a city; remote people have no work location. */
function addressOf(name: string): WorkAddress | null {
  const location = LOCATIONS.find((l) => l.name === name);
  if (!location || location.city === null || location.countryCode === null) return null;
  const number = 100 + (deriveSeed(3, name) % 900);
  return {
    streetLine1: `${number} ${location.city} Plaza`,
    city: location.city,
    state: null,
    zip: String(10000 + (deriveSeed(5, name) % 89999)),
    country: location.countryCode,
  };
}

/** `/work_locations`: `{id, nickname, address}` for every office. */
export function renderWorkLocations(): { id: string; nickname: string; address: WorkAddress }[] {
  return LOCATIONS.flatMap((l) => {
    const address = addressOf(l.name);
    return address === null ? [] : [{ id: workLocationId(l.name), nickname: l.name, address }];
  });
}

const EMPLOYMENT_TYPES: Record<EmploymentKind, { type: string; label: string }> = {
  full_time: { type: 'SALARIED_FT', label: 'Salaried, full-time' },
  part_time: { type: 'HOURLY_PT', label: 'Hourly, part-time' },
  contractor: { type: 'CONTRACTOR', label: 'Contractor' },
  intern: { type: 'TEMP', label: 'Temporary' },
};

/** Rippling's role state: no leave state in V1, so people on leave are ACTIVE. */
export function roleStateOf(company: GeneratedCompany, person: Person): string {
  if (company.isTerminated(person)) return 'TERMINATED';
  if (company.isFutureHire(person)) return 'ACCEPTED';
  return 'ACTIVE';
}

/**
 * One employee as `/employees/include_terminated` sends it. `hidden` lists top-level keys the
 * API key has no scope for: Rippling leaves them out (NOTES §1: fields depend on the scopes).
 */
export function renderEmployee(
  company: GeneratedCompany,
  person: Person,
  hidden: ReadonlySet<string>,
): Record<string, unknown> {
  const { id } = person;
  const kind = person.employmentKind === null ? null : EMPLOYMENT_TYPES[person.employmentKind];
  const office = person.location === null ? null : addressOf(person.location);
  const roleState = roleStateOf(company, person);
  const mark = (field: string): string => sensitiveValue(field, id);
  const record: Record<string, unknown> = {
    id,
    name: `${person.firstName} ${person.lastName}`,
    preferredFirstName: person.firstName,
    firstName: person.firstName,
    lastName: person.lastName,
    employmentType: kind?.type ?? null,
    companyEmploymentType:
      kind === null
        ? null
        : {
            id: catalogueId('employment-type', kind.type),
            displayName: kind.type,
            label: kind.label,
          },
    title: person.title,
    department: person.department,
    departmentId: person.department === null ? null : departmentId(person.department),
    workLocation: office,
    workLocationId:
      office === null || person.location === null ? null : workLocationId(person.location),
    manager: person.managerId,
    roleState,
    startDate: person.startDate,
    endDate: person.terminationDate,
    employeeNumber: person.employeeNumber === null ? null : Number(person.employeeNumber),
    // The V1 doc example shows leavers without a work email (their accounts are closed).
    workEmail: roleState === 'TERMINATED' ? null : person.email,
    personalEmail: mark('personalEmail'),
    ssn: mark('ssn'),
    dob: mark('dob'),
    phone: mark('phone'),
    phoneNumber: mark('phoneNumber'),
    gender: mark('gender'),
    identifiedGender: mark('identifiedGender'),
    filingStatus: mark('filingStatus'),
    flsaStatus: mark('flsaStatus'),
    ein: mark('ein'),
    address: {
      streetLine1: mark('address.streetLine1'),
      city: mark('address.city'),
      zip: mark('address.zip'),
      country: mark('address.country'),
    },
    compensation: {
      currency: 'USD',
      annualSalary: mark('compensation.annualSalary'),
      salaryUnit: 'YEAR',
      signingBonus: mark('compensation.signingBonus'),
    },
    customFields: { favouriteColour: mark('customFields') },
  };
  for (const key of hidden) delete record[key];
  return record;
}
