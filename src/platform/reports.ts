import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { toCount } from '../db/portable.ts';
import type { Database } from '../db/schema.ts';
import { isoInstant } from './learner-state.ts';

export const REPORT_GROUPINGS = ['department', 'location', 'program'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

/** One line of the attendance report. Deactivated learners' history counts like anyone's. */
export interface AttendanceRow {
  /** The department, location or program name; null for learners without one. */
  group: string | null;
  learners: number;
  deactivatedLearners: number;
  /** Enrollments in classes that started before `now`. */
  pastSessions: number;
  attended: number;
  absent: number;
  /** attended / (attended + absent), two decimals; null when no attendance was recorded. */
  attendanceRate: number | null;
}

type Counts = Omit<AttendanceRow, 'group' | 'attendanceRate'>;
type Count = number | string;

// The session counts of one group over `class_enrollments as e`, shared by both groupings.
const SESSION_COUNTS = [
  sql<Count>`count(*)`.as('pastSessions'),
  sql<Count>`count(case when ${sql.ref('e.attendance')} = 'attended' then 1 end)`.as('attended'),
  sql<Count>`count(case when ${sql.ref('e.attendance')} = 'absent' then 1 end)`.as('absent'),
] as const;

function emptyCounts(): Counts {
  return { learners: 0, deactivatedLearners: 0, pastSessions: 0, attended: 0, absent: 0 };
}

/**
 * Attendance per department, location or program, sorted by group (nulls last). Grouping by
 * program lists every program of the tenant; its learners are the program's participants.
 * This is where the data a deactivation keeps (past enrollments, attendance) shows up.
 */
export async function attendanceReport(
  db: Kysely<Database>,
  tenantId: string,
  groupBy: ReportGrouping,
  now: Date | string,
): Promise<AttendanceRow[]> {
  const at = isoInstant(now);
  const groups =
    groupBy === 'program'
      ? await programGroups(db, tenantId, at)
      : await personGroups(db, tenantId, groupBy, at);
  return [...groups.entries()]
    .map(([group, counts]) => ({ group, ...counts, attendanceRate: rate(counts) }))
    .sort((a, b) => compareGroups(a.group, b.group));
}

async function personGroups(
  db: Kysely<Database>,
  tenantId: string,
  groupBy: 'department' | 'location',
  at: string,
): Promise<Map<string | null, Counts>> {
  const column = groupBy === 'department' ? 'l.department' : 'l.location';
  const people = await db
    .selectFrom('learners as l')
    .select((eb) => [
      eb.ref(column).as('grp'),
      eb.fn.countAll<Count>().as('learners'),
      eb.fn
        .count<Count>(eb.case().when('l.status', '=', 'deactivated').then(1).end())
        .as('deactivated'),
    ])
    .where('l.tenantId', '=', tenantId)
    .groupBy(column)
    .execute();
  const sessions = await db
    .selectFrom('classEnrollments as e')
    .innerJoin('classes as c', 'c.id', 'e.classId')
    .innerJoin('learners as l', 'l.id', 'e.learnerId')
    .select((eb) => [eb.ref(column).as('grp'), ...SESSION_COUNTS])
    .where('e.tenantId', '=', tenantId)
    .where('c.startsAt', '<', at)
    .groupBy(column)
    .execute();
  const out = new Map<string | null, Counts>();
  for (const row of people) {
    out.set(row.grp, {
      ...emptyCounts(),
      learners: toCount(row.learners),
      deactivatedLearners: toCount(row.deactivated),
    });
  }
  for (const row of sessions) addSessions(out, row.grp, row);
  return out;
}

async function programGroups(
  db: Kysely<Database>,
  tenantId: string,
  at: string,
): Promise<Map<string | null, Counts>> {
  const people = await db
    .selectFrom('programs as p')
    .leftJoin('programParticipants as pp', 'pp.programId', 'p.id')
    .leftJoin('learners as l', 'l.id', 'pp.learnerId')
    .select((eb) => [
      'p.id',
      'p.name',
      eb.fn.count<Count>('pp.id').as('learners'),
      eb.fn
        .count<Count>(eb.case().when('l.status', '=', 'deactivated').then(1).end())
        .as('deactivated'),
    ])
    .where('p.tenantId', '=', tenantId)
    .groupBy(['p.id', 'p.name'])
    .execute();
  const sessions = await db
    .selectFrom('classEnrollments as e')
    .innerJoin('classes as c', 'c.id', 'e.classId')
    .select(['c.programId', ...SESSION_COUNTS])
    .where('e.tenantId', '=', tenantId)
    .where('c.startsAt', '<', at)
    .groupBy('c.programId')
    .execute();
  const byId = new Map<string, Counts>();
  for (const row of people) {
    byId.set(row.id, {
      ...emptyCounts(),
      learners: toCount(row.learners),
      deactivatedLearners: toCount(row.deactivated),
    });
  }
  for (const row of sessions) addSessions(byId, row.programId, row);
  const out = new Map<string | null, Counts>();
  for (const row of people) out.set(row.name, byId.get(row.id) ?? emptyCounts());
  return out;
}

function addSessions<K>(
  out: Map<K, Counts>,
  group: K,
  row: { pastSessions: Count; attended: Count; absent: Count },
): void {
  const counts = out.get(group) ?? emptyCounts();
  counts.pastSessions += toCount(row.pastSessions);
  counts.attended += toCount(row.attended);
  counts.absent += toCount(row.absent);
  out.set(group, counts);
}

function rate(counts: Counts): number | null {
  const recorded = counts.attended + counts.absent;
  return recorded === 0 ? null : Math.round((counts.attended / recorded) * 100) / 100;
}

// Code-unit order, not the locale's: the same report on every server and store.
function compareGroups(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
