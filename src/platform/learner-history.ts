import type { Kysely } from 'kysely';
import type { PersonField } from '../core/employee.ts';
import { PERSON_FIELDS } from '../core/employee.ts';
import type { AuditLogTable, Database } from '../db/schema.ts';

/** Who caused a history entry (DESIGN.md: admins, the HRIS sync, CSV imports, Rollcall itself). */
export type HistoryOrigin = 'user' | 'token' | 'cli' | 'hris_sync' | 'csv_import' | 'system';

export interface HistoryEffects {
  membershipEnded?: boolean;
  futureEnrollmentsRemoved?: number;
  followUpsRemoved?: number;
  membershipRestored?: boolean;
}

/**
 * One line of a learner's history. Built from the outbox (what changed) and the audit log (who
 * did it); only allowlisted person fields, ids, reasons and counts ever appear in it.
 */
export interface HistoryEntry {
  id: string;
  at: string;
  action: string;
  version: number | null;
  by: { origin: HistoryOrigin; id: string | null; name: string | null };
  changes: { field: PersonField; from?: string | null; to: string | null }[];
  reason: string | null;
  program: { id: string; name: string | null } | null;
  class: { id: string; title: string | null } | null;
  attendance: 'attended' | 'absent' | null;
  effects: HistoryEffects | null;
}

/** An outbox row as the history reads it (payload still JSON text). */
export interface HistoryEventRow {
  id: string;
  type: string;
  version: number;
  payload: string;
  createdAt: string;
}

/** An audit row about the learner, or a CSV import of the tenant (JSON details). */
export interface HistoryAuditRow {
  id: string;
  actorType: AuditLogTable['actorType'];
  actorId: string | null;
  action: string;
  details: string;
  at: string;
}

type Json = Record<string, unknown>;

function object(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null;
}

