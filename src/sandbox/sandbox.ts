import { startBambooHrSandbox } from '../../emulators/bamboohr/sandbox.ts';
import { startCharlieHrSandbox } from '../../emulators/charliehr/sandbox.ts';
import { startCsvSftpSandbox } from '../../emulators/csv-sftp/sandbox.ts';
import { startDeelSandbox } from '../../emulators/deel/sandbox.ts';
import { startFactorialSandbox } from '../../emulators/factorial/sandbox.ts';
import { startGustoSandbox } from '../../emulators/gusto/sandbox.ts';
import { startHiBobSandbox } from '../../emulators/hibob/sandbox.ts';
import { startNamelySandbox } from '../../emulators/namely/sandbox.ts';
import { startPersonioSandbox } from '../../emulators/personio/sandbox.ts';
import { startRipplingSandbox } from '../../emulators/rippling/sandbox.ts';
import { startSageHrSandbox } from '../../emulators/sage-hr/sandbox.ts';
import { startScimSandbox } from '../../emulators/scim/sandbox.ts';
import { startWorkdayRaasSandbox, startWorkdaySandbox } from '../../emulators/workday/sandbox.ts';
import type { SandboxVendor } from '../../emulators/shared/sandbox.ts';
import type { SandboxHost } from '../sync/runtime.ts';

/** A running sandbox HRIS: the emulators, in this process, on loopback. */
export interface Sandbox extends SandboxHost {
  close(): Promise<void>;
}

/** Every vendor the sandbox offers, in catalogue order (STYLE: an explicit list). */
export const SANDBOX_VENDORS: readonly (() => Promise<SandboxVendor>)[] = [
  startBambooHrSandbox,
  startHiBobSandbox,
  startPersonioSandbox,
  startGustoSandbox,
  startWorkdaySandbox,
  startWorkdayRaasSandbox,
  startRipplingSandbox,
  startDeelSandbox,
  startSageHrSandbox,
  startFactorialSandbox,
  startNamelySandbox,
  startCharlieHrSandbox,
  startScimSandbox,
  startCsvSftpSandbox,
];

/**
 * Starts the sandbox HRIS of `rollcall start` (demo mode): one emulator per vendor on 127.0.0.1,
 * each with a small generated company and fixed, public credentials. Only sandbox connections may
 * reach them (DESIGN.md "Emulators"); real connections keep their allowlists.
 */
export async function startSandbox(
  starters: readonly (() => Promise<SandboxVendor>)[] = SANDBOX_VENDORS,
): Promise<Sandbox> {
  const vendors = new Map<string, SandboxVendor>();
  try {
    const started = await Promise.allSettled(starters.map((start) => start()));
    for (const result of started) {
      if (result.status === 'fulfilled') vendors.set(result.value.connectorId, result.value);
    }
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
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
