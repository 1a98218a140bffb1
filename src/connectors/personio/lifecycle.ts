import { cleanText, type EmploymentStatus } from '../../core/employee.ts';
import { currentTerminationDate, startsAfter } from '../lifecycle.ts';

/** What the lifecycle rules read from one Personio employee. */
export interface PersonioLifecycleFacts {
  /** `status.value`: `active`, `onboarding`, `leave` or `inactive` (NOTES §5). */
  status: string | null;
  /** `hire_date` as a calendar date. */
  startDate: string | null;
  /** `termination_date` as a calendar date. */
  terminationDate: string | null;
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
}

/**
 * Personio lifecycle (DESIGN "Lifecycle rules"):
 * 1. `inactive` is Personio's explicit "left" status (leave and future hires have their own
 *    values), so it is terminated whatever the dates say.
 * 2. A start date after the termination date is a rehire: that termination is history.
 * 3. Otherwise a termination date ≤ today → terminated; a later one is not yet effective.
 * 4. A start date after today → pending; `onboarding` without any start date → pending too
 *    (nothing shows the person has started).
 * 5. Otherwise active: `leave` is not leaving.
 */
export function personioEmploymentStatus(facts: PersonioLifecycleFacts): EmploymentStatus {
  const { startDate, today } = facts;
  if (statusIs(facts.status, 'inactive')) return 'terminated';
  const terminationDate = currentTerminationDate(startDate, facts.terminationDate);
  if (terminationDate !== null && terminationDate <= today) return 'terminated';
  if (startsAfter(startDate, today)) return 'pending';
  if (startDate === null && statusIs(facts.status, 'onboarding')) return 'pending';
  return 'active';
}

/** Case-insensitive: `inactive`, `Inactive`, `INACTIVE`. */
function statusIs(value: string | null, expected: string): boolean {
  return cleanText(value)?.toLowerCase() === expected;
}

/**
 * A Personio date attribute as a calendar date (YYYY-MM-DD), or null.
 * Personio sends dates as ISO timestamps of midnight in the company's time zone, converted to
 * UTC: `2014-11-08T23:00:00.000Z` is 9 November in Berlin (NOTES §5). A UTC timestamp therefore
 * rounds to the nearest midnight, which recovers the calendar date for any zone from UTC−11 to
 * UTC+11; a timestamp with its own offset keeps the date it was written with. A plain date is
 * taken as is; anything else (or an impossible date) is unknown.
 */
export function personioDate(value: string | null | undefined): string | null {
  const text = cleanText(value);
  if (text === null) return null;
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (plain) return calendarDate(plain[1], plain[2], plain[3], 0);
  const stamp =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.exec(
      text,
    );
  if (!stamp) return null;
  const hour = Number(stamp[4]);
  if (hour > 23 || Number(stamp[5]) > 59) return null;
  const utc = /^(z|[+-]00:?00)$/i.test(stamp[6] ?? '');
  return calendarDate(stamp[1], stamp[2], stamp[3], utc && hour >= 12 ? 1 : 0);
}

function calendarDate(
  y: string | undefined,
  m: string | undefined,
  d: string | undefined,
  addDays: number,
): string | null {
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const date = new Date(Date.UTC(year, month - 1, day + addDays));
  // Years below 1000 would need padding: no real hire date is that old.
  if (date.getUTCFullYear() < 1000) return null;
  return date.toISOString().slice(0, 10);
}
