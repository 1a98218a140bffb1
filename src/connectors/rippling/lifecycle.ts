import { cleanText, type EmploymentStatus } from '../../core/employee.ts';
import { startsAfter, statusFromDates } from '../lifecycle.ts';

/** What the lifecycle rules read from one Rippling employee. */
export interface RipplingLifecycleFacts {
  /** `roleState`: `INIT`, `HIRED`, `ACCEPTED`, `ACTIVE` or `TERMINATED` (NOTES §5). */
  roleState: string | null;
  startDate: string | null;
  /** `endDate`: the last day, set for people who left (NOTES §6). */
  endDate: string | null;
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
}

/** Role states of someone who accepted an offer but has not started (NOTES §5). */
const NOT_STARTED_STATES = new Set(['INIT', 'HIRED', 'ACCEPTED']);

/**
 * Rippling lifecycle (DESIGN "Lifecycle rules"), dates before labels:
 * 1. A start date after the end date is a rehire: that end date is history.
 * 2. Otherwise a known end date decides: ≤ today → terminated; later → still employed (active,
 *    or pending when the start date is in the future too).
 * 3. Otherwise `TERMINATED` → terminated (Rippling has leavers without an end date).
 * 4. A start date after today → pending. Without a start date, a not-yet-started role state
 *    (`INIT`, `HIRED`, `ACCEPTED`) → pending: Rippling says they have not started.
 * 5. Otherwise active. Rippling V1 has no leave state, so people on leave are `ACTIVE`.
 */
export function ripplingEmploymentStatus(facts: RipplingLifecycleFacts): EmploymentStatus {
  const { startDate, endDate, today } = facts;
  const state = cleanText(facts.roleState)?.toUpperCase() ?? null;
  const decided = statusFromDates({ startDate, terminationDate: endDate, today });
  if (decided !== null) return decided;
  const startsLater = startsAfter(startDate, today);
  if (state === 'TERMINATED') return 'terminated';
  if (startsLater) return 'pending';
  if (startDate === null && state !== null && NOT_STARTED_STATES.has(state)) return 'pending';
  return 'active';
}
