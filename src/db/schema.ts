import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them (camelCase in code, snake_case in SQL through CamelCasePlugin).
 * Portable habits (DESIGN.md): text ids made by the app, times as ISO-8601 UTC text, booleans
 * written as booleans and read back through `toBool`, JSON as text parsed with zod.
 */
export interface Database {
  tenants: TenantsTable;
  users: UsersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  learners: LearnersTable;
  memberships: MembershipsTable;
  programs: ProgramsTable;
  programParticipants: ProgramParticipantsTable;
  programFollowUps: ProgramFollowUpsTable;
  classes: ClassesTable;
  classEnrollments: ClassEnrollmentsTable;
  invites: InvitesTable;
  auditLog: AuditLogTable;
  events: EventsTable;
}

/** SQLite hands booleans back as 0/1; PostgreSQL as true/false. Read them through `toBool`. */
export type DbBool = boolean | number;

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  /** JSON text of TenantSettings. */
  settings: string;
  createdAt: string;
  updatedAt: string;
}

export interface UsersTable {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: 'admin' | 'member';
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
}

export interface SessionsTable {
  /** sha256 of the session token; the token itself only lives in the cookie. */
  id: string;
  userId: string;
  tenantId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export interface ApiTokensTable {
  id: string;
  tenantId: string;
  name: string;
  /** sha256 of the token; the token is shown once at creation. */
  tokenHash: string;
  /** The first characters of the token, to recognise it in lists. */
  tokenPrefix: string;
  role: 'admin' | 'member';
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface LearnersTable {
  id: string;
  tenantId: string;
  version: number;
  status: 'active' | 'invited' | 'deactivated';
  platformAccess: DbBool;
  source: 'hris' | 'csv' | 'manual';
  /** The HRIS connection this learner is linked to (the sync issue adds the connections table). */
  connectionId: string | null;
  externalId: string | null;
  employeeNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  workEmail: string | null;
  department: string | null;
  departmentId: string | null;
  departmentType: string | null;
  jobTitle: string | null;
  employeeType: string | null;
  location: string | null;
  locationId: string | null;
  country: string | null;
  managerExternalId: string | null;
  managerName: string | null;
  managerEmail: string | null;
  employmentStatus: 'active' | 'pending' | 'terminated' | null;
  startDate: string | null;
  terminationDate: string | null;
  /** JSON text: field name → {source, at, connectionId?}. */
  provenance: string;
  deactivationReason: string | null;
  deactivatedAt: string | null;
  invitedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MembershipsTable {
  id: string;
  tenantId: string;
  learnerId: string;
  status: 'active' | 'ended';
  startedAt: string;
  endedAt: string | null;
  /** `learner_deactivated` when a deactivation ended it: only those come back on reactivation. */
  endedReason: string | null;
}

export interface ProgramsTable {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProgramParticipantsTable {
  id: string;
  tenantId: string;
  programId: string;
  learnerId: string;
  status: 'invited' | 'enrolled';
  invitedAt: string | null;
  enrolledAt: string | null;
  createdAt: string;
}

export interface ProgramFollowUpsTable {
  id: string;
  tenantId: string;
  programId: string;
  learnerId: string;
  note: string | null;
  addedAt: string;
}

export interface ClassesTable {
  id: string;
  tenantId: string;
  programId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  createdAt: string;
}

export interface ClassEnrollmentsTable {
  id: string;
  tenantId: string;
  classId: string;
  learnerId: string;
  enrolledAt: string;
  attendance: 'attended' | 'absent' | null;
  attendanceRecordedAt: string | null;
}

export interface InvitesTable {
  id: string;
  tenantId: string;
  learnerId: string;
  /** `platform` or `program:<programId>`; unique per (tenant, learner, scope): at most once ever. */
  scope: string;
  programId: string | null;
  sentAt: string;
  sentBy: string | null;
}

export interface AuditLogTable {
  id: string;
  tenantId: string;
  actorType: 'user' | 'token' | 'cli' | 'system';
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** JSON text. Never holds secrets or person data beyond ids. */
  details: string;
  at: string;
}

export interface EventsTable {
  /** Monotonic cursor for `GET /api/events?after=`. */
  seq: Generated<number>;
  id: string;
  tenantId: string;
  learnerId: string;
  type:
    | 'learner.created'
    | 'learner.updated'
    | 'learner.deactivated'
    | 'learner.reactivated'
    | 'learner.invited';
  /** The learner's version this event describes; (learnerId, version) is unique. */
  version: number;
  /** JSON text. */
  payload: string;
  createdAt: string;
}
