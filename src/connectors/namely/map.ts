import { cleanText, type EmploymentStatus, type NormalizedEmployee } from '../../core/employee.ts';
import { namelyGroupSchema, namelyProfileSchema, type NamelyProfile } from './api.ts';
import { parseIsoDate, cleanEmail, joinName, rawRecordId } from '../values.ts';
import { mapVendorRecord } from '../mapping.ts';
import { isRehire, startsAfter } from '../lifecycle.ts';

/** Per-record mapping failures; the record still counts as present (DESIGN "Plan"). */
export type NamelyMapErrorCode = 'missing_id' | 'invalid_record';

export type NamelyMapResult =
  | { ok: true; employee: NormalizedEmployee }
  | { ok: false; externalId: string | null; code: NamelyMapErrorCode; message: string };

/** A group of the page's `linked.groups`: a department or an office location. */
export interface NamelyGroup {
  name: string | null;
  kind: 'department' | 'office' | null;
}

export interface NamelyMapOptions {
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
  /** The page's `linked.groups`, by id (see `groupsById`). */
  groups?: ReadonlyMap<string, NamelyGroup>;
}

/**
 * Maps one Namely profile to a NormalizedEmployee. Pure, total and deterministic. Lifecycle,
 * dates before labels:
 * 1. A start date after the departure date is a rehire: the departure is history.
 * 2. Otherwise a departure date decides: ≤ today → terminated; after today → not yet.
 * 3. Otherwise (no date, or a rehire's old one) `user_status: inactive` → terminated.
 * 4. A start date after today → pending; `user_status: pending` without a start date → pending.
 * 5. Otherwise active (`pending` with a start date already passed: the account is not activated,
 *    the person works there).
 */
export function mapNamelyProfile(raw: unknown, options: NamelyMapOptions): NamelyMapResult {
  if (parseIsoDate(options.today) === null) {
    throw new Error(`mapNamelyProfile: today must be YYYY-MM-DD, got ${String(options.today)}`);
  }
  return mapVendorRecord(
    raw,
    {
      schema: namelyProfileSchema,
      noun: 'profile',
      shape: 'documented',
      rawId: (record) => rawRecordId(record, 'id', { numbers: false }),
      id: (profile) => profile.id,
    },
    (externalId, profile) => ({ employee: toNormalizedEmployee(externalId, profile, options) }),
  );
}

function toNormalizedEmployee(
  externalId: string,
  p: NamelyProfile,
  options: NamelyMapOptions,
): NormalizedEmployee {
  const startDate = parseIsoDate(p.start_date);
  const departureDate = parseIsoDate(p.departure_date);
  const rehire = isRehire(startDate, departureDate);
  const groups = (p.links?.groups ?? []).flatMap((link) => {
    const id = cleanText(link.id);
    const group = id === null ? undefined : options.groups?.get(id);
    return id === null || group === undefined ? [] : [{ id, ...group }];
  });
  const department = groups.find((g) => g.kind === 'department');
  const office = groups.find((g) => g.kind === 'office');
  const manager = p.reports_to?.[0];
  return {
    externalId,
    employeeNumber: cleanText(p.employee_id),
    firstName: cleanText(p.first_name),
    lastName: cleanText(p.last_name),
    workEmail: cleanEmail(p.email),
    department: department?.name ?? null,
    departmentId: department?.id ?? null,
    departmentType: null,
    jobTitle: cleanText(p.job_title?.title),
    employeeType: cleanText(p.employee_type?.title),
    location: office?.name ?? cleanText(p.office?.city),
    locationId: office?.id ?? null,
    country: cleanText(p.office?.country_id),
    managerExternalId: cleanText(manager?.id),
    managerName: joinName(manager?.first_name, manager?.last_name),
    managerEmail: cleanEmail(manager?.email),
    employmentStatus: statusOf(p.user_status, rehire, startDate, departureDate, options.today),
    startDate,
    terminationDate: rehire ? null : departureDate,
  };
}

function statusOf(
  userStatus: string | null | undefined,
  rehire: boolean,
  startDate: string | null,
  departureDate: string | null,
  today: string,
): EmploymentStatus {
  const status = cleanText(userStatus)?.toLowerCase() ?? null;
  const pending = startsAfter(startDate, today) || (startDate === null && status === 'pending');
  if (departureDate !== null && !rehire) {
    if (departureDate <= today) return 'terminated';
    return pending ? 'pending' : 'active';
  }
  // No date of the current employment (none, or one a rehire made history): the label decides.
  if (status === 'inactive') return 'terminated';
  return pending ? 'pending' : 'active';
}

/**
 * `linked.groups` → id → {name, kind}. Group types are account-defined labels; Rollcall reads a
 * type containing "department" as a department and one containing "office" or "location" as an
 * office location. Groups without a recognised type are neither.
 */
export function groupsById(linked: readonly unknown[]): Map<string, NamelyGroup> {
  const map = new Map<string, NamelyGroup>();
  for (const raw of linked) {
    const parsed = namelyGroupSchema.safeParse(raw);
    if (!parsed.success) continue;
    const id = cleanText(parsed.data.id);
    if (id === null) continue;
    const type = cleanText(parsed.data.type)?.toLowerCase() ?? '';
    const kind = type.includes('department')
      ? 'department'
      : type.includes('office') || type.includes('location')
        ? 'office'
        : null;
    map.set(id, { name: cleanText(parsed.data.name), kind });
  }
  return map;
}
