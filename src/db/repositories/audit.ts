import type { Kysely } from 'kysely';
import { newId } from '../../core/ids.ts';
import type { AuditLogTable, Database } from '../schema.ts';

/** Who did something: a console user, an API token, the CLI, or Rollcall itself. */
export interface Actor {
  type: AuditLogTable['actorType'];
  id: string | null;
}

export const CLI_ACTOR: Actor = { type: 'cli', id: null };
export const SYSTEM_ACTOR: Actor = { type: 'system', id: null };

export interface AuditEntry {
  id: string;
  actorType: Actor['type'];
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  at: string;
}

export interface NewAuditEntry {
  tenantId: string;
  actor: Actor;
  action: string;
  targetType?: string;
  targetId?: string;
  /** Ids and counts only: never secrets or person data. */
  details?: Record<string, unknown>;
}

export async function recordAudit(
  db: Kysely<Database>,
  entry: NewAuditEntry,
  now: string,
): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      id: newId('aud'),
      tenantId: entry.tenantId,
      actorType: entry.actor.type,
      actorId: entry.actor.id,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: JSON.stringify(entry.details ?? {}),
      at: now,
    })
    .execute();
}

/**
 * Newest first, paged with a `before` cursor of (at, id): entries written in one request share
 * their `at`, so the id breaks ties and no entry is skipped between pages.
 */
export async function listAudit(
  db: Kysely<Database>,
  tenantId: string,
  options: { limit: number; before?: { at: string; id: string } | undefined },
): Promise<AuditEntry[]> {
  let query = db.selectFrom('auditLog').selectAll().where('tenantId', '=', tenantId);
  const before = options.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb('at', '<', before.at),
        eb.and([eb('at', '=', before.at), eb('id', '<', before.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    actorType: row.actorType,
    actorId: row.actorId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    details: JSON.parse(row.details) as unknown,
    at: row.at,
  }));
}
