import { SENSITIVE_FIELD_IDS, SENSITIVE_MARKER } from '../../../emulators/deel/render.ts';
import { startDeelEmulator } from '../../../emulators/deel/server.ts';
import type { DeelEmulatorOptions } from '../../../emulators/deel/server.ts';
import type { ConformanceTarget } from '../testing/conformance.ts';
import { deel, type DeelConfig } from './index.ts';

/** Every Deel emulator company in tests lives on this day. */
export const EMULATOR_TODAY = '2026-06-15';

/** A token the emulator has never issued. */
export const UNKNOWN_TOKEN = 'not-the-token-000000000000000000';

/**
 * The Deel connector wired to a fresh emulator (test support; not shipped code). Tests record
 * waits instead of sleeping, so the emulator's real-time 5-per-second window is off unless asked.
 */
export async function startDeelTarget(
  options: DeelEmulatorOptions = {},
): Promise<
  ConformanceTarget<DeelConfig> & { emulator: Awaited<ReturnType<typeof startDeelEmulator>> }
> {
  const emulator = await startDeelEmulator({
    requestsPerSecond: Number.POSITIVE_INFINITY,
    ...options,
    company: { today: EMULATOR_TODAY, ...options.company },
  });
  const { company } = emulator;
  const config: DeelConfig = { apiToken: emulator.apiToken, baseUrl: emulator.url };
  return {
    emulator,
    connector: deel,
    config,
    invalidCredentials: { ...config, apiToken: UNKNOWN_TOKEN },
    secrets: [emulator.apiToken],
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
    // Deel has no field selection: every person carries the sensitive fields.
    requestedFieldIds: () => null,
    sensitiveFieldIds: SENSITIVE_FIELD_IDS,
    sensitiveMarker: SENSITIVE_MARKER,
    throttleNext: (requests, retryAfterSeconds) =>
      emulator.setFaults({ throttle: { burst: requests, retryAfterSeconds } }),
    emptyDirectory: () => company.clear(),
    close: () => emulator.close(),
  };
}
