import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_JITTER_MS,
  RETRY_BASE_DELAY_MS,
  RETRY_MAX_DELAY_MS,
  jitterMs,
  nextNightlyRun,
  retryDelayMs,
} from './nightly.ts';

const MINUTE = 60_000;

/** Runs without jitter, so the expected instants can be written down. */
function next(after: string, timeZone: string, localTime: string): string {
  return nextNightlyRun({
    after: new Date(after),
    timeZone,
    localTime,
    jitterKey: 'con_test',
    maxJitterMs: 0,
  }).toISOString();
}

/** The wall clock at `instant` in `timeZone`, as `YYYY-MM-DD HH:MM`. */
function wall(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
}

describe('nextNightlyRun', () => {
  it('gives the same day’s slot before it and the next day’s once it has passed (UTC)', () => {
    expect(next('2026-06-10T01:00:00Z', 'UTC', '02:00')).toBe('2026-06-10T02:00:00.000Z');
    expect(next('2026-06-10T03:00:00Z', 'UTC', '02:00')).toBe('2026-06-11T02:00:00.000Z');
    expect(next('2026-12-31T23:59:00Z', 'UTC', '00:00')).toBe('2027-01-01T00:00:00.000Z');
  });

  it('is strictly after `after`: exactly at the slot gives the next day', () => {
    expect(next('2026-06-10T02:00:00Z', 'UTC', '02:00')).toBe('2026-06-11T02:00:00.000Z');
    expect(next('2026-06-10T01:59:59.999Z', 'UTC', '02:00')).toBe('2026-06-10T02:00:00.000Z');
  });

  it('follows the tenant’s offset in winter and summer (Europe/Berlin)', () => {
    expect(next('2026-01-15T12:00:00Z', 'Europe/Berlin', '02:00')).toBe('2026-01-16T01:00:00.000Z');
    expect(next('2026-07-15T12:00:00Z', 'Europe/Berlin', '02:00')).toBe('2026-07-16T00:00:00.000Z');
    // 23:30 UTC on 15 July is already 16 July 01:30 in Berlin: the slot is half an hour away.
    expect(next('2026-07-15T23:30:00Z', 'Europe/Berlin', '02:00')).toBe('2026-07-16T00:00:00.000Z');
  });

  it('handles a half-hour offset (Asia/Kolkata, +05:30)', () => {
    expect(next('2026-03-01T00:00:00Z', 'Asia/Kolkata', '02:00')).toBe('2026-03-01T20:30:00.000Z');
    expect(next('2026-03-01T20:29:00Z', 'Asia/Kolkata', '02:00')).toBe('2026-03-01T20:30:00.000Z');
  });

  it('runs a time skipped by spring forward at the end of the gap (America/New_York, 8 Mar 2026)', () => {
    // 02:00 EST jumps to 03:00 EDT: 02:30 does not exist that night.
    const run = next('2026-03-07T12:00:00Z', 'America/New_York', '02:30');
    expect(run).toBe('2026-03-08T07:00:00.000Z');
    expect(wall(new Date(run), 'America/New_York')).toBe('2026-03-08 03:00');
    expect(next(run, 'America/New_York', '02:30')).toBe('2026-03-09T06:30:00.000Z');
  });

  it('runs a time skipped by spring forward at the end of the gap (Europe/Berlin, 29 Mar 2026)', () => {
    expect(next('2026-03-28T12:00:00Z', 'Europe/Berlin', '02:30')).toBe('2026-03-29T01:00:00.000Z');
    // The hour before the gap exists as usual.
    expect(next('2026-03-28T12:00:00Z', 'Europe/Berlin', '01:30')).toBe('2026-03-29T00:30:00.000Z');
  });

  it('runs a repeated time once, at its first occurrence, on fall back (America/New_York, 1 Nov 2026)', () => {
    // 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    const first = next('2026-10-31T12:00:00Z', 'America/New_York', '01:30');
    expect(first).toBe('2026-11-01T05:30:00.000Z');
    expect(next(first, 'America/New_York', '01:30')).toBe('2026-11-02T06:30:00.000Z');
    // Even when asked between the two occurrences, the day already had its run.
    expect(next('2026-11-01T06:00:00Z', 'America/New_York', '01:30')).toBe(
      '2026-11-02T06:30:00.000Z',
    );
  });

  it('runs a repeated time once on fall back (Europe/Berlin, 25 Oct 2026)', () => {
    const first = next('2026-10-24T12:00:00Z', 'Europe/Berlin', '02:30');
    expect(first).toBe('2026-10-25T00:30:00.000Z');
    expect(next(first, 'Europe/Berlin', '02:30')).toBe('2026-10-26T01:30:00.000Z');
  });

  it('handles a 30-minute DST shift (Australia/Lord_Howe, 2026)', () => {
    // 4 Oct: 02:00 (+10:30) jumps to 02:30 (+11); 02:15 does not exist.
    const gap = next('2026-10-03T00:00:00Z', 'Australia/Lord_Howe', '02:15');
    expect(gap).toBe('2026-10-03T15:30:00.000Z');
    expect(wall(new Date(gap), 'Australia/Lord_Howe')).toBe('2026-10-04 02:30');
    // 5 Apr: 02:00 (+11) falls back to 01:30 (+10:30); 01:45 happens twice, runs once.
    const overlap = next('2026-04-04T00:00:00Z', 'Australia/Lord_Howe', '01:45');
    expect(overlap).toBe('2026-04-04T14:45:00.000Z');
    expect(next(overlap, 'Australia/Lord_Howe', '01:45')).toBe('2026-04-05T15:15:00.000Z');
  });

  it('adds the same jitter for the same key, bounded by maxJitterMs', () => {
    const base = { after: new Date('2026-06-10T00:00:00Z'), timeZone: 'UTC', localTime: '02:00' };
    const slot = Date.parse('2026-06-10T02:00:00Z');
    const a = nextNightlyRun({ ...base, jitterKey: 'con_a' }).getTime();
    expect(nextNightlyRun({ ...base, jitterKey: 'con_a' }).getTime()).toBe(a);
    expect(a - slot).toBe(jitterMs('con_a'));
    const offsets = new Set<number>();
    for (let i = 0; i < 200; i += 1) {
      const offset = nextNightlyRun({ ...base, jitterKey: `con_${i}` }).getTime() - slot;
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(DEFAULT_MAX_JITTER_MS);
      offsets.add(offset);
    }
    // Spread out, not clumped: 200 keys land on (nearly) 200 different offsets.
    expect(offsets.size).toBeGreaterThan(190);
    const small = nextNightlyRun({ ...base, jitterKey: 'con_a', maxJitterMs: 1000 }).getTime();
    expect(small - slot).toBeGreaterThanOrEqual(0);
    expect(small - slot).toBeLessThan(1000);
  });

  it('returns the day’s jittered run when `after` is between the slot and the run', () => {
    const key = 'con_between';
    const jitter = jitterMs(key);
    expect(jitter).toBeGreaterThan(1000); // the key was chosen so there is room in between
    const slot = Date.parse('2026-06-10T02:00:00Z');
    const run = (after: number): number =>
      nextNightlyRun({
        after: new Date(after),
        timeZone: 'UTC',
        localTime: '02:00',
        jitterKey: key,
      }).getTime();
    expect(run(slot)).toBe(slot + jitter);
    expect(run(slot + jitter - 1)).toBe(slot + jitter);
    expect(run(slot + jitter)).toBe(slot + 86_400_000 + jitter);
  });

  it('lets a late slot’s jitter carry it past midnight without losing that run', () => {
    const key = 'con_late';
    const maxJitterMs = 30 * MINUTE;
    const jitter = jitterMs(key, maxJitterMs);
    const slot = Date.parse('2026-06-10T23:50:00Z');
    expect(slot + jitter).toBeGreaterThan(Date.parse('2026-06-11T00:00:00Z'));
    const after = new Date(Date.parse('2026-06-11T00:00:00Z'));
    expect(
      nextNightlyRun({
        after,
        timeZone: 'UTC',
        localTime: '23:50',
        jitterKey: key,
        maxJitterMs,
      }).getTime(),
    ).toBe(slot + jitter);
  });

  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'])(
    'runs exactly once per local day over 400 iterations (%s)',
    (timeZone) => {
      for (const localTime of ['02:00', '02:30', '01:45']) {
        let after = new Date('2026-01-01T00:00:00Z');
        const days: string[] = [];
        for (let i = 0; i < 400; i += 1) {
          const run = nextNightlyRun({ after, timeZone, localTime, jitterKey: 'con_year' });
          expect(run.getTime()).toBeGreaterThan(after.getTime());
          days.push(wall(new Date(run.getTime() - jitterMs('con_year')), timeZone).slice(0, 10));
          after = run;
        }
        expect(new Set(days).size).toBe(400);
        for (let i = 1; i < days.length; i += 1) {
          const gap = Date.parse(`${days[i]}T00:00:00Z`) - Date.parse(`${days[i - 1]}T00:00:00Z`);
          expect(gap).toBe(86_400_000);
        }
      }
    },
  );

  it('refuses an unknown time zone and a malformed local time with a clear error', () => {
    const base = { after: new Date('2026-06-10T00:00:00Z'), jitterKey: 'k' };
    expect(() => nextNightlyRun({ ...base, timeZone: 'Mars/Olympus', localTime: '02:00' })).toThrow(
      /unknown time zone "Mars\/Olympus"/,
    );
    for (const localTime of ['2:00', '24:00', '02:60', '02:00:00', '', 'noon']) {
      expect(() => nextNightlyRun({ ...base, timeZone: 'UTC', localTime })).toThrow(
        /invalid local time/,
      );
    }
    expect(() =>
      nextNightlyRun({ ...base, timeZone: 'UTC', localTime: '02:00', maxJitterMs: -1 }),
    ).toThrow(/maxJitterMs/);
    expect(() =>
      nextNightlyRun({ ...base, after: new Date('nope'), timeZone: 'UTC', localTime: '02:00' }),
    ).toThrow(/not a valid date/);
  });
});

describe('retryDelayMs', () => {
  it('backs off 5 min, 15 min, 45 min, 2 h 15 min, then stays at 4 h', () => {
    expect([1, 2, 3, 4, 5, 6, 50, 10_000].map(retryDelayMs)).toEqual([
      5 * MINUTE,
      15 * MINUTE,
      45 * MINUTE,
      135 * MINUTE,
      240 * MINUTE,
      240 * MINUTE,
      240 * MINUTE,
      240 * MINUTE,
    ]);
    expect(retryDelayMs(1)).toBe(RETRY_BASE_DELAY_MS);
    expect(retryDelayMs(1_000_000)).toBe(RETRY_MAX_DELAY_MS);
  });

  it('refuses an attempt below 1 or not an integer', () => {
    for (const attempt of [0, -1, 1.5, Number.NaN]) {
      expect(() => retryDelayMs(attempt)).toThrow(/attempt/);
    }
  });
});
