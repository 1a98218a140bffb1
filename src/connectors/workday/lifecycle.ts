import { cleanText, type EmploymentStatus } from '../../core/employee.ts';
import { startsAfter, statusFromDates } from '../lifecycle.ts';
import { calendarDate } from '../values.ts';

/** What the lifecycle rules read from one Workday worker (SOAP status data or a RaaS row). */
export interface WorkdayLifecycleFacts {
  /** `Worker_Status_Data/Active`: 1/0 (also true/false). Future hires are Active=0 too. */
  active: boolean | null;
  /** `Worker_Status_Data/Terminated`: 1/0. */
  terminated: boolean | null;
  startDate: string | null;
  terminationDate: string | null;
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
}

/**
 * Workday lifecycle (DESIGN "Lifecycle rules"), dates before flags:
 * 1. A hire date after the termination date is a rehire: that termination is history.
 * 2. Otherwise a termination date ≤ today → terminated; after today → not yet.
 * 3. Otherwise `Terminated=1` → terminated (Workday's current state; covers undated leavers and
 *    a rehire who left again without a new date).
 * 4. A hire date after today → pending (Workday shows future hires as Active=0).
 * 5. Otherwise active, whatever `Active` says: leave keeps Active=1 in Workday, and Active=0 with
 *    no other evidence is not proof of leaving.
 */
export function workdayEmploymentStatus(facts: WorkdayLifecycleFacts): EmploymentStatus {
  const { startDate, terminationDate, today } = facts;
  const decided = statusFromDates({ startDate, terminationDate, today });
  if (decided !== null) return decided;
  const startsLater = startsAfter(startDate, today);
  // No date of the current employment (none, or one a rehire made history): the flag decides.
  if (facts.terminated === true) return 'terminated';
  return startsLater ? 'pending' : 'active';
}

/** Workday booleans: `1`/`0`, `true`/`false` (NOTES §5); anything else is unknown. */
export function parseWorkdayBoolean(value: string | null | undefined): boolean | null {
  const text = cleanText(value)?.toLowerCase();
  if (text === '1' || text === 'true' || text === 'yes') return true;
  if (text === '0' || text === 'false' || text === 'no') return false;
  return null;
}

const WORKDAY_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2}|T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A Workday date as a calendar date: `2000-01-01`, with an optional offset (`2000-01-01-08:00`,
 * `2000-01-01Z`, NOTES §5) or a time (`2000-01-01T00:00:00.000-08:00`), which is dropped: the date
 * is the tenant's calendar day. Anything else (or an impossible day) is null.
 */
export function parseWorkdayDate(value: string | null | undefined): string | null {
  return calendarDate(value, WORKDAY_DATE);
}
