import type { EmploymentStatus } from '../../core/employee.ts';
import { startsAfter, statusFromDates } from '../lifecycle.ts';

/** What the lifecycle rules read from one Factorial employee. */
export interface FactorialLifecycleFacts {
  /** `active`: false once Factorial considers the person terminated (NOTES §5, §6). */
  active: boolean | null;
  startDate: string | null;
  /** `terminated_on`, possibly in the future (`is_terminating`). */
  terminationDate: string | null;
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
}

/**
 * Factorial lifecycle (DESIGN "Lifecycle rules"), dates before flags:
 * 1. A start date after `terminated_on` is a rehire: that termination is history.
 * 2. Otherwise a known `terminated_on` decides: ≤ today → terminated; in the future (a scheduled
 *    termination) → still active, or pending when the start date is in the future too.
 * 3. Without a current termination date, `active: false` → terminated (leavers without a date),
 *    unless the start date is still ahead: someone not started yet cannot have left, and whether
 *    Factorial flags future hires inactive is not documented.
 * 4. A start date after today → pending; otherwise active (leave does not touch `active`).
 */
export function factorialEmploymentStatus(facts: FactorialLifecycleFacts): EmploymentStatus {
  const { startDate, terminationDate, today } = facts;
  const decided = statusFromDates({ startDate, terminationDate, today });
  if (decided !== null) return decided;
  const startsLater = startsAfter(startDate, today);
  if (startsLater) return 'pending';
  return facts.active === false ? 'terminated' : 'active';
}
