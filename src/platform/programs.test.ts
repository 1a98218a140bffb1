import { expect, it } from 'vitest';
import { CLI_ACTOR } from '../db/repositories/audit.ts';
import { describeEachDialect } from '../db/testing.ts';
import { enrollInClass } from './classes.ts';
import { deactivateLearner } from './deactivate.ts';
import { noHrisConnected } from './hris-gate.ts';
import { inviteToProgram } from './invites.ts';
import {
  addFollowUp,
  createProgram,
  getProgram,
  listFollowUps,
  listParticipants,
  listPrograms,
  removeFollowUp,
} from './programs.ts';
import { NOW, makeClass, makeTenant, makeWorld, PAST } from './testing.ts';

describeEachDialect('programs', (fx) => {
  const followUpRows = (programId: string) =>
    fx.store.db
      .selectFrom('programFollowUps')
      .select(['learnerId', 'note'])
      .where('programId', '=', programId)
      .execute();

  it('creates a program with a unique name per tenant', async () => {
    const db = fx.store.db;
    const one = await makeTenant(db, 'prg-one');
    const two = await makeTenant(db, 'prg-two');
    const created = await createProgram(
      db,
      { tenantId: one.id, name: '  Safety  ', description: '', actor: CLI_ACTOR },
      NOW,
    );
    expect(created).toMatchObject({ name: 'Safety', description: null });
    expect(await getProgram(db, one.id, created.id)).toEqual(created);
    expect(await getProgram(db, two.id, created.id)).toBeUndefined();
    await expect(
      createProgram(db, { tenantId: one.id, name: 'Safety' }, NOW),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(createProgram(db, { tenantId: one.id, name: ' ' }, NOW)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await createProgram(db, { tenantId: two.id, name: 'Safety' }, NOW);
    const rows = await db
      .selectFrom('programs')
      .select('tenantId')
      .where('name', '=', 'Safety')
      .execute();
    expect(rows).toHaveLength(2);
    const audit = await db
      .selectFrom('auditLog')
      .select('action')
      .where('tenantId', '=', one.id)
      .execute();
    expect(audit).toEqual([{ action: 'program.created' }]);
  });

  it('lists programs by name with participant, follow-up and class counts', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'prg-counts');
    const empty = await createProgram(db, { tenantId: w.tenant.id, name: 'Aaa empty' }, NOW);
    await inviteToProgram(
      db,
      {
        tenantId: w.tenant.id,
        learnerId: w.alice.id,
        programId: w.program.id,
        gate: noHrisConnected,
      },
      NOW,
    );
    await enrollInClass(
      db,
      { tenantId: w.tenant.id, classId: w.pastClass.id, learnerId: w.bob.id },
      NOW,
    );
    await addFollowUp(
      db,
      { tenantId: w.tenant.id, programId: w.program.id, learnerId: w.bob.id },
      NOW,
    );
    const list = await listPrograms(db, w.tenant.id);
    expect(list.map((p) => [p.name, p.counts])).toEqual([
      [empty.name, { invited: 0, enrolled: 0, followUps: 0, classes: 0 }],
      ['Onboarding', { invited: 1, enrolled: 1, followUps: 1, classes: 2 }],
    ]);
  });

  it('adds a follow-up once, lists it with the learner, and removes it idempotently', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'prg-follow');
    const input = { tenantId: w.tenant.id, programId: w.program.id, learnerId: w.alice.id };
    expect(await addFollowUp(db, { ...input, note: 'check in', actor: CLI_ACTOR }, NOW)).toEqual({
      added: true,
    });
    expect(await addFollowUp(db, { ...input, note: 'second note' }, NOW)).toEqual({ added: false });
    expect(await followUpRows(w.program.id)).toEqual([{ learnerId: w.alice.id, note: 'check in' }]);
    expect(await listFollowUps(db, w.tenant.id, w.program.id)).toEqual([
      {
        learnerId: w.alice.id,
        firstName: 'Alice',
        lastName: 'Adams',
        workEmail: 'alice@prg-follow.test',
        note: 'check in',
        addedAt: NOW.toISOString(),
      },
    ]);
    expect(await removeFollowUp(db, { ...input, actor: CLI_ACTOR }, NOW)).toEqual({
      removed: true,
    });
    expect(await removeFollowUp(db, input, NOW)).toEqual({ removed: false });
    expect(await followUpRows(w.program.id)).toEqual([]);
    const audit = await db
      .selectFrom('auditLog')
      .select('action')
      .where('tenantId', '=', w.tenant.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'program.follow_up_added',
      'program.follow_up_removed',
    ]);
  });

  it('refuses follow-ups for deactivated learners and for ids of another tenant', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'prg-refuse');
    const other = await makeWorld(db, 'prg-refuse-other');
    await deactivateLearner(
      db,
      { tenantId: w.tenant.id, learnerId: w.bob.id, reason: 'terminated' },
      NOW,
    );
    await expect(
      addFollowUp(db, { tenantId: w.tenant.id, programId: w.program.id, learnerId: w.bob.id }, NOW),
    ).rejects.toMatchObject({ code: 'LEARNER_DEACTIVATED' });
    await expect(
      addFollowUp(
        db,
        { tenantId: w.tenant.id, programId: other.program.id, learnerId: w.alice.id },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      addFollowUp(
        db,
        { tenantId: w.tenant.id, programId: w.program.id, learnerId: other.alice.id },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listFollowUps(db, w.tenant.id, other.program.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await followUpRows(w.program.id)).toEqual([]);
    expect(await followUpRows(other.program.id)).toEqual([]);
  });

  it('lists participants with their status, deactivated learners included', async () => {
    const db = fx.store.db;
    const w = await makeWorld(db, 'prg-participants');
    const second = await makeClass(db, w.tenant, w.program, 'Second', PAST);
    await inviteToProgram(
      db,
      {
        tenantId: w.tenant.id,
        learnerId: w.alice.id,
        programId: w.program.id,
        gate: noHrisConnected,
      },
      NOW,
    );
    await enrollInClass(
      db,
      { tenantId: w.tenant.id, classId: second.id, learnerId: w.bob.id },
      NOW,
    );
    await deactivateLearner(
      db,
      { tenantId: w.tenant.id, learnerId: w.bob.id, reason: 'missing' },
      NOW,
    );
    expect(await listParticipants(db, w.tenant.id, w.program.id)).toEqual([
      expect.objectContaining({
        learnerId: w.alice.id,
        status: 'invited',
        learnerStatus: 'active',
      }),
      expect.objectContaining({
        learnerId: w.bob.id,
        status: 'enrolled',
        learnerStatus: 'deactivated',
        enrolledAt: NOW.toISOString(),
      }),
    ]);
  });
});
