import { describe, expect, it } from 'vitest';
import {
  calendarDate,
  cleanEmail,
  describeIssues,
  idText,
  joinName,
  latestDate,
  parseIsoDate,
  parseIsoDateOrDateTime,
  rawRecordId,
} from './values.ts';

describe('value readers', () => {
  it('parseIsoDate takes real YYYY-MM-DD dates only', () => {
    expect(parseIsoDate(' 2024-02-29 ')).toBe('2024-02-29');
    for (const bad of [
      '2023-02-29',
      '0000-00-00',
      '2024-13-01',
      '05/09/2022',
      '2024-01-01T00:00:00Z',
      '',
      null,
      undefined,
    ]) {
      expect(parseIsoDate(bad)).toBeNull();
    }
  });

  it('parseIsoDateOrDateTime keeps the date part of an ISO date-time, unconverted', () => {
    expect(parseIsoDateOrDateTime('2023-03-21T23:27:25.95-05:00')).toBe('2023-03-21');
    expect(parseIsoDateOrDateTime('2024-02-29')).toBe('2024-02-29');
    expect(parseIsoDateOrDateTime('2023-02-29T00:00:00Z')).toBeNull();
    expect(parseIsoDateOrDateTime('2023-03-21 10:00')).toBeNull();
  });

  it('calendarDate applies a vendor pattern and checks the day', () => {
    expect(calendarDate('2000-01-31-08:00', /^(\d{4})-(\d{2})-(\d{2})(?:[+-]\d{2}:\d{2})?$/)).toBe(
      '2000-01-31',
    );
    expect(calendarDate('2000-02-30', /^(\d{4})-(\d{2})-(\d{2})$/)).toBeNull();
  });

  it('calendarDate knows the length of every month, leap years included', () => {
    const date = /^(\d{4})-(\d{2})-(\d{2})$/;
    const valid = ['2024-02-29', '2000-02-29', '2023-01-31', '2023-04-30', '2023-12-31'];
    const invalid = ['1900-02-29', '2023-02-29', '2023-04-31', '2023-06-31', '2023-13-01'];
    for (const d of valid) expect(calendarDate(d, date)).toBe(d);
    for (const d of invalid) expect(calendarDate(d, date)).toBeNull();
    expect(calendarDate('2023-00-10', date)).toBeNull();
    expect(calendarDate('2023-05-00', date)).toBeNull();
  });

  it('latestDate skips unknowns', () => {
    expect(latestDate([null, '2024-01-02', '2023-12-31'])).toBe('2024-01-02');
    expect(latestDate([null])).toBeNull();
  });

  it('cleanEmail lower-cases and rejects non-emails', () => {
    expect(cleanEmail('  Ada@Example.COM ')).toBe('ada@example.com');
    expect(cleanEmail('not an email')).toBeNull();
    expect(cleanEmail('')).toBeNull();
  });

  it('joinName skips unknown parts', () => {
    expect(joinName(' Ada ', null, 'Lovelace')).toBe('Ada Lovelace');
    expect(joinName('', undefined)).toBeNull();
  });

  it('ids are strings: trimmed text or safe integers', () => {
    expect(idText(' 42 ')).toBe('42');
    expect(idText(42)).toBe('42');
    expect(idText(2 ** 60)).toBeNull();
    expect(idText(true)).toBeNull();
    expect(rawRecordId({ uuid: 'u-1' }, 'uuid')).toBe('u-1');
    expect(rawRecordId({ id: 7 })).toBe('7');
    expect(rawRecordId({ id: 7 }, 'id', { numbers: false })).toBeNull();
    expect(rawRecordId('x')).toBeNull();
  });

  it('describeIssues names field paths, never values', () => {
    const issues = [
      { path: ['work', 'startDate'], code: 'invalid_type' },
      { path: [], code: 'invalid_type' },
    ];
    expect(describeIssues(issues, '(employee)')).toBe(
      'work.startDate: invalid_type; (employee): invalid_type',
    );
  });
});
