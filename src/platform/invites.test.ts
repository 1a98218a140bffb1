import { expect, it } from 'vitest';
import { CLI_ACTOR } from '../db/repositories/audit.ts';
import { describeEachDialect } from '../db/testing.ts';
import { enrollInClass } from './classes.ts';
import { deactivateLearner } from './deactivate.ts';
import { hrisKnowsLinkedLearners, noHrisConnected } from './hris-gate.ts';
import { inviteLearner, inviteToProgram } from './invites.ts';
import { reactivateLearner } from './reactivate.ts';
import { NOW, NOW_ISO, eventsOf, learnerRow, makeLearner, makeWorld } from './testing.ts';

const LATER = new Date('2026-11-23T10:00:00.000Z');
const gate = noHrisConnected;

describeEachDialect('invites', (fx) => {
  const inviteRows = (learnerId: string) =>
    fx.store.db
      .selectFrom('invites')
      .select(['scope', 'programId', 'sentAt', 'sentBy'])
      .where('learnerId', '=', learnerId)
      .orderBy('scope')
      .execute();
  const invitedEvents = async (learnerId: string) =>
    (await eventsOf(fx.store.db, learnerId)).filter((e) => e.type === 'learner.invited');

  it('sends the platform invite once: invited status, a version and one event', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'inv-platform');
    const input = { tenantId: w.tenant.id, learnerId: w.alice.id, gate, actor: CLI_ACTOR };
    const first = await inviteLearner(db, input, NOW);
    const second = await inviteLearner(db, input, LATER);
    expect([first.sent, second.sent]).toEqual([true, false]);
    expect(first.learner).toMatchObject({ status: 'invited', invitedAt: NOW_ISO, version: 2 });
    expect(second.learner).toMatchObject({ invitedAt: NOW_ISO, version: 2 });
    expect(await learnerRow(db, w.alice.id)).toMatchObject({
      status: 'invited',
      invitedAt: NOW_ISO,
      version: 2,
    });
    expect(await inviteRows(w.alice.id)).toEqual([
      { scope: 'platform', programId: null, sentAt: NOW_ISO, sentBy: 'cli' },
    ]);
    const events = await invitedEvents(w.alice.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      version: 2,
      payload: { scope: 'platform', learner: { id: w.alice.id, status: 'invited', version: 2 } },
    });
  });

  it('sends the platform invite once under concurrency', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'inv-platform-race');
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() =>
        inviteLearner(db, { tenantId: w.tenant.id, learnerId: w.alice.id, gate }, NOW),
      ),
    );
    expect(results.filter((r) => r.sent)).toHaveLength(1);
    expect(await inviteRows(w.alice.id)).toHaveLength(1);
    expect(await invitedEvents(w.alice.id)).toHaveLength(1);
    expect((await learnerRow(db, w.alice.id)).version).toBe(2);
  });

  it('invites to a program once, separately from the platform invite', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'inv-program');
    const input = { tenantId: w.tenant.id, learnerId: w.bob.id, programId: w.program.id, gate };
    const first = await inviteToProgram(db, input, NOW);
    const again = await inviteToProgram(db, input, LATER);
    const platform = await inviteLearner(
      db,
      { tenantId: w.tenant.id, learnerId: w.bob.id, gate },
      NOW,
    );
    expect([first.sent, again.sent, platform.sent]).toEqual([true, false, true]);
    // A program invite does not change the platform status.
    expect(first.learner).toMatchObject({ status: 'active', invitedAt: null, version: 2 });
    expect(await inviteRows(w.bob.id)).toEqual([
      { scope: 'platform', programId: null, sentAt: NOW_ISO, sentBy: null },
      { scope: `program:${w.program.id}`, programId: w.program.id, sentAt: NOW_ISO, sentBy: null },
    ]);
    const participants = await db
      .selectFrom('programParticipants')
      .select(['learnerId', 'status', 'invitedAt'])
      .where('programId', '=', w.program.id)
      .execute();
    expect(participants).toEqual([{ learnerId: w.bob.id, status: 'invited', invitedAt: NOW_ISO }]);
    const events = await invitedEvents(w.bob.id);
    expect(events.map((e) => [e.version, e.payload['scope'], e.payload['programId']])).toEqual([
      [2, 'program', w.program.id],
      [3, 'platform', undefined],
    ]);
  });

  it('sends a program invite once under concurrency, and keeps an enrolled participant enrolled', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'inv-program-race');
    await enrollInClass(
      db,
      { tenantId: w.tenant.id, classId: w.pastClass.id, learnerId: w.alice.id },
      NOW,
    );
    const input = { tenantId: w.tenant.id, learnerId: w.alice.id, programId: w.program.id, gate };
    const results = await Promise.all([1, 2, 3, 4].map(() => inviteToProgram(db, input, LATER)));
    expect(results.filter((r) => r.sent)).toHaveLength(1);
    expect(await inviteRows(w.alice.id)).toHaveLength(1);
    expect(await invitedEvents(w.alice.id)).toHaveLength(1);
    const participants = await db
      .selectFrom('programParticipants')
      .select(['status', 'invitedAt', 'enrolledAt'])
      .where('learnerId', '=', w.alice.id)
      .execute();
    expect(participants).toEqual([
      { status: 'enrolled', invitedAt: LATER.toISOString(), enrolledAt: NOW_ISO },
    ]);
  });

  it('serializes different invites of one learner: each gets its own version and event', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'inv-mixed-race');
    const t = w.tenant.id;
    const platform = () => inviteLearner(db, { tenantId: t, learnerId: w.alice.id, gate }, NOW);
    const [first, program, bob, second] = await Promise.all([
      platform(),
      inviteToProgram(
        db,
        { tenantId: t, learnerId: w.alice.id, programId: w.program.id, gate },
        NOW,
      ),
      deactivateLearner(db, { tenantId: t, learnerId: w.bob.id, reason: 'missing' }, NOW),
      platform(),
    ]);
    expect([first.sent, second.sent].sort()).toEqual([false, true]);
    expect([program.sent, bob.changed]).toEqual([true, true]);
    expect(await inviteRows(w.alice.id)).toHaveLength(2);
    expect((await invitedEvents(w.alice.id)).map((e) => e.version).sort()).toEqual([2, 3]);
    expect((await learnerRow(db, w.alice.id)).version).toBe(3);
  });

  it('refuses deactivated learners and writes nothing', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'inv-deactivated');
    const t = w.tenant.id;
    await deactivateLearner(db, { tenantId: t, learnerId: w.bob.id, reason: 'terminated' }, NOW);
    await expect(
      inviteLearner(db, { tenantId: t, learnerId: w.bob.id, gate }, NOW),
    ).rejects.toMatchObject({
      code: 'LEARNER_DEACTIVATED',
    });
    await expect(
      inviteToProgram(db, { tenantId: t, learnerId: w.bob.id, programId: w.program.id, gate }, NOW),
    ).rejects.toMatchObject({ code: 'LEARNER_DEACTIVATED' });
    expect(await inviteRows(w.bob.id)).toEqual([]);
    expect(await invitedEvents(w.bob.id)).toEqual([]);
  });

  it('never sends an invite twice, even after a deactivation and a rehire', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'inv-rehire');
    const t = w.tenant.id;
    expect((await inviteLearner(db, { tenantId: t, learnerId: w.alice.id, gate }, NOW)).sent).toBe(
      true,
    );
    await deactivateLearner(db, { tenantId: t, learnerId: w.alice.id, reason: 'terminated' }, NOW);
    await reactivateLearner(db, { tenantId: t, learnerId: w.alice.id }, LATER);
    expect(
      (await inviteLearner(db, { tenantId: t, learnerId: w.alice.id, gate }, LATER)).sent,
    ).toBe(false);
    expect(await inviteRows(w.alice.id)).toHaveLength(1);
    expect(await invitedEvents(w.alice.id)).toHaveLength(1);
  });

  it('limits invites to people a connected HRIS knows as active or pending', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'inv-gate');
    const free = await makeWorld(db, 'inv-gate-free');
    const t = w.tenant.id;
    const hrisGate = hrisKnowsLinkedLearners([t]);
    const linked = (firstName: string, employmentStatus: 'active' | 'pending' | 'terminated') =>
      makeLearner(db, w.tenant, {
        firstName,
        source: 'hris',
        connectionId: 'con_test',
        externalId: `ext-${firstName}`,
        employmentStatus,
      });
    const active = await linked('Hana', 'active');
    const pending = await linked('Ivo', 'pending');
    const terminated = await linked('Jun', 'terminated');

    for (const learner of [active, pending]) {
      expect(
        (await inviteLearner(db, { tenantId: t, learnerId: learner.id, gate: hrisGate }, NOW)).sent,
      ).toBe(true);
    }
    const refusals = [
      { learner: w.alice, reason: /does not list this person/ },
      { learner: terminated, reason: /lists this person as terminated/ },
    ];
    for (const { learner, reason } of refusals) {
      const attempt = inviteToProgram(
        db,
        { tenantId: t, learnerId: learner.id, programId: w.program.id, gate: hrisGate },
        NOW,
      );
      await expect(attempt).rejects.toMatchObject({ code: 'UNKNOWN_TO_HRIS' });
      await expect(attempt).rejects.toThrow(reason);
      await expect(
        inviteLearner(db, { tenantId: t, learnerId: learner.id, gate: hrisGate }, NOW),
      ).rejects.toMatchObject({ code: 'UNKNOWN_TO_HRIS' });
      expect(await inviteRows(learner.id)).toEqual([]);
    }
    // A tenant without a connection is not limited by the same gate.
    const unlimited = await inviteLearner(
      db,
      { tenantId: free.tenant.id, learnerId: free.alice.id, gate: hrisGate },
      NOW,
    );
    expect(unlimited.sent).toBe(true);
  });

  it("treats another tenant's learner or program as not found", async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'inv-scope');
    const other = await makeWorld(db, 'inv-scope-other');
    const t = w.tenant.id;
    await expect(
      inviteLearner(db, { tenantId: t, learnerId: other.alice.id, gate }, NOW),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      inviteToProgram(
        db,
        { tenantId: t, learnerId: w.alice.id, programId: other.program.id, gate },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await inviteRows(w.alice.id)).toEqual([]);
    expect(await inviteRows(other.alice.id)).toEqual([]);
  });
});
