import { gustoDepartmentSchema, gustoLocationSchema } from './api.ts';
import { countryName, locationName, type GustoLocation } from './map.ts';

/**
 * Department uuid → name, from the departments list. Elements without a uuid or title are
 * skipped: an employee's own `department` string covers them.
 */
export function departmentLookup(items: readonly unknown[]): Map<string, string> {
  const departments = new Map<string, string>();
  for (const item of items) {
    const parsed = gustoDepartmentSchema.safeParse(item);
    if (parsed.success && typeof parsed.data.title === 'string') {
      departments.set(parsed.data.uuid, parsed.data.title);
    }
  }
  return departments;
}

/** Location uuid → "City, ST" and country name, from (pages of) the locations list. */
export function addLocations(
  into: Map<string, GustoLocation>,
  items: readonly unknown[],
): Map<string, GustoLocation> {
  for (const item of items) {
    const parsed = gustoLocationSchema.safeParse(item);
    if (!parsed.success) continue;
    const { uuid, city, state, country } = parsed.data;
    into.set(uuid, { name: locationName(city, state), country: countryName(country) });
  }
  return into;
}
