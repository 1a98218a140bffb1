import { afterEach, expect, it, vi } from 'vitest';
import type { NormalizedEmployee } from '../core/employee.ts';
import { describeEachDialect } from '../db/testing.ts';
import { SYSTEM_ACTOR } from '../db/repositories/audit.ts';
import { getLearner, updateLearnerFields } from '../db/repositories/learners.ts';
import { listResults } from '../db/repositories/run-results.ts';
import { updateTenant } from '../db/repositories/tenants.ts';
import { approveRun } from './phases.ts';
import { runSync } from './run.ts';
import type { LearnerIndexEntry } from './plan.ts';
import { Settler, linkedLearners, recordHash } from './settle.ts';
import { SnapshotWriter, snapshotPages } from './snapshot.ts';
import { TEST_OWNED_FIELDS } from './testing.ts';
import { connectedTenant, employeesOf, engineDeps } from './test-engine.ts';
import type { Script } from './test-engine.ts';
import { person } from './testing.ts';

const clock = () => new Date('2026-11-22T10:00:00.000Z');

/** A small company: 1 leads, 2 and 3 report to 1, 4 and 5 to 2, 6 to 3; 7 left long ago. */
function company(): NormalizedEmployee[] {
  return [
    person('1'),
    person('2', { managerExternalId: '1' }),
    person('3', { managerExternalId: '1' }),
    person('4', { managerExternalId: '2' }),
    person('5', { managerExternalId: '2' }),
    person('6', { managerExternalId: '3' }),
    person('7', { employmentStatus: 'terminated', terminationDate: '2025-01-01' }),
    person('8', { department: 'Sales' }),
  ];
}

/** Counts the people the fetch settles (leaves out of the staged rows), by external id. */
function spySettled(): { ids: () => string[] } {
  const settle = vi.spyOn(Settler.prototype, 'settle');
  return {
    ids: () =>
      settle.mock.results
        .map((r) => (r.type === 'return' ? (r.value as { externalId: string } | null) : null))
        .flatMap((v) => (v ? [v.externalId] : []))
        .sort(),
  };
}

afterEach(() => vi.restoreAllMocks());

