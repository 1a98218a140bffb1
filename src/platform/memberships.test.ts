import { expect, it } from 'vitest';
import { CLI_ACTOR } from '../db/repositories/audit.ts';
import { describeEachDialect } from '../db/testing.ts';
import { deactivateLearner } from './deactivate.ts';
import { activateMembership, endMembership, getMembership } from './memberships.ts';
import { NOW, eventsOf, learnerRow, makeLearner, makeTenant } from './testing.ts';

const LATER = new Date('2026-11-23T10:00:00.000Z');

describeEachDialect('memberships', (fx) => {
  const membershipRows = (learnerId: string) =>
    fx.store.db.selectFrom('memberships').selectAll().where('learnerId', '=', learnerId).execute();

  it('activates a seat once and leaves the learner version and outbox alone', async () => {
    const db = fx.store.db;
    const tenant = await makeTenant(db, 'mbr-activate');
    const ann = await makeLearner(db, tenant, { firstName: 'Ann' });
    const first = await activateMembership(
      db,
      { tenantId: tenant.id, learnerId: ann.id, actor: CLI_ACTOR },
      NOW,
    );
    const second = await activateMembership(
      db,
      { tenantId: tenant.id, learnerId: ann.id, actor: CLI_ACTOR },
      LATER,
    );
    expect(first.changed).toBe(true);
    expect(second.changed).toBe(false);
    const rows = await membershipRows(ann.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'active',
      startedAt: NOW.toISOString(),
      endedAt: null,
    });
    expect(await getMembership(db, tenant.id, ann.id)).toEqual(first.membership);
    expect((await learnerRow(db, ann.id)).version).toBe(1);
    expect((await eventsOf(db, ann.id)).map((e) => e.type)).toEqual(['learner.created']);
    const audit = await db
      .selectFrom('auditLog')
      .select('action')
      .where('tenantId', '=', tenant.id)
      .execute();
    expect(audit).toEqual([{ action: 'membership.activated' }]);
  });

  it('refuses a deactivated learner and writes nothing', async () => {
    const db = fx.store.db;
    const tenant = await makeTenant(db, 'mbr-deactivated');
    const ben = await makeLearner(db, tenant, { firstName: 'Ben' });
    await deactivateLearner(
      db,
      { tenantId: tenant.id, learnerId: ben.id, reason: 'terminated' },
      NOW,
    );
    await expect(
      activateMembership(db, { tenantId: tenant.id, learnerId: ben.id }, NOW),
    ).rejects.toMatchObject({ code: 'LEARNER_DEACTIVATED' });
    expect(await membershipRows(ben.id)).toEqual([]);
  });

  it('ends a seat with the reason, idempotently, and reuses the one row when it starts again', async () => {
    const db = fx.store.db;
    const tenant = await makeTenant(db, 'mbr-end');
    const cid = await makeLearner(db, tenant, { firstName: 'Cid' });
    await activateMembership(db, { tenantId: tenant.id, learnerId: cid.id }, NOW);
    const ended = await endMembership(
      db,
      { tenantId: tenant.id, learnerId: cid.id, reason: 'contract_reduced' },
      LATER,
    );
    const again = await endMembership(
      db,
      { tenantId: tenant.id, learnerId: cid.id, reason: 'other' },
      LATER,
    );
    expect([ended.changed, again.changed]).toEqual([true, false]);
    expect(await membershipRows(cid.id)).toEqual([
      expect.objectContaining({
        status: 'ended',
        endedAt: LATER.toISOString(),
        endedReason: 'contract_reduced',
      }),
    ]);

    await activateMembership(db, { tenantId: tenant.id, learnerId: cid.id }, LATER);
    const rows = await membershipRows(cid.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: ended.membership?.id,
      status: 'active',
      endedReason: null,
    });
  });

  it('keeps the deactivation reason for deactivations, and ending nothing is a no-op', async () => {
    const db = fx.store.db;
    const tenant = await makeTenant(db, 'mbr-reserved');
    const dee = await makeLearner(db, tenant, { firstName: 'Dee' });
    expect(
      await endMembership(db, { tenantId: tenant.id, learnerId: dee.id, reason: 'x' }, NOW),
    ).toEqual({ membership: undefined, changed: false });
    await activateMembership(db, { tenantId: tenant.id, learnerId: dee.id }, NOW);
    await expect(
      endMembership(
        db,
        { tenantId: tenant.id, learnerId: dee.id, reason: 'learner_deactivated' },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      endMembership(db, { tenantId: tenant.id, learnerId: dee.id, reason: '  ' }, NOW),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await membershipRows(dee.id))[0]?.status).toBe('active');
  });

  it("treats another tenant's learner as not found", async () => {
    const db = fx.store.db;
    const mine = await makeTenant(db, 'mbr-mine');
    const theirs = await makeTenant(db, 'mbr-theirs');
    const eve = await makeLearner(db, theirs, { firstName: 'Eve' });
    await expect(
      activateMembership(db, { tenantId: mine.id, learnerId: eve.id }, NOW),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await activateMembership(db, { tenantId: theirs.id, learnerId: eve.id }, NOW);
    await expect(
      endMembership(db, { tenantId: mine.id, learnerId: eve.id, reason: 'x' }, NOW),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await getMembership(db, mine.id, eve.id)).toBeUndefined();
    expect((await membershipRows(eve.id))[0]?.status).toBe('active');
  });

  it('activates once under concurrency', async () => {
    const db = fx.store.db;
    const tenant = await makeTenant(db, 'mbr-race');
    const fay = await makeLearner(db, tenant, { firstName: 'Fay' });
    const results = await Promise.all(
      [1, 2, 3, 4].map(() =>
        activateMembership(db, { tenantId: tenant.id, learnerId: fay.id }, NOW),
      ),
    );
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(await membershipRows(fay.id)).toHaveLength(1);
  });
});
