import { SENSITIVE_MARKER } from '../../../emulators/shared/company.ts';
import { SENSITIVE_FIELD_IDS } from '../../../emulators/factorial/directory.ts';
import { startFactorialEmulator } from '../../../emulators/factorial/server.ts';
import type {
  FactorialEmulator,
  FactorialEmulatorOptions,
} from '../../../emulators/factorial/server.ts';
import type { ConformanceTarget } from '../testing/conformance.ts';
import { factorial, type FactorialConfig } from './index.ts';
import { EMULATOR_TODAY, companyExpectations, throttleVia } from '../testing/emulator-target.ts';

export { EMULATOR_TODAY };

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
    expected: () => companyExpectations(company),
    // No field selection in Factorial: every answer carries the sensitive keys, dropped at parse.
    requestedFieldIds: () => null,
    sensitiveFieldIds: SENSITIVE_FIELD_IDS,
    sensitiveMarker: SENSITIVE_MARKER,
    throttleNext: throttleVia(emulator),
    emptyDirectory: () => company.clear(),
    close: () => emulator.close(),
  };
}
