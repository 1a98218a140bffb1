import { SENSITIVE_MARKER } from '../../../emulators/shared/company.ts';
import { SENSITIVE_FIELD_IDS } from '../../../emulators/charliehr/directory.ts';
import { startCharlieHrEmulator } from '../../../emulators/charliehr/server.ts';
import type {
  CharlieHrEmulator,
  CharlieHrEmulatorOptions,
} from '../../../emulators/charliehr/server.ts';
import type { ConformanceTarget } from '../testing/conformance.ts';
import { charliehr, type CharlieHrConfig } from './index.ts';

/** Every CharlieHR emulator company in tests lives on this day. */
export const EMULATOR_TODAY = '2026-06-15';

/** A secret the emulator has never issued. */
export const UNKNOWN_SECRET = 'not-the-client-secret-000000000000';

/** The CharlieHR connector wired to a fresh emulator (test support; not shipped code). */
export async function startCharlieHrTarget(
  options: CharlieHrEmulatorOptions = {},
): Promise<ConformanceTarget<CharlieHrConfig> & { emulator: CharlieHrEmulator }> {
  const emulator = await startCharlieHrEmulator({
    ...options,
    company: { today: EMULATOR_TODAY, ...options.company },
  });
  const { company } = emulator;
  const config: CharlieHrConfig = {
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    baseUrl: emulator.url,
  };
  return {
    emulator,
    connector: charliehr,
    config,
    invalidCredentials: { ...config, clientSecret: UNKNOWN_SECRET },
    secrets: [emulator.clientSecret],
    baseUrl: emulator.url,
    today: EMULATOR_TODAY,
    expected() {
      const people = company.all();
      const managers: Record<string, string> = {};
      for (const e of people) {
        if (e.managerId !== null && company.get(e.managerId)) managers[e.id] = e.managerId;
      }
      return {
        externalIds: people.map((e) => e.id),
        terminatedIds: people.filter((e) => company.isTerminated(e)).map((e) => e.id),
        managers,
      };
    },
    // No field selection: every answer carries the sensitive keys, dropped while parsing.
    requestedFieldIds: () => null,
    sensitiveFieldIds: SENSITIVE_FIELD_IDS,
    sensitiveMarker: SENSITIVE_MARKER,
    throttleNext: (requests, retryAfterSeconds) =>
      emulator.setFaults({ throttle: { burst: requests, retryAfterSeconds } }),
    emptyDirectory: () => company.clear(),
    close: () => emulator.close(),
  };
}
