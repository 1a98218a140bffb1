import { SENSITIVE_FIELD_IDS, SENSITIVE_MARKER } from '../../../emulators/hibob/fields.ts';
import { startHiBobEmulator } from '../../../emulators/hibob/server.ts';
import type { HiBobEmulatorOptions } from '../../../emulators/hibob/server.ts';
import type { ConformanceTarget } from '../testing/conformance.ts';
import { hibob, type HiBobConfig } from './index.ts';
import { EMULATOR_TODAY, companyExpectations, throttleVia } from '../testing/emulator-target.ts';

export { EMULATOR_TODAY };

/** A token the emulator has never issued. */
export const UNKNOWN_TOKEN = 'not-the-token-0000000000000000';

/** The field ids of every people-search body the emulator received, in order. */
export function requestedFieldIds(bodies: readonly unknown[]): string[] {
  return bodies.flatMap((body) => {
    const fields = (body as { fields?: unknown }).fields;
    return Array.isArray(fields) ? fields.map(String) : [];
  });
}

/** The HiBob connector wired to a fresh emulator (test support; not shipped code). */
export async function startHiBobTarget(options: HiBobEmulatorOptions = {}): Promise<
  ConformanceTarget<HiBobConfig> & {
    emulator: Awaited<ReturnType<typeof startHiBobEmulator>>;
  }
> {
  const emulator = await startHiBobEmulator({
    ...options,
    company: { today: EMULATOR_TODAY, ...options.company },
  });
  const { company } = emulator;
  const config: HiBobConfig = {
    serviceUserId: emulator.serviceUserId,
    token: emulator.token,
    baseUrl: emulator.url,
  };
  return {
    emulator,
    connector: hibob,
    config,
    invalidCredentials: { ...config, token: UNKNOWN_TOKEN },
    secrets: [emulator.token],
    baseUrl: emulator.url,
    today: EMULATOR_TODAY,
    expected: () => companyExpectations(company),
    requestedFieldIds: () => requestedFieldIds(emulator.stats.lastRequestBodies),
    sensitiveFieldIds: SENSITIVE_FIELD_IDS,
    sensitiveMarker: SENSITIVE_MARKER,
    throttleNext: throttleVia(emulator),
    emptyDirectory: () => {
      for (const e of company.all()) company.remove(e.id);
    },
    close: () => emulator.close(),
  };
}
