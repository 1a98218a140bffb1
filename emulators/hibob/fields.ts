import { LIST_INDEX, SITE_BY_NAME } from './catalog.ts';
import type { Company } from './company.ts';
import type { Employee } from './employee.ts';

/**
 * The people field catalogue: field id (`category.field`, `root.*` top level), where the value
 * sits in a people-search answer, its machine value and its `humanReadable` display string
 * (NOTES §5). Unknown ids are silently omitted, except ids in a sensitive category, which are
 * answered with marked values so a test can prove they were never asked for.
 */

export type JsonValue = string | number | boolean | null | { [key: string]: JsonValue };

/** What a value may depend on besides the person. */
export interface FieldContext {
  company: Company;
  /** List fields answered as list item ids (as strings) instead of names (NOTES §5). */
  listValuesAsIds: boolean;
}

export interface FieldDef {
  /** `work.department`, `root.id`. */
  id: string;
  /** Path in the answer: `['work', 'department']`, `['id']`. */
  path: readonly string[];
  category: string;
  name: string;
  type: 'text' | 'number' | 'date' | 'timestamp' | 'list' | 'employee-reference';
  /** The named list behind a list field. */
  listName: string | null;
  /** In a sensitive category (not one of the two exceptions): answered with marked values. */
  sensitive: boolean;
  value(e: Employee, ctx: FieldContext): JsonValue;
  /** The `humanReadable` form; null values are left out of that node (FIX-B). */
  display(e: Employee, ctx: FieldContext): string | null;
}

/** Marks every sensitive value the emulator returns; a store or a log containing it is a bug. */
export const SENSITIVE_MARKER = 'SENSITIVE-';

/** Categories holding sensitive data (NOTES §5 "Sensitive data locations"). */
export const SENSITIVE_CATEGORIES: readonly string[] = [
  'payroll',
  'address',
  'home',
  'personal',
  'identification',
  'financial',
  'eeo',
  'emergency',
  'about',
  'peopleAnalytics',
];

/** The site fields HiBob keeps next to the home address and salary, answered with real values. */
const CATEGORY_EXCEPTIONS: readonly string[] = ['payroll.employment.type', 'address.siteCountry'];

/** `SENSITIVE-payroll.salary.yearlyPayment-<employee id>`. */
export function sensitiveValue(fieldId: string, employeeId: string): string {
  return `${SENSITIVE_MARKER}${fieldId}-${employeeId}`;
}

/** `/root/id` (the newer spelling, NOTES §5) → `root.id`. */
export function canonicalFieldId(id: string): string {
  const trimmed = id.trim();
  return trimmed.startsWith('/') ? trimmed.slice(1).replaceAll('/', '.') : trimmed;
}

export function isSensitiveFieldId(id: string): boolean {
  const canonical = canonicalFieldId(id);
  if (CATEGORY_EXCEPTIONS.includes(canonical)) return false;
  return SENSITIVE_CATEGORIES.includes(canonical.split('.')[0] ?? '');
}

const manager = (e: Employee, c: Company): Employee | undefined =>
  e.managerId === null ? undefined : c.get(e.managerId);

const displayName = (e: Employee): string => `${e.firstName} ${e.surname}`;

