import { expect, it } from 'vitest';
import { describeEachDialect } from '../db/testing.ts';
import {
  createClass,
  enrollInClass,
  listClasses,
  listEnrollments,
  recordAttendance,
} from './classes.ts';
import { deactivateLearner } from './deactivate.ts';
import { noHrisConnected } from './hris-gate.ts';
import { inviteToProgram } from './invites.ts';
import { NOW, PAST, makeWorld } from './testing.ts';

describeEachDialect('classes', (fx) => {
  const enrollmentRows = (classId: string) =>
    fx.store.db
      .selectFrom('classEnrollments')
      .select(['learnerId', 'attendance', 'attendanceRecordedAt'])
      .where('classId', '=', classId)
      .execute();
  const participantRows = (programId: string) =>
    fx.store.db
      .selectFrom('programParticipants')
      .select(['learnerId', 'status', 'invitedAt', 'enrolledAt'])
      .where('programId', '=', programId)
      .execute();

  it('stores class times in UTC and validates them', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'cls-create');
    const base = { tenantId: w.tenant.id, programId: w.program.id, title: 'Offsets' };
    const created = await createClass(
      db,
      { ...base, startsAt: '2026-12-03T10:00:00+01:00', endsAt: '2026-12-03T11:30+01:00' },
      NOW,
    );
    expect(created).toMatchObject({
      startsAt: '2026-12-03T09:00:00.000Z',
      endsAt: '2026-12-03T10:30:00.000Z',
    });
    const invalid = [
      { startsAt: '2026-12-03T10:00:00Z', endsAt: '2026-12-03T10:00:00Z' },
      { startsAt: '2026-12-03T10:00:00', endsAt: '2026-12-03T11:00:00Z' },
      { startsAt: 'tomorrow', endsAt: '2026-12-03T11:00:00Z' },
    ];
    for (const times of invalid) {
      await expect(createClass(db, { ...base, ...times }, NOW)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
    const other = await makeWorld(db, 'cls-create-other');
    await expect(
      createClass(db, { ...base, programId: other.program.id, ...PAST }, NOW),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const stored = await db
      .selectFrom('classes')
      .select('title')
      .where('tenantId', '=', w.tenant.id)
      .execute();
    expect(stored.map((c) => c.title).sort()).toEqual(['Deep dive', 'Kick-off', 'Offsets']);
  });

  it('enrolls once and makes the learner an enrolled program participant', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'cls-enroll');
    const input = { tenantId: w.tenant.id, classId: w.futureClass.id, learnerId: w.alice.id };
    const first = await enrollInClass(db, input, NOW);
    const second = await enrollInClass(db, input, NOW);
    expect([first.enrolled, second.enrolled]).toEqual([true, false]);
    expect(second.enrollment).toEqual(first.enrollment);
    expect(await enrollmentRows(w.futureClass.id)).toHaveLength(1);
    expect(await participantRows(w.program.id)).toEqual([
      { learnerId: w.alice.id, status: 'enrolled', invitedAt: null, enrolledAt: NOW.toISOString() },
    ]);
  });

  it('upgrades an invited participant to enrolled and keeps the invitation time', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'cls-upgrade');
    const invitedAt = new Date('2026-11-20T08:00:00.000Z');
    await inviteToProgram(
      db,
      {
        tenantId: w.tenant.id,
        learnerId: w.bob.id,
        programId: w.program.id,
        gate: noHrisConnected,
      },
      invitedAt,
    );
    await enrollInClass(
      db,
      { tenantId: w.tenant.id, classId: w.futureClass.id, learnerId: w.bob.id },
      NOW,
    );
    expect(await participantRows(w.program.id)).toEqual([
      {
        learnerId: w.bob.id,
        status: 'enrolled',
        invitedAt: invitedAt.toISOString(),
        enrolledAt: NOW.toISOString(),
      },
    ]);
  });

  it("refuses deactivated learners and another tenant's ids", async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'cls-refuse');
    const other = await makeWorld(db, 'cls-refuse-other');
    await deactivateLearner(
      db,
      { tenantId: w.tenant.id, learnerId: w.bob.id, reason: 'terminated' },
      NOW,
    );
    await expect(
      enrollInClass(
        db,
        { tenantId: w.tenant.id, classId: w.futureClass.id, learnerId: w.bob.id },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'LEARNER_DEACTIVATED' });
    await expect(
      enrollInClass(
        db,
        { tenantId: w.tenant.id, classId: other.futureClass.id, learnerId: w.alice.id },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      enrollInClass(
        db,
        { tenantId: w.tenant.id, classId: w.futureClass.id, learnerId: other.alice.id },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await enrollmentRows(w.futureClass.id)).toEqual([]);
    expect(await enrollmentRows(other.futureClass.id)).toEqual([]);
    expect(await participantRows(w.program.id)).toEqual([]);
  });

  it('records attendance only once a class has started, and only for enrolled learners', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'cls-attend');
    const t = w.tenant.id;
    await enrollInClass(db, { tenantId: t, classId: w.pastClass.id, learnerId: w.alice.id }, NOW);
    await enrollInClass(db, { tenantId: t, classId: w.futureClass.id, learnerId: w.alice.id }, NOW);
    await expect(
      recordAttendance(
        db,
        { tenantId: t, classId: w.futureClass.id, learnerId: w.alice.id, attendance: 'attended' },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      recordAttendance(
        db,
        { tenantId: t, classId: w.pastClass.id, learnerId: w.bob.id, attendance: 'absent' },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const recorded = await recordAttendance(
      db,
      { tenantId: t, classId: w.pastClass.id, learnerId: w.alice.id, attendance: 'absent' },
      NOW,
    );
    expect(recorded).toMatchObject({
      attendance: 'absent',
      attendanceRecordedAt: NOW.toISOString(),
    });
    expect(await enrollmentRows(w.pastClass.id)).toEqual([
      { learnerId: w.alice.id, attendance: 'absent', attendanceRecordedAt: NOW.toISOString() },
    ]);
    expect(await enrollmentRows(w.futureClass.id)).toEqual([
      { learnerId: w.alice.id, attendance: null, attendanceRecordedAt: null },
    ]);
  });

  it('lists classes by start with counts, and the roster by name', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'cls-list');
    const t = w.tenant.id;
    for (const learner of [w.bob, w.alice]) {
      await enrollInClass(db, { tenantId: t, classId: w.pastClass.id, learnerId: learner.id }, NOW);
    }
    await recordAttendance(
      db,
      { tenantId: t, classId: w.pastClass.id, learnerId: w.bob.id, attendance: 'attended' },
      NOW,
    );
    const classes = await listClasses(db, t, w.program.id);
    expect(classes.map((c) => [c.title, c.counts])).toEqual([
      ['Kick-off', { enrolled: 2, attended: 1, absent: 0 }],
      ['Deep dive', { enrolled: 0, attended: 0, absent: 0 }],
    ]);
    const roster = await listEnrollments(db, t, w.pastClass.id);
    expect(roster.map((r) => [r.lastName, r.attendance, r.learnerStatus])).toEqual([
      ['Adams', null, 'active'],
      ['Baker', 'attended', 'active'],
    ]);
  });
});
