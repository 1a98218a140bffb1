import { SANDBOX_COMPANY, type SandboxVendor } from '../shared/sandbox.ts';
import { startGustoEmulator } from './server.ts';

/** Fixed, public sandbox credentials: the emulator only listens on loopback. */
export const SANDBOX_GUSTO = {
  companyUuid: '5a4d0b1e-0000-4000-8000-5a4d0b1e0001',
  accessToken: 'sandbox-gusto-access-token',
} as const;

/** The sandbox Gusto of `rollcall start` (demo mode). */
export async function startGustoSandbox(): Promise<SandboxVendor> {
  const emulator = await startGustoEmulator({
    host: '127.0.0.1',
    port: 0,
    ...SANDBOX_GUSTO,
    // Sandbox connections keep this fixed token across server restarts: it must not expire.
    tokenLifetimeSeconds: Number.POSITIVE_INFINITY,
    company: { ...SANDBOX_COMPANY, emailDomain: 'sandbox-gusto.example' },
  });
  return {
    connectorId: 'gusto',
    baseUrl: emulator.url,
    config: { ...SANDBOX_GUSTO },
    close: () => emulator.close(),
  };
}
