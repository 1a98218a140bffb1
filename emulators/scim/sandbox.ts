import { SANDBOX_COMPANY, type SandboxVendor } from '../shared/sandbox.ts';
import { startScimEmulator } from './server.ts';

/** Fixed, public sandbox credentials: the emulator only listens on loopback. */
export const SANDBOX_SCIM = { token: 'sandbox-scim-token' } as const;

/** The SCIM emulator of `rollcall start` (demo mode), on 127.0.0.1. */
export async function startScimSandbox(): Promise<SandboxVendor> {
  const emulator = await startScimEmulator({
    host: '127.0.0.1',
    port: 0,
    token: SANDBOX_SCIM.token,
    company: { ...SANDBOX_COMPANY, emailDomain: 'sandbox-scim.example' },
  });
  return {
    connectorId: 'scim',
    baseUrl: emulator.url,
    config: { basePath: emulator.basePath, authType: 'bearer', token: SANDBOX_SCIM.token },
    close: () => emulator.close(),
  };
}
