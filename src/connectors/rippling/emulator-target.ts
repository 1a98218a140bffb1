import { SENSITIVE_FIELD_IDS, SENSITIVE_MARKER } from '../../../emulators/rippling/render.ts';
import { startRipplingEmulator } from '../../../emulators/rippling/server.ts';
import type { RipplingEmulatorOptions } from '../../../emulators/rippling/server.ts';
import type { ConformanceTarget } from '../testing/conformance.ts';
import { rippling, type RipplingConfig } from './index.ts';
import { EMULATOR_TODAY, companyExpectations, throttleVia } from '../testing/emulator-target.ts';

export { EMULATOR_TODAY };

/** A key the emulator has never issued. */
export const UNKNOWN_API_KEY = 'not-the-key-00000000000000000000';

/** The Rippling connector wired to a fresh emulator (test support; not shipped code). */
export async function startRipplingTarget(options: RipplingEmulatorOptions = {}): Promise<
  ConformanceTarget<RipplingConfig> & {
    emulator: Awaited<ReturnType<typeof startRipplingEmulator>>;
  }
> {
  const emulator = await startRipplingEmulator({
    ...options,
    company: { today: EMULATOR_TODAY, ...options.company },
  });
  const { company } = emulator;
  const config: RipplingConfig = { apiKey: emulator.apiKey, baseUrl: emulator.url };
  return {
    emulator,
    connector: rippling,
    config,
    invalidCredentials: { ...config, apiKey: UNKNOWN_API_KEY },
    secrets: [emulator.apiKey],
    baseUrl: emulator.url,
    today: EMULATOR_TODAY,
    expected: () => companyExpectations(company),
    // V1 has no field selection: every record carries the sensitive fields the key can see.
    requestedFieldIds: () => null,
    sensitiveFieldIds: SENSITIVE_FIELD_IDS,
    sensitiveMarker: SENSITIVE_MARKER,
    throttleNext: throttleVia(emulator),
    emptyDirectory: () => company.clear(),
    close: () => emulator.close(),
  };
}
