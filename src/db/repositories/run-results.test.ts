import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../testing.ts';
import type { NewRunResultRow, RunResult, SpannedPerson } from './run-results.ts';
import {
  actionableResults,
  compactResultRow,
  insertResults,
  listResults,
  markSpannedErrors,
  spannedPeople,
} from './run-results.ts';

function row(runId: string, position: number, action: NewRunResultRow['action']): NewRunResultRow {
  return {
    runId,
    position,
    learnerId: `lrn_${position}`,
    externalId: String(position),
    displayName: `Person ${position}`,
    workEmail: `p${position}@acme.test`,
    action,
    reason: action === 'skip' ? 'not_started' : null,
    changedFields: action === 'update' ? JSON.stringify(['jobTitle']) : null,
    note: null,
    invite: false,
    link: false,
    createDeactivated: false,
    personValues: null,
    hash: action === 'unchanged' ? 'stale-hash-refresh' : null,
    recordHash: null,
    span: 1,
    people: null,
  };
}

const quiet = (position: number): SpannedPerson => ({
  learnerId: `lrn_${position}`,
  externalId: String(position),
  displayName: `Person ${position}`,
  workEmail: `p${position}@acme.test`,
  note: position === 4 ? 'manager_unresolved' : null,
});

describeEachDialect('run results', (fx) => {
  // Plan order: 0 create, 1–4 quiet unchanged (compact), 5 skip, 6 unchanged with a hash to
  // refresh (a row of its own), 7–8 quiet unchanged (compact), 9 update.
  const runId = 'run_results_test';
  const rows = [
    row(runId, 0, 'create'),
    compactResultRow(runId, 1, [1, 2, 3, 4].map(quiet)),
    row(runId, 5, 'skip'),
    row(runId, 6, 'unchanged'),
    compactResultRow(runId, 7, [7, 8].map(quiet)),
    row(runId, 9, 'update'),
  ];
  const actions = ['create', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'skip'];
  actions.push('unchanged', 'unchanged', 'unchanged', 'update');

  beforeAll(async () => {
    await insertResults(fx.store.db, rows);
  });

  it('lists one result per person, compact rows expanded, in plan order', async () => {
    const all = await listResults(fx.store.db, runId, {});
    expect(all.total).toBe(10);
    expect(all.items.map((r) => [r.position, r.action, r.learnerId])).toEqual(
      actions.map((action, i) => [i, action, `lrn_${i}`]),
    );
    expect(all.items[4]).toEqual<RunResult>({
      position: 4,
      learnerId: 'lrn_4',
      externalId: '4',
      displayName: 'Person 4',
      workEmail: 'p4@acme.test',
      action: 'unchanged',
      reason: null,
      changedFields: null,
      note: 'manager_unresolved',
      invite: false,
    });
    const unchanged = await listResults(fx.store.db, runId, { action: 'unchanged' });
    expect(unchanged.total).toBe(7);
    expect(unchanged.items.map((r) => r.position)).toEqual([1, 2, 3, 4, 6, 7, 8]);
    expect((await listResults(fx.store.db, runId, { action: 'update' })).items).toMatchObject([
      { position: 9, changedFields: ['jobTitle'] },
    ]);
    expect(await listResults(fx.store.db, 'run_none', {})).toEqual({ items: [], total: 0 });
  });

  it('pages by people, not rows, with or without an action filter', async () => {
    for (const action of [undefined, 'unchanged', 'skip'] as const) {
      const { items: everyone, total } = await listResults(fx.store.db, runId, { action });
      for (let offset = 0; offset <= total + 1; offset++) {
        for (const limit of [1, 2, 3, 5, 20]) {
          const page = await listResults(fx.store.db, runId, { action, limit, offset });
          expect(page.total).toBe(total);
          expect(page.items, `${action ?? 'all'} ${offset}+${limit}`).toEqual(
            everyone.slice(offset, offset + limit),
          );
        }
      }
    }
  });
});

