import { SANDBOX_COMPANY, type SandboxVendor } from '../shared/sandbox.ts';
import { startBambooHrEmulator } from './server.ts';

/** Fixed, public sandbox credentials: the emulator only listens on loopback. */
export const SANDBOX_BAMBOOHR = { companyDomain: 'sandbox', apiKey: 'sandbox-api-key' } as const;

/** The sandbox BambooHR of `rollcall start` (demo mode). */
export async function startBambooHrSandbox(): Promise<SandboxVendor> {
  const emulator = await startBambooHrEmulator({
    host: '127.0.0.1',
    port: 0,
    ...SANDBOX_BAMBOOHR,
    company: SANDBOX_COMPANY,
  });
  return {
    connectorId: 'bamboohr',
    baseUrl: emulator.url,
    config: { ...SANDBOX_BAMBOOHR },
    close: () => emulator.close(),
  };
}
