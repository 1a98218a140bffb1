import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import type { Learner } from '../core/learner.ts';
import type { Actor, NewAuditEntry } from '../db/repositories/audit.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import type { EventType } from '../db/repositories/events.ts';
import { appendEvent } from '../db/repositories/events.ts';
import { learnerFromRow, learnerSnapshot } from '../db/repositories/learners.ts';
import type { Database } from '../db/schema.ts';

/**
 * Reads a learner of the tenant and holds its row lock until the transaction ends, so that
 * operations on one learner (deactivate, invite, enroll, …) serialize and decide on fresh state.
 * Call it inside a transaction. An id from another tenant is NOT_FOUND.
 */
export async function lockLearner(
  trx: Kysely<Database>,
  tenantId: string,
  learnerId: string,
): Promise<Learner> {
  // SELECT … FOR UPDATE is PostgreSQL-only; a no-op UPDATE takes the same row lock there and is
  // harmless on SQLite, whose BEGIN IMMEDIATE already holds the write lock. Under READ COMMITTED
  // the RETURNING row is the newest committed version once a concurrent writer has finished.
  const row = await trx
    .updateTable('learners')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('tenantId', '=', tenantId)
    .where('id', '=', learnerId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `no learner ${learnerId} in this tenant`);
  return learnerFromRow(row);
}

/** Refuses operations that would give a deactivated learner something on the platform. */
export function assertNotDeactivated(learner: Learner): void {
  if (learner.status === 'deactivated') {
    throw new AppError(
      'LEARNER_DEACTIVATED',
      `learner ${learner.id} is deactivated: reactivate them first`,
    );
  }
}

/** The learner columns a platform operation may change; the person fields belong to the sync. */
export type LearnerStatePatch = Partial<
  Pick<Learner, 'status' | 'platformAccess' | 'deactivationReason' | 'deactivatedAt' | 'invitedAt'>
>;

/**
 * Writes a state change of a locked learner: bumps the version by one and appends the one outbox
 * event of that version, whose payload always carries the new snapshot.
 */
export async function saveLearnerChange(
  trx: Kysely<Database>,
  learner: Learner,
  patch: LearnerStatePatch,
  event: { type: EventType; payload: Record<string, unknown> },
  now: string,
): Promise<Learner> {
  const next: Learner = { ...learner, ...patch, version: learner.version + 1, updatedAt: now };
  const result = await trx
    .updateTable('learners')
    .set({ ...patch, version: next.version, updatedAt: now })
    .where('id', '=', learner.id)
    .where('version', '=', learner.version)
    .executeTakeFirst();
  // Callers hold the row lock, so a miss means someone wrote without it: fail rather than emit an
  // event for a version that does not exist.
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError('CONFLICT', `learner ${learner.id} changed meanwhile; retry`);
  }
  await appendEvent(
    trx,
    {
      tenantId: learner.tenantId,
      learnerId: learner.id,
      type: event.type,
      version: next.version,
      payload: { ...event.payload, learner: learnerSnapshot(next) },
    },
    now,
  );
  return next;
}

/** Records an admin action when an actor is given; the sync passes none and logs its run instead. */
export async function auditAction(
  trx: Kysely<Database>,
  actor: Actor | undefined,
  entry: Omit<NewAuditEntry, 'actor'>,
  now: string,
): Promise<void> {
  if (actor) await recordAudit(trx, { ...entry, actor }, now);
}

/**
 * The ISO-8601 UTC text of the caller's "now". Domain operations accept a Date or ISO text (the
 * repositories take text, the sync's clock gives Dates) and never read the system clock.
 */
export function isoInstant(now: Date | string): string {
  return (typeof now === 'string' ? new Date(now) : now).toISOString();
}
