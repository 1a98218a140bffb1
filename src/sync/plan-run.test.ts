import { expect, it } from 'vitest';
import { describeEachDialect } from '../db/testing.ts';
import { listResults } from '../db/repositories/runs.ts';
import { runSync } from './run.ts';
import { connectedTenant, employeesOf, engineDeps } from './test-engine.ts';
import { person } from './testing.ts';

const clock = () => new Date('2026-11-22T10:00:00.000Z');

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

    const stored = await fx.store.db
      .selectFrom('runResults')
      .select(['position', 'action', 'span'])
      .where('runId', '=', resync.id)
      .orderBy('position')
      .execute();
    expect(stored.map((r) => [r.position, r.action, r.span])).toEqual([
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
