import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import type { Learner } from '../core/learner.ts';
import type { Actor } from '../db/repositories/audit.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditAction, lockLearner, saveLearnerChange, isoInstant } from './learner-state.ts';
import { ENDED_BY_DEACTIVATION } from './memberships.ts';

/** What a deactivation removed; all zero/false when there was nothing left to remove. */
export interface DeactivationEffects {
  membershipEnded: boolean;
  futureEnrollmentsRemoved: number;
  followUpsRemoved: number;
}

export interface DeactivationResult {
  learner: Learner;
  /** True when the learner was not deactivated before this call (a version and an event). */
  changed: boolean;
  effects: DeactivationEffects;
}

/**
 * Deactivates a learner (DESIGN.md "Learning-side effects") in one transaction: revokes platform
 * access, ends the active membership, unenrolls from classes that start after `now`, takes them
 * off every follow-up list. Past enrollments, attendance and program participation stay, so
 * reports keep counting them.
 *
 * Convergent: the effects are set-based and run even when the learner is already deactivated, so
 * a call after any earlier partial state ends in the same place; only a real status change bumps
 * the version and emits `learner.deactivated`.
 */
export async function deactivateLearner(
  db: Kysely<Database>,
  input: { tenantId: string; learnerId: string; reason: string; actor?: Actor | undefined },
  now: Date | string,
): Promise<DeactivationResult> {
  const reason = input.reason.trim();
  if (reason === '') throw new AppError('VALIDATION_FAILED', 'a deactivation reason is required');
  const at = isoInstant(now);
  return inTransaction(db, async (trx) => {
    const learner = await lockLearner(trx, input.tenantId, input.learnerId);
    const effects = await removeLearningAccess(trx, input.tenantId, learner.id, at);
    const changed = learner.status !== 'deactivated';
    const next = changed
      ? await saveLearnerChange(
          trx,
          learner,
          {
            status: 'deactivated',
            platformAccess: false,
            deactivationReason: reason,
            deactivatedAt: at,
          },
          { type: 'learner.deactivated', payload: { reason, effects } },
          at,
        )
      : learner;
    if (changed || hasEffects(effects)) {
      await auditAction(
        trx,
        input.actor,
        {
          tenantId: input.tenantId,
          action: 'learner.deactivated',
          targetType: 'learner',
          targetId: learner.id,
          details: { reason, changed, ...effects },
        },
        at,
      );
    }
    return { learner: next, changed, effects };
  });
}

function hasEffects(effects: DeactivationEffects): boolean {
  return (
    effects.membershipEnded || effects.futureEnrollmentsRemoved > 0 || effects.followUpsRemoved > 0
  );
}

async function removeLearningAccess(
  trx: Kysely<Database>,
  tenantId: string,
  learnerId: string,
  at: string,
): Promise<DeactivationEffects> {
  const membership = await trx
    .updateTable('memberships')
    .set({ status: 'ended', endedAt: at, endedReason: ENDED_BY_DEACTIVATION })
    .where('tenantId', '=', tenantId)
    .where('learnerId', '=', learnerId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  // Strictly after `now`: a class that has started is history, and its attendance may be recorded.
  const enrollments = await trx
    .deleteFrom('classEnrollments')
    .where('tenantId', '=', tenantId)
    .where('learnerId', '=', learnerId)
    .where('classId', 'in', (eb) =>
      eb
        .selectFrom('classes')
        .select('id')
        .where('tenantId', '=', tenantId)
        .where('startsAt', '>', at),
    )
    .executeTakeFirst();
  const followUps = await trx
    .deleteFrom('programFollowUps')
    .where('tenantId', '=', tenantId)
    .where('learnerId', '=', learnerId)
    .executeTakeFirst();
  return {
    membershipEnded: Number(membership.numUpdatedRows) > 0,
    futureEnrollmentsRemoved: Number(enrollments.numDeletedRows),
    followUpsRemoved: Number(followUps.numDeletedRows),
  };
}
