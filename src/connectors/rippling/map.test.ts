import { describe, expect, it } from 'vitest';
import { RIPPLING_DENIED_FIELDS, RIPPLING_REQUESTED_FIELDS, apiPrefixFor } from './api.ts';
import { buildRipplingDirectory } from './directory.ts';
import { errorForStatus, reasonOf } from './errors.ts';
import { ripplingEmploymentStatus } from './lifecycle.ts';
import { parseIsoDate } from '../values.ts';
import { mapRipplingEmployee } from './map.ts';

const TODAY = '2026-06-15';

describe('declared fields', () => {
  it('never read a denied field', () => {
    const denied: readonly string[] = RIPPLING_DENIED_FIELDS;
    const read = RIPPLING_REQUESTED_FIELDS.map((f) => f.split('.')[0] ?? '');
    expect(read.filter((f) => denied.includes(f))).toEqual([]);
  });
});

describe('ripplingEmploymentStatus', () => {
  const status = (roleState: string | null, startDate: string | null, endDate: string | null) =>
    ripplingEmploymentStatus({ roleState, startDate, endDate, today: TODAY });

  it.each([
    ['ACTIVE', '2020-01-01', null, 'active'],
    ['TERMINATED', '2020-01-01', '2024-01-01', 'terminated'],
    ['TERMINATED', '2020-01-01', null, 'terminated'],
    ['terminated', null, null, 'terminated'],
    ['ACTIVE', '2020-01-01', '2026-06-15', 'terminated'],
    ['ACTIVE', '2020-01-01', '2026-06-16', 'active'],
    ['ACCEPTED', '2026-06-16', null, 'pending'],
    ['HIRED', '2026-06-15', null, 'active'],
    ['INIT', null, null, 'pending'],
    ['ACCEPTED', null, null, 'pending'],
    [null, null, null, 'active'],
    ['ACTIVE', '2025-01-01', '2023-01-01', 'active'],
    ['ACCEPTED', '2026-08-01', '2023-01-01', 'pending'],
    ['TERMINATED', '2025-01-01', '2023-01-01', 'terminated'],
    ['ACCEPTED', '2026-07-01', '2026-09-01', 'pending'],
  ] as const)('%s start %s end %s → %s', (roleState, start, end, expected) => {
    expect(status(roleState, start, end)).toBe(expected);
  });
});

describe('mapRipplingEmployee', () => {
  it('throws (a bug, not data) when today is not a date', () => {
    expect(() => mapRipplingEmployee({ id: 'a' }, { today: '15/06/2026' })).toThrow(/today/);
  });

  it('needs no directory: names come from the record, ids stay unknown', () => {
    const result = mapRipplingEmployee(
      { id: 'a', department: 'Sales', workLocation: { country: 'DE' }, workLocationId: 'w1' },
      { today: TODAY },
    );
    expect(result).toMatchObject({
      ok: true,
      employee: { department: 'Sales', departmentId: null, locationId: 'w1', country: 'DE' },
    });
  });

  it('takes the country from the joined work location when the record has no address', () => {
    const { directory } = buildRipplingDirectory(
      [],
      [{ id: 'w1', nickname: 'Berlin', address: { country: 'DE' } }],
    );
    const result = mapRipplingEmployee(
      { id: 'a', workLocationId: 'w1' },
      { today: TODAY, directory },
    );
    expect(result).toMatchObject({ employee: { location: 'Berlin', country: 'DE' } });
  });

  it('never quotes a value in a record error message', () => {
    const result = mapRipplingEmployee(
      { id: 'a', workEmail: { secret: 'SENSITIVE-x' } },
      { today: TODAY },
    );
    expect(result).toMatchObject({ ok: false, code: 'invalid_record', externalId: 'a' });
    expect(JSON.stringify(result)).not.toContain('SENSITIVE');
  });

  it('drops an email that is not an email', () => {
    const result = mapRipplingEmployee({ id: 'a', workEmail: 'nobody' }, { today: TODAY });
    expect(result).toMatchObject({ employee: { workEmail: null } });
  });
});

describe('buildRipplingDirectory', () => {
  it('skips elements without an id and counts them', () => {
    const { directory, skipped } = buildRipplingDirectory(
      [{ id: 'd1', name: 'Sales' }, { name: 'No id' }, 'junk'],
      [{ id: 'w1', nickname: 'HQ' }, { id: 7 }],
    );
    expect(skipped).toBe(3);
    expect([...directory.departments.keys()]).toEqual(['d1']);
    expect([...directory.locations.keys()]).toEqual(['w1']);
  });
});

describe('helpers', () => {
  it('parseIsoDate accepts only real calendar dates', () => {
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(parseIsoDate(' 2024-02-28 ')).toBe('2024-02-28');
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-01', '', null, undefined]) {
      expect(parseIsoDate(bad)).toBeNull();
    }
  });

  it('apiPrefixFor nests the API under /api on staging only', () => {
    expect(apiPrefixFor(undefined)).toBe('/platform/api');
    expect(apiPrefixFor('https://api.rippling.com')).toBe('/platform/api');
    expect(apiPrefixFor('https://STAGE-API.rippling.com')).toBe('/api/platform/api');
    expect(apiPrefixFor('http://127.0.0.1:1234')).toBe('/platform/api');
  });

  it('reasonOf reads {detail} on one bounded line, nothing else', () => {
    expect(reasonOf('{"detail":"Invalid\\ntoken."}')).toBe('Invalid token.');
    expect(reasonOf('{"error":"nope"}')).toBe('nope');
    expect(reasonOf('<html>bad gateway</html>')).toBeNull();
    expect(reasonOf('{"detail":"   "}')).toBeNull();
    expect(reasonOf(JSON.stringify({ detail: 'x'.repeat(500) }))?.length).toBe(201);
  });

  it('errorForStatus: 401/403 never retryable, 429/5xx/504 retryable', () => {
    expect(errorForStatus(401, null, 'employees')).toMatchObject({
      code: 'auth_failed',
      retryable: false,
    });
    expect(errorForStatus(403, 'x', 'employees')).toMatchObject({
      code: 'forbidden',
      retryable: false,
    });
    expect(errorForStatus(404, null, 'employees').code).toBe('not_found');
    expect(errorForStatus(429, null, 'employees')).toMatchObject({ retryable: true });
    expect(errorForStatus(504, null, 'employees')).toMatchObject({ code: 'timeout' });
    expect(errorForStatus(502, null, 'employees')).toMatchObject({ code: 'unavailable' });
    expect(errorForStatus(400, null, 'employees')).toMatchObject({ code: 'bad_request' });
  });
});
