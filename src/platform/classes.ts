import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../core/errors.ts';
import { cleanText } from '../core/employee.ts';
import { newId } from '../core/ids.ts';
import type { Actor } from '../db/repositories/audit.ts';
import { toCount } from '../db/portable.ts';
import type { ClassEnrollmentsTable, ClassesTable, Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { assertNotDeactivated, auditAction, lockLearner, isoInstant } from './learner-state.ts';
import { requireProgram } from './programs.ts';

/** A scheduled session of a program. Times are ISO-8601 UTC text, so they compare as strings. */
export interface Class {
  id: string;
  programId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  createdAt: string;
}

/** A class with its enrollment and attendance counts. */
export interface ClassSummary extends Class {
  counts: { enrolled: number; attended: number; absent: number };
}

export type Attendance = NonNullable<ClassEnrollmentsTable['attendance']>;

/** A learner's seat in a class; past ones (and their attendance) outlive a deactivation. */
export interface Enrollment {
  id: string;
  classId: string;
  learnerId: string;
  enrolledAt: string;
  attendance: Attendance | null;
  attendanceRecordedAt: string | null;
}

/** An enrollment with the learner's name, email and status, for class rosters. */
export interface RosterEntry extends Enrollment {
  firstName: string | null;
  lastName: string | null;
  workEmail: string | null;
  learnerStatus: 'active' | 'invited' | 'deactivated';
}

// A zone is required: a bare local time would mean a different instant on every server.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(value: string, field: string): string {
  const ms = INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${field} must be an ISO date-time with a zone, e.g. 2026-11-22T09:00:00Z (got "${value}")`,
    );
  }
  return new Date(ms).toISOString();
}

function toClass(row: Selectable<ClassesTable>): Class {
  return {
    id: row.id,
    programId: row.programId,
    title: row.title,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    createdAt: row.createdAt,
  };
}

function toEnrollment(row: Selectable<ClassEnrollmentsTable>): Enrollment {
  return {
    id: row.id,
    classId: row.classId,
    learnerId: row.learnerId,
    enrolledAt: row.enrolledAt,
    attendance: row.attendance,
    attendanceRecordedAt: row.attendanceRecordedAt,
  };
}

/** Schedules a class in a program; `endsAt` must be after `startsAt` (both stored in UTC). */
export async function createClass(
  db: Kysely<Database>,
  input: {
    tenantId: string;
    programId: string;
    title: string;
    startsAt: string;
    endsAt: string;
    actor?: Actor | undefined;
  },
  now: Date | string,
): Promise<Class> {
  const title = cleanText(input.title);
  if (!title) throw new AppError('VALIDATION_FAILED', 'a class needs a title');
  const startsAt = parseInstant(input.startsAt, 'startsAt');
  const endsAt = parseInstant(input.endsAt, 'endsAt');
  if (endsAt <= startsAt) throw new AppError('VALIDATION_FAILED', 'endsAt must be after startsAt');
  const at = isoInstant(now);
  return inTransaction(db, async (trx) => {
    await requireProgram(trx, input.tenantId, input.programId);
    const row = {
      id: newId('cls'),
      tenantId: input.tenantId,
      programId: input.programId,
      title,
      startsAt,
      endsAt,
      createdAt: at,
    };
    await trx.insertInto('classes').values(row).execute();
    await auditAction(
      trx,
      input.actor,
      {
        tenantId: input.tenantId,
        action: 'class.created',
        targetType: 'class',
        targetId: row.id,
        details: { programId: input.programId },
      },
      at,
    );
    return toClass(row);
  });
}

/** A class of the tenant, or NOT_FOUND. */
export async function requireClass(
  db: Kysely<Database>,
  tenantId: string,
  classId: string,
): Promise<Class> {
  const row = await db
    .selectFrom('classes')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where('id', '=', classId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `no class ${classId} in this tenant`);
  return toClass(row);
}

/** The program's classes by start time, with enrollment and attendance counts. */
export async function listClasses(
  db: Kysely<Database>,
  tenantId: string,
  programId: string,
): Promise<ClassSummary[]> {
  await requireProgram(db, tenantId, programId);
  const rows = await db
    .selectFrom('classes as c')
    .leftJoin('classEnrollments as e', 'e.classId', 'c.id')
    .selectAll('c')
    .select((eb) => [
      eb.fn.count<number | string>('e.id').as('enrolled'),
      eb.fn
        .count<number | string>(eb.case().when('e.attendance', '=', 'attended').then(1).end())
        .as('attended'),
      eb.fn
        .count<number | string>(eb.case().when('e.attendance', '=', 'absent').then(1).end())
        .as('absent'),
    ])
    .where('c.tenantId', '=', tenantId)
    .where('c.programId', '=', programId)
    // Both stores accept the other columns of `c` as functionally dependent on its primary key.
    .groupBy('c.id')
    .orderBy('c.startsAt')
    .orderBy('c.id')
    .execute();
  return rows.map((row) => ({
    ...toClass(row),
    counts: {
      enrolled: toCount(row.enrolled),
      attended: toCount(row.attended),
      absent: toCount(row.absent),
    },
  }));
}

/**
 * Enrolls a learner in a class and makes them an `enrolled` participant of its program.
 * Idempotent; refuses deactivated learners. Past classes are allowed (late bookkeeping).
 */
export async function enrollInClass(
  db: Kysely<Database>,
  input: { tenantId: string; classId: string; learnerId: string; actor?: Actor | undefined },
  now: Date | string,
): Promise<{ enrollment: Enrollment; enrolled: boolean }> {
  const at = isoInstant(now);
  return inTransaction(db, async (trx) => {
    const cls = await requireClass(trx, input.tenantId, input.classId);
    // The lock orders this against a concurrent deactivation, which must not leave a seat behind.
    const learner = await lockLearner(trx, input.tenantId, input.learnerId);
    assertNotDeactivated(learner);
    const inserted = await trx
      .insertInto('classEnrollments')
      .values({
        id: newId('enr'),
        tenantId: input.tenantId,
        classId: cls.id,
        learnerId: learner.id,
        enrolledAt: at,
        attendance: null,
        attendanceRecordedAt: null,
      })
      .onConflict((oc) => oc.columns(['classId', 'learnerId']).doNothing())
      .returning('id')
      .executeTakeFirst();
    await trx
      .insertInto('programParticipants')
      .values({
        id: newId('ppt'),
        tenantId: input.tenantId,
        programId: cls.programId,
        learnerId: learner.id,
        status: 'enrolled',
        invitedAt: null,
        enrolledAt: at,
        createdAt: at,
      })
      .onConflict((oc) =>
        oc
          .columns(['programId', 'learnerId'])
          .doUpdateSet({ status: 'enrolled', enrolledAt: at })
          .where('programParticipants.status', '=', 'invited'),
      )
      .execute();
    const row = await trx
      .selectFrom('classEnrollments')
      .selectAll()
      .where('classId', '=', cls.id)
      .where('learnerId', '=', learner.id)
      .executeTakeFirstOrThrow();
    if (inserted) {
      await auditAction(
        trx,
        input.actor,
        {
          tenantId: input.tenantId,
          action: 'class.enrolled',
          targetType: 'learner',
          targetId: learner.id,
          details: { classId: cls.id },
        },
        at,
      );
    }
    return { enrollment: toEnrollment(row), enrolled: inserted !== undefined };
  });
}

/** Records whether an enrolled learner came; only for classes that have started. */
export async function recordAttendance(
  db: Kysely<Database>,
  input: {
    tenantId: string;
    classId: string;
    learnerId: string;
    attendance: Attendance;
    actor?: Actor | undefined;
  },
  now: Date | string,
): Promise<Enrollment> {
  if (input.attendance !== 'attended' && input.attendance !== 'absent') {
    throw new AppError('VALIDATION_FAILED', 'attendance is "attended" or "absent"');
  }
  const at = isoInstant(now);
  return inTransaction(db, async (trx) => {
    const cls = await requireClass(trx, input.tenantId, input.classId);
    if (cls.startsAt > at) {
      throw new AppError(
        'VALIDATION_FAILED',
        `class ${cls.id} starts at ${cls.startsAt}: attendance can be recorded once it has started`,
      );
    }
    const row = await trx
      .updateTable('classEnrollments')
      .set({ attendance: input.attendance, attendanceRecordedAt: at })
      .where('tenantId', '=', input.tenantId)
      .where('classId', '=', cls.id)
      .where('learnerId', '=', input.learnerId)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      throw new AppError('NOT_FOUND', `learner ${input.learnerId} is not enrolled in ${cls.id}`);
    }
    await auditAction(
      trx,
      input.actor,
      {
        tenantId: input.tenantId,
        action: 'class.attendance_recorded',
        targetType: 'learner',
        targetId: input.learnerId,
        details: { classId: cls.id, attendance: input.attendance },
      },
      at,
    );
    return toEnrollment(row);
  });
}

/** The class roster by learner name, deactivated learners included. */
export async function listEnrollments(
  db: Kysely<Database>,
  tenantId: string,
  classId: string,
): Promise<RosterEntry[]> {
  await requireClass(db, tenantId, classId);
  return db
    .selectFrom('classEnrollments as e')
    .innerJoin('learners as l', 'l.id', 'e.learnerId')
    .select([
      'e.id',
      'e.classId',
      'e.learnerId',
      'e.enrolledAt',
      'e.attendance',
      'e.attendanceRecordedAt',
      'l.firstName',
      'l.lastName',
      'l.workEmail',
      'l.status as learnerStatus',
    ])
    .where('e.tenantId', '=', tenantId)
    .where('e.classId', '=', classId)
    .orderBy('l.lastName', (ob) => ob.nullsLast())
    .orderBy('l.firstName', (ob) => ob.nullsLast())
    .orderBy('l.id')
    .execute();
}
