/**
 * The named lists of the generated HiBob company (NOTES §3 "named lists"): departments, job titles,
 * sites and payroll employment types, each item with the integer id HiBob gives list items. Site
 * ids and names of the two demo sites come from the shared fixtures; every other id is invented.
 */

export interface ListItem {
  id: number;
  name: string;
  archived: boolean;
}

export interface DepartmentDef {
  item: ListItem;
  /** Relative share of the workforce. */
  weight: number;
  headTitle: string;
  managerTitle: string;
  titles: readonly string[];
  /** Direct reports per manager in this department. */
  span: number;
}

export interface SiteDef {
  item: ListItem;
  /** `address.siteCountry`, as HiBob writes it ("United Kingdom"). Null for remote. */
  country: string | null;
  weight: number;
}

export const CEO_TITLE = 'Chief Executive Officer';

let nextDepartmentId = 100_001;
function dept(
  name: string,
  weight: number,
  headTitle: string,
  managerTitle: string,
  titles: readonly string[],
  span = 7,
): DepartmentDef {
  return {
    item: { id: nextDepartmentId++, name, archived: false },
    weight,
    headTitle,
    managerTitle,
    titles,
    span,
  };
}

export const DEPARTMENTS: readonly DepartmentDef[] = [
  dept('Management', 0.4, CEO_TITLE, 'Chief of Staff', ['Executive Assistant'], 8),
  dept('R&D', 30, 'VP R&D', 'Team Lead', [
    'Software Engineer',
    'Senior Software Engineer',
    'QA Engineer',
    'DevOps Engineer',
  ]),
  dept('Product', 6, 'VP Product', 'Group Product Manager', ['Product Manager', 'Designer']),
  dept('Sales', 18, 'VP Sales', 'Sales Manager', [
    'Account Executive',
    'Business Development Manager',
    'Sales Engineer',
  ]),
  dept('Marketing', 7, 'CMO', 'Marketing Manager', ['Content Writer', 'Marketing Specialist']),
  dept('Customer Success', 12, 'VP Customer Success', 'Support Team Lead', [
    'Customer Success Manager',
    'Support Specialist',
  ]),
  dept('People', 4, 'Chief People Officer', 'HR Manager', ['HR Business Partner', 'Recruiter']),
  dept('Accounting', 4, 'CFO', 'Finance Manager', ['Accountant', 'Financial Analyst']),
  dept('Operations', 8, 'COO', 'Operations Manager', ['Operations Coordinator', 'Office Manager']),
];

/** A department no one is in any more: the named list still shows it, archived. */
export const ARCHIVED_DEPARTMENT: ListItem = { id: 100_099, name: 'Legacy Ops', archived: true };

const titleNames = [
  ...new Set(DEPARTMENTS.flatMap((d) => [d.headTitle, d.managerTitle, ...d.titles])),
].sort();
/** Job titles are a named list too; ids are assigned in alphabetical order. */
export const TITLES: readonly ListItem[] = titleNames.map((name, i) => ({
  id: 200_001 + i,
  name,
  archived: false,
}));

export const SITES: readonly SiteDef[] = [
  site(708868, 'New York (Demo)', 'United States', 30),
  site(1814407, 'London (Demo)', 'United Kingdom', 22),
  site(1900001, 'Tel Aviv', 'Israel', 16),
  site(1900002, 'Berlin', 'Germany', 10),
  site(1900003, 'Paris', 'France', 8),
  site(1900004, 'Sydney', 'Australia', 6),
  site(1900005, 'Remote', null, 8),
];

function site(id: number, name: string, country: string | null, weight: number): SiteDef {
  return { item: { id, name, archived: false }, country, weight };
}

/** `payroll.employment.type` values (list `payrollEmploymentType`) and their shares. */
export const EMPLOYMENT_TYPES: readonly (readonly [ListItem, number])[] = [
  [{ id: 300_001, name: 'Permanent', archived: false }, 78],
  [{ id: 300_002, name: 'Fixed term', archived: false }, 8],
  [{ id: 300_003, name: 'Contractor', archived: false }, 8],
  [{ id: 300_004, name: 'Intern', archived: false }, 4],
  [{ id: 300_005, name: 'Freelance', archived: false }, 2],
];

/** Machine lifecycle values (NOTES §5/§6: `employed` is confirmed, the others are not). */
export const LIFECYCLE = {
  employed: 'employed',
  terminated: 'terminated',
  leave: 'leave',
  hired: 'hired',
} as const;
export type LifecycleStatus = (typeof LIFECYCLE)[keyof typeof LIFECYCLE];

/** Every named list by its API name (`GET /v1/company/named-lists/{listName}`). */
export const NAMED_LISTS: Readonly<Record<string, readonly ListItem[]>> = {
  department: [...DEPARTMENTS.map((d) => d.item), ARCHIVED_DEPARTMENT],
  title: TITLES,
  site: SITES.map((s) => s.item),
  payrollEmploymentType: EMPLOYMENT_TYPES.map(([item]) => item),
};

const byName = (items: readonly ListItem[]): ReadonlyMap<string, ListItem> =>
  new Map(items.map((item) => [item.name, item]));

/** List name → item name → item, for answering list fields with ids. */
export const LIST_INDEX: Readonly<Record<string, ReadonlyMap<string, ListItem>>> =
  Object.fromEntries(Object.entries(NAMED_LISTS).map(([name, items]) => [name, byName(items)]));

export const SITE_BY_NAME: ReadonlyMap<string, SiteDef> = new Map(
  SITES.map((s) => [s.item.name, s]),
);
