/**
 * The vendor-neutral org chart every generated company draws from: departments with their titles
 * and spans, work locations with countries, employment types. Each vendor emulator renders these
 * in its own vocabulary (ids, enum spellings, country names or codes).
 */

export interface DepartmentDef {
  name: string;
  /** Relative share of the workforce. */
  weight: number;
  headTitle: string;
  managerTitle: string;
  titles: readonly string[];
  /** Direct reports per manager in this department. */
  span: number;
}

export interface LocationDef {
  name: string;
  city: string | null;
  /** ISO 3166-1 alpha-2, null for remote. */
  countryCode: string | null;
  /** English country name, null for remote. */
  countryName: string | null;
  weight: number;
}

/** What a person is employed as; each vendor spells it its own way. */
export const EMPLOYMENT_KINDS = ['full_time', 'part_time', 'contractor', 'intern'] as const;
export type EmploymentKind = (typeof EMPLOYMENT_KINDS)[number];

export const CEO_TITLE = 'Chief Executive Officer';

function dept(
  name: string,
  weight: number,
  headTitle: string,
  managerTitle: string,
  titles: readonly string[],
  span = 7,
): DepartmentDef {
  return { name, weight, headTitle, managerTitle, titles, span };
}

/** The first department holds the CEO (person 0); each department's first member heads it. */
export const DEPARTMENTS: readonly DepartmentDef[] = [
  dept('Management', 0.4, CEO_TITLE, 'Chief of Staff', ['Executive Assistant'], 8),
  dept('Engineering', 30, 'VP Engineering', 'Engineering Manager', [
    'Software Engineer',
    'Senior Software Engineer',
    'QA Engineer',
    'Site Reliability Engineer',
  ]),
  dept('Product', 6, 'VP Product', 'Group Product Manager', [
    'Product Manager',
    'Product Designer',
  ]),
  dept('Sales', 18, 'VP Sales', 'Sales Manager', [
    'Account Executive',
    'Sales Development Representative',
    'Solutions Engineer',
  ]),
  dept('Marketing', 7, 'CMO', 'Marketing Manager', ['Content Strategist', 'Growth Marketer']),
  dept('Customer Success', 12, 'VP Customer Success', 'Support Team Lead', [
    'Customer Success Manager',
    'Support Specialist',
  ]),
  dept('People', 4, 'Chief People Officer', 'HR Manager', ['HR Business Partner', 'Recruiter']),
  dept('Finance', 4, 'CFO', 'Finance Manager', ['Accountant', 'Financial Analyst']),
  dept('Operations', 8, 'COO', 'Operations Manager', ['Operations Coordinator', 'Office Manager']),
];

export const LOCATIONS: readonly LocationDef[] = [
  {
    name: 'New York HQ',
    city: 'New York',
    countryCode: 'US',
    countryName: 'United States',
    weight: 30,
  },
  { name: 'London', city: 'London', countryCode: 'GB', countryName: 'United Kingdom', weight: 20 },
  { name: 'Berlin', city: 'Berlin', countryCode: 'DE', countryName: 'Germany', weight: 14 },
  { name: 'Madrid', city: 'Madrid', countryCode: 'ES', countryName: 'Spain', weight: 8 },
  { name: 'Toronto', city: 'Toronto', countryCode: 'CA', countryName: 'Canada', weight: 8 },
  { name: 'Sydney', city: 'Sydney', countryCode: 'AU', countryName: 'Australia', weight: 6 },
  { name: 'São Paulo', city: 'São Paulo', countryCode: 'BR', countryName: 'Brazil', weight: 5 },
  { name: 'Remote', city: null, countryCode: null, countryName: null, weight: 9 },
];

/** Shares of each employment kind (full-time dominates, as in real directories). */
export const EMPLOYMENT_KIND_WEIGHTS: readonly (readonly [EmploymentKind, number])[] = [
  ['full_time', 80],
  ['part_time', 8],
  ['contractor', 8],
  ['intern', 4],
];
