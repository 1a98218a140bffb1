import type { Selectable } from 'kysely';
import { expect, it } from 'vitest';
import type { LearnersTable } from '../schema.ts';
import { learnerFromRow, learnerSnapshot, newLearnerRow, snapshotOfRow } from './learners.ts';

const NOW = '2026-11-22T10:00:00.000Z';

it('snapshotOfRow is the learner snapshot of the row, field for field and byte for byte', () => {
  const row = {
    ...newLearnerRow(
      {
        tenantId: 'ten_1',
        source: 'hris',
        connectionId: 'con_1',
        externalId: '42',
        status: 'deactivated',
        person: { firstName: 'Ann', workEmail: 'ann@acme.test', employmentStatus: 'terminated' },
      },
      NOW,
    ),
    hrisHash: 'h',
    deactivationReason: 'terminated',
    deactivatedAt: NOW,
  } as Selectable<LearnersTable>;
  const expected = learnerSnapshot(learnerFromRow(row));
  expect(snapshotOfRow(row)).toEqual(expected);
  expect(JSON.stringify(snapshotOfRow(row))).toBe(JSON.stringify(expected));
});

it('newLearnerRow keeps provenance for the fields it sets, as JSON of the provenance object', () => {
  const row = newLearnerRow(
    { tenantId: 'ten_1', source: 'csv', person: { lastName: 'Lee', department: 'Ops' } },
    NOW,
  );
  expect(row.provenance).toBe(
    JSON.stringify({
      lastName: { source: 'csv', at: NOW },
      department: { source: 'csv', at: NOW },
    }),
  );
  expect(row).toMatchObject({
    firstName: null,
    lastName: 'Lee',
    department: 'Ops',
    status: 'active',
  });
});
