import { SANDBOX_COMPANY, type SandboxVendor } from '../shared/sandbox.ts';
import { startRipplingEmulator } from './server.ts';

/** Fixed, public sandbox credentials: the emulator only listens on loopback. */
export const SANDBOX_RIPPLING = { apiKey: 'sandbox-rippling-api-key' } as const;

/** The sandbox Rippling of `rollcall start` (demo mode). */
export async function startRipplingSandbox(): Promise<SandboxVendor> {
  const emulator = await startRipplingEmulator({
    host: '127.0.0.1',
    port: 0,
    ...SANDBOX_RIPPLING,
    company: { ...SANDBOX_COMPANY, emailDomain: 'sandbox-rippling.example' },
  });
  return {
    connectorId: 'rippling',
    baseUrl: emulator.url,
    config: { ...SANDBOX_RIPPLING },
    close: () => emulator.close(),
  };
}
