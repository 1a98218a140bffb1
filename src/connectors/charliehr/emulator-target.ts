import { SENSITIVE_MARKER } from '../../../emulators/shared/company.ts';
import { SENSITIVE_FIELD_IDS } from '../../../emulators/charliehr/directory.ts';
import { startCharlieHrEmulator } from '../../../emulators/charliehr/server.ts';
import type {
  CharlieHrEmulator,
  CharlieHrEmulatorOptions,
} from '../../../emulators/charliehr/server.ts';
import type { ConformanceTarget } from '../testing/conformance.ts';
import { charliehr, type CharlieHrConfig } from './index.ts';
import { EMULATOR_TODAY, companyExpectations, throttleVia } from '../testing/emulator-target.ts';

export { EMULATOR_TODAY };

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
    expected: () => companyExpectations(company),
    // No field selection: every answer carries the sensitive keys, dropped while parsing.
    requestedFieldIds: () => null,
    sensitiveFieldIds: SENSITIVE_FIELD_IDS,
    sensitiveMarker: SENSITIVE_MARKER,
    throttleNext: throttleVia(emulator),
    emptyDirectory: () => company.clear(),
    close: () => emulator.close(),
  };
}
