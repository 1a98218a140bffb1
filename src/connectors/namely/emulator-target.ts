import { SENSITIVE_MARKER } from '../../../emulators/shared/company.ts';
import { NAMELY_SENSITIVE_FIELDS } from '../../../emulators/namely/render.ts';
import { startNamelyEmulator } from '../../../emulators/namely/server.ts';
import type { NamelyEmulatorOptions } from '../../../emulators/namely/server.ts';
import type { ConformanceTarget } from '../testing/conformance.ts';
import { namely, type NamelyConfig } from './index.ts';
import { EMULATOR_TODAY, companyExpectations, throttleVia } from '../testing/emulator-target.ts';

export { EMULATOR_TODAY };

/** A token the emulator has never issued. */
export const UNKNOWN_TOKEN = 'not-the-token-000000000000000000000000000';

/** The Namely connector wired to a fresh emulator (test support; not shipped code). */
export async function startNamelyTarget(options: NamelyEmulatorOptions = {}): Promise<
  ConformanceTarget<NamelyConfig> & {
    emulator: Awaited<ReturnType<typeof startNamelyEmulator>>;
  }
> {
  const emulator = await startNamelyEmulator({
    ...options,
    company: { today: EMULATOR_TODAY, ...options.company },
  });
  const { company } = emulator;
  const config: NamelyConfig = { company: 'acme', token: emulator.token, baseUrl: emulator.url };
  return {
    emulator,
    connector: namely,
    config,
    invalidCredentials: { ...config, token: UNKNOWN_TOKEN },
    secrets: [emulator.token],
    baseUrl: emulator.url,
    today: EMULATOR_TODAY,
    expected: () => companyExpectations(company),
    // No field selection: every profile carries its sensitive fields, which the parser drops.
    requestedFieldIds: () => null,
    sensitiveFieldIds: NAMELY_SENSITIVE_FIELDS,
    sensitiveMarker: SENSITIVE_MARKER,
    // Namely's rate-limit answer is 406; the emulator's throttle knob adds the Retry-After.
    throttleNext: throttleVia(emulator),
    emptyDirectory: () => company.clear(),
    close: () => emulator.close(),
  };
}
