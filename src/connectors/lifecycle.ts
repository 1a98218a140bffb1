import type { EmploymentStatus } from '../core/employee.ts';

/**
 * The date rules of DESIGN.md "Lifecycle rules" that every connector applies the same way; each
 * vendor's `lifecycle.ts` adds what its own flags and status labels mean, and decides where they
 * rank against the dates.
 */

/** A start date after the termination date: the person came back, that termination is history. */
export function isRehire(startDate: string | null, terminationDate: string | null): boolean {
  return startDate !== null && terminationDate !== null && startDate > terminationDate;
}

/** The termination date of the current employment: null when a rehire made it history. */
export function currentTerminationDate(
  startDate: string | null,
  terminationDate: string | null,
): string | null {
  return isRehire(startDate, terminationDate) ? null : terminationDate;
}

/** A start date after today: the person has not started yet. */
export function startsAfter(startDate: string | null, today: string): boolean {
  return startDate !== null && startDate > today;
}

/**
 * "Dates before labels": when the current employment has a termination date, it decides — on or
 * before today → terminated; later → still employed (active, or pending when the start date is
 * in the future too). Null when there is no such date and the vendor's labels must decide.
 */
export function statusFromDates(dates: {
  startDate: string | null;
  terminationDate: string | null;
  today: string;
}): EmploymentStatus | null {
  const { startDate, today } = dates;
  const terminationDate = currentTerminationDate(startDate, dates.terminationDate);
  if (terminationDate === null) return null;
  if (terminationDate <= today) return 'terminated';
  return startsAfter(startDate, today) ? 'pending' : 'active';
}
