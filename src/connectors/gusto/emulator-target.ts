import { SENSITIVE_MARKER } from '../../../emulators/shared/company.ts';
import { startGustoEmulator, type GustoEmulatorOptions } from '../../../emulators/gusto/server.ts';
import type { ConformanceTarget } from '../testing/conformance.ts';
import { GUSTO_DENIED_FIELDS } from './api.ts';
import { gusto, type GustoConfig } from './index.ts';
import { EMULATOR_TODAY, companyExpectations, throttleVia } from '../testing/emulator-target.ts';

export { EMULATOR_TODAY };

/** A token the emulator has never issued. */
export const UNKNOWN_TOKEN = 'not-the-token-0000000000000000000000000000';

/** The Gusto connector wired to a fresh emulator (test support; not shipped code). */
export async function startGustoTarget(options: GustoEmulatorOptions = {}): Promise<
  ConformanceTarget<GustoConfig> & {
    emulator: Awaited<ReturnType<typeof startGustoEmulator>>;
  }
> {
  const emulator = await startGustoEmulator({
    ...options,
    company: { today: EMULATOR_TODAY, ...options.company },
  });
  const { company } = emulator;
  const config: GustoConfig = {
    companyUuid: emulator.companyUuid,
    accessToken: emulator.accessToken,
    baseUrl: emulator.url,
  };
  return {
    emulator,
    connector: gusto,
    config,
    invalidCredentials: { ...config, accessToken: UNKNOWN_TOKEN },
    secrets: [emulator.accessToken],
    baseUrl: emulator.url,
    today: EMULATOR_TODAY,
    expected: () => companyExpectations(company),
    // Gusto has no field selection: every record carries the sensitive fields, answered with
    // the marker, and the mapper's allowlist must drop them (checked by the suite).
    requestedFieldIds: () => null,
    sensitiveFieldIds: GUSTO_DENIED_FIELDS,
    sensitiveMarker: SENSITIVE_MARKER,
    throttleNext: throttleVia(emulator),
    emptyDirectory: () => company.clear(),
    close: () => emulator.close(),
  };
}
