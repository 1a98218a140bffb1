import { SANDBOX_COMPANY, type SandboxVendor } from '../shared/sandbox.ts';
import { startHiBobEmulator } from './server.ts';

/** Fixed, public sandbox credentials: the emulator only listens on loopback. */
export const SANDBOX_HIBOB = {
  serviceUserId: 'SANDBOX-SERVICE-USER',
  token: 'sandbox-service-user-token',
} as const;

/** The sandbox HiBob of `rollcall start` (demo mode). */
export async function startHiBobSandbox(): Promise<SandboxVendor> {
  const emulator = await startHiBobEmulator({
    host: '127.0.0.1',
    port: 0,
    ...SANDBOX_HIBOB,
    company: { ...SANDBOX_COMPANY, emailDomain: 'sandbox-bob.example' },
  });
  return {
    connectorId: 'hibob',
    baseUrl: emulator.url,
    config: { ...SANDBOX_HIBOB },
    close: () => emulator.close(),
  };
}
