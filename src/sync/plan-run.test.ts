import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../db/schema.ts';
import { describeEachDialect } from '../db/testing.ts';
import { insertResults, listResults } from '../db/repositories/run-results.ts';
import { createLearner } from '../db/repositories/learners.ts';
import { applyPlan } from './apply.ts';
import { learnerIndex } from './plan-run.ts';
import { runSync } from './run.ts';
import {
  connectedTenant,
  employeesOf,
  engineDeps,
  expectTwelveCreatesWithOneConflict,
  stageAndPlanFirstSync,
  twelvePeople,
} from './test-engine.ts';
import { person } from './testing.ts';

const clock = () => new Date('2026-11-22T10:00:00.000Z');

/** A run's stored result rows as [first position, action, people in the row]. */
async function storedRows(db: Kysely<Database>, runId: string): Promise<unknown[][]> {
  const rows = await db
    .selectFrom('runResults')
    .select(['position', 'action', 'span'])
    .where('runId', '=', runId)
    .orderBy('position')
    .execute();
  return rows.map((r) => [r.position, r.action, r.span]);
}

describeEachDialect('staged plan results', (fx) => {
  it('a resync keeps a result per person while storing unchanged runs compactly', async () => {
    const { tenant, connectionId } = await connectedTenant(
      fx.store,
      'compact',
      clock().toISOString(),
    );
    const people = Array.from({ length: 30 }, (_, i) => person(String(i + 1)));
    // Two people the plan skips, between runs of unchanged people.
    people[9] = person('10', { employmentStatus: 'pending', startDate: '2027-01-01' });
    people[19] = person('20', { workEmail: null });
    const script = { items: employeesOf(people) };
    const deps = engineDeps(fx.store, script, clock);
    const input = { tenantId: tenant.id, connectionId, trigger: 'cli', mode: 'apply' } as const;
    expect((await runSync(deps, input)).counts).toMatchObject({ create: 28, skip: 2 });

    // The third person changes job: one update among unchanged people.
    people[2] = person('3', { jobTitle: 'Manager' });
    script.items = employeesOf(people);
    const resync = await runSync(deps, input);
    expect(resync.counts).toMatchObject({ unchanged: 27, update: 1, skip: 2 });

    expect(await storedRows(fx.store.db, resync.id)).toEqual([
      [0, 'unchanged', 2],
      [2, 'update', 1],
      [3, 'unchanged', 6],
      [9, 'skip', 1],
      [10, 'unchanged', 9],
      [19, 'skip', 1],
      [20, 'unchanged', 10],
    ]);
    const results = await listResults(fx.store.db, resync.id, {});
    expect(results.total).toBe(30);
    expect(results.items.map((r) => r.externalId)).toEqual(people.map((p) => p.externalId));
    const learners = await fx.store.db
      .selectFrom('learners')
      .select(['id', 'externalId'])
      .where('tenantId', '=', tenant.id)
      .execute();
    const idOf = new Map(learners.map((l) => [l.externalId, l.id]));
    for (const item of results.items) {
      expect(item.learnerId).toBe(item.action === 'skip' ? null : idOf.get(item.externalId));
      expect(item.displayName).toBe(
        `${people[item.position]?.firstName} ${people[item.position]?.lastName}`,
      );
    }
    const unchanged = await listResults(fx.store.db, resync.id, {
      action: 'unchanged',
      limit: 5,
      offset: 4,
    });
    expect(unchanged).toMatchObject({ total: 27 });
    expect(unchanged.items.map((r) => r.externalId)).toEqual(['6', '7', '8', '9', '11']);
  });
});

describeEachDialect('people reported without a record', (fx) => {
  it('are named as their learner: one gone from the HRIS, one whose record failed, one never in it', async () => {
    const now = clock().toISOString();
    const { tenant, connectionId } = await connectedTenant(fx.store, 'named', now);
    const people = Array.from({ length: 8 }, (_, i) => person(String(i + 1)));
    const script = { items: employeesOf(people) };
    const deps = engineDeps(fx.store, script, clock);
    const input = { tenantId: tenant.id, connectionId, trigger: 'cli', mode: 'apply' } as const;
    expect((await runSync(deps, input)).counts).toMatchObject({ create: 8 });
    await createLearner(
      fx.store.db,
      {
        tenantId: tenant.id,
        source: 'csv',
        person: { firstName: 'Cee', lastName: 'Esvee', workEmail: 'cee@acme.test' },
      },
      now,
    );

    // Person 7 left the HRIS; person 8's record no longer maps.
    script.items = [
      ...employeesOf(people.slice(0, 6)),
      { kind: 'record_error', externalId: '8', code: 'invalid_record', message: 'bad date' },
    ];
    const resync = await runSync(deps, input);
    expect(resync.counts).toMatchObject({ unchanged: 6, deactivate: 1, error: 1, skip: 1 });
    const results = await listResults(fx.store.db, resync.id, {});
    const named = (action: string) =>
      results.items.filter((r) => r.action === action).map((r) => [r.externalId, r.displayName]);
    expect(named('deactivate')).toEqual([['7', `${people[6]?.firstName} ${people[6]?.lastName}`]]);
    expect(named('error')).toEqual([['8', `${people[7]?.firstName} ${people[7]?.lastName}`]]);
    expect(named('skip')).toEqual([[null, 'Cee Esvee']]);
  });
});

