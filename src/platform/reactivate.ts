import type { Kysely } from 'kysely';
import type { Learner } from '../core/learner.ts';
import type { Actor } from '../db/repositories/audit.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditAction, lockLearner, saveLearnerChange, isoInstant } from './learner-state.ts';
import { ENDED_BY_DEACTIVATION } from './memberships.ts';

export interface ReactivationResult {
  learner: Learner;
  /** False when the learner was not deactivated: nothing was written. */
  changed: boolean;
  effects: { membershipRestored: boolean };
}

/**
 * Reactivates a deactivated learner (a rehire, or an admin undoing a deactivation): status
 * `active`, platform access back, deactivation reason and time cleared. Restores the membership
 * only when a deactivation ended it, never one an admin ended. Enrollments removed by the
 * deactivation are not restored (the documented rehire limitation: admins re-invite).
 */
export async function reactivateLearner(
  db: Kysely<Database>,
  input: { tenantId: string; learnerId: string; actor?: Actor | undefined },
  now: Date | string,
): Promise<ReactivationResult> {
  const at = isoInstant(now);
  return inTransaction(db, async (trx) => {
    const learner = await lockLearner(trx, input.tenantId, input.learnerId);
    if (learner.status !== 'deactivated') {
      return { learner, changed: false, effects: { membershipRestored: false } };
    }
    // The seat counts from now: between deactivation and reactivation nobody held it.
    const restored = await trx
      .updateTable('memberships')
      .set({ status: 'active', startedAt: at, endedAt: null, endedReason: null })
      .where('tenantId', '=', input.tenantId)
      .where('learnerId', '=', learner.id)
      .where('status', '=', 'ended')
      .where('endedReason', '=', ENDED_BY_DEACTIVATION)
      .executeTakeFirst();
    const effects = { membershipRestored: Number(restored.numUpdatedRows) > 0 };
    const next = await saveLearnerChange(
      trx,
      learner,
      { status: 'active', platformAccess: true, deactivationReason: null, deactivatedAt: null },
      { type: 'learner.reactivated', payload: { effects } },
      at,
    );
    await auditAction(
      trx,
      input.actor,
      {
        tenantId: input.tenantId,
        action: 'learner.reactivated',
        targetType: 'learner',
        targetId: learner.id,
        details: { ...effects },
      },
      at,
    );
    return { learner: next, changed: true, effects };
  });
}
