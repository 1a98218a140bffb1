import { AppError } from '../core/errors.ts';

/**
 * Nightly schedule time math, pure: when a connection's next scheduled run is due, and how long a
 * failed scheduled run waits before it is retried. Time zones come from Node's Intl (full ICU),
 * so DST follows the IANA database without a date library.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Default spread of the nightly slot: tenants sharing a local time do not all start at once. */
export const DEFAULT_MAX_JITTER_MS = 15 * MINUTE_MS;

export interface NightlyRunInput {
  /** The run returned is strictly after this instant. */
  after: Date;
  /** IANA time zone of the tenant, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Wall-clock time of the nightly run in `timeZone`, `HH:MM` (24-hour). */
  localTime: string;
  /** Stable per connection (its id): the same key always gets the same offset. */
  jitterKey: string;
  /** Upper bound (exclusive) of the offset added to the slot; default 15 minutes, 0 for none. */
  maxJitterMs?: number;
}

/**
 * The next nightly run strictly after `input.after`: each local day has one run, at the instant
 * the tenant's wall clock first shows `localTime` that day, plus the connection's jitter. A time
 * skipped by a spring-forward change runs at the first instant after the gap; a time repeated by a
 * fall-back change runs once, at its first occurrence. Because the run is the slot *plus* jitter,
 * an `after` between a slot and its jittered run still yields that day's run.
 */
export function nextNightlyRun(input: NightlyRunInput): Date {
  const { hour, minute } = parseLocalTime(input.localTime);
  const format = formatterFor(input.timeZone);
  const after = input.after.getTime();
  if (!Number.isFinite(after)) {
    throw new AppError('VALIDATION_FAILED', 'nextNightlyRun: `after` is not a valid date');
  }
  const jitter = jitterMs(input.jitterKey, input.maxJitterMs ?? DEFAULT_MAX_JITTER_MS);

  // A slot on an earlier local day may still be ahead of `after` once its jitter is added.
  const today = wallClock(format, after);
  const daysBack = Math.ceil(jitter / DAY_MS) + 1;
  const firstDay = Date.UTC(today.year, today.month - 1, today.day - daysBack);
  for (let i = 0; i <= daysBack + 3; i += 1) {
    const slot = slotOn(format, firstDay + i * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS);
    if (slot !== undefined && slot + jitter > after) return new Date(slot + jitter);
  }
  // Consecutive local days always have a slot within a few days; reaching here is a bug.
  throw new Error(`no nightly slot found after ${input.after.toISOString()} in ${input.timeZone}`);
}

/** A deterministic offset in [0, maxJitterMs) for `key` (64-bit FNV-1a of its UTF-8 bytes). */
export function jitterMs(key: string, maxJitterMs: number = DEFAULT_MAX_JITTER_MS): number {
  if (!Number.isSafeInteger(maxJitterMs) || maxJitterMs < 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `maxJitterMs must be a non-negative integer number of milliseconds, got ${maxJitterMs}`,
    );
  }
  if (maxJitterMs === 0) return 0;
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(key)) {
    hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  }
  return Number(hash % BigInt(maxJitterMs));
}

/** Base delay of the first retry after a scheduled run failed for a non-auth reason. */
export const RETRY_BASE_DELAY_MS = 5 * MINUTE_MS;
/** Each further attempt waits this many times longer than the one before. */
export const RETRY_BACKOFF_FACTOR = 3;
/** No retry waits longer than this. */
export const RETRY_MAX_DELAY_MS = 4 * HOUR_MS;

/**
 * Delay before retry number `attempt` (1 for the first retry): 5 min, 15 min, 45 min, 2 h 15 min,
 * then 4 h for every later attempt.
 */
export function retryDelayMs(attempt: number): number {
  if (!Number.isSafeInteger(attempt) || attempt < 1) {
    throw new AppError('VALIDATION_FAILED', `retry attempt must be an integer ≥ 1, got ${attempt}`);
  }
  // Past the cap the exponent only grows; stop computing before it overflows.
  const exponent = Math.min(attempt - 1, 32);
  return Math.min(RETRY_BASE_DELAY_MS * RETRY_BACKOFF_FACTOR ** exponent, RETRY_MAX_DELAY_MS);
}

const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseLocalTime(localTime: string): { hour: number; minute: number } {
  const match = LOCAL_TIME.exec(localTime);
  if (!match?.[1] || !match[2]) {
    throw new AppError(
      'VALIDATION_FAILED',
      `invalid local time "${localTime}": expected HH:MM on a 24-hour clock, e.g. 02:00`,
    );
  }
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new AppError(
      'VALIDATION_FAILED',
      `unknown time zone "${timeZone}" (use an IANA name such as Europe/Berlin)`,
    );
  }
  formatters.set(timeZone, format);
  return format;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(format: Intl.DateTimeFormat, instant: number): WallClock {
  const fields: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const read = (name: keyof WallClock): number => {
    const value = fields[name];
    if (value === undefined || Number.isNaN(value)) {
      throw new Error(`Intl.DateTimeFormat gave no numeric ${name} for ${instant}`);
    }
    return value;
  };
  return {
    year: read('year'),
    month: read('month'),
    day: read('day'),
    hour: read('hour'),
    minute: read('minute'),
    second: read('second'),
  };
}

/** The zone's UTC offset at `instant` (ms, whole seconds): wall clock read as UTC minus instant. */
function offsetAt(format: Intl.DateTimeFormat, instant: number): number {
  const w = wallClock(format, instant);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The first instant of the local day whose wall clock reads `wall` (a local date and time written
 * as if it were UTC), or undefined when that whole local day does not exist in the zone.
 */
function slotOn(format: Intl.DateTimeFormat, wall: number): number | undefined {
  // Every instant that can show `wall` lies within 14 h of it, so the offsets in effect a day
  // either side are the only candidates (zones change offset at most once in such a window).
  const before = offsetAt(format, wall - DAY_MS);
  const after = offsetAt(format, wall + DAY_MS);
  const valid = [wall - before, wall - after].filter((t) => t + offsetAt(format, t) === wall);
  if (valid.length > 0) return Math.min(...valid);

  // A gap (spring forward): the wall time is skipped. Run at the transition, the first instant
  // after the gap, found by bisection between an instant before it and one after it.
  let lo = wall - after;
  let hi = wall - before;
  if (lo >= hi) return undefined;
  const postOffset = offsetAt(format, hi);
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2000) * 1000;
    if (mid <= lo) break;
    if (offsetAt(format, mid) === postOffset) hi = mid;
    else lo = mid;
  }
  // A gap that swallows the rest of the day (e.g. Pacific/Apia skipping 2011-12-30) moves the
  // transition to the next local date: that day has no slot of its own.
  const shown = wallClock(format, hi);
  const wallDate = new Date(wall);
  const sameDay =
    shown.year === wallDate.getUTCFullYear() &&
    shown.month === wallDate.getUTCMonth() + 1 &&
    shown.day === wallDate.getUTCDate();
  return sameDay ? hi : undefined;
}