describeEachDialect('compact rows of creates and skips', (fx) => {
  const runId = 'run_spans_test';
  const newcomer = (position: number): SpannedPerson => ({
    learnerId: `lrn_${position}`,
    externalId: String(position),
    displayName: `Person ${position}`,
    workEmail: `p${position}@acme.test`,
    note: null,
    reason: position === 2 ? 'already_terminated' : 'first_sync',
    invite: position === 1,
    createDeactivated: position === 2,
    values: { firstName: `First ${position}`, jobTitle: 'Engineer', department: null },
    hash: `hash-${position}`,
    recordHash: `record-${position}`,
  });

  // A skipped person: no learner, and nothing for apply.
  const who = (position: number): SpannedPerson => ({
    learnerId: null,
    externalId: String(position),
    displayName: `Person ${position}`,
    workEmail: `p${position}@acme.test`,
    note: null,
  });

  it('keeps everything apply needs of each person, and the report reads one result each', async () => {
    const creates = compactResultRow(runId, 0, [0, 1, 2, 3].map(newcomer), 'create');
    expect(spannedPeople(creates)).toEqual([0, 1, 2, 3].map(newcomer));
    const skips = compactResultRow(
      runId,
      4,
      [
        { ...who(4), reason: 'not_started' },
        { ...who(5), reason: 'no_work_email' },
      ],
      'skip',
    );
    await insertResults(fx.store.db, [creates, skips]);

    const all = await listResults(fx.store.db, runId, {});
    expect(all.total).toBe(6);
    expect(all.items.map((r) => [r.position, r.action, r.reason, r.invite])).toEqual([
      [0, 'create', 'first_sync', false],
      [1, 'create', 'first_sync', true],
      [2, 'create', 'already_terminated', false],
      [3, 'create', 'first_sync', false],
      [4, 'skip', 'not_started', false],
      [5, 'skip', 'no_work_email', false],
    ]);
    const page = await listResults(fx.store.db, runId, { action: 'create', limit: 2, offset: 1 });
    expect(page).toMatchObject({ total: 4, items: [{ position: 1 }, { position: 2 }] });
  });

  it('splits a compact row around the people apply could not create, positions kept', async () => {
    const spanRun = `${runId}_split`;
    await insertResults(fx.store.db, [
      compactResultRow(spanRun, 10, [10, 11, 12, 13, 14].map(newcomer), 'create'),
    ]);
    const [row] = await fx.store.db
      .selectFrom('runResults')
      .selectAll()
      .where('runId', '=', spanRun)
      .execute();
    if (!row) throw new Error('no row');
    const conflict = { reason: 'conflict', note: 'taken' };
    await markSpannedErrors(
      fx.store.db,
      row,
      new Map([
        [0, conflict],
        [2, conflict],
        [4, conflict],
      ]),
    );

    const { items, total } = await listResults(fx.store.db, spanRun, {});
    expect(total).toBe(5);
    expect(items.map((r) => [r.position, r.action, r.reason, r.learnerId])).toEqual([
      [10, 'error', 'conflict', 'lrn_10'],
      [11, 'create', 'first_sync', 'lrn_11'],
      [12, 'error', 'conflict', 'lrn_12'],
      [13, 'create', 'first_sync', 'lrn_13'],
      [14, 'error', 'conflict', 'lrn_14'],
    ]);
    // The creates left are still applied from their own compact rows, with their values.
    const left = await actionableResults(fx.store.db, spanRun, -1, 100);
    expect(left.flatMap((r) => spannedPeople(r).map((p) => p.values?.firstName))).toEqual([
      'First 11',
      'First 13',
    ]);
  });

  it('reads compact rows written before creates and skips were compacted', () => {
    const old = {
      people: JSON.stringify([['lrn_1', '1', 'Person 1', 'p1@acme.test', 'manager_cycle']]),
    };
    expect(spannedPeople(old)).toEqual([
      {
        learnerId: 'lrn_1',
        externalId: '1',
        displayName: 'Person 1',
        workEmail: 'p1@acme.test',
        note: 'manager_cycle',
        reason: null,
        invite: false,
        createDeactivated: false,
        values: null,
        hash: null,
        recordHash: null,
      },
    ]);
  });
});
