import { readJsonFixture } from '../shared/fixture.ts';

/** Which list a shared sample answers. */
export type RipplingFixtureKind = 'employees' | 'departments' | 'work_locations';

/** A shared sample file served verbatim (read in place, never copied into the repository). */
export interface RipplingFixture {
  kind: RipplingFixtureKind;
  path: string;
  body: Buffer;
}

/**
 * Reads a V1 sample (a bare JSON array) and recognises its list from the first element:
 * `roleState` → employees, `nickname` → work locations, `name` + `parent` → departments.
 */
export async function loadRipplingFixture(path: string): Promise<RipplingFixture> {
  const { body, parsed } = await readJsonFixture(path);
  const first: unknown = Array.isArray(parsed) ? parsed[0] : undefined;
  if (typeof first === 'object' && first !== null) {
    if ('roleState' in first) return { kind: 'employees', path, body };
    if ('nickname' in first) return { kind: 'work_locations', path, body };
    if ('name' in first && 'parent' in first) return { kind: 'departments', path, body };
  }
  throw new Error(
    `Fixture ${path} is not a Rippling V1 list (employees, departments or work_locations array)`,
  );
}
