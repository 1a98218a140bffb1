import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { Learner } from '../core/learner.ts';
import type { Actor } from '../db/repositories/audit.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import type { HrisGate } from './hris-gate.ts';
import {
  assertNotDeactivated,
  auditAction,
  lockLearner,
  saveLearnerChange,
  isoInstant,
} from './learner-state.ts';
import { requireProgram } from './programs.ts';

/** What an invite is for; one invite per (tenant, learner, scope), ever. */
export type InviteScope = 'platform' | `program:${string}`;

/** The invite scope of a program invite. */
export function programScope(programId: string): InviteScope {
  return `program:${programId}`;
}

export interface InviteResult {
  /** True only when this call sent the invite; false when it had been sent before. */
  sent: boolean;
  learner: Learner;
}

/** What both invites need; `gate` decides who a connected HRIS knows. */
export interface InviteInput {
  tenantId: string;
  learnerId: string;
  actor?: Actor | undefined;
  gate: HrisGate;
}

/**
 * Sends the platform invite, at most once ever per learner. Marks the learner `invited` (when
 * `active`), sets `invitedAt` and emits `learner.invited` {scope: 'platform'}. Refuses
 * deactivated learners and, with an HRIS connected, people it does not know (per `gate`).
 */
export async function inviteLearner(
  db: Kysely<Database>,
  input: InviteInput,
  now: Date | string,
): Promise<InviteResult> {
  const at = isoInstant(now);
  return inTransaction(db, async (trx) => {
    const learner = await lockInvitable(trx, input);
    if (!(await claimInvite(trx, learner, 'platform', null, input.actor, at))) {
      return { sent: false, learner };
    }
    const next = await saveLearnerChange(
      trx,
      learner,
      { status: learner.status === 'active' ? 'invited' : learner.status, invitedAt: at },
      { type: 'learner.invited', payload: { scope: 'platform' } },
      at,
    );
    await auditAction(
      trx,
      input.actor,
      {
        tenantId: input.tenantId,
        action: 'learner.invited',
        targetType: 'learner',
        targetId: learner.id,
        details: { scope: 'platform' },
      },
      at,
    );
    return { sent: true, learner: next };
  });
}

/**
 * Invites a learner to a program, at most once ever per (learner, program); a separate operation
 * from the platform invite. Makes them an `invited` participant (an `enrolled` one stays
 * enrolled) and emits `learner.invited` {scope: 'program', programId}. Same refusals as
 * `inviteLearner`.
 */
export async function inviteToProgram(
  db: Kysely<Database>,
  input: InviteInput & { programId: string },
  now: Date | string,
): Promise<InviteResult> {
  const at = isoInstant(now);
  return inTransaction(db, async (trx) => {
    const program = await requireProgram(trx, input.tenantId, input.programId);
    const learner = await lockInvitable(trx, input);
    const scope = programScope(program.id);
    if (!(await claimInvite(trx, learner, scope, program.id, input.actor, at))) {
      return { sent: false, learner };
    }
    await trx
      .insertInto('programParticipants')
      .values({
        id: newId('ppt'),
        tenantId: input.tenantId,
        programId: program.id,
        learnerId: learner.id,
        status: 'invited',
        invitedAt: at,
        enrolledAt: null,
        createdAt: at,
      })
      .onConflict((oc) =>
        oc
          .columns(['programId', 'learnerId'])
          .doUpdateSet({ invitedAt: at })
          .where('programParticipants.invitedAt', 'is', null),
      )
      .execute();
    const next = await saveLearnerChange(
      trx,
      learner,
      {},
      { type: 'learner.invited', payload: { scope: 'program', programId: program.id } },
      at,
    );
    await auditAction(
      trx,
      input.actor,
      {
        tenantId: input.tenantId,
        action: 'learner.invited',
        targetType: 'learner',
        targetId: learner.id,
        details: { scope: 'program', programId: program.id },
      },
      at,
    );
    return { sent: true, learner: next };
  });
}

async function lockInvitable(trx: Kysely<Database>, input: InviteInput): Promise<Learner> {
  const learner = await lockLearner(trx, input.tenantId, input.learnerId);
  assertNotDeactivated(learner);
  const decision = await input.gate.check(trx, input.tenantId, learner);
  if (!decision.allowed) {
    throw new AppError(
      'UNKNOWN_TO_HRIS',
      `cannot invite learner ${learner.id}: ${decision.reason}. With an HRIS connected, only people it lists as active or pending can be invited.`,
      { reason: decision.reason },
    );
  }
  return learner;
}

/**
 * Inserts the invite row unless one exists for the scope; the unique key decides, so concurrent
 * callers (two sync workers, a double click) cannot both send. True when this call claimed it.
 */
async function claimInvite(
  trx: Kysely<Database>,
  learner: Learner,
  scope: InviteScope,
  programId: string | null,
  actor: Actor | undefined,
  at: string,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('invites')
    .values({
      id: newId('inv'),
      tenantId: learner.tenantId,
      learnerId: learner.id,
      scope,
      programId,
      sentAt: at,
      // null: sent by the sync (a joiner with `invitePolicy: auto`), not by a person.
      sentBy: actor ? (actor.id ?? actor.type) : null,
    })
    .onConflict((oc) => oc.columns(['tenantId', 'learnerId', 'scope']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}
