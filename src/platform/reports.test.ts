import { expect, it } from 'vitest';
import { describeEachDialect } from '../db/testing.ts';
import type { Class, Attendance } from './classes.ts';
import { enrollInClass, recordAttendance } from './classes.ts';
import { deactivateLearner } from './deactivate.ts';
import { createProgram } from './programs.ts';
import { attendanceReport } from './reports.ts';
import type { World } from './testing.ts';
import { NOW, PAST_2, makeClass, makeLearner, makeWorld } from './testing.ts';

describeEachDialect('attendanceReport', (fx) => {
  /**
   * Eng: Alice (attended, absent). Ops: Bob (attended twice, then deactivated). Sales: Cy
   * (attended). No department: Di (future class only). Berlin: Alice and Cy; Oslo: Bob.
   */
  async function company(slug: string): Promise<World & { past2: Class }> {
    const db = fx.store.db;
    const w = await makeWorld(db, slug);
    const t = w.tenant.id;
    await db
      .updateTable('learners')
      .set({ department: 'Eng', location: 'Berlin' })
      .where('id', '=', w.alice.id)
      .execute();
    await db
      .updateTable('learners')
      .set({ department: 'Ops', location: 'Oslo' })
      .where('id', '=', w.bob.id)
      .execute();
    const cy = await makeLearner(db, w.tenant, {
      firstName: 'Cy',
      department: 'Sales',
      location: 'Berlin',
    });
    const di = await makeLearner(db, w.tenant, { firstName: 'Di' });
    const past2 = await makeClass(db, w.tenant, w.program, 'Follow-up', PAST_2);
    const sessions: [string, Class, Attendance | null][] = [
      [w.alice.id, w.pastClass, 'attended'],
      [w.alice.id, past2, 'absent'],
      [w.bob.id, w.pastClass, 'attended'],
      [w.bob.id, past2, 'attended'],
      [w.bob.id, w.futureClass, null],
      [cy.id, w.pastClass, 'attended'],
      [di.id, w.futureClass, null],
    ];
    for (const [learnerId, cls, attendance] of sessions) {
      await enrollInClass(db, { tenantId: t, classId: cls.id, learnerId }, NOW);
      if (attendance) {
        await recordAttendance(db, { tenantId: t, classId: cls.id, learnerId, attendance }, NOW);
      }
    }
    await deactivateLearner(db, { tenantId: t, learnerId: w.bob.id, reason: 'terminated' }, NOW);
    return { ...w, past2 };
  }

  it("keeps a deactivated learner's past attendance in the report", async () => {
    const db = fx.store.db;
    const w = await company('rep-deactivated');
    // The deactivation removed only Bob's future seat: both past sessions remain in the store…
    const bobRows = await db
      .selectFrom('classEnrollments')
      .select(['classId', 'attendance'])
      .where('learnerId', '=', w.bob.id)
      .execute();
    expect(bobRows.map((r) => r.attendance)).toEqual(['attended', 'attended']);
    // …and in the report, where Ops is Bob alone.
    const report = await attendanceReport(db, w.tenant.id, 'department', NOW);
    expect(report.find((r) => r.group === 'Ops')).toEqual({
      group: 'Ops',
      learners: 1,
      deactivatedLearners: 1,
      pastSessions: 2,
      attended: 2,
      absent: 0,
      attendanceRate: 1,
    });
  });

  it('groups by department, sorted with the null group last', async () => {
    const db = fx.store.db;
    const w = await company('rep-department');
    expect(await attendanceReport(db, w.tenant.id, 'department', NOW)).toEqual([
      {
        group: 'Eng',
        learners: 1,
        deactivatedLearners: 0,
        pastSessions: 2,
        attended: 1,
        absent: 1,
        attendanceRate: 0.5,
      },
      {
        group: 'Ops',
        learners: 1,
        deactivatedLearners: 1,
        pastSessions: 2,
        attended: 2,
        absent: 0,
        attendanceRate: 1,
      },
      {
        group: 'Sales',
        learners: 1,
        deactivatedLearners: 0,
        pastSessions: 1,
        attended: 1,
        absent: 0,
        attendanceRate: 1,
      },
      {
        group: null,
        learners: 1,
        deactivatedLearners: 0,
        pastSessions: 0,
        attended: 0,
        absent: 0,
        attendanceRate: null,
      },
    ]);
  });

  it('groups by location and rounds the rate to two decimals', async () => {
    const db = fx.store.db;
    const w = await company('rep-location');
    expect(await attendanceReport(db, w.tenant.id, 'location', NOW)).toEqual([
      {
        group: 'Berlin',
        learners: 2,
        deactivatedLearners: 0,
        pastSessions: 3,
        attended: 2,
        absent: 1,
        attendanceRate: 0.67,
      },
      {
        group: 'Oslo',
        learners: 1,
        deactivatedLearners: 1,
        pastSessions: 2,
        attended: 2,
        absent: 0,
        attendanceRate: 1,
      },
      {
        group: null,
        learners: 1,
        deactivatedLearners: 0,
        pastSessions: 0,
        attended: 0,
        absent: 0,
        attendanceRate: null,
      },
    ]);
  });

  it('groups by program, listing programs without sessions too', async () => {
    const db = fx.store.db;
    const w = await company('rep-program');
    await createProgram(db, { tenantId: w.tenant.id, name: 'Empty' }, NOW);
    expect(await attendanceReport(db, w.tenant.id, 'program', NOW)).toEqual([
      {
        group: 'Empty',
        learners: 0,
        deactivatedLearners: 0,
        pastSessions: 0,
        attended: 0,
        absent: 0,
        attendanceRate: null,
      },
      {
        group: 'Onboarding',
        learners: 4,
        deactivatedLearners: 1,
        pastSessions: 5,
        attended: 4,
        absent: 1,
        attendanceRate: 0.8,
      },
    ]);
  });

  it('counts only classes that started before now, and only this tenant', async () => {
    const db = fx.store.db;
    const w = await company('rep-time');
    await company('rep-time-other');
    const before = new Date('2026-11-05T00:00:00.000Z');
    expect(await attendanceReport(db, w.tenant.id, 'program', before)).toEqual([
      {
        group: 'Onboarding',
        learners: 4,
        deactivatedLearners: 1,
        pastSessions: 3,
        attended: 3,
        absent: 0,
        attendanceRate: 1,
      },
    ]);
  });
});