/** HiBob's display dates are `MM/DD/YYYY` (FIX-B: 2022-05-09 → "05/09/2022"). */
function displayDate(iso: string | null): string | null {
  if (iso === null) return null;
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y}`;
}

function listValue(listName: string, name: string | null, ctx: FieldContext): string | null {
  if (name === null || name === '' || !ctx.listValuesAsIds) return name;
  const item = LIST_INDEX[listName]?.get(name);
  return item === undefined ? name : String(item.id);
}

function def(
  id: string,
  name: string,
  type: FieldDef['type'],
  value: FieldDef['value'],
  display?: FieldDef['display'],
  listName: string | null = null,
): FieldDef {
  const [category = '', ...rest] = id.split('.');
  const path = category === 'root' ? rest : [category, ...rest];
  const asText = (e: Employee, ctx: FieldContext): string | null => {
    const v = value(e, ctx);
    return v === null || v === '' || typeof v === 'object' ? null : String(v);
  };
  return {
    id,
    path,
    category,
    name,
    type,
    listName,
    sensitive: false,
    value,
    display: display ?? asText,
  };
}

function list(id: string, name: string, listName: string, get: (e: Employee) => string | null) {
  return def(
    id,
    name,
    'list',
    (e, ctx) => listValue(listName, get(e), ctx),
    (e) => get(e) || null,
    listName,
  );
}

const date = (id: string, name: string, get: (e: Employee) => string | null): FieldDef =>
  def(id, name, 'date', get, (e) => displayDate(get(e)));

export const FIELDS: readonly FieldDef[] = [
  def('root.id', 'ID', 'text', (e) => e.id),
  def('root.companyId', 'Company ID', 'number', () => 200519),
  def('root.firstName', 'First name', 'text', (e) => e.firstName),
  def('root.surname', 'Last name', 'text', (e) => e.surname),
  def('root.email', 'Email', 'text', (e) => e.email),
  def('root.displayName', 'Display name', 'text', displayName),
  def('root.fullName', 'Full name', 'text', displayName),
  def('root.creationDateTime', 'Creation date time', 'timestamp', (e) => e.creationDateTime),
  def('work.employeeIdInCompany', 'Employee ID', 'number', (e) => e.employeeIdInCompany),
  list('work.department', 'Department', 'department', (e) => e.department),
  list('work.title', 'Job title', 'title', (e) => e.title),
  def('work.site', 'Site', 'text', (e) => e.site),
  def(
    'work.siteId',
    'Site ID',
    'number',
    (e) => (e.site === null ? null : (SITE_BY_NAME.get(e.site)?.item.id ?? null)),
    (e) => (e.site === null || e.site === '' ? null : e.site),
  ),
  date('work.startDate', 'Start date', (e) => e.startDate),
  def(
    'work.reportsTo',
    'Reports to',
    'employee-reference',
    (e, ctx) => {
      const m = manager(e, ctx.company);
      if (m === undefined) return null;
      const { id, email, firstName, surname } = m;
      return { displayName: displayName(m), email, surname, firstName, id };
    },
    (e, ctx) => {
      const m = manager(e, ctx.company);
      return m === undefined ? null : displayName(m);
    },
  ),
  def(
    'work.manager',
    'Manager',
    'employee-reference',
    (e, ctx) => manager(e, ctx.company)?.id ?? null,
    (e, ctx) => {
      const m = manager(e, ctx.company);
      return m === undefined ? null : displayName(m);
    },
  ),
  def(
    'work.reportsToIdInCompany',
    'Reports to (employee ID)',
    'number',
    (e, ctx) => manager(e, ctx.company)?.employeeIdInCompany ?? null,
  ),
  def('internal.status', 'Status', 'text', (e) => e.status),
  def(
    'internal.lifecycleStatus',
    'Lifecycle status',
    'text',
    (e) => e.lifecycleStatus,
    (e) => e.lifecycleStatus.charAt(0).toUpperCase() + e.lifecycleStatus.slice(1),
  ),
  date('internal.terminationDate', 'Termination date', (e) => e.terminationDate),
  list('payroll.employment.type', 'Employment type', 'payrollEmploymentType', (e) => {
    return e.employmentType;
  }),
  def('address.siteCountry', 'Site country', 'text', (e) =>
    e.site === null ? null : (SITE_BY_NAME.get(e.site)?.country ?? null),
  ),
];

/** Sensitive ids the catalogue lists (NOTES §5); any other id in those categories is marked too. */
export const SENSITIVE_FIELD_IDS: readonly string[] = [
  'payroll.salary.payment',
  'payroll.salary.yearlyPayment',
  'payroll.salary.monthlyPayment',
  'payroll.salary.payFrequency',
  'payroll.employment.contract',
  'payroll.nin',
  'payroll.taxCode',
  'identification.ssn',
  'financial.iban',
  'financial.accountNumber',
  'home.privateEmail',
  'home.mobilePhone',
  'home.legalGender',
  'address.line1',
  'address.city',
  'address.zipCode',
  'address.country',
  'address.fullAddress',
  'personal.birthDate',
  'personal.nationality',
  'eeo.ethnicity',
  'emergency.firstName',
  'about.about',
  'peopleAnalytics.flightRisk',
];

function sensitiveDef(id: string): FieldDef {
  const base = def(id, id, 'text', (e) => sensitiveValue(id, e.id));
  return { ...base, sensitive: true };
}

const KNOWN: ReadonlyMap<string, FieldDef> = new Map([
  ...FIELDS.map((f) => [f.id, f] as const),
  ...SENSITIVE_FIELD_IDS.map((id) => [id, sensitiveDef(id)] as const),
]);

/** The definition behind a requested id, or null (silently omitted, as HiBob does). */
export function resolveField(id: string): FieldDef | null {
  const canonical = canonicalFieldId(id);
  const known = KNOWN.get(canonical);
  if (known !== undefined) return known;
  if (!isSensitiveFieldId(canonical) || canonical.split('.').length < 2) return null;
  return sensitiveDef(canonical);
}

/** Every field the catalogue describes (`GET /v1/company/people/fields`). */
export function catalogueFields(): FieldDef[] {
  return [...KNOWN.values()];
}

/**
 * No `fields` in the request: HiBob answers the basic fields and the About, Employment and Work
 * categories (NOTES §3), which is why Rollcall never sends an empty list. `about.*` is marked.
 */
export const DEFAULT_FIELD_IDS: readonly string[] = [
  'root.id',
  'root.companyId',
  'root.email',
  'root.firstName',
  'root.surname',
  'root.displayName',
  'root.creationDateTime',
  ...FIELDS.filter((f) => f.category === 'work').map((f) => f.id),
  'about.about',
  'about.hobbies',
];