describeEachDialect('compact creates', (fx) => {
  it('applies creates from compact rows; one that collides meanwhile becomes an error, the rest land', async () => {
    const now = clock().toISOString();
    const { tenant, connectionId } = await connectedTenant(fx.store, 'compact-creates', now);
    const runId = 'run_compact_creates';
    const people = twelvePeople();
    const planned = await stageAndPlanFirstSync(
      fx.store.db,
      { tenant, connectionId, runId },
      people,
    );
    expect(planned.counts.byAction).toMatchObject({ create: 11, skip: 1 });
    expect(await storedRows(fx.store.db, runId)).toEqual([
      [0, 'create', 3],
      [3, 'skip', 1],
      [4, 'create', 8],
    ]);

    // Someone uploads person 6 by CSV between the plan and its apply.
    const taken = people[5]?.workEmail ?? null;
    await createLearner(
      fx.store.db,
      { tenantId: tenant.id, source: 'csv', person: { workEmail: taken } },
      now,
    );
    // Small batches: the compact rows are applied whole, several per batch or one at a time.
    const applied = await applyPlan({
      db: fx.store.db,
      tenantId: tenant.id,
      connectionId,
      runId,
      now: clock(),
      batchSize: 4,
    });
    expect(applied).toEqual({ applied: 11, errors: 1 });
    await expectTwelveCreatesWithOneConflict(fx.store.db, tenant.id, runId);
  });
});

describeEachDialect('learner index', (fx) => {
  it('holds this connection’s learners and the tenant’s unlinked ones, every field read', async () => {
    const now = clock().toISOString();
    const { tenant, connectionId } = await connectedTenant(fx.store, 'index', now);
    const other = await connectedTenant(fx.store, 'index-other', now);
    const make = (
      source: 'hris' | 'csv',
      id: string,
      linkTo: string | null,
      tenantId = tenant.id,
    ) =>
      createLearner(
        fx.store.db,
        {
          tenantId,
          source,
          person: { firstName: `F${id}`, workEmail: `${id}@acme.test`, managerName: 'Boss' },
          connectionId: linkTo,
          externalId: linkTo ? id : null,
        },
        now,
      );
    const linked = await make('hris', 'l1', connectionId);
    const unlinked = await make('csv', 'u1', null);
    await make('hris', 'x1', other.connectionId, other.tenant.id);
    await make('csv', 'x2', null, other.tenant.id);
    await fx.store.db
      .updateTable('learners')
      .set({
        hrisHash: 'h',
        hrisRecordHash: 'r',
        status: 'deactivated',
        deactivationReason: 'missing',
      })
      .where('id', '=', linked.id)
      .execute();

    const index = await learnerIndex(fx.store.db, tenant.id, connectionId);
    expect(index.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [
        {
          id: linked.id,
          status: 'deactivated',
          connectionId,
          externalId: 'l1',
          deactivationReason: 'missing',
          workEmail: 'l1@acme.test',
          employeeNumber: null,
          firstName: 'Fl1',
          lastName: null,
          managerName: 'Boss',
          managerEmail: null,
          hrisHash: 'h',
          hrisRecordHash: 'r',
        },
        {
          id: unlinked.id,
          status: 'active',
          connectionId: null,
          externalId: null,
          deactivationReason: null,
          workEmail: 'u1@acme.test',
          employeeNumber: null,
          firstName: 'Fu1',
          lastName: null,
          managerName: 'Boss',
          managerEmail: null,
          hrisHash: null,
          hrisRecordHash: null,
        },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
  });
});

describeEachDialect('plans stored before compact creates', (fx) => {
  it('a create stored as a row of its own (an older paused plan) still applies', async () => {
    const now = clock().toISOString();
    const { tenant, connectionId } = await connectedTenant(fx.store, 'older-plan', now);
    const runId = 'run_older_plan';
    await insertResults(fx.store.db, [
      {
        runId,
        position: 0,
        learnerId: 'lrn_older_1',
        externalId: '1',
        displayName: 'Ada Lovelace',
        workEmail: 'ada@acme.test',
        action: 'create',
        reason: 'new_hire',
        changedFields: null,
        note: null,
        invite: false,
        link: false,
        createDeactivated: false,
        personValues: JSON.stringify({ firstName: 'Ada', workEmail: 'ada@acme.test' }),
        hash: 'resolved-hash',
        recordHash: 'record-hash',
        span: 1,
        people: null,
      },
    ]);
    const applied = await applyPlan({
      db: fx.store.db,
      tenantId: tenant.id,
      connectionId,
      runId,
      now: clock(),
    });
    expect(applied).toEqual({ applied: 1, errors: 0 });
    const learner = await fx.store.db
      .selectFrom('learners')
      .select(['id', 'externalId', 'firstName', 'workEmail', 'hrisHash', 'hrisRecordHash'])
      .where('tenantId', '=', tenant.id)
      .executeTakeFirst();
    expect(learner).toEqual({
      id: 'lrn_older_1',
      externalId: '1',
      firstName: 'Ada',
      workEmail: 'ada@acme.test',
      hrisHash: 'resolved-hash',
      hrisRecordHash: 'record-hash',
    });
  });
});
