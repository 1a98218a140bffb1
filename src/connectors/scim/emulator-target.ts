import { SENSITIVE_ATTRIBUTES, SENSITIVE_MARKER } from '../../../emulators/scim/users.ts';
import { startScimEmulator, type ScimEmulatorOptions } from '../../../emulators/scim/server.ts';
import type { ConformanceTarget } from '../testing/conformance.ts';
import { scim, type ScimConfig } from './index.ts';
import { EMULATOR_TODAY, companyExpectations, throttleVia } from '../testing/emulator-target.ts';

export { EMULATOR_TODAY };

/** A token the emulator has never issued. */
export const UNKNOWN_TOKEN = 'not-the-token-0000000000000000';

/** Stands for a `GET /Users` sent without `attributes` (a request for everything). */
export const ALL_ATTRIBUTES = '(all attributes)';

/** The SCIM connector wired to a fresh emulator (test support; not shipped code). */
export async function startScimTarget(options: ScimEmulatorOptions = {}): Promise<
  ConformanceTarget<ScimConfig> & {
    emulator: Awaited<ReturnType<typeof startScimEmulator>>;
  }
> {
  const emulator = await startScimEmulator({
    ...options,
    company: { today: EMULATOR_TODAY, ...options.company },
  });
  const { company } = emulator;
  const config: ScimConfig = {
    baseUrl: emulator.url,
    basePath: emulator.basePath,
    authType: 'bearer',
    token: emulator.token,
    pageSize: 100,
    workAddress: true,
  };
  return {
    emulator,
    connector: scim,
    config,
    invalidCredentials: { ...config, token: UNKNOWN_TOKEN },
    secrets: [emulator.token, emulator.password],
    baseUrl: emulator.url,
    today: EMULATOR_TODAY,
    expected: () => companyExpectations(company),
    requestedFieldIds: () =>
      emulator.stats.attributeRequests.flatMap((list) => list ?? [ALL_ATTRIBUTES]),
    sensitiveFieldIds: SENSITIVE_ATTRIBUTES,
    sensitiveMarker: SENSITIVE_MARKER,
    throttleNext: throttleVia(emulator),
    emptyDirectory: () => company.clear(),
    close: () => emulator.close(),
  };
}
