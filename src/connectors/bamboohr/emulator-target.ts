import { startBambooHrEmulator } from '../../../emulators/bamboohr/server.ts';
import type { BambooHrEmulatorOptions } from '../../../emulators/bamboohr/server.ts';
import { SENSITIVE_FIELD_IDS, SENSITIVE_MARKER } from '../../../emulators/bamboohr/fields.ts';
import type { ConformanceTarget } from '../testing/conformance.ts';
import { bamboohr, type BambooHrConfig } from './index.ts';
import { EMULATOR_TODAY, throttleVia } from '../testing/emulator-target.ts';

export { EMULATOR_TODAY };

/** A key the emulator has never seen (40 hex, like a real one). */
export const UNKNOWN_API_KEY = 'f'.repeat(40);

/** The BambooHR connector wired to a fresh emulator (test support; not shipped code). */
export async function startBambooHrTarget(options: BambooHrEmulatorOptions = {}): Promise<
  ConformanceTarget<BambooHrConfig> & {
    emulator: Awaited<ReturnType<typeof startBambooHrEmulator>>;
  }
> {
  const emulator = await startBambooHrEmulator({
    ...options,
    company: { today: EMULATOR_TODAY, ...options.company },
  });
  const { company } = emulator;
  const config: BambooHrConfig = {
    companyDomain: emulator.companyDomain,
    apiKey: emulator.apiKey,
    baseUrl: emulator.url,
  };
  return {
    emulator,
    connector: bamboohr,
    config,
    invalidCredentials: { ...config, apiKey: UNKNOWN_API_KEY },
    secrets: [emulator.apiKey],
    baseUrl: emulator.url,
    today: EMULATOR_TODAY,
    expected() {
      const people = company.all();
      const managers: Record<string, string> = {};
      for (const e of people) {
        if (e.supervisorEId) managers[e.id] = e.supervisorEId;
      }
      return {
        externalIds: people.map((e) => e.id),
        terminatedIds: people.filter((e) => company.isTerminated(e)).map((e) => e.id),
        managers,
      };
    },
    requestedFieldIds: () =>
      emulator.stats.lastRequestBodies.flatMap((body) => {
        const fields = (body as { fields?: unknown }).fields;
        return Array.isArray(fields) ? fields.map(String) : [];
      }),
    sensitiveFieldIds: SENSITIVE_FIELD_IDS,
    sensitiveMarker: SENSITIVE_MARKER,
    throttleNext: throttleVia(emulator),
    emptyDirectory: () => {
      for (const e of company.all()) company.remove(e.id);
    },
    close: () => emulator.close(),
  };
}
