/**
 * The option lists of the generated company (departments, titles, locations, employment statuses).
 * BambooHR rows reference these by name string, and `GET /v1/meta/lists` lists them with ids.
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

export const EXECUTIVE = 'Executive';
export const CEO_TITLE = 'Chief Executive Officer';

export const DEPARTMENTS: readonly DepartmentDef[] = [
  dept(EXECUTIVE, 0.4, CEO_TITLE, 'Chief of Staff', ['Executive Assistant'], 8),
  dept('Engineering', 28, 'VP of Engineering', 'Engineering Manager', [
    'Software Engineer',
    'Senior Software Engineer',
    'Staff Engineer',
    'QA Engineer',
    'Site Reliability Engineer',
  ]),
  dept('Product', 6, 'VP of Product', 'Group Product Manager', [
    'Product Manager',
    'Product Designer',
    'UX Researcher',
  ]),
  dept('Sales', 18, 'VP of Sales', 'Sales Manager', [
    'Account Executive',
    'Sales Development Representative',
    'Solutions Engineer',
  ]),
  dept('Marketing', 7, 'VP of Marketing', 'Marketing Manager', [
    'Content Marketer',
    'Marketing Specialist',
    'Growth Analyst',
  ]),
  dept('Customer Success', 12, 'VP of Customer Success', 'Support Team Lead', [
    'Customer Success Manager',
    'Support Specialist',
    'Implementation Consultant',
  ]),
  dept('Human Resources', 4, 'Chief People Officer', 'HR Manager', [
    'HR Administrator',
    'Sr. HR Administrator',
    'Recruiter',
    'People Partner',
  ]),
  dept('Finance', 4, 'Chief Financial Officer', 'Finance Manager', [
    'Accountant',
    'Financial Analyst',
    'Payroll Specialist',
  ]),
  dept('Operations', 8, 'VP of Operations', 'Operations Manager', [
    'Operations Coordinator',
    'Facilities Coordinator',
    'Warehouse Associate',
  ]),
  dept('IT', 4, 'Head of IT', 'IT Manager', [
    'IT Support Specialist',
    'Systems Administrator',
    'IT Security Engineer',
  ]),
  dept('Legal', 2, 'General Counsel', 'Legal Manager', ['Paralegal', 'Legal Counsel']),
  dept('Research & Development', 7, 'Head of R&D', 'Research Lead', [
    'Research Scientist',
    'Lab Technician',
    'Data Scientist',
  ]),
];

function dept(
  name: string,
  weight: number,
  headTitle: string,
  managerTitle: string,
  titles: readonly string[],
  span = 6,
): DepartmentDef {
  return { name, weight, headTitle, managerTitle, titles, span };
}

export interface LocationDef {
  name: string;
  division: string;
  weight: number;
  /** Work phone prefix; the rest is derived from the employee id. */
  phone: string;
}

export const LOCATIONS: readonly LocationDef[] = [
  { name: 'Salt Lake City, Utah', division: 'North America', weight: 30, phone: '801-724-' },
  { name: 'New York, NY', division: 'North America', weight: 12, phone: '212-555-' },
  { name: 'Vancouver, Canada', division: 'North America', weight: 6, phone: '604-555-' },
  { name: 'London, UK', division: 'Europe', weight: 12, phone: '+44 207 555 ' },
  { name: 'Dublin, Ireland', division: 'Europe', weight: 4, phone: '+353 1 555 ' },
  { name: 'Berlin, Germany', division: 'Europe', weight: 5, phone: '+49 30 5555 ' },
  { name: 'Kraków, Poland', division: 'Europe', weight: 4, phone: '+48 12 555 ' },
  { name: 'São Paulo, Brazil', division: 'Latin America', weight: 4, phone: '+55 11 5555 ' },
  { name: 'Lagos, Nigeria', division: 'Africa', weight: 2, phone: '+234 1 555 ' },
  { name: 'Sydney, Australia', division: 'Asia-Pacific', weight: 7, phone: '+61 2 5555 ' },
  { name: 'Tokyo, Japan', division: 'Asia-Pacific', weight: 3, phone: '+81 3 5555 ' },
  { name: 'Bengaluru, India', division: 'Asia-Pacific', weight: 4, phone: '+91 80 5555 ' },
  { name: 'Remote Worker', division: 'North America', weight: 7, phone: '385-555-' },
];

export const TERMINATED = 'Terminated';

/** Employment types (BambooHR `employmentHistoryStatus`), weighted for active people. */
export const EMPLOYMENT_TYPES: readonly (readonly [string, number])[] = [
  ['Full-Time', 82],
  ['Part-Time', 8],
  ['Contractor', 6],
  ['Intern', 3],
];

/** Options that exist in the lists but no current employee uses (archived in the admin UI). */
export const ARCHIVED_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  department: ['Facilities (old)'],
  location: ['Boston, MA'],
  employmentHistoryStatus: ['Furloughed'],
  jobTitle: [],
  division: [],
};

export const PREFERRED_NAMES: readonly string[] = [
  'Alex',
  'Sam',
  'Jo',
  'Max',
  'Bea',
  'Kit',
  'Nico',
  'Lou',
  'Dani',
  'Teddy',
];
