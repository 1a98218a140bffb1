import { expect, it } from 'vitest';
import { newId } from '../core/ids.ts';
import { CLI_ACTOR } from '../db/repositories/audit.ts';
import { describeEachDialect } from '../db/testing.ts';
import { enrollInClass, recordAttendance } from './classes.ts';
import { deactivateLearner } from './deactivate.ts';
import { activateMembership } from './memberships.ts';
import { addFollowUp, createProgram } from './programs.ts';
import type { World } from './testing.ts';
import { NOW, NOW_ISO, eventsOf, learnerRow, makeClass, makeWorld } from './testing.ts';

describeEachDialect('deactivateLearner', (fx) => {
  const rowsOf = async (learnerId: string) => {
    const db = fx.store.db;
    return {
      enrollments: await db
        .selectFrom('classEnrollments')
        .select(['classId', 'attendance'])
        .where('learnerId', '=', learnerId)
        .orderBy('classId')
        .execute(),
      followUps: await db
        .selectFrom('programFollowUps')
        .select('programId')
        .where('learnerId', '=', learnerId)
        .execute(),
      participants: await db
        .selectFrom('programParticipants')
        .select(['programId', 'status'])
        .where('learnerId', '=', learnerId)
        .execute(),
      memberships: await db
        .selectFrom('memberships')
        .select(['status', 'endedAt', 'endedReason'])
        .where('learnerId', '=', learnerId)
        .execute(),
    };
  };

  /** Alice with a seat, a past class she attended, a future class, and two follow-up lists. */
  async function busyAlice(slug: string): Promise<World & { otherProgramId: string }> {
    const db = fx.store.db;
    const w = await makeWorld(db, slug);
    const t = w.tenant.id;
    const other = await createProgram(db, { tenantId: t, name: 'Other' }, NOW);
    await activateMembership(db, { tenantId: t, learnerId: w.alice.id }, NOW);
    for (const cls of [w.pastClass, w.futureClass]) {
      await enrollInClass(db, { tenantId: t, classId: cls.id, learnerId: w.alice.id }, NOW);
    }
    await recordAttendance(
      db,
      { tenantId: t, classId: w.pastClass.id, learnerId: w.alice.id, attendance: 'attended' },
      NOW,
    );
    for (const programId of [w.program.id, other.id]) {
      await addFollowUp(db, { tenantId: t, programId, learnerId: w.alice.id }, NOW);
    }
    return { ...w, otherProgramId: other.id };
  }

  it('revokes access, ends the seat, drops future classes and follow-ups, keeps history', async () => {
    const db = fx.store.db;
    const w = await busyAlice('dea-full');
    const result = await deactivateLearner(
      db,
      { tenantId: w.tenant.id, learnerId: w.alice.id, reason: 'terminated', actor: CLI_ACTOR },
      NOW,
    );
    expect(result.changed).toBe(true);
    expect(result.effects).toEqual({
      membershipEnded: true,
      futureEnrollmentsRemoved: 1,
      followUpsRemoved: 2,
    });
    const row = await learnerRow(db, w.alice.id);
    expect({ ...row, platformAccess: Boolean(row.platformAccess) }).toEqual({
      status: 'deactivated',
      platformAccess: false,
      version: 2,
      deactivationReason: 'terminated',
      deactivatedAt: NOW_ISO,
      invitedAt: null,
    });
    expect(await rowsOf(w.alice.id)).toEqual({
      enrollments: [{ classId: w.pastClass.id, attendance: 'attended' }],
      followUps: [],
      participants: [{ programId: w.program.id, status: 'enrolled' }],
      memberships: [{ status: 'ended', endedAt: NOW_ISO, endedReason: 'learner_deactivated' }],
    });
    const events = await eventsOf(db, w.alice.id);
    expect(events.map((e) => [e.type, e.version])).toEqual([
      ['learner.created', 1],
      ['learner.deactivated', 2],
    ]);
    expect(events[1]?.payload).toMatchObject({
      reason: 'terminated',
      learner: { id: w.alice.id, version: 2, status: 'deactivated', platformAccess: false },
    });
    const audit = await db
      .selectFrom('auditLog')
      .select(['action', 'actorType', 'targetId'])
      .where('tenantId', '=', w.tenant.id)
      .execute();
    expect(audit).toEqual([
      { action: 'learner.deactivated', actorType: 'cli', targetId: w.alice.id },
    ]);
    expect(result.learner.version).toBe(2);
  });

  it('is a no-op the second time: no version bump, no event', async () => {
    const db = fx.store.db;
    const w = await busyAlice('dea-twice');
    const input = { tenantId: w.tenant.id, learnerId: w.alice.id, reason: 'terminated' };
    await deactivateLearner(db, input, NOW);
    const again = await deactivateLearner(db, { ...input, reason: 'missing' }, NOW);
    expect(again.changed).toBe(false);
    expect(again.effects).toEqual({
      membershipEnded: false,
      futureEnrollmentsRemoved: 0,
      followUpsRemoved: 0,
    });
    expect(again.learner.deactivationReason).toBe('terminated');
    expect((await learnerRow(db, w.alice.id)).version).toBe(2);
    expect(await eventsOf(db, w.alice.id)).toHaveLength(2);
  });

  it('converges from a partial state: removes what is left without a new event', async () => {
    const db = fx.store.db;
    const w = await busyAlice('dea-partial');
    // A learner marked deactivated while effects were left behind (e.g. stored as deactivated by
    // an older release): the next call must still clean up.
    await db
      .updateTable('learners')
      .set({ status: 'deactivated', platformAccess: false, deactivationReason: 'terminated' })
      .where('id', '=', w.alice.id)
      .execute();
    const result = await deactivateLearner(
      db,
      { tenantId: w.tenant.id, learnerId: w.alice.id, reason: 'terminated' },
      NOW,
    );
    expect(result).toMatchObject({
      changed: false,
      effects: { membershipEnded: true, futureEnrollmentsRemoved: 1, followUpsRemoved: 2 },
    });
    const rows = await rowsOf(w.alice.id);
    expect(rows.enrollments).toEqual([{ classId: w.pastClass.id, attendance: 'attended' }]);
    expect(rows.followUps).toEqual([]);
    expect(rows.memberships[0]?.status).toBe('ended');
    expect((await eventsOf(db, w.alice.id)).map((e) => e.type)).toEqual(['learner.created']);
  });

  it('keeps a class that starts exactly now and removes only this learner', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'dea-boundary');
    const t = w.tenant.id;
    const startingNow = await makeClass(db, w.tenant, w.program, 'Now', {
      startsAt: NOW_ISO,
      endsAt: '2026-11-22T11:00:00.000Z',
    });
    for (const learner of [w.alice, w.bob]) {
      for (const cls of [startingNow, w.futureClass]) {
        await enrollInClass(db, { tenantId: t, classId: cls.id, learnerId: learner.id }, NOW);
      }
    }
    await deactivateLearner(db, { tenantId: t, learnerId: w.alice.id, reason: 'missing' }, NOW);
    expect((await rowsOf(w.alice.id)).enrollments).toEqual([
      { classId: startingNow.id, attendance: null },
    ]);
    expect((await rowsOf(w.bob.id)).enrollments).toHaveLength(2);
  });

  it("refuses another tenant's learner and an empty reason, changing nothing", async () => {
    const db = fx.store.db;
    const w = await busyAlice('dea-scope');
    const other = await makeWorld(db, 'dea-scope-other');
    await expect(
      deactivateLearner(db, { tenantId: other.tenant.id, learnerId: w.alice.id, reason: 'x' }, NOW),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      deactivateLearner(db, { tenantId: w.tenant.id, learnerId: w.alice.id, reason: ' ' }, NOW),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await learnerRow(db, w.alice.id)).status).toBe('active');
    expect((await rowsOf(w.alice.id)).followUps).toHaveLength(2);
  });

  it('joins the caller transaction, so a failed batch leaves nothing behind', async () => {
    const db = fx.store.db;
    const w = await busyAlice('dea-batch');
    await expect(
      db.transaction().execute(async (trx) => {
        await deactivateLearner(
          trx,
          { tenantId: w.tenant.id, learnerId: w.alice.id, reason: 'terminated' },
          NOW,
        );
        await deactivateLearner(
          trx,
          { tenantId: w.tenant.id, learnerId: newId('lrn'), reason: 'terminated' },
          NOW,
        );
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await learnerRow(db, w.alice.id)).status).toBe('active');
    expect((await rowsOf(w.alice.id)).enrollments).toHaveLength(2);
    expect(await eventsOf(db, w.alice.id)).toHaveLength(1);
  });

  it('deactivates once under concurrency', async () => {
    const db = fx.store.db;
    const w = await busyAlice('dea-race');
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        deactivateLearner(
          db,
          { tenantId: w.tenant.id, learnerId: w.alice.id, reason: 'terminated' },
          NOW,
        ),
      ),
    );
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect((await learnerRow(db, w.alice.id)).version).toBe(2);
    expect((await eventsOf(db, w.alice.id)).map((e) => e.type)).toEqual([
      'learner.created',
      'learner.deactivated',
    ]);
  });
});
