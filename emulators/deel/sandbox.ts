import { SANDBOX_COMPANY, type SandboxVendor } from '../shared/sandbox.ts';
import { startDeelEmulator } from './server.ts';

/** Fixed, public sandbox credentials: the emulator only listens on loopback. */
export const SANDBOX_DEEL = { apiToken: 'sandbox-deel-api-token' } as const;

/** The sandbox Deel of `rollcall start` (demo mode). */
export async function startDeelSandbox(): Promise<SandboxVendor> {
  const emulator = await startDeelEmulator({
    host: '127.0.0.1',
    port: 0,
    ...SANDBOX_DEEL,
    company: { ...SANDBOX_COMPANY, emailDomain: 'sandbox-deel.example' },
  });
  return {
    connectorId: 'deel',
    baseUrl: emulator.url,
    config: { ...SANDBOX_DEEL },
    close: () => emulator.close(),
  };
}
