import type { CommonFaults } from '../../../emulators/shared/faults.ts';
import type { ConformanceExpectations, ConformanceTarget } from './conformance.ts';

/**
 * The parts every connector's `emulator-target.ts` shares (test support; not shipped code): the
 * emulators' fixed "today", what a `GeneratedCompany` holds as conformance expectations, and
 * throttling through the common fault knobs.
 */

/** Every emulator company in tests lives on this day. */
export const EMULATOR_TODAY = '2026-06-15';

/** The people API of an emulator company (`GeneratedCompany`, HiBob's own company). */
export interface EmulatorCompany<Person extends { id: string; managerId: string | null }> {
  all(): Person[];
  get(id: string): Person | undefined;
  isTerminated(person: Person): boolean;
}

/** Everyone in the company, the leavers, and each person's manager when that manager is listed. */
export function companyExpectations<Person extends { id: string; managerId: string | null }>(
  company: EmulatorCompany<Person>,
): ConformanceExpectations {
  const people = company.all();
  const managers: Record<string, string> = {};
  for (const person of people) {
    if (person.managerId !== null && company.get(person.managerId)) {
      managers[person.id] = person.managerId;
    }
  }
  return {
    externalIds: people.map((person) => person.id),
    terminatedIds: people.filter((person) => company.isTerminated(person)).map((p) => p.id),
    managers,
  };
}

/** `throttleNext` for an emulator with the common fault knobs (`emulators/shared/faults.ts`). */
export function throttleVia(emulator: {
  setFaults(patch: Pick<CommonFaults, 'throttle'>): void;
}): ConformanceTarget<{ baseUrl?: string | undefined }>['throttleNext'] {
  return (requests, retryAfterSeconds) =>
    emulator.setFaults({ throttle: { burst: requests, retryAfterSeconds } });
}
