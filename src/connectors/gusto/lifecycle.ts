import type { EmploymentStatus } from '../../core/employee.ts';
import { currentTerminationDate, startsAfter } from '../lifecycle.ts';

/** What the lifecycle rules read from one Gusto employee. */
export interface GustoLifecycleFacts {
  /** `terminated`: Gusto sets it once a termination is processed (the day after the last day). */
  terminatedFlag: boolean;
  /** The latest `terminations[].effective_date` (the last day of work), or null. */
  terminationDate: string | null;
  /** The primary job's `hire_date` (else `hired_at`), or null. */
  startDate: string | null;
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
}

/**
 * Gusto lifecycle (DESIGN "Lifecycle rules"):
 * 1. A start date after the termination date is a rehire: that termination is history.
 * 2. `terminated: true`, or a termination (not history) dated today or earlier → terminated.
 *    The date rule matters because Gusto only flips the flag the day after the last day, and a
 *    scheduled termination keeps `terminated: false` until then (NOTES §6).
 * 3. A start date after today → pending (a future hire, or a rehire starting later).
 * 4. Otherwise active; a termination dated later is recorded but not yet effective.
 */
export function gustoEmploymentStatus(facts: GustoLifecycleFacts): EmploymentStatus {
  const { terminatedFlag, startDate, today } = facts;
  const terminationDate = currentTerminationDate(startDate, facts.terminationDate);
  if (terminatedFlag) return 'terminated';
  if (terminationDate !== null && terminationDate <= today) return 'terminated';
  return startsAfter(startDate, today) ? 'pending' : 'active';
}
