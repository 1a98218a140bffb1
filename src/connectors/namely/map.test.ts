import { describe, expect, it } from 'vitest';
import { NAMELY_REQUESTED_FIELDS, assertRequestedFieldsAllowed } from './api.ts';
import { groupsById, mapNamelyProfile } from './map.ts';

const TODAY = '2026-06-15';

const status = (fields: Record<string, unknown>) => {
  const result = mapNamelyProfile({ id: 'p1', ...fields }, { today: TODAY });
  if (!result.ok) throw new Error(result.message);
  return result.employee.employmentStatus;
};

describe('mapNamelyProfile', () => {
  it('refuses a malformed today (a bug, not a record error)', () => {
    expect(() => mapNamelyProfile({ id: 'p1' }, { today: '2026-6-15' })).toThrow(/today/);
  });

  it('applies the lifecycle rules, dates before labels', () => {
    expect(status({ user_status: 'active' })).toBe('active');
    expect(status({ user_status: 'inactive', departure_date: '' })).toBe('terminated');
    expect(status({ user_status: 'Inactive' })).toBe('terminated');
    expect(status({ user_status: 'active', departure_date: TODAY })).toBe('terminated');
    expect(status({ user_status: 'inactive', departure_date: '2026-06-16' })).toBe('active');
    expect(status({ user_status: 'pending', start_date: '2026-06-16' })).toBe('pending');
    expect(status({ user_status: 'pending', start_date: TODAY })).toBe('active');
    expect(status({ user_status: 'pending' })).toBe('pending');
    expect(status({ start_date: '2026-01-05', departure_date: '2025-12-31' })).toBe('active');
  });

  it('reads group types case-insensitively; unknown types are neither', () => {
    const groups = groupsById([
      { id: 'g1', name: 'Ops', type: 'Departments' },
      { id: 'g2', name: 'Paris', type: 'Office Locations' },
      { id: 'g3', name: 'Guild', type: 'Interest group' },
      { id: null, name: 'no id', type: 'department' },
      'junk',
    ]);
    expect([...groups]).toEqual([
      ['g1', { name: 'Ops', kind: 'department' }],
      ['g2', { name: 'Paris', kind: 'office' }],
      ['g3', { name: 'Guild', kind: null }],
    ]);
    const result = mapNamelyProfile(
      { id: 'p1', links: { groups: [{ id: 'g3' }, { id: 'g2' }, { id: 'g1' }] } },
      { today: TODAY, groups },
    );
    expect(result).toMatchObject({
      ok: true,
      employee: { department: 'Ops', departmentId: 'g1', location: 'Paris', locationId: 'g2' },
    });
  });

  it('never quotes a value in an error message', () => {
    const result = mapNamelyProfile(
      { id: 'p9', first_name: { ssn: '999-00-1234' } },
      { today: TODAY },
    );
    expect(result).toMatchObject({ ok: false, externalId: 'p9', code: 'invalid_record' });
    expect(JSON.stringify(result)).not.toContain('999-00-1234');
  });

  it('reads no denied field, and the start-up check catches one', () => {
    expect(() => assertRequestedFieldsAllowed(NAMELY_REQUESTED_FIELDS)).not.toThrow();
    expect(() => assertRequestedFieldsAllowed(['home.city'])).toThrow(/home\.city/);
  });
});
