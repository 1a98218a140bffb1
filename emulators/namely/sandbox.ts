import { SANDBOX_COMPANY, type SandboxVendor } from '../shared/sandbox.ts';
import { startNamelyEmulator } from './server.ts';

/** Fixed, public sandbox credentials: the emulator only listens on loopback. */
export const SANDBOX_NAMELY = {
  company: 'sandbox',
  token: 'sandbox-namely-personal-access-token',
} as const;

/** The sandbox Namely of `rollcall start` (demo mode). */
export async function startNamelySandbox(): Promise<SandboxVendor> {
  const emulator = await startNamelyEmulator({
    host: '127.0.0.1',
    port: 0,
    token: SANDBOX_NAMELY.token,
    company: { ...SANDBOX_COMPANY, emailDomain: 'sandbox-namely.example' },
  });
  return {
    connectorId: 'namely',
    baseUrl: emulator.url,
    config: { ...SANDBOX_NAMELY },
    close: () => emulator.close(),
  };
}
