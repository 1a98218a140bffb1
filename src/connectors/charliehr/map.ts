import { cleanText, type EmploymentStatus, type NormalizedEmployee } from '../../core/employee.ts';
import { charlieHrTeamMemberSchema, type CharlieHrTeamMember, type RawReference } from './api.ts';
import type { CharlieHrLookups } from './lookups.ts';
import { parseIsoDate, cleanEmail, rawRecordId } from '../values.ts';
import { mapVendorRecord } from '../mapping.ts';
import { startsAfter } from '../lifecycle.ts';

export type CharlieHrMapErrorCode = 'missing_id' | 'invalid_record';

export type CharlieHrMapResult =
  | { ok: true; employee: NormalizedEmployee }
  | { ok: false; externalId: string | null; code: CharlieHrMapErrorCode; message: string };

export interface CharlieHrMapOptions {
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
  lookups: CharlieHrLookups;
}

/**
 * Maps one `/team_members` element to a NormalizedEmployee. Pure, total and deterministic; unknown
 * is `null`; only the allowlisted keys are read. Most keys are assumed (see api.ts): when CharlieHR
 * spells one differently the field stays `null` rather than failing the record.
 */
export function mapCharlieHrTeamMember(
  raw: unknown,
  options: CharlieHrMapOptions,
): CharlieHrMapResult {
  if (parseIsoDate(options.today) === null) {
    throw new Error(
      `mapCharlieHrTeamMember: today must be YYYY-MM-DD, got ${String(options.today)}`,
    );
  }
  return mapVendorRecord(
    raw,
    {
      schema: charlieHrTeamMemberSchema,
      noun: 'team member',
      shape: 'expected',
      rawId: (record) => rawRecordId(record),
      id: (member) => member.id,
    },
    (externalId, member) => ({ employee: toEmployee(externalId, member, options) }),
  );
}

function toEmployee(
  externalId: string,
  member: CharlieHrTeamMember,
  { today, lookups }: CharlieHrMapOptions,
): NormalizedEmployee {
  const team = referenceOf(member.team);
  const office = referenceOf(member.office);
  const officeRef = office.id === null ? null : lookups.office(office.id);
  const startDate = parseIsoDate(member.start_date);
  const endDate = parseIsoDate(member.end_date);
  const rehired = startDate !== null && endDate !== null && startDate > endDate;
  return {
    externalId,
    employeeNumber: null,
    firstName: cleanText(member.first_name),
    lastName: cleanText(member.last_name),
    workEmail: cleanEmail(member.email),
    department: (team.id === null ? null : lookups.team(team.id)) ?? team.name,
    departmentId: team.id,
    departmentType: null,
    jobTitle: cleanText(member.job_title),
    employeeType: null,
    location: officeRef?.name ?? office.name,
    locationId: office.id,
    country: officeRef?.country ?? null,
    managerExternalId: referenceOf(member.line_manager).id,
    managerName: null,
    managerEmail: null,
    employmentStatus: statusOf(startDate, rehired ? null : endDate, today),
    startDate,
    // A start after the leaving date is a rehire: that leaving date is history.
    terminationDate: rehired ? null : endDate,
  };
}

/**
 * DESIGN "Lifecycle rules" with the one signal assumed for CharlieHR, the leaving date: on or
 * before today → terminated; otherwise a start after today → pending; else active.
 */
export function statusOf(
  startDate: string | null,
  endDate: string | null,
  today: string,
): EmploymentStatus {
  if (endDate !== null && endDate <= today) return 'terminated';
  return startsAfter(startDate, today) ? 'pending' : 'active';
}

function referenceOf(raw: RawReference): { id: string | null; name: string | null } {
  if (raw === null || raw === undefined) return { id: null, name: null };
  if (typeof raw === 'string') return { id: cleanText(raw), name: null };
  return { id: cleanText(raw.id), name: cleanText(raw.name) };
}
