import { DEPARTMENTS, LOCATIONS, type LocationDef } from '../shared/catalog.ts';
import {
  GeneratedCompany,
  locationOf,
  seededUuid,
  type CompanyOptions,
  type Person,
} from '../shared/company.ts';
import { createRandom, deriveSeed } from '../shared/random.ts';

/** US state of each catalogue location Gusto would hold (Gusto locations are addresses). */
const US_STATES: Readonly<Record<string, string>> = { 'New York': 'NY' };

export interface GustoLocationRecord {
  uuid: string;
  def: LocationDef;
}

/**
 * The generated company as Gusto holds it: people with UUIDs, one company UUID, and a UUID per
 * department and per work location (the "Remote" catalogue entry is no Gusto location: remote
 * people have a job without `location_uuid`).
 */
export class GustoCompany extends GeneratedCompany {
  readonly uuid: string;
  readonly adminUuid: string;
  private readonly departmentUuids = new Map<string, string>();
  private readonly locationRecords = new Map<string, GustoLocationRecord>();

  constructor(options: CompanyOptions = {}, companyUuid?: string) {
    super(options, (_index, rng) => seededUuid(rng));
    const rng = createRandom(deriveSeed(this.options.seed, 'gusto-ids'));
    this.uuid = companyUuid ?? seededUuid(rng);
    this.adminUuid = seededUuid(rng);
    for (const d of DEPARTMENTS) this.departmentUuids.set(d.name, seededUuid(rng));
    for (const l of LOCATIONS) {
      if (l.city !== null) this.locationRecords.set(l.name, { uuid: seededUuid(rng), def: l });
    }
  }

  /** Department name → uuid (every catalogue department, staffed or not). */
  departmentUuid(name: string | null): string | null {
    return name === null ? null : (this.departmentUuids.get(name) ?? null);
  }

  departments(): { uuid: string; name: string }[] {
    return [...this.departmentUuids].map(([name, uuid]) => ({ uuid, name }));
  }

  /** The Gusto location of a person's work location, or undefined (remote, unknown). */
  locationOf(person: Person): GustoLocationRecord | undefined {
    const def = locationOf(person);
    return def === undefined ? undefined : this.locationRecords.get(def.name);
  }

  locations(): GustoLocationRecord[] {
    return [...this.locationRecords.values()];
  }

  stateOf(def: LocationDef): string | null {
    return def.countryCode === 'US' && def.city !== null ? (US_STATES[def.city] ?? null) : null;
  }
}
