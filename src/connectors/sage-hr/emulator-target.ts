import { SENSITIVE_MARKER } from '../../../emulators/shared/company.ts';
import { SAGE_HR_SENSITIVE_FIELDS, isListedActive } from '../../../emulators/sage-hr/render.ts';
import { startSageHrEmulator } from '../../../emulators/sage-hr/server.ts';
import type { SageHrEmulatorOptions } from '../../../emulators/sage-hr/server.ts';
import type { ConformanceTarget } from '../testing/conformance.ts';
import { sageHr, type SageHrConfig } from './index.ts';
import { EMULATOR_TODAY, throttleVia } from '../testing/emulator-target.ts';

export { EMULATOR_TODAY };

/** An API key the emulator has never issued. */
export const UNKNOWN_API_KEY = 'not-the-key-00000000000000000000000000';

/** The Sage HR connector wired to a fresh emulator (test support; not shipped code). */
export async function startSageHrTarget(options: SageHrEmulatorOptions = {}): Promise<
  ConformanceTarget<SageHrConfig> & {
    emulator: Awaited<ReturnType<typeof startSageHrEmulator>>;
  }
> {
  const emulator = await startSageHrEmulator({
    ...options,
    company: { today: EMULATOR_TODAY, ...options.company },
  });
  const { company } = emulator;
  const config: SageHrConfig = {
    subdomain: 'acme',
    apiKey: emulator.apiKey,
    baseUrl: emulator.url,
  };
  return {
    emulator,
    connector: sageHr,
    config,
    invalidCredentials: { ...config, apiKey: UNKNOWN_API_KEY },
    secrets: [emulator.apiKey],
    baseUrl: emulator.url,
    today: EMULATOR_TODAY,
    expected() {
      const people = company.all();
      const managers: Record<string, string> = {};
      for (const e of people) {
        // Only `/api/employees` records carry a manager; the terminated list has none (NOTES §6).
        if (!isListedActive(company, e)) continue;
        if (e.managerId !== null && company.get(e.managerId)) managers[e.id] = e.managerId;
      }
      return {
        externalIds: people.map((e) => e.id),
        terminatedIds: people.filter((e) => company.isTerminated(e)).map((e) => e.id),
        managers,
      };
    },
    // No field selection: every record carries its sensitive fields, which the parser drops.
    requestedFieldIds: () => null,
    sensitiveFieldIds: SAGE_HR_SENSITIVE_FIELDS,
    sensitiveMarker: SENSITIVE_MARKER,
    throttleNext: throttleVia(emulator),
    emptyDirectory: () => company.clear(),
    close: () => emulator.close(),
  };
}
