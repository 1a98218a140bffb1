import { describe, expect, it } from 'vitest';
import {
  SCIM_DENIED_ATTRIBUTES,
  SCIM_ENTERPRISE_USER,
  SCIM_REQUESTED_ATTRIBUTES,
  assertRequestedAttributesAllowed,
  isDeniedScimAttribute,
} from './api.ts';
import { scimEmploymentStatus } from './lifecycle.ts';
import { parseIsoDateOrDateTime as parseDate } from '../values.ts';
import { mapScimUser } from './map.ts';

const TODAY = '2026-06-15';
const HR = 'urn:example:params:scim:schemas:extension:hr:1.0:User';

const map = (raw: unknown, extra: object = {}) => mapScimUser(raw, { today: TODAY, ...extra });

describe('mapScimUser', () => {
  it('is total: any JSON value gives a result, never a throw', () => {
    for (const raw of [null, undefined, 42, 'x', [], {}, { id: {} }, { id: 'a', name: 'x' }]) {
      expect(() => map(raw)).not.toThrow();
      expect(map(raw).ok).toBe(false);
    }
  });

  it('refuses a "today" that is not a date (a bug, not data)', () => {
    expect(() => mapScimUser({ id: 'a' }, { today: '15/06/2026' })).toThrow(/today/);
  });

  it('accepts safe numeric ids and refuses ones that lost digits', () => {
    expect(map({ id: 970404910858250 })).toMatchObject({
      ok: true,
      employee: { externalId: '970404910858250' },
    });
    expect(map({ id: 2 ** 60 })).toMatchObject({ ok: false, code: 'invalid_record' });
  });

  it('never puts a value into a record error message', () => {
    const result = map({ id: 'x', userName: { secret: 'SENSITIVE-v' }, title: ['SENSITIVE-t'] });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('SENSITIVE');
  });

  it('takes only a work address: never a home or untyped one', () => {
    const home = { type: 'home', locality: 'Home Town', country: 'HH' };
    const untyped = { locality: 'Somewhere', country: 'SW' };
    expect(map({ id: 'a', addresses: [home, untyped] })).toMatchObject({
      employee: { location: null, country: null },
    });
    const work = { type: 'WORK', locality: ' Berlin ', country: 'DE' };
    expect(map({ id: 'a', addresses: [home, work] })).toMatchObject({
      employee: { location: 'Berlin', country: 'DE' },
    });
  });

  it('reads the date extension case-insensitively, only when configured', () => {
    const raw = { id: 'a', active: true, [HR.toUpperCase()]: { STARTDATE: '2026-07-01' } };
    expect(map(raw)).toMatchObject({ employee: { startDate: null, employmentStatus: 'active' } });
    expect(map(raw, { startDateAttribute: `${HR}:startDate` })).toMatchObject({
      employee: { startDate: '2026-07-01', employmentStatus: 'pending' },
    });
  });

  it('reads the enterprise manager id, but never invents a manager email', () => {
    const raw = { id: 'a', [SCIM_ENTERPRISE_USER]: { manager: { value: 'm', displayName: 'M' } } };
    expect(map(raw)).toMatchObject({
      employee: { managerExternalId: 'm', managerName: 'M', managerEmail: null },
    });
  });
});

describe('scimEmploymentStatus', () => {
  const status = (
    active: boolean | null,
    startDate: string | null,
    terminationDate: string | null,
  ) => scimEmploymentStatus({ active, startDate, terminationDate, today: TODAY });

  it.each([
    [true, null, null, 'active'],
    [null, null, null, 'active'],
    [false, null, null, 'terminated'],
    [true, null, '2026-06-15', 'terminated'],
    [true, null, '2026-06-16', 'active'],
    [false, null, '2026-06-16', 'terminated'],
    [true, '2026-06-16', null, 'pending'],
    [false, '2026-06-16', null, 'pending'],
    [true, '2025-01-01', '2024-12-31', 'active'],
    [false, '2025-01-01', '2024-12-31', 'terminated'],
    [true, '2026-06-01', '2026-06-10', 'terminated'],
  ] as const)('active %s, start %s, end %s → %s', (active, start, end, expected) => {
    expect(status(active, start, end)).toBe(expected);
  });
});

describe('parseDate', () => {
  it.each([
    ['2026-02-28', '2026-02-28'],
    ['2024-02-29', '2024-02-29'],
    ['2026-02-29', null],
    ['2026-06-15T10:00:00Z', '2026-06-15'],
    ['2026-06-15T10:00:00.123+02:00', '2026-06-15'],
    ['06/15/2026', null],
    ['', null],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });
});

describe('the attribute allowlist', () => {
  it('requests nothing denied, and the check would catch it', () => {
    expect(() => assertRequestedAttributesAllowed(SCIM_REQUESTED_ATTRIBUTES)).not.toThrow();
    for (const denied of SCIM_DENIED_ATTRIBUTES) expect(isDeniedScimAttribute(denied)).toBe(true);
    expect(() => assertRequestedAttributesAllowed(['id', 'phoneNumbers'])).toThrow(/phoneNumbers/);
  });

  it('denies sensitive extension attributes by name, core prefix and case', () => {
    expect(isDeniedScimAttribute(`${HR}:salary`)).toBe(true);
    expect(isDeniedScimAttribute(`${HR}:dateOfBirth`)).toBe(true);
    expect(isDeniedScimAttribute(`${HR}:homePhone`)).toBe(true);
    expect(isDeniedScimAttribute('urn:ietf:params:scim:schemas:core:2.0:User:PhoneNumbers')).toBe(
      true,
    );
    expect(isDeniedScimAttribute(`${SCIM_ENTERPRISE_USER}:costcenter`)).toBe(true);
    expect(isDeniedScimAttribute(`${HR}:startDate`)).toBe(false);
    expect(isDeniedScimAttribute(`${HR}:terminationDate`)).toBe(false);
  });
});
