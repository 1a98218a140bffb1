import { expect, it } from 'vitest';
import { ConnectorError } from '../connectors/connector.ts';
import { describeEachDialect } from '../db/testing.ts';
import { getConnection } from '../db/repositories/connections.ts';
import { listResults } from '../db/repositories/run-results.ts';
import { createRun } from '../db/repositories/runs.ts';
import { updateTenant } from '../db/repositories/tenants.ts';
import { activateMembership } from '../platform/memberships.ts';
import { addFollowUp, createProgram } from '../platform/programs.ts';
import { createClass, enrollInClass, recordAttendance } from '../platform/classes.ts';
import { SYSTEM_ACTOR } from '../db/repositories/audit.ts';
import { approveRun, markInterruptedRuns, rejectRun } from './phases.ts';
import { runSync } from './run.ts';
import type { Script } from './test-engine.ts';
import { connectedTenant, employeesOf, engineDeps } from './test-engine.ts';
import { person } from './testing.ts';

let clockNow = new Date('2026-11-22T10:00:00.000Z');
const clock = () => clockNow;

describeEachDialect('sync engine', (fx) => {
  async function learnersOf(tenantId: string) {
    return fx.store.db
      .selectFrom('learners')
      .selectAll()
      .where('tenantId', '=', tenantId)
      .orderBy('externalId')
      .execute();
  }

  it('first sync creates learners, stores leavers deactivated, skips future hires; a resync writes nothing', async () => {
    clockNow = new Date('2026-11-22T10:00:00.000Z');
    const { tenant, connectionId } = await connectedTenant(
      fx.store,
      'first-sync',
      clockNow.toISOString(),
    );
    const script: Script = {
      items: employeesOf([
        person('1', { firstName: 'Ann' }),
        person('2', { managerExternalId: '3' }),
        person('3', {
          firstName: 'Gone',
          lastName: 'Boss',
          employmentStatus: 'terminated',
          terminationDate: '2025-01-01',
        }),
        person('4', { employmentStatus: 'pending', startDate: '2027-01-01' }),
      ]),
    };
    const deps = engineDeps(fx.store, script, clock);
    const run = await runSync(deps, {
      tenantId: tenant.id,
      connectionId,
      trigger: 'cli',
      mode: 'apply',
    });
    expect(run).toMatchObject({ status: 'succeeded', snapshotComplete: true, snapshotCount: 4 });
    expect(run.counts).toMatchObject({ create: 3, skip: 1 });
    const learners = await learnersOf(tenant.id);
    expect(learners.map((l) => [l.externalId, l.status])).toEqual([
      ['1', 'active'],
      ['2', 'active'],
      ['3', 'deactivated'],
    ]);
    // The manager who left still resolves.
    expect(learners[1]).toMatchObject({
      managerName: 'Gone Boss',
      managerEmail: 'gone.boss@acme.test',
      source: 'hris',
    });
    const connection = await getConnection(fx.store.db, tenant.id, connectionId);
    expect(connection).toMatchObject({ status: 'synced', lastErrorCode: null });
    expect(connection?.firstSyncedAt).not.toBeNull();
    const results = await listResults(fx.store.db, run.id, { action: 'skip' });
    expect(results.items).toEqual([
      expect.objectContaining({ externalId: '4', reason: 'not_started' }),
    ]);

    const eventsBefore = await fx.store.db
      .selectFrom('events')
      .select('id')
      .where('tenantId', '=', tenant.id)
      .execute();
    const again = await runSync(deps, {
      tenantId: tenant.id,
      connectionId,
      trigger: 'cli',
      mode: 'apply',
    });
    expect(again.counts).toMatchObject({ unchanged: 3, create: 0, update: 0 });
    expect(await learnersOf(tenant.id)).toEqual(learners);
    const eventsAfter = await fx.store.db
      .selectFrom('events')
      .select('id')
      .where('tenantId', '=', tenant.id)
      .execute();
    expect(eventsAfter).toHaveLength(eventsBefore.length);
  });

  it('deactivates a leaver with every effect on rows, and invites new hires under auto', async () => {
    clockNow = new Date('2026-11-22T10:00:00.000Z');
    const { tenant, connectionId } = await connectedTenant(
      fx.store,
      'leaver',
      clockNow.toISOString(),
    );
    await updateTenant(
      fx.store.db,
      tenant,
      { settings: { invitePolicy: 'auto' } },
      clockNow.toISOString(),
    );
    const script: Script = { items: employeesOf([person('1'), person('2')]) };
    const deps = engineDeps(fx.store, script, clock);
    await runSync(deps, { tenantId: tenant.id, connectionId, trigger: 'cli', mode: 'apply' });
    const [leaver] = await learnersOf(tenant.id);
    if (!leaver) throw new Error('no learner');
    const program = await createProgram(
      fx.store.db,
      { tenantId: tenant.id, name: 'Onboarding' },
      clockNow,
    );
    const past = await createClass(
      fx.store.db,
      {
        tenantId: tenant.id,
        programId: program.id,
        title: 'Past',
        startsAt: '2026-11-01T09:00:00.000Z',
        endsAt: '2026-11-01T10:00:00.000Z',
      },
      clockNow,
    );
    const future = await createClass(
      fx.store.db,
      {
        tenantId: tenant.id,
        programId: program.id,
        title: 'Future',
        startsAt: '2026-12-01T09:00:00.000Z',
        endsAt: '2026-12-01T10:00:00.000Z',
      },
      clockNow,
    );
    await enrollInClass(
      fx.store.db,
      { tenantId: tenant.id, classId: past.id, learnerId: leaver.id },
      clockNow,
    );
    await enrollInClass(
      fx.store.db,
      { tenantId: tenant.id, classId: future.id, learnerId: leaver.id },
      clockNow,
    );
    await recordAttendance(
      fx.store.db,
      { tenantId: tenant.id, classId: past.id, learnerId: leaver.id, attendance: 'attended' },
      clockNow,
    );
    await addFollowUp(
      fx.store.db,
      { tenantId: tenant.id, programId: program.id, learnerId: leaver.id },
      clockNow,
    );
    await activateMembership(fx.store.db, { tenantId: tenant.id, learnerId: leaver.id }, clockNow);

    script.items = employeesOf([
      person('1', { employmentStatus: 'terminated', terminationDate: '2026-11-20' }),
      person('2'),
      person('5', { firstName: 'New', lastName: 'Hire' }),
    ]);
    const run = await runSync(deps, {
      tenantId: tenant.id,
      connectionId,
      trigger: 'cli',
      mode: 'apply',
    });
    expect(run.counts).toMatchObject({ deactivate: 1, create: 1, unchanged: 1 });

    const row = await fx.store.db
      .selectFrom('learners')
      .selectAll()
      .where('id', '=', leaver.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'deactivated',
      deactivationReason: 'terminated',
      terminationDate: '2026-11-20',
    });
    expect(Boolean(row.platformAccess)).toBe(false);
    const enrollments = await fx.store.db
      .selectFrom('classEnrollments')
      .select(['classId', 'attendance'])
      .where('learnerId', '=', leaver.id)
      .execute();
    expect(enrollments).toEqual([{ classId: past.id, attendance: 'attended' }]);
    expect(
      await fx.store.db
        .selectFrom('programFollowUps')
        .select('id')
        .where('learnerId', '=', leaver.id)
        .execute(),
    ).toEqual([]);
    const membership = await fx.store.db
      .selectFrom('memberships')
      .selectAll()
      .where('learnerId', '=', leaver.id)
      .executeTakeFirstOrThrow();
    expect(membership).toMatchObject({ status: 'ended', endedReason: 'learner_deactivated' });

    const hire = (await learnersOf(tenant.id)).find((l) => l.externalId === '5');
    expect(hire).toMatchObject({ status: 'invited' });
    const invites = await fx.store.db
      .selectFrom('invites')
      .select(['learnerId', 'scope'])
      .where('tenantId', '=', tenant.id)
      .execute();
    expect(invites).toEqual([{ learnerId: hire?.id, scope: 'platform' }]);
  });

  it('a dry run plans and reports but writes no learner', async () => {
    const { tenant, connectionId } = await connectedTenant(fx.store, 'dry', clockNow.toISOString());
    const deps = engineDeps(fx.store, { items: employeesOf([person('1'), person('2')]) }, clock);
    const run = await runSync(deps, {
      tenantId: tenant.id,
      connectionId,
      trigger: 'cli',
      mode: 'dry-run',
    });
    expect(run).toMatchObject({ status: 'succeeded', mode: 'dry-run', appliedAt: null });
    expect(run.counts).toMatchObject({ create: 2 });
    expect(await learnersOf(tenant.id)).toEqual([]);
    expect((await getConnection(fx.store.db, tenant.id, connectionId))?.status).toBe('connected');
  });

  it('pauses on an empty list and on too many deactivations; approval applies, rejection does not', async () => {
    clockNow = new Date('2026-11-22T10:00:00.000Z');
    const { tenant, connectionId } = await connectedTenant(
      fx.store,
      'guards',
      clockNow.toISOString(),
    );
    const people = Array.from({ length: 20 }, (_, i) => person(String(i + 1)));
    const script: Script = { items: employeesOf(people) };
    const deps = engineDeps(fx.store, script, clock);
    await runSync(deps, { tenantId: tenant.id, connectionId, trigger: 'cli', mode: 'apply' });

    script.items = [];
    const empty = await runSync(deps, {
      tenantId: tenant.id,
      connectionId,
      trigger: 'cli',
      mode: 'apply',
    });
    expect(empty.status).toBe('awaiting_approval');
    expect(empty.guards).toContainEqual(
      expect.objectContaining({ guard: 'empty_snapshot', passed: false }),
    );
    expect((await getConnection(fx.store.db, tenant.id, connectionId))?.status).toBe(
      'awaiting_approval',
    );
    await rejectRun(deps, { tenantId: tenant.id, runId: empty.id, actor: SYSTEM_ACTOR });
    expect((await learnersOf(tenant.id)).filter((l) => l.status === 'active')).toHaveLength(20);

    script.items = employeesOf(people.slice(0, 10)); // half the company vanished
    const half = await runSync(deps, {
      tenantId: tenant.id,
      connectionId,
      trigger: 'cli',
      mode: 'apply',
    });
    expect(half.status).toBe('awaiting_approval');
    expect(half.guards).toContainEqual(
      expect.objectContaining({ guard: 'deactivation_ratio', passed: false }),
    );
    expect((await learnersOf(tenant.id)).filter((l) => l.status === 'active')).toHaveLength(20);
    await approveRun(deps, { tenantId: tenant.id, runId: half.id, actor: SYSTEM_ACTOR });
    const after = await learnersOf(tenant.id);
    expect(
      after.filter((l) => l.status === 'deactivated' && l.deactivationReason === 'missing'),
    ).toHaveLength(10);
  });

  it('refuses to approve a plan after another run was applied, or after 24 hours', async () => {
    clockNow = new Date('2026-11-22T10:00:00.000Z');
    const { tenant, connectionId } = await connectedTenant(
      fx.store,
      'stale',
      clockNow.toISOString(),
    );
    const people = Array.from({ length: 10 }, (_, i) => person(String(i + 1)));
    const script: Script = { items: employeesOf(people) };
    const deps = engineDeps(fx.store, script, clock);
    await runSync(deps, { tenantId: tenant.id, connectionId, trigger: 'cli', mode: 'apply' });
    script.items = [];
    const paused = await runSync(deps, {
      tenantId: tenant.id,
      connectionId,
      trigger: 'cli',
      mode: 'apply',
    });
    clockNow = new Date('2026-11-23T10:00:01.000Z');
    await expect(
      approveRun(deps, { tenantId: tenant.id, runId: paused.id, actor: SYSTEM_ACTOR }),
    ).rejects.toThrow(/24 hours/);

    const pausedAgain = await runSync(deps, {
      tenantId: tenant.id,
      connectionId,
      trigger: 'cli',
      mode: 'apply',
    });
    // Another process applied a run after this plan was made (a race the lease cannot see).
    await fx.store.db
      .updateTable('syncRuns')
      .set({ appliedAt: '2026-11-23T11:00:00.000Z' })
      .where('connectionId', '=', connectionId)
      .where('status', '=', 'succeeded')
      .execute();
    clockNow = new Date('2026-11-23T11:05:00.000Z');
    await expect(
      approveRun(deps, { tenantId: tenant.id, runId: pausedAgain.id, actor: SYSTEM_ACTOR }),
    ).rejects.toThrow(/another run was applied/);

    // A newer run replaces a pending one: the older plan can no longer be approved.
    const pending = await runSync(deps, {
      tenantId: tenant.id,
      connectionId,
      trigger: 'cli',
      mode: 'apply',
    });
    script.items = employeesOf(people);
    expect(
      (await runSync(deps, { tenantId: tenant.id, connectionId, trigger: 'cli', mode: 'apply' }))
        .status,
    ).toBe('succeeded');
    await expect(
      approveRun(deps, { tenantId: tenant.id, runId: pending.id, actor: SYSTEM_ACTOR }),
    ).rejects.toThrow(/cancelled, not awaiting approval/);
    expect((await learnersOf(tenant.id)).every((l) => l.status === 'active')).toBe(true);
  });

  it('counts auth failures and asks for a reconnect after three in a row', async () => {
    const { tenant, connectionId } = await connectedTenant(
      fx.store,
      'auth',
      clockNow.toISOString(),
    );
    const deps = engineDeps(
      fx.store,
      { items: [], fail: new ConnectorError('auth_failed', 'API key rejected', false, 401) },
      clock,
    );
    for (let i = 0; i < 3; i++) {
      const run = await runSync(deps, {
        tenantId: tenant.id,
        connectionId,
        trigger: 'schedule',
        mode: 'apply',
      });
      expect(run).toMatchObject({ status: 'failed', errorCode: 'auth_failed' });
    }
    const connection = await getConnection(fx.store.db, tenant.id, connectionId);
    expect(connection).toMatchObject({
      status: 'error',
      lastErrorCode: 'reconnect_needed',
      consecutiveAuthFailures: 3,
    });
    expect(connection?.lastErrorMessage).toMatch(/reconnect/);
  });

  it('marks a run left running by a dead process as interrupted', async () => {
    const { tenant, connectionId } = await connectedTenant(
      fx.store,
      'crash',
      clockNow.toISOString(),
    );
    // A run a crashed process left behind: `running`, and nobody holds its lease.
    const dead = await createRun(
      fx.store.db,
      { tenantId: tenant.id, connectionId, trigger: 'cli', mode: 'apply', status: 'running' },
      clockNow.toISOString(),
    );
    expect(await markInterruptedRuns({ db: fx.store.db, clock })).toBeGreaterThanOrEqual(1);
    const run = await fx.store.db
      .selectFrom('syncRuns')
      .selectAll()
      .where('id', '=', dead.id)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'failed', errorCode: 'interrupted' });
  });
});