describeEachDialect('hash-skipped resyncs (ADR 0012)', (fx) => {
  async function setUp(slug: string) {
    const { tenant, connectionId } = await connectedTenant(fx.store, slug, clock().toISOString());
    const script: Script = { items: employeesOf(company()) };
    const deps = engineDeps(fx.store, script, clock);
    const input = { tenantId: tenant.id, connectionId, trigger: 'cli', mode: 'apply' } as const;
    const first = await runSync(deps, input);
    expect(first.counts).toMatchObject({ create: 8 });
    return { tenant, connectionId, script, deps, input };
  }

  const learnersOf = (tenantId: string) =>
    fx.store.db
      .selectFrom('learners')
      .selectAll()
      .where('tenantId', '=', tenantId)
      .orderBy('externalId')
      .execute();

  it('stages only changed and new people, yet plans a leaver, a renamed manager and a lost manager', async () => {
    const { tenant, script, deps, input } = await setUp('settle-mixed');
    expect((await learnersOf(tenant.id)).every((l) => l.hrisRecordHash !== null)).toBe(true);

    const people = company();
    people[1] = person('2', { managerExternalId: '1', lastName: 'Renamed' }); // 4 and 5 follow
    people.splice(2, 1); // 3 left: 6 loses their manager
    people.push(person('9', { managerExternalId: '2' })); // a new hire
    people.push(person('1', { firstName: 'Twin' })); // a repeated id, after a settled person
    script.items = employeesOf(people);
    const settled = spySettled();
    const run = await runSync(deps, input);

    expect(settled.ids()).toEqual(['1', '4', '5', '6', '7', '8']);
    expect(run.counts).toMatchObject({
      create: 1,
      update: 4,
      deactivate: 1,
      unchanged: 3,
      error: 1,
      people: 9,
    });
    expect(run.snapshotCount).toBe(9);
    const { items, total } = await listResults(fx.store.db, run.id, {});
    expect(total).toBe(10);
    const summary = items.map((r) => [r.externalId, r.action, r.reason, r.changedFields, r.note]);
    expect(summary).toEqual([
      ['1', 'unchanged', null, null, null],
      ['2', 'update', 'changed', ['lastName', 'workEmail'], null],
      ['4', 'update', 'changed', ['managerName', 'managerEmail'], null],
      ['5', 'update', 'changed', ['managerName', 'managerEmail'], null],
      ['6', 'update', 'changed', ['managerName', 'managerEmail'], 'manager_unresolved'],
      ['7', 'unchanged', null, null, null],
      ['8', 'unchanged', null, null, null],
      ['9', 'create', 'new_hire', null, null],
      ['1', 'error', 'duplicate_external_id', null, null],
      ['3', 'deactivate', 'missing', null, null],
    ]);
    // Every person still has a named result, settled or not.
    expect(items.slice(0, 8).every((r) => r.learnerId !== null && r.displayName !== null)).toBe(
      true,
    );

    const byId = new Map((await learnersOf(tenant.id)).map((l) => [l.externalId, l]));
    for (const id of ['4', '5', '9'])
      expect(byId.get(id)).toMatchObject({
        managerName: 'First2 Renamed',
        managerEmail: 'first2.renamed@acme.test',
      });
    // The vendor gave no manager name of its own: a manager who is gone resolves to nothing.
    expect(byId.get('6')).toMatchObject({ managerName: null, managerEmail: null });
    expect(byId.get('3')).toMatchObject({ status: 'deactivated', deactivationReason: 'missing' });

    // Nothing changed since: everyone is settled, nothing is written.
    const before = await learnersOf(tenant.id);
    const again = await runSync(deps, input);
    expect(again.counts).toMatchObject({ unchanged: 8, update: 0, create: 0, error: 1 });
    expect(settled.ids()).toEqual(
      ['1', '4', '5', '6', '7', '8', ...['1', '2', '4', '5', '6', '7', '8', '9']].sort(),
    );
    expect(await learnersOf(tenant.id)).toEqual(before);
  });

  it('plans in full a person whose learner another writer changed, and one a filter now drops', async () => {
    const { tenant, script, deps, input } = await setUp('settle-writers');
    const four = (await learnersOf(tenant.id)).find((l) => l.externalId === '4');
    const learner = four ? await getLearner(fx.store.db, tenant.id, four.id) : undefined;
    if (!learner) throw new Error('no learner 4');
    await updateLearnerFields(
      fx.store.db,
      learner,
      { jobTitle: 'Edited in a CSV' },
      { source: 'csv' },
      clock().toISOString(),
    );
    // 8's record stays the same, but the tenant now excludes their department.
    await updateTenant(
      fx.store.db,
      tenant,
      {
        settings: {
          filters: { include: [], exclude: [{ field: 'department', values: ['sales'] }] },
        },
      },
      clock().toISOString(),
    );
    script.items = employeesOf(company());
    const settled = spySettled();
    const run = await runSync(deps, input);

    expect(settled.ids()).toEqual(['1', '2', '3', '5', '6', '7']);
    expect(run.counts).toMatchObject({ update: 1, deactivate: 1, unchanged: 6 });
    const { items } = await listResults(fx.store.db, run.id, { action: 'update' });
    expect(items).toEqual([
      expect.objectContaining({ externalId: '4', changedFields: ['jobTitle'] }),
    ]);
    const byId = new Map((await learnersOf(tenant.id)).map((l) => [l.externalId, l]));
    expect(byId.get('4')).toMatchObject({ jobTitle: 'Engineer' });
    expect(byId.get('8')).toMatchObject({
      status: 'deactivated',
      deactivationReason: 'filtered_out',
    });
  });

  it('a dry run and a paused plan keep a settled person’s manager update until approval', async () => {
    const { tenant, script, deps, input } = await setUp('settle-paused');
    // 2 is renamed (4 and 5 follow); most job titles vanish, so the coverage guard pauses.
    script.items = employeesOf(
      company().map((p) =>
        p.externalId === '2'
          ? { ...p, lastName: 'Renamed', workEmail: 'first2.renamed@acme.test' }
          : ['1', '3', '6', '8'].includes(p.externalId)
            ? { ...p, jobTitle: null }
            : p,
      ),
    );
    const settled = spySettled();
    const dry = await runSync(deps, { ...input, mode: 'dry-run' });
    expect(dry).toMatchObject({ status: 'succeeded' });
    expect(dry.counts).toMatchObject({ update: 7, unchanged: 1 });
    const paused = await runSync(deps, input);
    expect(paused.status).toBe('awaiting_approval');
    expect(settled.ids()).toEqual(['4', '4', '5', '5', '7', '7']);
    const managerOf = async (id: string) =>
      (await learnersOf(tenant.id)).find((l) => l.externalId === id)?.managerName;
    expect(await managerOf('4')).toBe('First2 Last2');

    await approveRun(deps, { tenantId: tenant.id, runId: paused.id, actor: SYSTEM_ACTOR });
    expect(await managerOf('4')).toBe('First2 Renamed');
    expect(await managerOf('5')).toBe('First2 Renamed');
    const again = await runSync(deps, input);
    expect(again.counts).toMatchObject({ unchanged: 8, update: 0 });
  });

  it('the fetch leaves settled people out of the staged rows, and the plan reads everyone in order', async () => {
    // a names c as manager, b names e, d names z (in no record).
    const managerOf: Record<string, string> = { a: 'c', b: 'e', d: 'z' };
    const people = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) =>
      person(id, { managerExternalId: managerOf[id] ?? null }),
    );
    const settledIds = new Set(['a', 'c', 'd', 'f']);
    const learners: LearnerIndexEntry[] = people
      .filter((p) => settledIds.has(p.externalId))
      .map((p) => ({
        id: `lrn_${p.externalId}`,
        status: 'active',
        connectionId: 'con_1',
        externalId: p.externalId,
        deactivationReason: null,
        workEmail: p.workEmail,
        employeeNumber: p.employeeNumber,
        firstName: p.firstName,
        lastName: p.lastName,
        managerName: null,
        managerEmail: null,
        hrisHash: 'resolved-hash',
        hrisRecordHash: recordHash(TEST_OWNED_FIELDS, JSON.stringify(p)),
      }));
    const settler = new Settler({
      linked: linkedLearners(learners, 'con_1'),
      filters: { include: [], exclude: [] },
      ownedFields: TEST_OWNED_FIELDS,
    });
    const runId = 'run_settle_pages';
    const writer = new SnapshotWriter(fx.store.db, runId, {
      coverageFields: TEST_OWNED_FIELDS,
      settler,
      chunkSize: 2,
    });
    for (const p of people) await writer.addEmployee(p);
    await writer.addEmployee(person('c', { firstName: 'Again' })); // a repeated id is staged
    await writer.flush();
    expect(writer.settled.positions).toEqual([0, 2, 3, 5]);
    // Staged in chunks of two records: one line per staged record, its position first.
    const chunks = await fx.store.db
      .selectFrom('snapshotChunks')
      .select(['firstPosition', 'records'])
      .where('runId', '=', runId)
      .orderBy('seq')
      .execute();
    expect(chunks.map((c) => c.firstPosition)).toEqual([1, 6]);
    const staged = chunks.flatMap((c) => c.records.split('\n').map((l) => l.split('\t')[2]));
    expect(staged).toEqual(['"b"', '"e"', '"c"']);
    // The managers: the first record of each id named as one, settled (c: its repeated record
    // is staged, and not the one resolution reads) or staged (e); nobody else.
    const found = writer.managers();
    expect([...found].map(([id, p]) => `${id}:${p.firstName}`).sort()).toEqual([
      'c:Firstc',
      'e:Firste',
    ]);
    expect(writer.coverage).toMatchObject({ firstName: 100, jobTitle: 100 });

    const pages: string[][] = [];
    const options = { ownedFields: TEST_OWNED_FIELDS, settled: writer.settled, pageSize: 2 };
    for await (const page of snapshotPages(fx.store.db, runId, options))
      pages.push(
        page.map((r) =>
          r.kind === 'settled'
            ? `${r.externalId}:settled`
            : r.kind === 'employee'
              ? `${r.employee.externalId}:${r.recordHash === learners[0]?.hrisRecordHash ? 'same' : 'staged'}`
              : 'error',
        ),
      );
    expect(pages.flat()).toEqual([
      'a:settled',
      'b:staged',
      'c:settled',
      'd:settled',
      'e:staged',
      'f:settled',
      'c:staged',
    ]);
    expect(Math.max(...pages.map((p) => p.length))).toBeLessThanOrEqual(3);
  });
});
