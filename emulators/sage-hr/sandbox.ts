import { SANDBOX_COMPANY, type SandboxVendor } from '../shared/sandbox.ts';
import { startSageHrEmulator } from './server.ts';

/** Fixed, public sandbox credentials: the emulator only listens on loopback. */
export const SANDBOX_SAGE_HR = { subdomain: 'sandbox', apiKey: 'sandbox-sage-hr-api-key' } as const;

/** The sandbox Sage HR of `rollcall start` (demo mode). */
export async function startSageHrSandbox(): Promise<SandboxVendor> {
  const emulator = await startSageHrEmulator({
    host: '127.0.0.1',
    port: 0,
    apiKey: SANDBOX_SAGE_HR.apiKey,
    company: { ...SANDBOX_COMPANY, emailDomain: 'sandbox-sagehr.example' },
  });
  return {
    connectorId: 'sage-hr',
    baseUrl: emulator.url,
    config: { ...SANDBOX_SAGE_HR },
    close: () => emulator.close(),
  };
}
