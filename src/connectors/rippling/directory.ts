import { cleanText } from '../../core/employee.ts';
import {
  ripplingDepartmentSchema,
  ripplingWorkLocationSchema,
  type RipplingWorkLocation,
} from './api.ts';

/** A work location as the mapper needs it. */
export interface RipplingLocation {
  name: string | null;
  country: string | null;
}

/**
 * Departments and work locations, read from their own endpoints and joined to employees by id
 * (NOTES §2): employees carry `departmentId` / `workLocationId`, or only a department name and a
 * work address when the key lacks those scopes, in which case the join falls back to the
 * department's name and the location's address when exactly one matches.
 */
export interface RipplingDirectory {
  departments: ReadonlyMap<string, string | null>;
  /** Lower-cased name → id; null when two departments share the name. */
  departmentIdByName: ReadonlyMap<string, string | null>;
  locations: ReadonlyMap<string, RipplingLocation>;
  /** Address key → id; null when two locations share the address. */
  locationIdByAddress: ReadonlyMap<string, string | null>;
}

export const EMPTY_DIRECTORY: RipplingDirectory = {
  departments: new Map(),
  departmentIdByName: new Map(),
  locations: new Map(),
  locationIdByAddress: new Map(),
};

/** Builds the lookups; elements without the documented shape are skipped and counted. */
export function buildRipplingDirectory(
  rawDepartments: readonly unknown[],
  rawLocations: readonly unknown[],
): { directory: RipplingDirectory; skipped: number } {
  let skipped = 0;
  const departments = new Map<string, string | null>();
  const departmentIdByName = new Map<string, string | null>();
  for (const raw of rawDepartments) {
    const parsed = ripplingDepartmentSchema.safeParse(raw);
    const id = parsed.success ? cleanText(parsed.data.id) : null;
    if (!parsed.success || id === null) {
      skipped++;
      continue;
    }
    const name = cleanText(parsed.data.name);
    departments.set(id, name);
    if (name !== null) addUnique(departmentIdByName, name.toLowerCase(), id);
  }
  const locations = new Map<string, RipplingLocation>();
  const locationIdByAddress = new Map<string, string | null>();
  for (const raw of rawLocations) {
    const parsed = ripplingWorkLocationSchema.safeParse(raw);
    const id = parsed.success ? cleanText(parsed.data.id) : null;
    if (!parsed.success || id === null) {
      skipped++;
      continue;
    }
    locations.set(id, {
      name: cleanText(parsed.data.nickname),
      country: cleanText(parsed.data.address?.country),
    });
    const key = addressKey(parsed.data.address);
    if (key !== null) addUnique(locationIdByAddress, key, id);
  }
  return {
    directory: { departments, departmentIdByName, locations, locationIdByAddress },
    skipped,
  };
}

type Address = RipplingWorkLocation['address'];

/** Street, city, zip and country, trimmed and lower-cased; null without street, city or country. */
export function addressKey(address: Address): string | null {
  if (address === null || address === undefined) return null;
  const parts = [address.streetLine1, address.city, address.zip, address.country].map(
    (part) => cleanText(part)?.toLowerCase() ?? '',
  );
  const [street, city, , country] = parts;
  if (street === '' || city === '' || country === '') return null;
  return parts.join('|');
}

function addUnique(map: Map<string, string | null>, key: string, id: string): void {
  const existing = map.get(key);
  map.set(key, existing === undefined || existing === id ? id : null);
}
