import { SENSITIVE_MARKER } from '../../../emulators/shared/company.ts';
import { SENSITIVE_FIELD_IDS } from '../../../emulators/personio/records.ts';
import { startPersonioEmulator } from '../../../emulators/personio/server.ts';
import type { PersonioEmulatorOptions } from '../../../emulators/personio/server.ts';
import type { ConformanceTarget } from '../testing/conformance.ts';
import { personio, type PersonioConfig } from './index.ts';
import { EMULATOR_TODAY, companyExpectations, throttleVia } from '../testing/emulator-target.ts';

export { EMULATOR_TODAY };

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
    expected: () => companyExpectations(company),
    // The `attributes[]=` values the emulator received: Personio's field selection.
    requestedFieldIds: () => emulator.stats.attributeRequests.flat(),
    sensitiveFieldIds: SENSITIVE_FIELD_IDS,
    sensitiveMarker: SENSITIVE_MARKER,
    throttleNext: throttleVia(emulator),
    emptyDirectory: () => company.clear(),
    close: () => emulator.close(),
  };
}
