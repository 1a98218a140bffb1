import { cleanText, type EmploymentStatus } from '../../core/employee.ts';
import { startsAfter, statusFromDates } from '../lifecycle.ts';

/** What the lifecycle rules read from one Deel person. */
export interface DeelLifecycleFacts {
  /** `hiring_status`: `active`, `inactive`, `onboarding` or `offboarding` (NOTES §2). */
  hiringStatus: string | null;
  startDate: string | null;
  /** The last day: the person's, else that of their ended contracts. */
  terminationDate: string | null;
  /** Every contract of the person is ended (`employments[].is_ended`). */
  allContractsEnded: boolean;
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
}

/**
 * Deel lifecycle (DESIGN "Lifecycle rules"), dates before labels:
 * 1. A start date after the termination date is a rehire: that date is history.
 * 2. Otherwise a known last day decides: ≤ today → terminated; later → still working
 *    (`offboarding`), or pending when the start date is in the future too.
 * 3. Otherwise `inactive`, or every contract ended → terminated (Deel lists leavers as inactive
 *    with ended, cancelled contracts, NOTES §6; it has no leave status).
 * 4. A start date after today → pending; `onboarding` without a start date → pending.
 * 5. Otherwise active (`active`, `offboarding` before its last day).
 */
export function deelEmploymentStatus(facts: DeelLifecycleFacts): EmploymentStatus {
  const { startDate, terminationDate, today } = facts;
  const status = cleanText(facts.hiringStatus)?.toLowerCase() ?? null;
  const decided = statusFromDates({ startDate, terminationDate, today });
  if (decided !== null) return decided;
  const startsLater = startsAfter(startDate, today);
  if (status === 'inactive') return 'terminated';
  if (facts.allContractsEnded) return 'terminated';
  if (startsLater) return 'pending';
  if (startDate === null && status === 'onboarding') return 'pending';
  return 'active';
}
