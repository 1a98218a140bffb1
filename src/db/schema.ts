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
  connections: ConnectionsTable;
  syncRuns: SyncRunsTable;
  snapshotChunks: SnapshotChunksTable;
  runResults: RunResultsTable;
  leases: LeasesTable;
  connectLinks: ConnectLinksTable;
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
  /** Hash of the HRIS record last applied; cleared when anything else writes a person field. */
  hrisHash: string | null;
  /**
   * Hash of the raw HRIS record the owned fields were last written from (ADR 0012): equal on the
   * next fetch, with `hrisHash` set, means nothing but a manager's name or email can have changed.
   */
  hrisRecordHash: string | null;
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
  actorType: 'user' | 'token' | 'cli' | 'system' | 'connect_link';
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

export interface ConnectionsTable {
  id: string;
  tenantId: string;
  connectorId: string;
  name: string;
  status: 'connected' | 'syncing' | 'synced' | 'error' | 'awaiting_approval' | 'disconnected';
  /** AES-256-GCM sealed JSON of the connector config (credentials included); null once disconnected. */
  configCiphertext: string | null;
  /** A sandbox connection may reach the in-process emulators on loopback; real ones never. */
  sandbox: DbBool;
  /** The first successful sync: people first seen after it are new hires. */
  firstSyncedAt: string | null;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastRunId: string | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  consecutiveAuthFailures: number;
  createdAt: string;
  updatedAt: string;
  disconnectedAt: string | null;
  /** When the scheduler next queues a run (the nightly slot, or a retry after a failure). */
  nextSyncAt: string | null;
  /** Failed scheduled attempts in a row (drives the retry backoff); 0 after a success. */
  syncRetryAttempt: Generated<number>;
  /** Who connected it: `user:<id>`, `cli`, or `link:<id>` (the secure connect link). */
  connectedBy: string | null;
}

export interface SyncRunsTable {
  id: string;
  tenantId: string;
  connectionId: string;
  trigger: 'schedule' | 'manual' | 'api' | 'cli';
  mode: 'apply' | 'dry-run';
  status:
    'queued' | 'running' | 'awaiting_approval' | 'succeeded' | 'failed' | 'rejected' | 'cancelled';
  /** Where a running run is: fetch, plan, guards, apply. */
  phase: string | null;
  createdAt: string;
  startedAt: string | null;
  plannedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  snapshotComplete: DbBool | null;
  snapshotCount: number;
  /** JSON: action → count, plus reasons. */
  counts: string;
  /** JSON: guard verdicts with reasons. */
  guards: string;
  /** JSON: field → % coverage among active people (for the next run's coverage guard). */
  coverage: string | null;
  /** JSON: HTTP calls, retries, 429/503 answers, time waited. */
  apiUsage: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  appliedAt: string | null;
}

/**
 * A run's staged snapshot, ~2,000 records per row (ADR 0014). `records` holds one line per record
 * in fetch order: `position TAB JSON(externalId) TAB payload`, where the payload is the canonical
 * JSON of the NormalizedEmployee, or `{"error":code,"message":…}` for a record that failed to map.
 */
export interface SnapshotChunksTable {
  runId: string;
  seq: number;
  firstPosition: number;
  records: string;
}

export interface RunResultsTable {
  id: string;
  runId: string;
  position: number;
  learnerId: string | null;
  externalId: string | null;
  displayName: string | null;
  workEmail: string | null;
  action: 'create' | 'update' | 'deactivate' | 'reactivate' | 'unchanged' | 'skip' | 'error';
  reason: string | null;
  /** JSON array of field names for updates. */
  changedFields: string | null;
  note: string | null;
  /** A platform invite goes out with this action (invitePolicy auto, new hire). */
  invite: DbBool;
  /** Link the learner to the connection's external id (email match or rehire). */
  link: DbBool;
  /** Create as an already-deactivated learner (terminated before first seen). */
  createDeactivated: DbBool;
  /** JSON of the HRIS-owned person values to write: the plan applied on approval, exactly. */
  personValues: string | null;
  /** Hash of the resolved HRIS record, stored on the learner once applied. */
  hash: string | null;
  /** The raw record's hash the apply stores with the values (`hrisRecordHash`); null: leave it. */
  recordHash: string | null;
  /** How many people the row stands for: 1, or a compact row's run of unchanged people. */
  span: number;
  /** Compact rows only: JSON array of [learnerId, externalId, displayName, workEmail, note]. */
  people: string | null;
}

export interface LeasesTable {
  name: string;
  holder: string;
  acquiredAt: string;
  expiresAt: string;
}

/** A secure connect link: lets the HRIS owner connect without a console account, once. */
export interface ConnectLinksTable {
  id: string;
  tenantId: string;
  connectorId: string;
  /** Connects this server's sandbox HRIS instead of real credentials (demo mode). */
  sandbox: DbBool;
  /** sha256 of the link's token; the token is shown once at creation. */
  tokenHash: string;
  /** The id of the user (or API token) that created it. */
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  /** Who completed the connection, as they typed it on the link's page. */
  usedByName: string | null;
  usedByEmail: string | null;
  connectionId: string | null;
  revokedAt: string | null;
}
