import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../core/errors.ts';
import { cleanText } from '../core/employee.ts';
import { newId } from '../core/ids.ts';
import type { Actor } from '../db/repositories/audit.ts';
import { toCount } from '../db/portable.ts';
import type { Database, ProgramParticipantsTable, ProgramsTable } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { assertNotDeactivated, auditAction, lockLearner, isoInstant } from './learner-state.ts';

/** A learning program: classes, participants and a list of learners to follow up. */
export interface Program {
  id: string;
  name: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A program with the counts the console lists. */
export interface ProgramSummary extends Program {
  counts: { invited: number; enrolled: number; followUps: number; classes: number };
}

/** A learner's participation in a program; rows stay after deactivation (history). */
export interface Participant {
  learnerId: string;
  firstName: string | null;
  lastName: string | null;
  workEmail: string | null;
  learnerStatus: 'active' | 'invited' | 'deactivated';
  status: ProgramParticipantsTable['status'];
  invitedAt: string | null;
  enrolledAt: string | null;
}

/** A learner on a program's "learners to follow up" list. */
export interface FollowUp {
  learnerId: string;
  firstName: string | null;
  lastName: string | null;
  workEmail: string | null;
  note: string | null;
  addedAt: string;
}

function toProgram(row: Selectable<ProgramsTable>): Program {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Creates a program; names are unique per tenant (CONFLICT). */
export async function createProgram(
  db: Kysely<Database>,
  input: {
    tenantId: string;
    name: string;
    description?: string | null | undefined;
    actor?: Actor | undefined;
  },
  now: Date | string,
): Promise<Program> {
  const name = cleanText(input.name);
  if (!name) throw new AppError('VALIDATION_FAILED', 'a program needs a name');
  const at = isoInstant(now);
  const program: Program = {
    id: newId('prg'),
    name,
    description: cleanText(input.description),
    createdAt: at,
    updatedAt: at,
  };
  return inTransaction(db, async (trx) => {
    // The unique index decides, so two concurrent creations cannot both succeed.
    const inserted = await trx
      .insertInto('programs')
      .values({ ...program, tenantId: input.tenantId })
      .onConflict((oc) => oc.columns(['tenantId', 'name']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('CONFLICT', `a program named "${name}" already exists`);
    await auditAction(
      trx,
      input.actor,
      {
        tenantId: input.tenantId,
        action: 'program.created',
        targetType: 'program',
        targetId: program.id,
      },
      at,
    );
    return program;
  });
}

/** A program of the tenant; undefined when missing or another tenant's. */
export async function getProgram(
  db: Kysely<Database>,
  tenantId: string,
  programId: string,
): Promise<Program | undefined> {
  const row = await db
    .selectFrom('programs')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where('id', '=', programId)
    .executeTakeFirst();
  return row ? toProgram(row) : undefined;
}

/** Like `getProgram`, but a missing program (or one of another tenant) is NOT_FOUND. */
export async function requireProgram(
  db: Kysely<Database>,
  tenantId: string,
  programId: string,
): Promise<Program> {
  const program = await getProgram(db, tenantId, programId);
  if (!program) throw new AppError('NOT_FOUND', `no program ${programId} in this tenant`);
  return program;
}

/** Every program of the tenant by name, with participant, follow-up and class counts. */
export async function listPrograms(
  db: Kysely<Database>,
  tenantId: string,
): Promise<ProgramSummary[]> {
  const rows = await db
    .selectFrom('programs as p')
    .selectAll('p')
    .select((eb) => [
      eb
        .selectFrom('programParticipants as pp')
        .whereRef('pp.programId', '=', 'p.id')
        .where('pp.status', '=', 'invited')
        .select((s) => s.fn.countAll<number | string>().as('n'))
        .as('invited'),
      eb
        .selectFrom('programParticipants as pp')
        .whereRef('pp.programId', '=', 'p.id')
        .where('pp.status', '=', 'enrolled')
        .select((s) => s.fn.countAll<number | string>().as('n'))
        .as('enrolled'),
      eb
        .selectFrom('programFollowUps as f')
        .whereRef('f.programId', '=', 'p.id')
        .select((s) => s.fn.countAll<number | string>().as('n'))
        .as('followUps'),
      eb
        .selectFrom('classes as c')
        .whereRef('c.programId', '=', 'p.id')
        .select((s) => s.fn.countAll<number | string>().as('n'))
        .as('classes'),
    ])
    .where('p.tenantId', '=', tenantId)
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
  return rows.map((row) => ({
    ...toProgram(row),
    counts: {
      invited: toCount(row.invited),
      enrolled: toCount(row.enrolled),
      followUps: toCount(row.followUps),
      classes: toCount(row.classes),
    },
  }));
}

/** The program's participants (invited and enrolled, deactivated learners included), by name. */
export async function listParticipants(
  db: Kysely<Database>,
  tenantId: string,
  programId: string,
): Promise<Participant[]> {
  await requireProgram(db, tenantId, programId);
  return db
    .selectFrom('programParticipants as pp')
    .innerJoin('learners as l', 'l.id', 'pp.learnerId')
    .select([
      'pp.learnerId',
      'l.firstName',
      'l.lastName',
      'l.workEmail',
      'l.status as learnerStatus',
      'pp.status',
      'pp.invitedAt',
      'pp.enrolledAt',
    ])
    .where('pp.tenantId', '=', tenantId)
    .where('pp.programId', '=', programId)
    .orderBy('l.lastName', (ob) => ob.nullsLast())
    .orderBy('l.firstName', (ob) => ob.nullsLast())
    .orderBy('l.id')
    .execute();
}

/**
 * Puts a learner on the program's follow-up list. Idempotent (the first note stays). Refuses
 * deactivated learners: deactivation takes people off every list and that must hold.
 */
export async function addFollowUp(
  db: Kysely<Database>,
  input: {
    tenantId: string;
    programId: string;
    learnerId: string;
    note?: string | null | undefined;
    actor?: Actor | undefined;
  },
  now: Date | string,
): Promise<{ added: boolean }> {
  const at = isoInstant(now);
  return inTransaction(db, async (trx) => {
    await requireProgram(trx, input.tenantId, input.programId);
    const learner = await lockLearner(trx, input.tenantId, input.learnerId);
    assertNotDeactivated(learner);
    const inserted = await trx
      .insertInto('programFollowUps')
      .values({
        id: newId('fup'),
        tenantId: input.tenantId,
        programId: input.programId,
        learnerId: learner.id,
        note: cleanText(input.note),
        addedAt: at,
      })
      .onConflict((oc) => oc.columns(['programId', 'learnerId']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      await auditAction(
        trx,
        input.actor,
        {
          tenantId: input.tenantId,
          action: 'program.follow_up_added',
          targetType: 'learner',
          targetId: learner.id,
          details: { programId: input.programId },
        },
        at,
      );
    }
    return { added: inserted !== undefined };
  });
}

/** Takes a learner off the program's follow-up list; idempotent. */
export async function removeFollowUp(
  db: Kysely<Database>,
  input: { tenantId: string; programId: string; learnerId: string; actor?: Actor | undefined },
  now: Date | string,
): Promise<{ removed: boolean }> {
  return inTransaction(db, async (trx) => {
    await requireProgram(trx, input.tenantId, input.programId);
    const result = await trx
      .deleteFrom('programFollowUps')
      .where('tenantId', '=', input.tenantId)
      .where('programId', '=', input.programId)
      .where('learnerId', '=', input.learnerId)
      .executeTakeFirst();
    const removed = Number(result.numDeletedRows) > 0;
    if (removed) {
      await auditAction(
        trx,
        input.actor,
        {
          tenantId: input.tenantId,
          action: 'program.follow_up_removed',
          targetType: 'learner',
          targetId: input.learnerId,
          details: { programId: input.programId },
        },
        isoInstant(now),
      );
    }
    return { removed };
  });
}

/** The program's follow-up list with each learner's name and email, by name. */
export async function listFollowUps(
  db: Kysely<Database>,
  tenantId: string,
  programId: string,
): Promise<FollowUp[]> {
  await requireProgram(db, tenantId, programId);
  return db
    .selectFrom('programFollowUps as f')
    .innerJoin('learners as l', 'l.id', 'f.learnerId')
    .select(['f.learnerId', 'l.firstName', 'l.lastName', 'l.workEmail', 'f.note', 'f.addedAt'])
    .where('f.tenantId', '=', tenantId)
    .where('f.programId', '=', programId)
    .orderBy('l.lastName', (ob) => ob.nullsLast())
    .orderBy('l.firstName', (ob) => ob.nullsLast())
    .orderBy('l.id')
    .execute();
}
