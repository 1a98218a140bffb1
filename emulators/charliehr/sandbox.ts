import { SANDBOX_COMPANY, type SandboxVendor } from '../shared/sandbox.ts';
import { startCharlieHrEmulator } from './server.ts';

/** Fixed, public sandbox credentials: the emulator only listens on loopback. */
export const SANDBOX_CHARLIEHR = {
  clientId: 'sandbox-charlie-client',
  clientSecret: 'sandbox-charlie-secret',
} as const;

/** The sandbox CharlieHR of `rollcall start` (demo mode). */
export async function startCharlieHrSandbox(): Promise<SandboxVendor> {
  const emulator = await startCharlieHrEmulator({
    host: '127.0.0.1',
    port: 0,
    ...SANDBOX_CHARLIEHR,
    company: { ...SANDBOX_COMPANY, emailDomain: 'sandbox-charlie.example' },
  });
  return {
    connectorId: 'charliehr',
    baseUrl: emulator.url,
    config: { ...SANDBOX_CHARLIEHR },
    close: () => emulator.close(),
  };
}
