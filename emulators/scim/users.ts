import type { EmploymentKind } from '../shared/catalog.ts';
import {
  GeneratedCompany,
  locationOf,
  seededUuid,
  sensitiveValue,
  type CompanyOptions,
  type Person,
} from '../shared/company.ts';

export { SENSITIVE_MARKER } from '../shared/company.ts';

/** Schema URNs the emulator answers with (RFC 7643 §8.3 plus one vendor extension). */
export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/**
 * An HR vendor's own extension, as SCIM servers of HR systems add them: start and termination
 * dates (which SCIM lacks) next to pay and birth date (sensitive).
 */
export const HRIS_EXTENSION = 'urn:example:params:scim:schemas:extension:hris:2.0:User';

/**
 * Attribute paths the emulator answers with marked sensitive values (`SENSITIVE-…`) whenever a
 * client does not narrow `attributes`. Home emails and home addresses are marked too: they arrive
 * with `emails.value` / `addresses.locality`, and a client must drop them by their `type`.
 */
export const SENSITIVE_ATTRIBUTES = [
  'phoneNumbers',
  'ims',
  'photos',
  'x509Certificates',
  'addresses.streetAddress',
  'addresses.postalCode',
  'addresses.region',
  'addresses.formatted',
  `${ENTERPRISE_USER}:costCenter`,
  `${HRIS_EXTENSION}:salary`,
  `${HRIS_EXTENSION}:birthDate`,
] as const;

/** The company an SCIM emulator serves: UUID ids, as most service providers assign them. */
export function createScimCompany(options: CompanyOptions = {}): GeneratedCompany {
  return new GeneratedCompany(options, (_index, rng) => seededUuid(rng));
}

const USER_TYPES: Record<EmploymentKind, string> = {
  full_time: 'Employee',
  part_time: 'Part-Time',
  contractor: 'Contractor',
  intern: 'Intern',
};

export interface RenderOptions {
  /** `meta.location` prefix, e.g. `http://127.0.0.1:5000/scim/v2`. */
  serviceRoot: string;
  /** A fixed instant (ms) for `meta.lastModified`, so answers are deterministic. */
  generatedAt: string;
}

/**
 * One person as a full SCIM User (RFC 7643 §8.3 shape), every attribute the emulator knows,
 * before any `attributes` projection. Leavers stay listed with `active: false` (NOTES §7 "soft").
 * `password` is never rendered: its `returned` is "never" (RFC 7643 §4.1.1).
 */
export function renderUser(
  company: GeneratedCompany,
  person: Person,
  options: RenderOptions,
): Record<string, unknown> {
  const id = person.id;
  const manager = company.manager(person);
  const location = locationOf(person);
  const mark = (field: string): string => sensitiveValue(field, id);
  const addresses: Record<string, unknown>[] = [
    {
      type: 'home',
      streetAddress: mark('addresses.streetAddress'),
      locality: mark('addresses.locality'),
      region: mark('addresses.region'),
      postalCode: mark('addresses.postalCode'),
      country: mark('addresses.country'),
      formatted: mark('addresses.formatted'),
    },
  ];
  if (location?.city) {
    addresses.unshift({
      type: 'work',
      primary: true,
      streetAddress: `1 ${location.name} Plaza`,
      locality: location.city,
      country: location.countryCode,
      formatted: `1 ${location.name} Plaza\n${location.city}`,
    });
  }
  const emails: Record<string, unknown>[] = [
    { value: `${mark('emails.home')}@home.example`, type: 'home' },
  ];
  if (person.email !== null) emails.unshift({ value: person.email, type: 'work', primary: true });
  const enterprise: Record<string, unknown> = {
    employeeNumber: person.employeeNumber,
    department: person.department,
    organization: 'Acme',
    costCenter: mark('costCenter'),
  };
  if (person.managerId !== null) {
    enterprise['manager'] = {
      value: person.managerId,
      $ref: `../Users/${person.managerId}`,
      ...(manager ? { displayName: `${manager.firstName} ${manager.lastName}` } : {}),
    };
  }
  return {
    schemas: [CORE_USER, ENTERPRISE_USER, HRIS_EXTENSION],
    id,
    externalId: person.employeeNumber,
    userName: person.email ?? `employee-${person.index}`,
    name: {
      givenName: person.firstName,
      familyName: person.lastName,
      formatted: `${person.firstName} ${person.lastName}`,
    },
    displayName: `${person.firstName} ${person.lastName}`,
    emails,
    phoneNumbers: [{ value: mark('phoneNumbers'), type: 'mobile' }],
    ims: [{ value: mark('ims'), type: 'xmpp' }],
    photos: [{ value: `https://photos.example/${mark('photos')}`, type: 'photo' }],
    addresses,
    title: person.title,
    userType: person.employmentKind === null ? null : USER_TYPES[person.employmentKind],
    active: !company.isTerminated(person),
    x509Certificates: [{ value: mark('x509Certificates') }],
    groups: [],
    [ENTERPRISE_USER]: enterprise,
    [HRIS_EXTENSION]: {
      startDate: person.startDate,
      terminationDate: person.terminationDate,
      salary: mark('salary'),
      birthDate: mark('birthDate'),
    },
    meta: {
      resourceType: 'User',
      created: `${person.startDate}T09:00:00Z`,
      lastModified: options.generatedAt,
      version: `W/"${company.version}-${person.index}"`,
      location: `${options.serviceRoot}/Users/${id}`,
    },
  };
}
