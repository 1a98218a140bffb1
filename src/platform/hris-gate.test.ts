import type { Kysely, Selectable } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Learner } from '../core/learner.ts';
import { learnerFromRow, newLearnerRow } from '../db/repositories/learners.ts';
import type { PersonValues } from '../db/repositories/learners.ts';
import type { Database, LearnersTable } from '../db/schema.ts';
import { hrisKnows, hrisKnowsLinkedLearners, noHrisConnected } from './hris-gate.ts';

// The gates under test never touch the database.
const db = undefined as unknown as Kysely<Database>;

function learner(
  tenantId: string,
  connectionId: string | null,
  employmentStatus: PersonValues['employmentStatus'],
): Learner {
  const row = newLearnerRow(
    {
      tenantId,
      source: connectionId ? 'hris' : 'csv',
      connectionId,
      externalId: connectionId ? 'e1' : null,
      person: { workEmail: 'kim@example.test', employmentStatus },
    },
    '2026-11-22T10:00:00.000Z',
  );
  return learnerFromRow(row as Selectable<LearnersTable>);
}

describe('HRIS gates', () => {
  it('lets everyone through when no HRIS is connected', async () => {
    expect(await noHrisConnected.check(db, 't1', learner('t1', null, null))).toEqual({
      allowed: true,
    });
  });

  it('knows linked learners who are active or pending, and nobody else', () => {
    expect(hrisKnows(learner('t1', 'c1', 'active'))).toEqual({ allowed: true });
    expect(hrisKnows(learner('t1', 'c1', 'pending'))).toEqual({ allowed: true });
    expect(hrisKnows(learner('t1', 'c1', 'terminated'))).toMatchObject({ allowed: false });
    expect(hrisKnows(learner('t1', 'c1', null))).toMatchObject({ allowed: false });
    const unlinked = hrisKnows(learner('t1', null, 'active'));
    expect(unlinked.allowed || unlinked.reason).toContain('does not list this person');
  });

  it('limits only the tenants that have a connection', async () => {
    const gate = hrisKnowsLinkedLearners(['t1']);
    expect(await gate.check(db, 't1', learner('t1', null, null))).toMatchObject({ allowed: false });
    expect(await gate.check(db, 't2', learner('t2', null, null))).toEqual({ allowed: true });
  });
});
