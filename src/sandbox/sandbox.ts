import { startBambooHrEmulator } from '../../emulators/bamboohr/server.ts';
import { startHiBobEmulator } from '../../emulators/hibob/server.ts';
import type { SandboxHost } from '../sync/runtime.ts';

/** A running sandbox HRIS: the emulators, in this process, on loopback. */
export interface Sandbox extends SandboxHost {
  close(): Promise<void>;
}

interface SandboxVendor {
  baseUrl: string;
  config: Record<string, unknown>;
  close(): Promise<void>;
}

/** Fixed, public sandbox credentials: the emulators only listen on loopback. */
export const SANDBOX_BAMBOOHR = { companyDomain: 'sandbox', apiKey: 'sandbox-api-key' } as const;
export const SANDBOX_HIBOB = {
  serviceUserId: 'SANDBOX-SERVICE-USER',
  token: 'sandbox-service-user-token',
} as const;

/** A small, deterministic company: enough for a newcomer to see creates, leavers and managers. */
const SANDBOX_COMPANY = { seed: 20261122, size: 120 } as const;

/**
 * Starts the sandbox HRIS of `rollcall start` (demo mode): a BambooHR and a HiBob emulator on
 * 127.0.0.1, each with a generated company. Only sandbox connections may reach them
 * (DESIGN.md "Emulators"); real connections keep their allowlists.
 */
export async function startSandbox(): Promise<Sandbox> {
  const vendors = new Map<string, SandboxVendor>();
  try {
    const bamboo = await startBambooHrEmulator({
      host: '127.0.0.1',
      port: 0,
      ...SANDBOX_BAMBOOHR,
      company: SANDBOX_COMPANY,
    });
    vendors.set('bamboohr', {
      baseUrl: bamboo.url,
      config: { ...SANDBOX_BAMBOOHR },
      close: () => bamboo.close(),
    });
    const hibob = await startHiBobEmulator({
      host: '127.0.0.1',
      port: 0,
      ...SANDBOX_HIBOB,
      company: { ...SANDBOX_COMPANY, emailDomain: 'sandbox-bob.example' },
    });
    vendors.set('hibob', {
      baseUrl: hibob.url,
      config: { ...SANDBOX_HIBOB },
      close: () => hibob.close(),
    });
  } catch (error) {
    await Promise.all([...vendors.values()].map((vendor) => vendor.close()));
    throw error;
  }
  return {
    connectorIds: () => [...vendors.keys()],
    baseUrl: (connectorId) => vendors.get(connectorId)?.baseUrl,
    config: (connectorId) => {
      const vendor = vendors.get(connectorId);
      return vendor ? { ...vendor.config } : undefined;
    },
    async close() {
      await Promise.all([...vendors.values()].map((vendor) => vendor.close()));
    },
  };
}
