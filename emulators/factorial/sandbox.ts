import { SANDBOX_COMPANY, type SandboxVendor } from '../shared/sandbox.ts';
import { startFactorialEmulator } from './server.ts';

/** Fixed, public sandbox credentials: the emulator only listens on loopback. */
export const SANDBOX_FACTORIAL = { apiKey: 'sandbox-factorial-api-key' } as const;

/** The sandbox Factorial of `rollcall start` (demo mode). */
export async function startFactorialSandbox(): Promise<SandboxVendor> {
  const emulator = await startFactorialEmulator({
    host: '127.0.0.1',
    port: 0,
    ...SANDBOX_FACTORIAL,
    company: { ...SANDBOX_COMPANY, emailDomain: 'sandbox-factorial.example' },
  });
  return {
    connectorId: 'factorial',
    baseUrl: emulator.url,
    config: { ...SANDBOX_FACTORIAL },
    close: () => emulator.close(),
  };
}
