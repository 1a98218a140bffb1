import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { Actor } from '../db/repositories/audit.ts';
import type { Database, MembershipsTable } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { assertNotDeactivated, auditAction, lockLearner, isoInstant } from './learner-state.ts';

/** A paid seat; at most one row per learner, reused when a seat starts again. */
export interface Membership {
  id: string;
  learnerId: string;
  status: 'active' | 'ended';
  startedAt: string;
  endedAt: string | null;
  endedReason: string | null;
}

/** The reason a deactivation writes; reactivation restores only memberships ended with it. */
export const ENDED_BY_DEACTIVATION = 'learner_deactivated';

function toMembership(row: Selectable<MembershipsTable>): Membership {
  return {
    id: row.id,
    learnerId: row.learnerId,
    status: row.status,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    endedReason: row.endedReason,
  };
}

/** The learner's membership row, active or ended; undefined when they never had a seat. */
export async function getMembership(
  db: Kysely<Database>,
  tenantId: string,
  learnerId: string,
): Promise<Membership | undefined> {
  const row = await db
    .selectFrom('memberships')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where('learnerId', '=', learnerId)
    .executeTakeFirst();
  return row ? toMembership(row) : undefined;
}

/**
 * Gives the learner a seat (an admin action: the HRIS sync never creates memberships). Idempotent:
 * an active seat stays as it is. Refuses deactivated learners.
 */
export async function activateMembership(
  db: Kysely<Database>,
  input: { tenantId: string; learnerId: string; actor?: Actor | undefined },
  now: Date | string,
): Promise<{ membership: Membership; changed: boolean }> {
  const at = isoInstant(now);
  return inTransaction(db, async (trx) => {
    const learner = await lockLearner(trx, input.tenantId, input.learnerId);
    assertNotDeactivated(learner);
    const existing = await getMembership(trx, input.tenantId, learner.id);
    if (existing?.status === 'active') return { membership: existing, changed: false };
    const membership: Membership = {
      id: existing?.id ?? newId('mbr'),
      learnerId: learner.id,
      status: 'active',
      startedAt: at,
      endedAt: null,
      endedReason: null,
    };
    if (existing) {
      await trx
        .updateTable('memberships')
        .set({ status: 'active', startedAt: at, endedAt: null, endedReason: null })
        .where('id', '=', existing.id)
        .execute();
    } else {
      await trx
        .insertInto('memberships')
        .values({ ...membership, tenantId: input.tenantId })
        .execute();
    }
    await auditAction(
      trx,
      input.actor,
      {
        tenantId: input.tenantId,
        action: 'membership.activated',
        targetType: 'learner',
        targetId: learner.id,
      },
      at,
    );
    return { membership, changed: true };
  });
}

/**
 * Ends the learner's active seat with `reason`. Idempotent: no seat or an ended one is left as is.
 * Works on deactivated learners too (their seat is normally already ended).
 */
export async function endMembership(
  db: Kysely<Database>,
  input: { tenantId: string; learnerId: string; reason: string; actor?: Actor | undefined },
  now: Date | string,
): Promise<{ membership: Membership | undefined; changed: boolean }> {
  const reason = input.reason.trim();
  if (reason === '') throw new AppError('VALIDATION_FAILED', 'a reason is required');
  // Reactivation restores seats ended with this reason: an admin's choice must not look like one.
  if (reason === ENDED_BY_DEACTIVATION) {
    throw new AppError('VALIDATION_FAILED', `"${reason}" is reserved for deactivations`);
  }
  const at = isoInstant(now);
  return inTransaction(db, async (trx) => {
    const learner = await lockLearner(trx, input.tenantId, input.learnerId);
    const existing = await getMembership(trx, input.tenantId, learner.id);
    if (existing?.status !== 'active') return { membership: existing, changed: false };
    await trx
      .updateTable('memberships')
      .set({ status: 'ended', endedAt: at, endedReason: reason })
      .where('id', '=', existing.id)
      .execute();
    await auditAction(
      trx,
      input.actor,
      {
        tenantId: input.tenantId,
        action: 'membership.ended',
        targetType: 'learner',
        targetId: learner.id,
        details: { reason },
      },
      at,
    );
    return {
      membership: { ...existing, status: 'ended', endedAt: at, endedReason: reason },
      changed: true,
    };
  });
}
