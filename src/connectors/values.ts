import { cleanText, isPlausibleEmail, normalizeEmail } from '../core/employee.ts';

/**
 * Readers for raw vendor values, shared by every connector's mapper. Each is total: `''`, `null`,
 * missing and malformed all read as unknown (`null`), never as `''` or "now" (STYLE habit 3).
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_OR_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A real calendar date written exactly `YYYY-MM-DD` (trimmed), else null. */
export function parseIsoDate(value: string | null | undefined): string | null {
  return calendarDate(value, DATE);
}

/**
 * A real calendar date from `YYYY-MM-DD` or the date part of an ISO date-time
 * (`2024-03-01T00:00:00Z`); the time and offset are dropped, not converted. Anything else is null.
 */
export function parseIsoDateOrDateTime(value: string | null | undefined): string | null {
  return calendarDate(value, DATE_OR_DATE_TIME);
}

/**
 * The `YYYY-MM-DD` prefix of `value` when `pattern` matches it (its first three groups being year,
 * month and day) and that day exists; else null. For vendors with their own date spellings.
 */
export function calendarDate(value: string | null | undefined, pattern: RegExp): string | null {
  const text = cleanText(value);
  if (text === null) return null;
  const match = pattern.exec(text);
  if (match === null) return null;
  // Read field by field (no Date, no array): every person carries a few dates.
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return text.slice(0, 10);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of a proleptic Gregorian year. */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1] ?? 0;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** The latest of some `YYYY-MM-DD` dates (nulls skipped), or null when there is none. */
export function latestDate(dates: readonly (string | null)[]): string | null {
  return dates.reduce<string | null>(
    (max, d) => (d !== null && (max === null || d > max) ? d : max),
    null,
  );
}

/** A work email: trimmed and lower-cased; something that is not an email at all is unknown. */
export function cleanEmail(value: string | null | undefined): string | null {
  const email = normalizeEmail(value);
  return email !== null && isPlausibleEmail(email) ? email : null;
}

/** Name parts joined with one space, unknown parts skipped; null when no part is known. */
export function joinName(...parts: readonly (string | null | undefined)[]): string | null {
  return cleanText(
    parts
      .map((part) => cleanText(part))
      .filter((part) => part !== null)
      .join(' '),
  );
}

/** An id as a string: trimmed text, or a safe integer written in decimal; anything else is null. */
export function idText(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  return typeof value === 'string' ? cleanText(value) : null;
}

/**
 * The id of a raw record that failed to parse, for the record error (`key` is the vendor's id
 * field). `numbers: false` for vendors whose ids are always strings: a number there is not an id.
 */
export function rawRecordId(
  raw: unknown,
  key = 'id',
  options: { numbers?: boolean } = {},
): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const value = (raw as Record<string, unknown>)[key];
  if (typeof value === 'number' && options.numbers === false) return null;
  return idText(value);
}

/**
 * zod issues as `path: code` for a record error: field paths only, because a zod message could
 * quote a value, and values may be personal data. `root` names a problem with the whole record.
 */
export function describeIssues(
  issues: readonly { path: PropertyKey[]; code: string }[],
  root: string,
): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || root}: ${issue.code}`)
    .join('; ');
}
