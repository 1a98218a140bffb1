import { SENSITIVE_MARKER } from '../../../emulators/shared/company.ts';
import { SENSITIVE_FIELD_IDS } from '../../../emulators/factorial/directory.ts';
import { startFactorialEmulator } from '../../../emulators/factorial/server.ts';
import type {
  FactorialEmulator,
  FactorialEmulatorOptions,
} from '../../../emulators/factorial/server.ts';
import type { ConformanceTarget } from '../testing/conformance.ts';
import { factorial, type FactorialConfig } from './index.ts';

/** Every Factorial emulator company in tests lives on this day. */
export const EMULATOR_TODAY = '2026-06-15';

/** An API key the emulator has never issued. */
export const UNKNOWN_API_KEY = 'not-the-api-key-00000000000000000000';

/** The Factorial connector wired to a fresh emulator (test support; not shipped code). */
export async function startFactorialTarget(
  options: FactorialEmulatorOptions = {},
): Promise<ConformanceTarget<FactorialConfig> & { emulator: FactorialEmulator }> {
  const emulator = await startFactorialEmulator({
    ...options,
    company: { today: EMULATOR_TODAY, ...options.company },
  });
  const { company } = emulator;
  const config: FactorialConfig = { apiKey: emulator.apiKey, baseUrl: emulator.url };
  return {
    emulator,
    connector: factorial,
    config,
    invalidCredentials: { ...config, apiKey: UNKNOWN_API_KEY },
    secrets: [emulator.apiKey, emulator.accessToken],
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
    // No field selection in Factorial: every answer carries the sensitive keys, dropped at parse.
    requestedFieldIds: () => null,
    sensitiveFieldIds: SENSITIVE_FIELD_IDS,
    sensitiveMarker: SENSITIVE_MARKER,
    throttleNext: (requests, retryAfterSeconds) =>
      emulator.setFaults({ throttle: { burst: requests, retryAfterSeconds } }),
    emptyDirectory: () => company.clear(),
    close: () => emulator.close(),
  };
}
