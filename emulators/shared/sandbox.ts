/**
 * One vendor of the sandbox HRIS that `rollcall start` runs in demo mode (src/sandbox/sandbox.ts):
 * an emulator on loopback with fixed, public credentials and a small generated company.
 */
export interface SandboxVendor {
  /** The connector id this emulator stands in for. */
  connectorId: string;
  /** The emulator's origin (or, for non-HTTP sources, its address as the connector expects it). */
  baseUrl: string;
  /** A config the connector accepts against this emulator (baseUrl excluded). */
  config: Record<string, unknown>;
  close(): Promise<void>;
}

/** The company every sandbox vendor generates: enough to see creates, leavers and managers. */
export const SANDBOX_COMPANY = { seed: 20261122, size: 120 } as const;
