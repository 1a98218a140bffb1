import { SENSITIVE_MARKER } from '../../../emulators/shared/company.ts';
import { RAAS_SENSITIVE_COLUMNS } from '../../../emulators/workday/raas.ts';
import { startWorkdayEmulator } from '../../../emulators/workday/server.ts';
import type { WorkdayEmulatorOptions } from '../../../emulators/workday/server.ts';
import type { ConformanceTarget } from '../testing/conformance.ts';
import {
  EMULATOR_TODAY,
  TEST_HOST,
  UNKNOWN_PASSWORD,
  expectedFrom,
  type WorkdayEmulatorHandle,
} from '../workday/emulator-target.ts';
import { workdayRaas, type WorkdayRaasConfig } from './index.ts';
import { throttleVia } from '../testing/emulator-target.ts';

export { EMULATOR_TODAY, UNKNOWN_PASSWORD };

/** The RaaS connector wired to a fresh emulator's report (test support; not shipped code). */
export async function startWorkdayRaasTarget(
  options: WorkdayEmulatorOptions = {},
): Promise<ConformanceTarget<WorkdayRaasConfig> & { emulator: WorkdayEmulatorHandle }> {
  const emulator = await startWorkdayEmulator({
    ...options,
    company: { today: EMULATOR_TODAY, ...options.company },
  });
  const { company } = emulator;
  const config: WorkdayRaasConfig = {
    host: TEST_HOST,
    tenant: emulator.tenant,
    username: emulator.username,
    password: emulator.password,
    reportOwner: emulator.reportOwner,
    reportName: emulator.reportName,
    baseUrl: emulator.url,
  };
  return {
    emulator,
    connector: workdayRaas,
    config,
    invalidCredentials: { ...config, password: UNKNOWN_PASSWORD },
    secrets: [emulator.password],
    baseUrl: emulator.url,
    today: EMULATOR_TODAY,
    expected: () => expectedFrom(company),
    // The report defines the columns: the request selects nothing, the mapper reads its aliases.
    requestedFieldIds: () => null,
    sensitiveFieldIds: RAAS_SENSITIVE_COLUMNS,
    sensitiveMarker: SENSITIVE_MARKER,
    throttleNext: throttleVia(emulator),
    emptyDirectory: () => company.clear(),
    close: () => emulator.close(),
  };
}
