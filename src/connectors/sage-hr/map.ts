import type { z } from 'zod';
import {
  cleanText,
  safeParseEmployee,
  type EmploymentStatus,
  type NormalizedEmployee,
} from '../../core/employee.ts';
import {
  sageHrEmployeeSchema,
  sageHrPositionSchema,
  sageHrTeamSchema,
  sageHrTerminatedSchema,
  type SageHrEmployee,
  type SageHrTerminated,
} from './api.ts';
import { parseIsoDate, cleanEmail, rawRecordId, describeIssues } from '../values.ts';
import { isRehire, startsAfter } from '../lifecycle.ts';

/** Per-record mapping failures; the record still counts as present (DESIGN "Plan"). */
export type SageHrMapErrorCode = 'missing_id' | 'invalid_record';

export type SageHrMapResult =
  | { ok: true; employee: NormalizedEmployee }
  | { ok: false; externalId: string | null; code: SageHrMapErrorCode; message: string };

/** id → name lookups from `/api/positions` and `/api/teams`. */
export type SageHrLookup = ReadonlyMap<string, string>;

export interface SageHrMapOptions {
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
  /** Position titles by id, for records that carry `position_id` but a null `position`. */
  positions?: SageHrLookup;
  /** Team names by id, for records that carry `team_id` but a null `team`. */
  teams?: SageHrLookup;
}

/**
 * One person as Sage HR lists them: the record of `/api/employees` (`active`), the record of
 * `/api/terminated-employees` (`terminated`), or both when a person is in both lists.
 */
export interface SageHrSources {
  active?: unknown;
  terminated?: unknown;
}

/**
 * Maps one person to a NormalizedEmployee. Pure, total and deterministic. The active record gives
 * team, position, manager and employment type; the terminated record adds the termination date
 * (and fills names, email and number when the active record lacks them). Lifecycle:
 * 1. In the terminated list with a date after the active record's start → a rehire: active (or
 *    pending), the old termination is history.
 * 2. In the terminated list with a date after today → still employed until then.
 * 3. In the terminated list otherwise (date ≤ today, or no date) → terminated.
 * 4. A start date after today → pending; else active.
 */
export function mapSageHrPerson(
  sources: SageHrSources,
  options: SageHrMapOptions,
): SageHrMapResult {
  if (parseIsoDate(options.today) === null) {
    throw new Error(`mapSageHrPerson: today must be YYYY-MM-DD, got ${String(options.today)}`);
  }
  const active = parseSource(sources.active, sageHrEmployeeSchema, 'employee');
  const terminated = parseSource(sources.terminated, sageHrTerminatedSchema, 'terminated employee');
  if (!active.ok) return active;
  if (!terminated.ok) return terminated;
  const a = active.value;
  const t = terminated.value;
  const externalId = cleanText(a?.id) ?? cleanText(t?.id);
  if (externalId === null) {
    return { ok: false, externalId: null, code: 'missing_id', message: 'the employee has no id' };
  }
  const employee = toNormalizedEmployee(externalId, a, t, options);
  const checked = safeParseEmployee(employee);
  if (!checked.success) {
    return {
      ok: false,
      externalId,
      code: 'invalid_record',
      message: `the mapped record is not valid (${describeIssues(checked.error.issues, '(record)')})`,
    };
  }
  return { ok: true, employee: checked.data };
}

