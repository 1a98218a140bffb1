import { SANDBOX_COMPANY, type SandboxVendor } from '../shared/sandbox.ts';
import { startWorkdayEmulator } from './server.ts';

/** Fixed, public loopback credentials: the sandbox is a demo, never a real tenant. */
export const WORKDAY_SANDBOX_CREDENTIALS = {
  tenant: 'rollcall_sandbox',
  username: 'ISU_Rollcall',
  password: 'sandbox-workday-password',
  reportOwner: 'sandbox_admin',
  reportName: 'Rollcall_Workers',
} as const;

/** A placeholder services host: the sandbox always overrides it with its loopback baseUrl. */
const SANDBOX_HOST = 'wd2-impl-services1.workday.com';

async function startEmulator() {
  return startWorkdayEmulator({
    host: '127.0.0.1',
    port: 0,
    ...WORKDAY_SANDBOX_CREDENTIALS,
    company: { ...SANDBOX_COMPANY, emailDomain: 'workday-sandbox.example' },
  });
}

/** The `workday` (SOAP Get_Workers) sandbox vendor. */
export async function startWorkdaySandbox(): Promise<SandboxVendor> {
  const emulator = await startEmulator();
  const { tenant, username, password } = WORKDAY_SANDBOX_CREDENTIALS;
  return {
    connectorId: 'workday',
    baseUrl: emulator.url,
    config: { host: SANDBOX_HOST, tenant, username, password },
    close: () => emulator.close(),
  };
}

/** The `workday-raas` (custom report) sandbox vendor, on its own emulator. */
export async function startWorkdayRaasSandbox(): Promise<SandboxVendor> {
  const emulator = await startEmulator();
  const { tenant, username, password, reportOwner, reportName } = WORKDAY_SANDBOX_CREDENTIALS;
  return {
    connectorId: 'workday-raas',
    baseUrl: emulator.url,
    config: { host: SANDBOX_HOST, tenant, username, password, reportOwner, reportName },
    close: () => emulator.close(),
  };
}
