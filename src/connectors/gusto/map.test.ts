import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  GUSTO_DENIED_FIELDS,
  GUSTO_REQUESTED_FIELDS,
  assertRequestedFieldsAllowed,
} from './api.ts';
import { gustoEmploymentStatus } from './lifecycle.ts';
import { parseIsoDate } from '../values.ts';
import { countryName, locationName, mapGustoEmployee, NO_LOOKUPS } from './map.ts';

const TODAY = '2026-06-15';
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const OPTIONS = { today: TODAY, ...NO_LOOKUPS };

/** The first record of the sensitive-extras fixture: every denied path filled with a marker. */
function sensitiveRecord(): Record<string, unknown> {
  const records = JSON.parse(readFileSync(join(FIXTURES, 'sensitive-extras.json'), 'utf8')) as [
    Record<string, unknown>,
  ];
  return records[0];
}

/** Every leaf of a JSON value with its allowlist-style path (`jobs[].title`). */
function leaves(value: unknown, path = ''): { path: string; set: (v: unknown) => void }[] {
  if (value === null || typeof value !== 'object') return [];
  const out: { path: string; set: (v: unknown) => void }[] = [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  for (const [key, child] of entries) {
    const childPath = typeof key === 'number' ? `${path}[]` : path === '' ? key : `${path}.${key}`;
    if (child !== null && typeof child === 'object' && Object.keys(child).length > 0) {
      out.push(...leaves(child, childPath));
    } else {
      out.push({
        path: childPath,
        set: (v) => ((value as Record<string | number, unknown>)[key] = v),
      });
    }
  }
  return out;
}

describe('mapGustoEmployee: the allowlist', () => {
  const allowed: readonly string[] = GUSTO_REQUESTED_FIELDS;
  /** An allowlisted path, or a container of one (`terminations` holds `terminations[].…`). */
  const isAllowed = (path: string): boolean =>
    allowed.some((a) => a === path || a.startsWith(`${path}[]`) || a.startsWith(`${path}.`));

  it('drops every sensitive value Gusto sends (no field selection)', () => {
    const result = mapGustoEmployee(sensitiveRecord(), OPTIONS);
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('SENSITIVE-');
  });

  it('ignores every path outside the allowlist: changing one never changes the output', () => {
    const baseline = JSON.stringify(mapGustoEmployee(sensitiveRecord(), OPTIONS));
    const record = sensitiveRecord();
    const outside = leaves(record).filter((leaf) => !isAllowed(leaf.path));
    expect(outside.map((leaf) => leaf.path)).toEqual(
      expect.arrayContaining(['ssn', 'date_of_birth', 'email', 'phone', 'jobs[].rate']),
    );
    for (const leaf of outside) {
      const copy = sensitiveRecord();
      const target = leaves(copy).find((l) => l.path === leaf.path);
      if (target === undefined) throw new Error(`no leaf ${leaf.path}`);
      target.set('CHANGED-VALUE-x@y.example');
      expect(JSON.stringify(mapGustoEmployee(copy, OPTIONS)), leaf.path).toBe(baseline);
    }
  });

  it('reads the allowlisted paths (changing one changes the output)', () => {
    const baseline = JSON.stringify(mapGustoEmployee(sensitiveRecord(), OPTIONS));
    for (const path of ['first_name', 'work_email', 'manager_uuid', 'jobs[].title']) {
      const copy = sensitiveRecord();
      leaves(copy)
        .find((l) => l.path === path)
        ?.set('changed@acme.example');
      expect(JSON.stringify(mapGustoEmployee(copy, OPTIONS)), path).not.toBe(baseline);
    }
  });

  it('keeps the allowlist and the denylist apart', () => {
    expect(() => assertRequestedFieldsAllowed(GUSTO_REQUESTED_FIELDS)).not.toThrow();
    expect(() => assertRequestedFieldsAllowed(['uuid', 'date_of_birth'])).toThrow(/date_of_birth/);
    const denied: readonly string[] = GUSTO_DENIED_FIELDS;
    expect(allowed.filter((f) => denied.includes(f))).toEqual([]);
  });
});

describe('mapGustoEmployee: edge cases', () => {
  it('never uses the personal email, even when the work email is missing', () => {
    const result = mapGustoEmployee(
      { uuid: 'u-1', email: 'me@personal.example', work_email: null },
      OPTIONS,
    );
    expect(result).toMatchObject({ ok: true, employee: { workEmail: null } });
  });

  it('prefers the departments endpoint name and falls back to the employee copy', () => {
    const departments = new Map([['d-1', 'Engineering (lookup)']]);
    const map = (department_uuid: string | null) =>
      mapGustoEmployee(
        { uuid: 'u-1', department: 'Eng (copy)', department_uuid },
        { ...OPTIONS, departments },
      );
    expect(map('d-1')).toMatchObject({
      employee: { department: 'Engineering (lookup)', departmentId: 'd-1' },
    });
    expect(map('d-2')).toMatchObject({
      employee: { department: 'Eng (copy)', departmentId: 'd-2' },
    });
    expect(map(null)).toMatchObject({ employee: { department: 'Eng (copy)', departmentId: null } });
  });

  it('joins the primary job location; an unknown location keeps its id only', () => {
    const locations = new Map([['l-1', { name: 'Denver, CO', country: 'United States' }]]);
    const map = (location_uuid: string) =>
      mapGustoEmployee(
        { uuid: 'u-1', jobs: [{ primary: true, location_uuid }] },
        { ...OPTIONS, locations },
      );
    expect(map('l-1')).toMatchObject({
      employee: { location: 'Denver, CO', locationId: 'l-1', country: 'United States' },
    });
    expect(map('l-9')).toMatchObject({
      employee: { location: null, locationId: 'l-9', country: null },
    });
  });

  it('is total: any input gives a result, never a throw', () => {
    for (const raw of [undefined, null, 0, 'x', [], {}, { uuid: null }, { uuid: 'u', jobs: 'x' }]) {
      expect(mapGustoEmployee(raw, OPTIONS).ok).toBe(false);
    }
    expect(mapGustoEmployee({ uuid: 'u', jobs: 'x' }, OPTIONS)).toEqual({
      ok: false,
      code: 'invalid_record',
      externalId: 'u',
      message: 'the employee does not have the documented shape (jobs: invalid_type)',
    });
  });

  it('rejects a today that is not a date (a bug, not a record problem)', () => {
    expect(() => mapGustoEmployee({ uuid: 'u' }, { ...NO_LOOKUPS, today: 'now' })).toThrow(/today/);
  });
});

describe('Gusto lifecycle', () => {
  const status = (facts: {
    terminatedFlag?: boolean;
    terminationDate?: string | null;
    startDate?: string | null;
  }) =>
    gustoEmploymentStatus({
      terminatedFlag: facts.terminatedFlag ?? false,
      terminationDate: facts.terminationDate ?? null,
      startDate: facts.startDate ?? null,
      today: TODAY,
    });

  it('follows the flag, then the date (Gusto flips the flag only the day after)', () => {
    expect(status({ terminatedFlag: true })).toBe('terminated');
    expect(status({ terminationDate: '2026-06-15', startDate: '2020-01-01' })).toBe('terminated');
    expect(status({ terminationDate: '2026-06-16', startDate: '2020-01-01' })).toBe('active');
    expect(status({ startDate: '2026-06-16' })).toBe('pending');
    expect(status({ startDate: '2026-06-15' })).toBe('active');
    expect(status({})).toBe('active');
  });

  it('treats a start after the termination as a rehire', () => {
    expect(status({ terminationDate: '2025-01-31', startDate: '2025-03-01' })).toBe('active');
    expect(status({ terminationDate: '2025-01-31', startDate: '2026-07-01' })).toBe('pending');
    expect(
      status({ terminatedFlag: true, terminationDate: '2025-01-31', startDate: '2025-03-01' }),
    ).toBe('terminated');
  });
});

describe('helpers', () => {
  it('parses only real ISO dates', () => {
    expect(parseIsoDate(' 2024-02-29 ')).toBe('2024-02-29');
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2024-10-17T00:00:00Z')).toBeNull();
    expect(parseIsoDate('')).toBeNull();
  });

  it('names locations and countries', () => {
    expect(locationName(' San Francisco ', 'CA')).toBe('San Francisco, CA');
    expect(locationName('', null)).toBeNull();
    expect(countryName('USA')).toBe('United States');
    expect(countryName('usa')).toBe('United States');
    expect(countryName('Canada')).toBe('Canada');
    expect(countryName('  ')).toBeNull();
  });
});
