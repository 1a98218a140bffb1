import { describe, expect, it } from 'vitest';
import type { HistoryAuditRow, HistoryEventRow } from './learner-history.ts';
import { buildHistory } from './learner-history.ts';

const AT = '2026-11-22T10:00:00.000Z';
const LATER = '2026-11-23T02:00:00.000Z';

function event(version: number, type: string, payload: object, at = AT): HistoryEventRow {
  return { id: `evt_${version}`, type, version, payload: JSON.stringify(payload), createdAt: at };
}

function audit(id: string, action: string, details: object, at = AT): HistoryAuditRow {
  return { id, actorType: 'user', actorId: 'usr_1', action, details: JSON.stringify(details), at };
}

describe('buildHistory', () => {
  it('names only allowlisted fields, whatever a payload or audit detail carries', () => {
    const { items } = buildHistory(
      [
        event(
          2,
          'learner.updated',
          {
            changedFields: ['jobTitle', 'salary'],
            learner: { jobTitle: 'Lead', salary: '99k', connectionId: 'con_1' },
            homeAddress: 'Somewhere 1',
          },
          LATER,
        ),
        event(1, 'learner.created', { learner: { jobTitle: 'Dev', salary: '80k' } }),
      ],
      [audit('aud_1', 'membership.ended', { reason: 'contract_over', ssn: '123' })],
      [],
      10,
    );
    expect(items.map((i) => [i.action, i.by.origin])).toEqual([
      ['learner.updated', 'hris_sync'],
      ['learner.created', 'system'],
      ['membership.ended', 'user'],
    ]);
    expect(items[0]?.changes).toEqual([{ field: 'jobTitle', from: 'Dev', to: 'Lead' }]);
    expect(items[1]?.changes).toEqual([{ field: 'jobTitle', to: 'Dev' }]);
    expect(items[2]?.reason).toBe('contract_over');
    const text = JSON.stringify(items);
    for (const secret of ['salary', '99k', '80k', 'Somewhere', 'ssn', '123']) {
      expect(text).not.toContain(secret);
    }
  });

  it('folds the audit entry of the same operation into its event, and marks linking', () => {
    const { items, hasMore } = buildHistory(
      [
        event(3, 'learner.deactivated', { reason: 'left', effects: { followUpsRemoved: 2 } }),
        event(2, 'learner.updated', { linked: { connectionId: 'con_1' }, learner: {} }, AT),
      ],
      [audit('aud_2', 'learner.deactivated', { reason: 'left', followUpsRemoved: 2 })],
      [],
      1,
    );
    expect(items).toEqual([
      expect.objectContaining({
        action: 'learner.deactivated',
        by: { origin: 'user', id: 'usr_1', name: null },
        reason: 'left',
        effects: { followUpsRemoved: 2 },
      }),
    ]);
    expect(hasMore).toBe(true);
    const linked = buildHistory(
      [event(2, 'learner.updated', { linked: { connectionId: 'con_1' }, learner: {} })],
      [],
      [],
      5,
    );
    expect(linked.items[0]?.action).toBe('learner.linked');
  });

  it('credits created and updated learners to a CSV import that ran at the same instant', () => {
    const imports = [{ ...audit('aud_3', 'learners.import', {}), actorType: 'token' as const }];
    const { items } = buildHistory(
      [event(1, 'learner.created', { learner: { connectionId: null } })],
      [],
      imports,
      5,
    );
    expect(items[0]?.by).toEqual({ origin: 'csv_import', id: 'usr_1', name: null });
  });
});
