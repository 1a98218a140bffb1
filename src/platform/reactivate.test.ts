import { expect, it } from 'vitest';
import { CLI_ACTOR } from '../db/repositories/audit.ts';
import { describeEachDialect } from '../db/testing.ts';
import { enrollInClass } from './classes.ts';
import { deactivateLearner } from './deactivate.ts';
import { activateMembership, endMembership } from './memberships.ts';
import { reactivateLearner } from './reactivate.ts';
import { NOW, eventsOf, learnerRow, makeWorld } from './testing.ts';

const LATER = new Date('2026-11-25T10:00:00.000Z');

describeEachDialect('reactivateLearner', (fx) => {
  const membershipRows = (learnerId: string) =>
    fx.store.db
      .selectFrom('memberships')
      .select(['id', 'status', 'startedAt', 'endedAt', 'endedReason'])
      .where('learnerId', '=', learnerId)
      .execute();
  const enrollmentRows = (learnerId: string) =>
    fx.store.db
      .selectFrom('classEnrollments')
      .select('classId')
      .where('learnerId', '=', learnerId)
      .execute();

  it('restores access and the seat a deactivation ended, not the removed enrollments', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'rea-full');
    const t = w.tenant.id;
    await activateMembership(db, { tenantId: t, learnerId: w.alice.id }, NOW);
    await enrollInClass(db, { tenantId: t, classId: w.futureClass.id, learnerId: w.alice.id }, NOW);
    const [seat] = await membershipRows(w.alice.id);
    await deactivateLearner(db, { tenantId: t, learnerId: w.alice.id, reason: 'terminated' }, NOW);

    const result = await reactivateLearner(
      db,
      { tenantId: t, learnerId: w.alice.id, actor: CLI_ACTOR },
      LATER,
    );
    expect(result).toMatchObject({ changed: true, effects: { membershipRestored: true } });
    const row = await learnerRow(db, w.alice.id);
    expect({ ...row, platformAccess: Boolean(row.platformAccess) }).toEqual({
      status: 'active',
      platformAccess: true,
      version: 3,
      deactivationReason: null,
      deactivatedAt: null,
      invitedAt: null,
    });
    expect(await membershipRows(w.alice.id)).toEqual([
      {
        id: seat?.id,
        status: 'active',
        startedAt: LATER.toISOString(),
        endedAt: null,
        endedReason: null,
      },
    ]);
    expect(await enrollmentRows(w.alice.id)).toEqual([]);
    const events = await eventsOf(db, w.alice.id);
    expect(events.map((e) => [e.type, e.version])).toEqual([
      ['learner.created', 1],
      ['learner.deactivated', 2],
      ['learner.reactivated', 3],
    ]);
    expect(events[2]?.payload).toMatchObject({
      effects: { membershipRestored: true },
      learner: { version: 3, status: 'active', platformAccess: true, deactivationReason: null },
    });
    const audit = await db
      .selectFrom('auditLog')
      .select('action')
      .where('tenantId', '=', t)
      .execute();
    expect(audit).toEqual([{ action: 'learner.reactivated' }]);
  });

  it('leaves a seat an admin ended ended', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'rea-admin-ended');
    const t = w.tenant.id;
    await activateMembership(db, { tenantId: t, learnerId: w.bob.id }, NOW);
    await endMembership(db, { tenantId: t, learnerId: w.bob.id, reason: 'seat_reassigned' }, NOW);
    await deactivateLearner(db, { tenantId: t, learnerId: w.bob.id, reason: 'terminated' }, NOW);
    const result = await reactivateLearner(db, { tenantId: t, learnerId: w.bob.id }, LATER);
    expect(result).toMatchObject({ changed: true, effects: { membershipRestored: false } });
    expect(await membershipRows(w.bob.id)).toEqual([
      expect.objectContaining({ status: 'ended', endedReason: 'seat_reassigned' }),
    ]);
  });

  it('reactivates a learner who never had a seat without creating one', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'rea-no-seat');
    const t = w.tenant.id;
    await deactivateLearner(db, { tenantId: t, learnerId: w.bob.id, reason: 'missing' }, NOW);
    const result = await reactivateLearner(db, { tenantId: t, learnerId: w.bob.id }, LATER);
    expect(result).toMatchObject({ changed: true, effects: { membershipRestored: false } });
    expect(await membershipRows(w.bob.id)).toEqual([]);
  });

  it('is a no-op for a learner who is not deactivated', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'rea-noop');
    const t = w.tenant.id;
    const result = await reactivateLearner(db, { tenantId: t, learnerId: w.alice.id }, NOW);
    expect(result).toMatchObject({ changed: false, effects: { membershipRestored: false } });
    expect((await learnerRow(db, w.alice.id)).version).toBe(1);
    expect(await eventsOf(db, w.alice.id)).toHaveLength(1);
    const other = await makeWorld(db, 'rea-noop-other');
    await expect(
      reactivateLearner(db, { tenantId: other.tenant.id, learnerId: w.alice.id }, NOW),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reactivates once under concurrency', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'rea-race');
    const t = w.tenant.id;
    await deactivateLearner(db, { tenantId: t, learnerId: w.alice.id, reason: 'terminated' }, NOW);
    const results = await Promise.all(
      [1, 2, 3].map(() => reactivateLearner(db, { tenantId: t, learnerId: w.alice.id }, LATER)),
    );
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect((await eventsOf(db, w.alice.id)).map((e) => e.version)).toEqual([1, 2, 3]);
  });
});
