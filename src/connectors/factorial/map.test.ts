import { describe, expect, it } from 'vitest';
import { FACTORIAL_DENIED_FIELDS, FACTORIAL_REQUESTED_FIELDS } from './api.ts';
import { factorialEmploymentStatus } from './lifecycle.ts';
import { createLookups } from './lookups.ts';
import { mapFactorialEmployee } from './map.ts';

const TODAY = '2026-06-15';

function lookupsWith(lists: { teams?: unknown[]; locations?: unknown[]; contracts?: unknown[] }) {
  const built = createLookups(TODAY);
  (lists.teams ?? []).forEach((t) => built.teams.add(t));
  (lists.locations ?? []).forEach((l) => built.locations.add(l));
  (lists.contracts ?? []).forEach((c) => built.contracts.add(c));
  return built;
}

const map = (raw: unknown, lists: Parameters<typeof lookupsWith>[0] = {}) =>
  mapFactorialEmployee(raw, { today: TODAY, lookups: lookupsWith(lists).lookups });

describe('factorialEmploymentStatus', () => {
  const cases: [string, Parameters<typeof factorialEmploymentStatus>[0], string][] = [
    [
      'active, no dates',
      { active: true, startDate: null, terminationDate: null, today: TODAY },
      'active',
    ],
    [
      'inactive, undated',
      { active: false, startDate: '2020-01-01', terminationDate: null, today: TODAY },
      'terminated',
    ],
    [
      'flag unknown',
      { active: null, startDate: '2020-01-01', terminationDate: null, today: TODAY },
      'active',
    ],
    [
      'terminated today',
      { active: true, startDate: '2020-01-01', terminationDate: TODAY, today: TODAY },
      'terminated',
    ],
    [
      'terminates tomorrow',
      { active: true, startDate: '2020-01-01', terminationDate: '2026-06-16', today: TODAY },
      'active',
    ],
    [
      'inactive but terminates later',
      { active: false, startDate: '2020-01-01', terminationDate: '2026-07-01', today: TODAY },
      'active',
    ],
    [
      'starts tomorrow',
      { active: true, startDate: '2026-06-16', terminationDate: null, today: TODAY },
      'pending',
    ],
    [
      'starts later, inactive',
      { active: false, startDate: '2026-07-01', terminationDate: null, today: TODAY },
      'pending',
    ],
    [
      'rehired',
      { active: true, startDate: '2025-01-01', terminationDate: '2024-01-01', today: TODAY },
      'active',
    ],
    [
      'rehired, left again undated',
      { active: false, startDate: '2025-01-01', terminationDate: '2024-01-01', today: TODAY },
      'terminated',
    ],
    [
      'rehire starting later',
      { active: true, startDate: '2026-07-01', terminationDate: '2024-01-01', today: TODAY },
      'pending',
    ],
  ];
  for (const [name, facts, expected] of cases) {
    it(`${name} → ${expected}`, () => expect(factorialEmploymentStatus(facts)).toBe(expected));
  }
});

describe('mapFactorialEmployee', () => {
  it('joins team, location and the current contract by id', () => {
    const result = map(
      { id: 7, first_name: 'Ana', location_id: 2, manager_id: 3, active: true },
      {
        teams: [{ id: 5, name: 'Sales', employee_ids: [7] }],
        locations: [{ id: '2', name: 'Madrid', country: 'ES' }],
        contracts: [
          {
            employee_id: '7',
            effective_on: '2020-01-01',
            starts_on: '2020-01-01',
            job_title: 'AE',
          },
        ],
      },
    );
    expect(result).toMatchObject({
      ok: true,
      employee: {
        externalId: '7',
        department: 'Sales',
        departmentId: '5',
        location: 'Madrid',
        locationId: '2',
        country: 'ES',
        jobTitle: 'AE',
        managerExternalId: '3',
        startDate: '2020-01-01',
      },
    });
  });

  it('never reads a personal address as the work email', () => {
    const result = map({ id: '1', email: 'me@home.example', personal_email: 'me@home.example' });
    expect(result).toMatchObject({ ok: true, employee: { workEmail: null } });
  });

  it('keeps values out of error messages', () => {
    const result = map({ id: '1', first_name: { secret: 'SENSITIVE-x' } });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('SENSITIVE-');
  });

  it('refuses a today that is not a date (a bug, not data)', () => {
    expect(() =>
      mapFactorialEmployee({ id: '1' }, { today: '15/06/2026', lookups: lookupsWith({}).lookups }),
    ).toThrow(/today/);
  });

  it('counts reference records it cannot use instead of failing', () => {
    const built = lookupsWith({
      teams: [{ name: 'no id' }, 'junk'],
      locations: [{ id: null }],
      contracts: [{ employee_id: '1', effective_on: 'soon' }],
    });
    expect(built.skipped()).toEqual({ teams: 2, locations: 1, contractVersions: 1 });
  });
});

describe('Factorial field lists', () => {
  it('never reads a denied field', () => {
    const denied: readonly string[] = FACTORIAL_DENIED_FIELDS;
    expect(FACTORIAL_REQUESTED_FIELDS.filter((f) => denied.includes(f))).toEqual([]);
  });
});
