import { SENSITIVE_MARKER } from '../../../emulators/shared/company.ts';
import type { GeneratedCompany } from '../../../emulators/shared/company.ts';
import { expectedManagerId } from '../../../emulators/workday/people.ts';
import { SENSITIVE_FIELD_IDS } from '../../../emulators/workday/soap.ts';
import { startWorkdayEmulator } from '../../../emulators/workday/server.ts';
import type { WorkdayEmulatorOptions } from '../../../emulators/workday/server.ts';
import type { ConformanceExpectations, ConformanceTarget } from '../testing/conformance.ts';
import { workday, type WorkdayConfig } from './index.ts';
import { EMULATOR_TODAY, throttleVia } from '../testing/emulator-target.ts';

export { EMULATOR_TODAY };

/** A password the emulator has never issued. */
export const UNKNOWN_PASSWORD = 'not-the-password-000000000000';

/** A real-looking services host: only the config's baseUrl (the emulator) is ever contacted. */
export const TEST_HOST = 'wd2-impl-services1.workday.com';

export type WorkdayEmulatorHandle = Awaited<ReturnType<typeof startWorkdayEmulator>>;

/** What the emulator's company should yield, computed from its own data. */
export function expectedFrom(company: GeneratedCompany): ConformanceExpectations {
  const people = company.all();
  const managers: Record<string, string> = {};
  for (const person of people) {
    const manager = expectedManagerId(company, person);
    if (manager !== null) managers[person.id] = manager;
  }
  return {
    externalIds: people.map((p) => p.id),
    terminatedIds: people.filter((p) => company.isTerminated(p)).map((p) => p.id),
    managers,
  };
}

/** The SOAP connector wired to a fresh emulator (test support; not shipped code). */
export async function startWorkdayTarget(
  options: WorkdayEmulatorOptions = {},
): Promise<ConformanceTarget<WorkdayConfig> & { emulator: WorkdayEmulatorHandle }> {
  const emulator = await startWorkdayEmulator({
    ...options,
    company: { today: EMULATOR_TODAY, ...options.company },
  });
  const { company } = emulator;
  const config: WorkdayConfig = {
    host: TEST_HOST,
    tenant: emulator.tenant,
    username: emulator.username,
    password: emulator.password,
    baseUrl: emulator.url,
  };
  return {
    emulator,
    connector: workday,
    config,
    invalidCredentials: { ...config, password: UNKNOWN_PASSWORD },
    secrets: [emulator.password],
    baseUrl: emulator.url,
    today: EMULATOR_TODAY,
    expected: () => expectedFrom(company),
    // Get_Workers has no field selection: the payload carries sensitive data the parser drops.
    requestedFieldIds: () => null,
    sensitiveFieldIds: SENSITIVE_FIELD_IDS,
    sensitiveMarker: SENSITIVE_MARKER,
    throttleNext: throttleVia(emulator),
    emptyDirectory: () => company.clear(),
    close: () => emulator.close(),
  };
}
