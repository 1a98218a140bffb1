import { SENSITIVE_FIELD_IDS, SENSITIVE_MARKER } from '../../../emulators/deel/render.ts';
import { startDeelEmulator } from '../../../emulators/deel/server.ts';
import type { DeelEmulatorOptions } from '../../../emulators/deel/server.ts';
import type { ConformanceTarget } from '../testing/conformance.ts';
import { deel, type DeelConfig } from './index.ts';
import { EMULATOR_TODAY, companyExpectations, throttleVia } from '../testing/emulator-target.ts';

export { EMULATOR_TODAY };

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
    expected: () => companyExpectations(company),
    // Deel has no field selection: every person carries the sensitive fields.
    requestedFieldIds: () => null,
    sensitiveFieldIds: SENSITIVE_FIELD_IDS,
    sensitiveMarker: SENSITIVE_MARKER,
    throttleNext: throttleVia(emulator),
    emptyDirectory: () => company.clear(),
    close: () => emulator.close(),
  };
}
