import type { EmploymentStatus } from '../../core/employee.ts';
import { currentTerminationDate, startsAfter } from '../lifecycle.ts';

/** What the lifecycle rules read from one SCIM user. */
export interface ScimLifecycleFacts {
  /** `active` (RFC 7643 §4.1.1, "administrative status"); null when the SP leaves it out. */
  active: boolean | null;
  /** From the configured extension attributes only: SCIM itself has no HR dates (NOTES §6). */
  startDate: string | null;
  terminationDate: string | null;
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
}

/**
 * SCIM lifecycle (DESIGN "Lifecycle rules"). Without configured date attributes only `active`
 * speaks: `active: false` → terminated, anything else → active. With dates, dates come first:
 * 1. A start date after the termination date is a rehire: that termination is history.
 * 2. A current termination date ≤ today → terminated.
 * 3. A start date after today → pending, even when the SP keeps the account disabled until then
 *    (a person who has not started cannot have left).
 * 4. `active: false` → terminated (the SP deprovisioned the person without a date).
 * 5. Otherwise active, a termination date in the future included.
 */
export function scimEmploymentStatus(facts: ScimLifecycleFacts): EmploymentStatus {
  const { startDate, terminationDate, today } = facts;
  const current = currentTerminationDate(startDate, terminationDate);
  if (current !== null && current <= today) return 'terminated';
  if (startsAfter(startDate, today)) return 'pending';
  if (facts.active === false) return 'terminated';
  return 'active';
}
