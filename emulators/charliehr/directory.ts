import { fromDay, toDay } from '../shared/dates.ts';
import { DEPARTMENTS, LOCATIONS } from '../shared/catalog.ts';
import {
  GeneratedCompany,
  sensitiveValue,
  type CompanyOptions,
  type Person,
} from '../shared/company.ts';

/**
 * The generated company in the shapes this emulator assumes for CharlieHR (NOTES §5: only `id`,
 * `first_name`, `last_name`, `display_name`, `date_of_birth` and `start_date` are confirmed; the
 * rest is listed in README "Assumptions"). Lists are rendered once per company version.
 */

/** Keys answered with a marked sensitive value (NOTES §5: personal details in list/detail). */
export const SENSITIVE_MEMBER_KEYS = [
  'date_of_birth',
  'gender',
  'married',
  'personal_email',
  'phone_number',
  'address_line_1',
  'address_line_2',
  'city',
  'postcode',
  'country',
] as const;

export const SENSITIVE_FIELD_IDS: readonly string[] = SENSITIVE_MEMBER_KEYS.map(
  (k) => `team_members.${k}`,
);

export type Row = Record<string, unknown> & { id: string };

export interface Rendered {
  teamMembers: Row[];
  teams: Row[];
  offices: Row[];
}

/** Ids look like `team_member_XXX` (NOTES §5). */
export function createCharlieHrCompany(options: CompanyOptions = {}): GeneratedCompany {
  return new GeneratedCompany(options, (index, rng) => `team_member_${rng.hex(10)}${index}`);
}

export const teamId = (index: number): string => `team_${index + 1}`;
export const officeId = (index: number): string => `office_${index + 1}`;

export class CharlieHrDirectory {
  private cache: { version: number; lists: Rendered } | undefined;

  constructor(readonly company: GeneratedCompany) {}

  lists(): Rendered {
    if (this.cache?.version !== this.company.version) {
      this.cache = { version: this.company.version, lists: this.render() };
    }
    return this.cache.lists;
  }

  /**
   * The leaving date as rendered: every leaver has one (assumed: offboarding asks for a final
   * day), so the generated company's undated leavers get one 30 days after their start.
   */
  endDateOf(person: Person): string | null {
    if (person.lifecycle === 'terminated' && person.terminationDate === null) {
      return fromDay(toDay(person.startDate) + 30);
    }
    return person.terminationDate;
  }

  private render(): Rendered {
    return {
      teamMembers: this.company.all().map((p) => this.member(p)),
      teams: DEPARTMENTS.map((d, i) => ({ id: teamId(i), name: d.name })),
      offices: LOCATIONS.map((l, i) => ({
        id: officeId(i),
        name: l.name,
        country: l.countryCode,
        city: l.city,
      })),
    };
  }

  private member(person: Person): Row {
    const team = DEPARTMENTS.findIndex((d) => d.name === person.department);
    const office = LOCATIONS.findIndex((l) => l.name === person.location);
    return {
      id: person.id,
      first_name: person.firstName,
      last_name: person.lastName,
      display_name: `${person.firstName} ${person.lastName}`,
      email: person.email,
      job_title: person.title,
      team: team < 0 ? null : teamId(team),
      office: office < 0 ? null : officeId(office),
      line_manager: person.managerId,
      start_date: person.startDate,
      end_date: this.endDateOf(person),
      profile_picture: null,
      ...Object.fromEntries(SENSITIVE_MEMBER_KEYS.map((k) => [k, sensitiveValue(k, person.id)])),
    };
  }
}
