import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../testing.ts';
import type { NewRunResultRow, QuietResult, RunResult } from './runs.ts';
import { compactResultRow, insertResults, listResults } from './runs.ts';

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

const quiet = (position: number): QuietResult => ({
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