function toNormalizedEmployee(
  externalId: string,
  a: SageHrEmployee | null,
  t: SageHrTerminated | null,
  options: SageHrMapOptions,
): NormalizedEmployee {
  const startDate =
    parseIsoDate(a?.employment_start_date) ?? parseIsoDate(t?.employment_start_date);
  const terminationDate = parseIsoDate(t?.termination_date);
  const rehire = a !== null && isRehire(startDate, terminationDate);
  const positionId = cleanText(a?.position_id);
  const teamId = cleanText(a?.team_id);
  return {
    externalId,
    employeeNumber: cleanText(a?.employee_number) ?? cleanText(t?.employee_number),
    firstName: cleanText(a?.first_name) ?? cleanText(t?.first_name),
    lastName: cleanText(a?.last_name) ?? cleanText(t?.last_name),
    workEmail: cleanEmail(a?.email) ?? cleanEmail(t?.email),
    department: cleanText(a?.team) ?? lookup(options.teams, teamId),
    departmentId: teamId,
    departmentType: null,
    jobTitle:
      cleanText(a?.position) ?? lookup(options.positions, positionId) ?? cleanText(t?.position),
    employeeType: cleanText(a?.employment_status),
    location: null,
    locationId: null,
    country: null,
    managerExternalId: cleanText(a?.reports_to_employee_id),
    managerName: null,
    managerEmail: null,
    employmentStatus: statusOf(t !== null, rehire, startDate, terminationDate, options.today),
    startDate,
    terminationDate: rehire ? null : terminationDate,
  };
}

function statusOf(
  listedAsTerminated: boolean,
  rehire: boolean,
  startDate: string | null,
  terminationDate: string | null,
  today: string,
): EmploymentStatus {
  const startsLater = startsAfter(startDate, today);
  if (listedAsTerminated && !rehire && (terminationDate === null || terminationDate <= today)) {
    return 'terminated';
  }
  return startsLater ? 'pending' : 'active';
}

/**
 * Both lists mapped the way the connector streams them: every active record (merged with its
 * terminated record when the person is in both lists), then the terminated-only records.
 */
export function mapSageHrLists(
  lists: { employees: readonly unknown[]; terminated: readonly unknown[] },
  options: SageHrMapOptions,
): SageHrMapResult[] {
  const results: SageHrMapResult[] = [];
  const terminatedById = new Map<string, unknown>();
  for (const record of lists.terminated) {
    const id = rawRecordId(record);
    if (id === null) results.push(mapSageHrPerson({ terminated: record }, options));
    else terminatedById.set(id, record);
  }
  for (const record of lists.employees) {
    const id = rawRecordId(record);
    const terminated = id === null ? undefined : terminatedById.get(id);
    if (id !== null) terminatedById.delete(id);
    results.push(mapSageHrPerson({ active: record, terminated }, options));
  }
  for (const record of terminatedById.values()) {
    results.push(mapSageHrPerson({ terminated: record }, options));
  }
  return results;
}

/** id → name from `/api/positions` (`title`) or `/api/teams` (`name`) elements; bad ones skipped. */
export function buildLookup(
  records: readonly unknown[],
  kind: 'positions' | 'teams',
): Map<string, string> {
  const map = new Map<string, string>();
  for (const record of records) {
    const entry = lookupEntry(record, kind);
    if (entry !== null) map.set(entry[0], entry[1]);
  }
  return map;
}

function lookupEntry(record: unknown, kind: 'positions' | 'teams'): [string, string] | null {
  let id: string | null;
  let name: string | null;
  if (kind === 'positions') {
    const parsed = sageHrPositionSchema.safeParse(record);
    if (!parsed.success) return null;
    [id, name] = [cleanText(parsed.data.id), cleanText(parsed.data.title)];
  } else {
    const parsed = sageHrTeamSchema.safeParse(record);
    if (!parsed.success) return null;
    [id, name] = [cleanText(parsed.data.id), cleanText(parsed.data.name)];
  }
  return id === null || name === null ? null : [id, name];
}

type Parsed<T> = { ok: true; value: T | null } | Extract<SageHrMapResult, { ok: false }>;

function parseSource<T>(raw: unknown, schema: z.ZodType<T>, what: string): Parsed<T> {
  if (raw === undefined || raw === null) return { ok: true, value: null };
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    externalId: rawRecordId(raw),
    code: 'invalid_record',
    // Field paths only: a zod message could quote a value, and values may be personal data.
    message: `the ${what} does not have the documented shape (${describeIssues(parsed.error.issues, '(record)')})`,
  };
}

function lookup(map: SageHrLookup | undefined, id: string | null): string | null {
  return id === null ? null : (map?.get(id) ?? null);
}
