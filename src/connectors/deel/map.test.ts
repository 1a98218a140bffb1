import { describe, expect, it } from 'vitest';
import { DEEL_DENIED_FIELDS, DEEL_REQUESTED_FIELDS } from './api.ts';
import { errorForStatus, reasonOf } from './errors.ts';
import { deelEmploymentStatus } from './lifecycle.ts';
import { parseIsoDateOrDateTime as parseDate } from '../values.ts';
import { mapDeelPerson } from './map.ts';

const TODAY = '2026-06-15';

describe('declared fields', () => {
  it('never read a denied field', () => {
    const denied: readonly string[] = DEEL_DENIED_FIELDS;
    expect(DEEL_REQUESTED_FIELDS.filter((f) => denied.includes(f))).toEqual([]);
  });
});

describe('deelEmploymentStatus', () => {
  const status = (
    hiringStatus: string | null,
    startDate: string | null,
    terminationDate: string | null,
    allContractsEnded = false,
  ) =>
    deelEmploymentStatus({
      hiringStatus,
      startDate,
      terminationDate,
      allContractsEnded,
      today: TODAY,
    });

  it.each([
    ['active', '2020-01-01', null, false, 'active'],
    ['inactive', '2020-01-01', null, false, 'terminated'],
    ['INACTIVE', null, null, false, 'terminated'],
    ['active', '2020-01-01', null, true, 'terminated'],
    ['offboarding', '2020-01-01', '2026-06-15', false, 'terminated'],
    ['offboarding', '2020-01-01', '2026-06-16', false, 'active'],
    ['onboarding', '2026-06-16', null, false, 'pending'],
    ['onboarding', '2026-06-15', null, false, 'active'],
    ['onboarding', null, null, false, 'pending'],
    ['active', '2025-01-01', '2024-01-01', false, 'active'],
    ['inactive', '2025-01-01', '2024-01-01', false, 'terminated'],
    [null, null, null, false, 'active'],
  ] as const)('%s start %s end %s ended %s → %s', (s, start, end, ended, expected) => {
    expect(status(s, start, end, ended)).toBe(expected);
  });
});

describe('mapDeelPerson', () => {
  it('throws (a bug, not data) when today is not a date', () => {
    expect(() => mapDeelPerson({ id: 'a' }, { today: '2026-06-15T00:00:00Z' })).toThrow(/today/);
  });

  it('reads only the work email, never primary or personal', () => {
    const map = (emails: unknown) => mapDeelPerson({ id: 'a', emails }, { today: TODAY });
    expect(map([{ type: 'primary', value: 'me@home.example' }])).toMatchObject({
      employee: { workEmail: null },
    });
    expect(map([{ type: 'WORK', value: ' Me@Work.example ' }])).toMatchObject({
      employee: { workEmail: 'me@work.example' },
    });
    expect(map('not a list')).toMatchObject({ ok: true, employee: { workEmail: null } });
  });

  it('takes a contract work email when the person has none', () => {
    const result = mapDeelPerson(
      { id: 'a', employments: [{ work_email: null }, { work_email: 'x@work.example' }] },
      { today: TODAY },
    );
    expect(result).toMatchObject({ employee: { workEmail: 'x@work.example' } });
  });
});

describe('helpers', () => {
  it('parseDate keeps the date of a date or an ISO timestamp, nothing else', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2023-03-21T10:27:25.95Z')).toBe('2023-03-21');
    expect(parseDate('2023-03-21T10:27:25+02:00')).toBe('2023-03-21');
    for (const bad of ['2023-02-29', '21/03/2023', '2023-03-21 10:00', '', null]) {
      expect(parseDate(bad)).toBeNull();
    }
  });

  it('reasonOf joins Deel error messages on one bounded line', () => {
    const body = {
      request: { code: 3, source: 'AJV' },
      errors: [{ message: 'a\nb' }, { message: 'c' }],
    };
    expect(reasonOf(JSON.stringify(body))).toBe('a b; c');
    expect(reasonOf('{"errors":[]}')).toBeNull();
    expect(reasonOf('<html/>')).toBeNull();
  });

  it('errorForStatus: 401/403 never retryable, 429/5xx retryable', () => {
    expect(errorForStatus(401, null)).toMatchObject({ code: 'auth_failed', retryable: false });
    expect(errorForStatus(403, null)).toMatchObject({ code: 'forbidden', retryable: false });
    expect(errorForStatus(404, null)).toMatchObject({ code: 'not_found' });
    expect(errorForStatus(429, null)).toMatchObject({ code: 'rate_limited', retryable: true });
    expect(errorForStatus(503, null)).toMatchObject({ code: 'unavailable', retryable: true });
    expect(errorForStatus(400, 'limit must be <= 100')).toMatchObject({ code: 'bad_request' });
  });
});
