import { SENSITIVE_MARKER } from '../../../emulators/shared/company.ts';
import { SENSITIVE_FIELD_IDS } from '../../../emulators/personio/records.ts';
import { startPersonioEmulator } from '../../../emulators/personio/server.ts';
import type { PersonioEmulatorOptions } from '../../../emulators/personio/server.ts';
import type { ConformanceTarget } from '../testing/conformance.ts';
import { personio, type PersonioConfig } from './index.ts';

/** Every Personio emulator company in tests lives on this day. */
export const EMULATOR_TODAY = '2026-06-15';

/** A client secret the emulator does not know. */
export const UNKNOWN_SECRET = 'not-the-secret-00000000000000000';

/** The Personio connector wired to a fresh emulator (test support; not shipped code). */
export async function startPersonioTarget(options: PersonioEmulatorOptions = {}): Promise<
  ConformanceTarget<PersonioConfig> & {
    emulator: Awaited<ReturnType<typeof startPersonioEmulator>>;
  }
> {
  const emulator = await startPersonioEmulator({
    ...options,
    company: { today: EMULATOR_TODAY, ...options.company },
  });
  const { company } = emulator;
  const config: PersonioConfig = {
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    baseUrl: emulator.url,
  };
  return {
    emulator,
    connector: personio,
    config,
    invalidCredentials: { ...config, clientSecret: UNKNOWN_SECRET },
    secrets: [emulator.clientSecret],
    baseUrl: emulator.url,
    today: EMULATOR_TODAY,
    expected() {
      const people = company.all();
      const managers: Record<string, string> = {};
      for (const p of people) {
        if (p.managerId !== null && company.get(p.managerId)) managers[p.id] = p.managerId;
      }
      return {
        externalIds: people.map((p) => p.id),
        terminatedIds: people.filter((p) => company.isTerminated(p)).map((p) => p.id),
        managers,
      };
    },
    // The `attributes[]=` values the emulator received: Personio's field selection.
    requestedFieldIds: () => emulator.stats.attributeRequests.flat(),
    sensitiveFieldIds: SENSITIVE_FIELD_IDS,
    sensitiveMarker: SENSITIVE_MARKER,
    throttleNext: (requests, retryAfterSeconds) =>
      emulator.setFaults({ throttle: { burst: requests, retryAfterSeconds } }),
    emptyDirectory: () => company.clear(),
    close: () => emulator.close(),
  };
}
