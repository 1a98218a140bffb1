import { SANDBOX_COMPANY, type SandboxVendor } from '../shared/sandbox.ts';
import { startPersonioEmulator } from './server.ts';

/** Fixed, public sandbox credentials: the emulator only listens on loopback. */
export const SANDBOX_PERSONIO = {
  clientId: 'papi-sandbox-client',
  clientSecret: 'sandbox-client-secret',
} as const;

/** The sandbox Personio of `rollcall start` (demo mode). */
export async function startPersonioSandbox(): Promise<SandboxVendor> {
  const emulator = await startPersonioEmulator({
    host: '127.0.0.1',
    port: 0,
    ...SANDBOX_PERSONIO,
    company: { ...SANDBOX_COMPANY, emailDomain: 'personio-sandbox.example' },
  });
  return {
    connectorId: 'personio',
    baseUrl: emulator.url,
    config: { ...SANDBOX_PERSONIO },
    close: () => emulator.close(),
  };
}
