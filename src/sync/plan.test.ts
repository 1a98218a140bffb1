import { describe, expect, it } from 'vitest';
import { defaultTenantSettings } from '../core/tenant-settings.ts';
import type { PlanItem, SnapshotRecord } from './plan.ts';
import type { PlanInput } from './plan-sync.ts';
import { planSync } from './plan-sync.ts';
import { TEST_OWNED_FIELDS, learnerFor, person } from './testing.ts';

function input(overrides: Partial<PlanInput>): PlanInput {
  return {
    connectionId: 'con_1',
    settings: defaultTenantSettings(),
    isFirstSync: false,
    complete: true,
    ownedFields: TEST_OWNED_FIELDS,
    snapshot: [],
    learners: [],
    ...overrides,
  };
}

const employees = (...people: ReturnType<typeof person>[]): SnapshotRecord[] =>
  people.map((employee) => ({ kind: 'employee', employee }));

function byExternal(items: PlanItem[], id: string): PlanItem {
  const item = items.find((i) => i.externalId === id);
  if (!item) throw new Error(`no plan item for ${id}`);
  return item;
}

describe('planSync', () => {
  it('on the first sync creates active people, stores leavers as deactivated, skips future hires, invites nobody', () => {
    const { items, counts } = planSync(
      input({
        isFirstSync: true,
        settings: { ...defaultTenantSettings(), invitePolicy: 'auto' },
        snapshot: employees(
          person('1'),
          person('2', { employmentStatus: 'terminated', terminationDate: '2024-05-01' }),
          person('3', { employmentStatus: 'pending', startDate: '2099-01-01' }),
        ),
      }),
    );
    expect(byExternal(items, '1')).toMatchObject({
      action: 'create',
      reason: 'first_sync',
      invite: false,
    });
    expect(byExternal(items, '2')).toMatchObject({
      action: 'create',
      createDeactivated: true,
      reason: 'already_terminated',
    });
    expect(byExternal(items, '3')).toMatchObject({ action: 'skip', reason: 'not_started' });
    expect(counts.deactivations).toBe(0);
  });

  it('invites a new hire once the connection has synced before and the policy is auto', () => {
    const { items } = planSync(
      input({
        settings: { ...defaultTenantSettings(), invitePolicy: 'auto' },
        snapshot: employees(person('9')),
      }),
    );
    expect(byExternal(items, '9')).toMatchObject({
      action: 'create',
      reason: 'new_hire',
      invite: true,
    });
    const never = planSync(input({ snapshot: employees(person('9')) }));
    expect(byExternal(never.items, '9').invite).toBe(false);
  });

  it('deactivates a terminated person and a linked learner missing from a complete snapshot', () => {
    const leaver = person('1', { employmentStatus: 'terminated', terminationDate: '2026-11-01' });
    const { items, counts } = planSync(
      input({
        snapshot: employees(leaver),
        learners: [learnerFor('l1', person('1')), learnerFor('l2', person('2'))],
      }),
    );
    expect(byExternal(items, '1')).toMatchObject({
      action: 'deactivate',
      reason: 'terminated',
      learnerId: 'l1',
    });
    expect(byExternal(items, '1').changedFields).toEqual(['employmentStatus', 'terminationDate']);
    expect(byExternal(items, '2')).toMatchObject({
      action: 'deactivate',
      reason: 'missing',
      learnerId: 'l2',
    });
    expect(counts.deactivations).toBe(2);
  });

  it('never deactivates for being missing from an incomplete snapshot, nor people whose record failed to map', () => {
    const { items } = planSync(
      input({
        complete: false,
        snapshot: [{ kind: 'error', externalId: '3', code: 'invalid_record', message: 'bad' }],
        learners: [learnerFor('l2', person('2')), learnerFor('l3', person('3'))],
      }),
    );
    expect(byExternal(items, '2')).toMatchObject({
      action: 'skip',
      reason: 'missing_from_incomplete_snapshot',
    });
    expect(byExternal(items, '3')).toMatchObject({ action: 'error', reason: 'invalid_record' });
    const complete = planSync(
      input({
        snapshot: [{ kind: 'error', externalId: '3', code: 'invalid_record', message: 'bad' }],
        learners: [learnerFor('l3', person('3'))],
      }),
    );
    expect(complete.items.filter((i) => i.action === 'deactivate')).toEqual([]);
  });

  it('links an unlinked CSV learner by work email and keeps CSV learners the HRIS never had', () => {
    const p = person('1', { workEmail: 'ann@acme.test' });
    const csv = learnerFor('c1', p, {
      connectionId: null,
      externalId: null,
      jobTitle: 'Old title',
    });
    const other = learnerFor('c2', person('x', { workEmail: 'solo@acme.test' }), {
      connectionId: null,
      externalId: null,
    });
    const { items } = planSync(input({ snapshot: employees(p), learners: [csv, other] }));
    expect(byExternal(items, '1')).toMatchObject({
      action: 'update',
      link: true,
      learnerId: 'c1',
      changedFields: ['jobTitle'],
    });
    expect(items.find((i) => i.learnerId === 'c2')).toMatchObject({
      action: 'skip',
      reason: 'not_in_hris',
    });
  });

  it('reactivates a rehire by policy, or leaves it for review', () => {
    const back = person('1');
    const gone = learnerFor('l1', back, {
      status: 'deactivated',
      deactivationReason: 'terminated',
    });
    expect(
      byExternal(planSync(input({ snapshot: employees(back), learners: [gone] })).items, '1'),
    ).toMatchObject({
      action: 'reactivate',
      reason: 'rehired',
    });
    const review = planSync(
      input({
        settings: { ...defaultTenantSettings(), rehirePolicy: 'review' },
        snapshot: employees(back),
        learners: [gone],
      }),
    );
    expect(byExternal(review.items, '1')).toMatchObject({
      action: 'skip',
      reason: 'rehire_needs_review',
    });
    const byAdmin = learnerFor('l1', back, { status: 'deactivated', deactivationReason: 'admin' });
    expect(
      byExternal(planSync(input({ snapshot: employees(back), learners: [byAdmin] })).items, '1'),
    ).toMatchObject({
      action: 'skip',
      reason: 'deactivated_outside_hris',
    });
  });

  it('recognises a rehire under a new external id by employee number', () => {
    const old = learnerFor('l1', person('1', { employeeNumber: 'E-7' }), {
      status: 'deactivated',
      deactivationReason: 'terminated',
    });
    const { items } = planSync(
      input({ snapshot: employees(person('77', { employeeNumber: 'E-7' })), learners: [old] }),
    );
    expect(byExternal(items, '77')).toMatchObject({
      action: 'reactivate',
      learnerId: 'l1',
      link: true,
    });
    expect(items).toHaveLength(1);
  });

  it('applies employee filters: skips new people and deactivates linked learners who became filtered out', () => {
    const settings = {
      ...defaultTenantSettings(),
      filters: {
        include: [],
        exclude: [{ field: 'employeeType' as const, values: ['contractor'] }],
      },
    };
    const { items } = planSync(
      input({
        settings,
        snapshot: employees(
          person('1', { employeeType: 'Contractor' }),
          person('2', { employeeType: 'CONTRACTOR' }),
        ),
        learners: [learnerFor('l2', person('2'))],
      }),
    );
    expect(byExternal(items, '1')).toMatchObject({ action: 'skip', reason: 'filtered_out' });
    expect(byExternal(items, '2')).toMatchObject({ action: 'deactivate', reason: 'filtered_out' });
  });

  it('skips people without a work email and later holders of a duplicate email', () => {
    const { items } = planSync(
      input({
        snapshot: employees(
          person('1', { workEmail: null }),
          person('2', { workEmail: 'same@acme.test' }),
          person('3', { workEmail: 'same@acme.test' }),
        ),
      }),
    );
    expect(byExternal(items, '1')).toMatchObject({ action: 'skip', reason: 'no_work_email' });
    expect(byExternal(items, '2')).toMatchObject({ action: 'create' });
    expect(byExternal(items, '3')).toMatchObject({ action: 'skip', reason: 'duplicate_email' });
  });

  it('reports unchanged people by hash and changes only in the fields the HRIS owns', () => {
    const p = person('1', { country: null });
    const first = planSync(
      input({ snapshot: employees(p), learners: [learnerFor('l1', p, { country: 'GB' })] }),
    );
    // country is not owned: the CSV value stays and no change is planned.
    expect(byExternal(first.items, '1')).toMatchObject({
      action: 'unchanged',
      changedFields: null,
    });
    const hash = byExternal(first.items, '1').hash;
    const stale = learnerFor('l1', p, { jobTitle: 'stale-but-hash-matches', hrisHash: hash });
    expect(
      byExternal(planSync(input({ snapshot: employees(p), learners: [stale] })).items, '1').action,
    ).toBe('unchanged');
  });

  it('resolves managers against the whole snapshot, a manager who left included, and notes problems', () => {
    const boss = person('b', {
      firstName: 'Jen',
      lastName: 'Caldwell',
      employmentStatus: 'terminated',
      terminationDate: '2025-01-01',
    });
    const report = person('r', { managerExternalId: 'b', managerName: 'Caldwell, Jennifer' });
    const orphan = person('o', { managerExternalId: 'nobody', managerName: 'Vendor Name' });
    const a = person('a', { managerExternalId: 'c' });
    const c = person('c', { managerExternalId: 'a' });
    const { items, counts } = planSync(input({ snapshot: employees(boss, report, orphan, a, c) }));
    expect(byExternal(items, 'r').values).toMatchObject({
      managerName: 'Jen Caldwell',
      managerEmail: 'jen.caldwell@acme.test',
    });
    expect(byExternal(items, 'o')).toMatchObject({ note: 'manager_unresolved' });
    expect(byExternal(items, 'o').values).toMatchObject({ managerName: 'Vendor Name' });
    expect(byExternal(items, 'a').note).toBe('manager_cycle');
    expect(counts.managerNotes).toBe(3);
  });

  it('reports a repeated external id as an error and is deterministic', () => {
    const build = (): PlanInput =>
      input({ snapshot: employees(person('1'), person('1', { firstName: 'Twin' })) });
    const plan = planSync(build());
    expect(plan.items.map((i) => [i.externalId, i.action, i.reason])).toEqual([
      ['1', 'create', 'new_hire'],
      ['1', 'error', 'duplicate_external_id'],
    ]);
    expect(JSON.stringify(planSync(build()))).toBe(JSON.stringify(plan));
  });
});
