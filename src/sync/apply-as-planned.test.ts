import { expect, it } from 'vitest';
import { describeEachDialect } from '../db/testing.ts';
import { createLearner } from '../db/repositories/learners.ts';
import { getRun } from '../db/repositories/runs.ts';
import { spannedPeople } from '../db/repositories/run-results.ts';
import { mostDeactivations } from './plan-run.ts';
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

describeEachDialect('a plan applied as it is made (ADR 0016)', (fx) => {
  it('stores and applies each batch together; a create that collides becomes an error, the rest land', async () => {
    const now = clock().toISOString();
    const { tenant, connectionId } = await connectedTenant(fx.store, 'as-planned', now);
    const runId = 'run_as_planned';
    const people = twelvePeople();
    // Person 6's email arrives by CSV after the learner index was read (the plan sees no learners).
    await createLearner(
      fx.store.db,
      { tenantId: tenant.id, source: 'csv', person: { workEmail: people[5]?.workEmail ?? null } },
      now,
    );
    const progress: number[] = [];
    const planned = await stageAndPlanFirstSync(
      fx.store.db,
      { tenant, connectionId, runId },
      people,
      {
        pageSize: 3,
        applyAsPlanned: {
          db: fx.store.db,
          tenantId: tenant.id,
          connectionId,
          runId,
          now: clock(),
          batchSize: 4,
          onBatch: (applied) => {
            progress.push(applied);
            return Promise.resolve();
          },
        },
      },
    );
    expect(planned.counts.byAction).toMatchObject({ create: 11, skip: 1 });
    // Pages of three, batches of at least four people: applied after the second and fourth page.
    expect(progress).toEqual([6, 12]);

    await expectTwelveCreatesWithOneConflict(fx.store.db, tenant.id, runId);
    // Stored rows keep what the report shows; values and hashes were only needed in memory.
    const rows = await fx.store.db
      .selectFrom('runResults')
      .selectAll()
      .where('runId', '=', runId)
      .where('action', '=', 'create')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      for (const p of spannedPeople(row)) {
        expect(p.externalId).not.toBeNull();
        expect([p.values, p.hash, p.recordHash]).toEqual([null, null, null]);
      }
  });

  it('applies as planned only when no plan could pause the run', async () => {
    const { tenant, connectionId } = await connectedTenant(
      fx.store,
      'as-planned-engine',
      clock().toISOString(),
    );
    const people = Array.from({ length: 12 }, (_, i) => person(String(i + 1)));
    const script = { items: employeesOf(people) };
    const phases: string[] = [];
    const deps = {
      ...engineDeps(fx.store, script, clock),
      onProgress: ({ phase }: { phase: string }) => {
        if (phases[phases.length - 1] !== phase) phases.push(phase);
      },
    };
    const input = { tenantId: tenant.id, connectionId, trigger: 'cli', mode: 'apply' } as const;

    // A first sync into an empty tenant: nothing it could deactivate, so no guard can pause it.
    const first = await runSync(deps, input);
    expect(first.status).toBe('succeeded');
    expect(phases).toEqual(['fetch', 'apply']);

    // Twelve active learners now: deactivating them all would exceed max(5, 10% of 12), so the
    // plan is stored before anything is applied — and this one pauses.
    phases.length = 0;
    for (const i of [0, 1, 2, 3, 4, 5, 6, 7])
      people[i] = person(String(i + 1), {
        employmentStatus: 'terminated',
        terminationDate: '2026-11-01',
      });
    script.items = employeesOf(people);
    const paused = await runSync(deps, input);
    expect(paused.status).toBe('awaiting_approval');
    expect(phases).toEqual(['fetch', 'plan']);
    const active = await fx.store.db
      .selectFrom('learners')
      .select(['id'])
      .where('tenantId', '=', tenant.id)
      .where('status', '!=', 'deactivated')
      .execute();
    expect(active).toHaveLength(12);
    expect((await getRun(fx.store.db, tenant.id, paused.id))?.counts).toMatchObject({
      deactivate: 8,
    });
  });
});

it('bounds deactivations by the active learners a plan matches against', () => {
  const entry = (status: 'active' | 'invited' | 'deactivated') =>
    ({ status }) as Parameters<typeof mostDeactivations>[0][number];
  expect(mostDeactivations([])).toBe(0);
  expect(mostDeactivations([entry('active'), entry('deactivated'), entry('invited')])).toBe(2);
});
