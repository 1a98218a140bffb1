import { cleanText, type EmploymentStatus } from '../../core/employee.ts';
import { startsAfter, statusFromDates } from '../lifecycle.ts';

/** What the lifecycle rules read from one HiBob person (machine values, not display strings). */
export interface HiBobLifecycleFacts {
  /** `internal.status`: `Active` / `Inactive`. Inactive covers leave as well as termination. */
  status: string | null;
  /** `internal.lifecycleStatus`: `employed`, `terminated`, `leave`, `hired`, … (NOTES §6). */
  lifecycleStatus: string | null;
  startDate: string | null;
  terminationDate: string | null;
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
}

/**
 * HiBob lifecycle (DESIGN "Lifecycle rules"), dates before labels:
 * 1. A start date after the termination date is a rehire: that termination is history.
 * 2. Otherwise a known termination date decides: ≤ today → terminated; in the future → not yet
 *    (active, or pending when the start date is in the future too).
 * 3. Otherwise (no date, or only a rehire's old one) a `terminated` lifecycle → terminated: the
 *    lifecycle is HiBob's current state, so it also catches a rehire who left again.
 * 4. A start date after today → pending.
 * 5. Otherwise active. `Inactive` alone proves nothing: HiBob also uses it for people on leave,
 *    who stay active (see `isUnexplainedInactive` for the diagnostic).
 */
export function hiBobEmploymentStatus(facts: HiBobLifecycleFacts): EmploymentStatus {
  const { startDate, terminationDate, today } = facts;
  const decided = statusFromDates({ startDate, terminationDate, today });
  if (decided !== null) return decided;
  const startsLater = startsAfter(startDate, today);
  // No date of the current employment (none, or one a rehire made history): the label decides.
  if (lifecycleIs(facts.lifecycleStatus, 'terminated')) return 'terminated';
  return startsLater ? 'pending' : 'active';
}

/**
 * Inactive with no lifecycle value and no termination date: Rollcall keeps such a person active,
 * but when it happens the service user probably cannot see the Internal fields (the connector
 * logs a count so an admin can fix the permission group).
 */
export function isUnexplainedInactive(facts: HiBobLifecycleFacts): boolean {
  return (
    lifecycleIs(facts.status, 'inactive') &&
    facts.lifecycleStatus === null &&
    facts.terminationDate === null
  );
}

/** Case- and separator-insensitive: `terminated`, `Terminated`, `TERMINATED`. */
function lifecycleIs(value: string | null, expected: string): boolean {
  const text = cleanText(value);
  return text !== null && text.toLowerCase().replace(/[\s_-]+/g, '') === expected;
}