function parseJson(text: string): Json {
  try {
    return object(JSON.parse(text)) ?? {};
  } catch {
    // A history line without details beats a page that fails on one odd row.
    return {};
  }
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

const PERSON_FIELD_SET: ReadonlySet<string> = new Set(PERSON_FIELDS);

function isPersonField(value: unknown): value is PersonField {
  return typeof value === 'string' && PERSON_FIELD_SET.has(value);
}

function effectsOf(value: unknown): HistoryEffects | null {
  const raw = object(value);
  if (!raw) return null;
  const effects: HistoryEffects = {};
  if (typeof raw['membershipEnded'] === 'boolean') effects.membershipEnded = raw['membershipEnded'];
  if (typeof raw['membershipRestored'] === 'boolean')
    effects.membershipRestored = raw['membershipRestored'];
  if (typeof raw['futureEnrollmentsRemoved'] === 'number')
    effects.futureEnrollmentsRemoved = raw['futureEnrollmentsRemoved'];
  if (typeof raw['followUpsRemoved'] === 'number')
    effects.followUpsRemoved = raw['followUpsRemoved'];
  return effects;
}

/** The origin of an audit actor; kinds that never act on learners read as Rollcall itself. */
function actorOrigin(actorType: AuditLogTable['actorType']): HistoryOrigin {
  return actorType === 'user' || actorType === 'token' || actorType === 'cli'
    ? actorType
    : 'system';
}

function blankEntry(id: string, at: string, action: string): HistoryEntry {
  return {
    id,
    at,
    action,
    version: null,
    by: { origin: 'system', id: null, name: null },
    changes: [],
    reason: null,
    program: null,
    class: null,
    attendance: null,
    effects: null,
  };
}

/** The allowlisted details of an audit entry. */
function fromAudit(row: HistoryAuditRow): HistoryEntry {
  const details = parseJson(row.details);
  const entry = blankEntry(row.id, row.at, row.action);
  entry.by = { origin: actorOrigin(row.actorType), id: row.actorId, name: null };
  const programId = textOf(details['programId']);
  if (programId) entry.program = { id: programId, name: null };
  const classId = textOf(details['classId']);
  if (classId) entry.class = { id: classId, title: null };
  const attendance = details['attendance'];
  if (attendance === 'attended' || attendance === 'absent') entry.attendance = attendance;
  entry.reason = textOf(details['reason']);
  if (row.action === 'learner.deactivated' || row.action === 'learner.reactivated') {
    entry.effects = effectsOf(details);
  }
  return entry;
}

/**
 * Merges a learner's outbox events (newest version first) and the audit entries about them into
 * one timeline, newest first. An event and the audit entry written in the same operation (same
 * instant, same action) become one line naming the actor; an event without one was written by a
 * CSV import (when an import ran at that instant), the HRIS sync (linked learners) or Rollcall.
 * `events` may hold one row more than `limit`: it only supplies the "from" values of the oldest.
 */
export function buildHistory(
  events: readonly HistoryEventRow[],
  audits: readonly HistoryAuditRow[],
  imports: readonly HistoryAuditRow[],
  limit: number,
): { items: HistoryEntry[]; hasMore: boolean } {
  const unused = new Map(audits.map((a) => [a.id, a]));
  const importsAt = new Map(imports.map((i) => [i.at, i]));
  const snapshots = events.map((e) => parseJson(e.payload));
  const entries: HistoryEntry[] = [];
  events.slice(0, limit).forEach((event, index) => {
    const payload = snapshots[index] ?? {};
    const learner = object(payload['learner']) ?? {};
    const older = object(snapshots[index + 1]?.['learner']);
    const entry = blankEntry(event.id, event.createdAt, event.type);
    entry.version = event.version;

    if (event.type === 'learner.created') {
      entry.changes = PERSON_FIELDS.filter((f) => textOf(learner[f]) !== null).map((field) => ({
        field,
        to: textOf(learner[field]),
      }));
    } else if (event.type === 'learner.updated') {
      const linked = object(payload['linked']);
      if (linked) entry.action = 'learner.linked';
      const changed = Array.isArray(payload['changedFields']) ? payload['changedFields'] : [];
      entry.changes = changed.filter(isPersonField).map((field) => ({
        field,
        ...(older ? { from: textOf(older[field]) } : {}),
        to: textOf(learner[field]),
      }));
    } else if (event.type === 'learner.deactivated' || event.type === 'learner.reactivated') {
      entry.reason = textOf(payload['reason']);
      entry.effects = effectsOf(payload['effects']);
    } else if (event.type === 'learner.invited' && payload['scope'] === 'program') {
      const programId = textOf(payload['programId']);
      if (programId) entry.program = { id: programId, name: null };
    }

    const audit = [...unused.values()].find(
      (a) => a.at === event.createdAt && a.action === event.type,
    );
    const imported = importsAt.get(event.createdAt);
    const connectionId = textOf(learner['connectionId']);
    if (audit) {
      unused.delete(audit.id);
      entry.by = { origin: actorOrigin(audit.actorType), id: audit.actorId, name: null };
    } else if (imported && (event.type === 'learner.created' || event.type === 'learner.updated')) {
      entry.by = { origin: 'csv_import', id: imported.actorId, name: null };
    } else if (connectionId) {
      entry.by = { origin: 'hris_sync', id: connectionId, name: null };
    }
    entries.push(entry);
  });
  entries.push(...[...unused.values()].map(fromAudit));
  entries.sort(
    (a, b) =>
      b.at.localeCompare(a.at) || (b.version ?? -1) - (a.version ?? -1) || b.id.localeCompare(a.id),
  );
  const hasMore = events.length > limit || audits.length > limit || entries.length > limit;
  return { items: entries.slice(0, limit), hasMore };
}

/**
 * The history of one learner, newest first, at most `limit` lines, with the names of the people,
 * tokens, connections, programs and classes it mentions.
 */
export async function learnerHistory(
  db: Kysely<Database>,
  tenantId: string,
  learnerId: string,
  limit: number,
): Promise<{ items: HistoryEntry[]; hasMore: boolean }> {
  const [events, audits] = await Promise.all([
    db
      .selectFrom('events')
      .select(['id', 'type', 'version', 'payload', 'createdAt'])
      .where('tenantId', '=', tenantId)
      .where('learnerId', '=', learnerId)
      .orderBy('version', 'desc')
      .limit(limit + 1)
      .execute(),
    db
      .selectFrom('auditLog')
      .select(['id', 'actorType', 'actorId', 'action', 'details', 'at'])
      .where('tenantId', '=', tenantId)
      .where('targetType', '=', 'learner')
      .where('targetId', '=', learnerId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute(),
  ]);
  const writeTimes = [
    ...new Set(
      events
        .filter((e) => e.type === 'learner.created' || e.type === 'learner.updated')
        .map((e) => e.createdAt),
    ),
  ];
  const imports =
    writeTimes.length === 0
      ? []
      : await db
          .selectFrom('auditLog')
          .select(['id', 'actorType', 'actorId', 'action', 'details', 'at'])
          .where('tenantId', '=', tenantId)
          .where('action', '=', 'learners.import')
          .where('at', 'in', writeTimes)
          .execute();
  const history = buildHistory(events, audits, imports, limit);
  await nameReferences(db, tenantId, history.items);
  return history;
}

/** Fills in names: a user's email, a token's or a connection's name, a program's, a class's title. */
async function nameReferences(
  db: Kysely<Database>,
  tenantId: string,
  items: HistoryEntry[],
): Promise<void> {
  const ids = (pick: (e: HistoryEntry) => string | null | undefined) => [
    ...new Set(items.map(pick).filter((id): id is string => typeof id === 'string')),
  ];
  const userIds = ids((e) =>
    e.by.origin === 'user' || e.by.origin === 'csv_import' ? e.by.id : null,
  );
  const tokenIds = ids((e) =>
    e.by.origin === 'token' || e.by.origin === 'csv_import' ? e.by.id : null,
  );
  const connectionIds = ids((e) => (e.by.origin === 'hris_sync' ? e.by.id : null));
  const programIds = ids((e) => e.program?.id);
  const classIds = ids((e) => e.class?.id);
  const [users, tokens, connections, programs, classes] = await Promise.all([
    userIds.length === 0
      ? []
      : db
          .selectFrom('users')
          .select(['id', 'email as name'])
          .where('tenantId', '=', tenantId)
          .where('id', 'in', userIds)
          .execute(),
    tokenIds.length === 0
      ? []
      : db
          .selectFrom('apiTokens')
          .select(['id', 'name'])
          .where('tenantId', '=', tenantId)
          .where('id', 'in', tokenIds)
          .execute(),
    connectionIds.length === 0
      ? []
      : db
          .selectFrom('connections')
          .select(['id', 'name'])
          .where('tenantId', '=', tenantId)
          .where('id', 'in', connectionIds)
          .execute(),
    programIds.length === 0
      ? []
      : db
          .selectFrom('programs')
          .select(['id', 'name'])
          .where('tenantId', '=', tenantId)
          .where('id', 'in', programIds)
          .execute(),
    classIds.length === 0
      ? []
      : db
          .selectFrom('classes')
          .select(['id', 'title as name'])
          .where('tenantId', '=', tenantId)
          .where('id', 'in', classIds)
          .execute(),
  ]);
  const actorNames = new Map([...users, ...tokens].map((r) => [r.id, r.name]));
  const connectionNames = new Map(connections.map((r) => [r.id, r.name]));
  const programNames = new Map(programs.map((r) => [r.id, r.name]));
  const classTitles = new Map(classes.map((r) => [r.id, r.name]));
  for (const entry of items) {
    if (entry.by.id !== null) {
      entry.by.name =
        (entry.by.origin === 'hris_sync'
          ? connectionNames.get(entry.by.id)
          : actorNames.get(entry.by.id)) ?? null;
    }
    if (entry.program) entry.program.name = programNames.get(entry.program.id) ?? null;
    if (entry.class) entry.class.title = classTitles.get(entry.class.id) ?? null;
  }
}
