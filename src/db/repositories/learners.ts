import type { Insertable, Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { PersonField } from '../../core/employee.ts';
import { PERSON_FIELDS } from '../../core/employee.ts';
import { newId } from '../../core/ids.ts';
import type {
  FieldProvenance,
  Learner,
  LearnerSource,
  LearnerStatus,
  Provenance,
} from '../../core/learner.ts';
import { bulkInsert, chunk, toBool, toCount } from '../portable.ts';
import type { Database, LearnersTable } from '../schema.ts';
import { appendEvent } from './events.ts';

export type PersonValues = { [K in PersonField]: Learner[K] };

export function learnerFromRow(row: Selectable<LearnersTable>): Learner {
  return {
    ...snapshotOfRow(row),
    tenantId: row.tenantId,
    provenance: JSON.parse(row.provenance) as Provenance,
  };
}

/** The learner as outbox payloads and API answers show it (allowlisted fields only). */
export function learnerSnapshot(learner: Learner): Record<string, unknown> {
  const { provenance: _provenance, tenantId: _tenantId, ...rest } = learner;
  return rest;
}

/**
 * A learner row as outbox payloads show it, without parsing provenance (bulk paths make one per
 * new learner); `learnerFromRow` adds the tenant and provenance to it, so the two cannot drift.
 */
export function snapshotOfRow(
  row: Selectable<LearnersTable>,
): Omit<Learner, 'provenance' | 'tenantId'> {
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    platformAccess: toBool(row.platformAccess),
    source: row.source,
    connectionId: row.connectionId,
    externalId: row.externalId,
    employeeNumber: row.employeeNumber,
    firstName: row.firstName,
    lastName: row.lastName,
    workEmail: row.workEmail,
    department: row.department,
    departmentId: row.departmentId,
    departmentType: row.departmentType,
    jobTitle: row.jobTitle,
    employeeType: row.employeeType,
    location: row.location,
    locationId: row.locationId,
    country: row.country,
    managerExternalId: row.managerExternalId,
    managerName: row.managerName,
    managerEmail: row.managerEmail,
    employmentStatus: row.employmentStatus,
    startDate: row.startDate,
    terminationDate: row.terminationDate,
    deactivationReason: row.deactivationReason,
    deactivatedAt: row.deactivatedAt,
    invitedAt: row.invitedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function emptyPerson(): PersonValues {
  return {
    employeeNumber: null,
    firstName: null,
    lastName: null,
    workEmail: null,
    department: null,
    departmentId: null,
    departmentType: null,
    jobTitle: null,
    employeeType: null,
    location: null,
    locationId: null,
    country: null,
    managerExternalId: null,
    managerName: null,
    managerEmail: null,
    employmentStatus: null,
    startDate: null,
    terminationDate: null,
  };
}

export interface NewLearner {
  tenantId: string;
  source: LearnerSource;
  person: Partial<PersonValues>;
  connectionId?: string | null;
  externalId?: string | null;
  status?: LearnerStatus;
}

/** Builds the row and the learner.created event payload without writing; used by bulk paths. */
export function newLearnerRow(
  input: NewLearner,
  now: string,
): Insertable<LearnersTable> & { id: string } {
  // Bulk paths build one row per person: the provenance JSON is assembled from one entry's text
  // (the same bytes as JSON.stringify of the Provenance object, keys in PERSON_FIELDS order).
  const entry: FieldProvenance =
    input.source === 'hris' && input.connectionId
      ? { source: input.source, at: now, connectionId: input.connectionId }
      : { source: input.source, at: now };
  const entryJson = JSON.stringify(entry);
  const person = emptyPerson();
  let provenance = '';
  for (const field of PERSON_FIELDS) {
    const value = input.person[field] ?? null;
    (person as Record<PersonField, string | null>)[field] = value;
    if (value !== null) provenance += `${provenance === '' ? '' : ','}"${field}":${entryJson}`;
  }
  return {
    id: newId('lrn'),
    tenantId: input.tenantId,
    version: 1,
    status: input.status ?? 'active',
    platformAccess: (input.status ?? 'active') !== 'deactivated',
    source: input.source,
    connectionId: input.connectionId ?? null,
    externalId: input.externalId ?? null,
    ...person,
    provenance: `{${provenance}}`,
    deactivationReason: null,
    deactivatedAt: null,
    invitedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Inserts learners (chunked under the parameter limits) and their learner.created events. */
export async function insertLearners(
  db: Kysely<Database>,
  rows: readonly (Insertable<LearnersTable> & { id: string })[],
  now: string,
): Promise<void> {
  await bulkInsert(db, 'learners', rows);
  await appendCreatedEvents(db, rows, now);
}

/** One `learner.created` event (version 1) per new learner row, chunked. */
export async function appendCreatedEvents(
  db: Kysely<Database>,
  rows: readonly (Insertable<LearnersTable> & { id: string })[],
  now: string,
): Promise<void> {
  const events = rows.map((row) => ({
    id: newId('evt'),
    tenantId: row.tenantId,
    learnerId: row.id,
    type: 'learner.created' as const,
    version: 1,
    payload: JSON.stringify({ learner: snapshotOfRow(row as Selectable<LearnersTable>) }),
    createdAt: now,
  }));
  await bulkInsert(db, 'events', events);
}

export async function createLearner(
  db: Kysely<Database>,
  input: NewLearner,
  now: string,
): Promise<Learner> {
  const row = newLearnerRow(input, now);
  await insertLearners(db, [row], now);
  return learnerFromRow(row as Selectable<LearnersTable>);
}

/** The fields whose value differs between the learner and `values` (only keys present in values). */
export function changedFields(
  learner: Readonly<PersonValues>,
  values: Partial<PersonValues>,
): PersonField[] {
  return PERSON_FIELDS.filter(
    (f) => f in values && values[f] !== undefined && values[f] !== learner[f],
  );
}

/**
 * Writes changed person fields with their provenance, bumps the version and emits learner.updated.
 * Returns the learner unchanged (and writes nothing) when no value differs.
 */
export async function updateLearnerFields(
  db: Kysely<Database>,
  learner: Learner,
  values: Partial<PersonValues>,
  origin: {
    source: LearnerSource;
    connectionId?: string | undefined;
    hrisHash?: string | undefined;
    /** The raw record the values come from (ADR 0012); kept only with `hrisHash`. */
    recordHash?: string | null | undefined;
  },
  now: string,
): Promise<{ learner: Learner; changed: PersonField[] }> {
  const changed = changedFields(learner, values);
  if (changed.length === 0) return { learner, changed };
  // Only the HRIS sync may keep the record hash; any other writer forces a full compare next sync.
  const hrisHash = origin.source === 'hris' ? (origin.hrisHash ?? null) : null;
  const hrisRecordHash = hrisHash === null ? null : (origin.recordHash ?? null);
  const provenance: Provenance = { ...learner.provenance };
  const set: Partial<PersonValues> = {};
  for (const field of changed) {
    (set as Record<string, unknown>)[field] = values[field];
    provenance[field] = origin.connectionId
      ? { source: origin.source, at: now, connectionId: origin.connectionId }
      : { source: origin.source, at: now };
  }
  const next: Learner = {
    ...learner,
    ...set,
    provenance,
    version: learner.version + 1,
    updatedAt: now,
  };
  await db
    .updateTable('learners')
    .set({
      ...set,
      provenance: JSON.stringify(provenance),
      version: next.version,
      hrisHash,
      hrisRecordHash,
      updatedAt: now,
    })
    .where('id', '=', learner.id)
    .where('version', '=', learner.version)
    .execute();
  await appendEvent(
    db,
    {
      tenantId: learner.tenantId,
      learnerId: learner.id,
      type: 'learner.updated',
      version: next.version,
      payload: { changedFields: changed, learner: learnerSnapshot(next) },
    },
    now,
  );
  return { learner: next, changed };
}

export async function getLearner(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<Learner | undefined> {
  const row = await db
    .selectFrom('learners')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? learnerFromRow(row) : undefined;
}

export async function findLearnerByEmail(
  db: Kysely<Database>,
  tenantId: string,
  email: string,
): Promise<Learner | undefined> {
  const row = await db
    .selectFrom('learners')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where('workEmail', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row ? learnerFromRow(row) : undefined;
}

export interface LearnerFilter {
  status?: LearnerStatus | undefined;
  source?: LearnerSource | undefined;
  department?: string | undefined;
  location?: string | undefined;
  /** Case-insensitive substring of first name, last name or work email. */
  search?: string | undefined;
}

export interface LearnerPage {
  items: Learner[];
  total: number;
}

/** Learners ordered by last name, first name, id; `limit: undefined` returns every match. */
export async function listLearners(
  db: Kysely<Database>,
  tenantId: string,
  filter: LearnerFilter,
  page: { limit?: number | undefined; offset?: number | undefined },
): Promise<LearnerPage> {
  let query = db.selectFrom('learners').where('tenantId', '=', tenantId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.source) query = query.where('source', '=', filter.source);
  if (filter.department) query = query.where('department', '=', filter.department);
  if (filter.location) query = query.where('location', '=', filter.location);
  if (filter.search) {
    const needle = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(
      sql<boolean>`(lower(first_name) like ${needle} escape '\\' or lower(last_name) like ${needle} escape '\\' or work_email like ${needle} escape '\\')`,
    );
  }
  const totalRow = await query
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  let rows = query.selectAll().orderBy('lastName').orderBy('firstName').orderBy('id');
  if (page.limit !== undefined) rows = rows.limit(page.limit).offset(page.offset ?? 0);
  const items = (await rows.execute()).map(learnerFromRow);
  return { items, total: toCount(totalRow?.n) };
}

/**
 * The person fields of a tenant's learners keyed by work email, with their ids: how CSV import
 * matches its rows in one query. Only what a comparison needs, never provenance (a whole
 * learner each would hold kilobytes per learner while the import runs).
 */
export async function personValuesByEmail(
  db: Kysely<Database>,
  tenantId: string,
): Promise<Map<string, PersonValues & { id: string }>> {
  const rows = await db
    .selectFrom('learners')
    .select(['id', ...PERSON_FIELDS])
    .where('tenantId', '=', tenantId)
    .where('workEmail', 'is not', null)
    .execute();
  const out = new Map<string, PersonValues & { id: string }>();
  for (const row of rows) if (row.workEmail) out.set(row.workEmail, row);
  return out;
}

/** A tenant's learners with these ids, whole (chunked under the parameter limits). */
export async function learnersById(
  db: Kysely<Database>,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, Learner>> {
  const out = new Map<string, Learner>();
  for (const part of chunk(ids, 500)) {
    const rows = await db
      .selectFrom('learners')
      .selectAll()
      .where('tenantId', '=', tenantId)
      .where('id', 'in', part)
      .execute();
    for (const row of rows) out.set(row.id, learnerFromRow(row));
  }
  return out;
}
