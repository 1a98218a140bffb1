import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CommonFaults, FaultInjector } from '../shared/faults.ts';
import type { Company } from './company.ts';
import type { Employee } from './employee.ts';
import type { Fixture } from './fixture.ts';
import type { RateWindow } from './rate-limit.ts';

/** Fault and permission knobs of the HiBob emulator (`shared/faults.ts` has the common ones). */
export interface Faults extends CommonFaults {
  /**
   * Whether the service user may see inactive people (default true). False mimics a permission
   * group without "view inactive employees": people who left *and* people on leave are silently
   * absent, even with `showInactive: true`.
   */
  accessToInactive?: boolean | undefined;
  /**
   * The permission group's access rights by lifecycle status (Bob: "lifecycle status equals …"),
   * e.g. `['employed']`: people with any other lifecycle status are silently absent. Unset: all.
   */
  visibleLifecycleStatuses?: readonly string[] | undefined;
  /**
   * Whether the service user is in a permission group at all (default true). False: every
   * people endpoint answers 403, as for a freshly created service user (NOTES §2).
   */
  permissionGroup?: boolean | undefined;
  /**
   * Field ids (`internal.terminationDate`) or whole categories (`payroll`) the service user
   * cannot see: silently omitted from answers, no error (NOTES §5 "silent omissions").
   */
  hiddenFields?: readonly string[] | undefined;
  /** List fields (department, title, employment type) answered as list item ids (NOTES §5). */
  listValuesAsIds?: boolean | undefined;
  /**
   * Send `Retry-After` with 429 answers too (default true). HiBob documents only the
   * `X-RateLimit-*` headers (NOTES §7); false models exactly that.
   */
  retryAfterHeader?: boolean | undefined;
}

/** What every endpoint handler can reach. */
export interface EmulatorState {
  company: Company;
  faults: FaultInjector<Faults>;
  fixture: Fixture | null;
  /** The people-search window (50 requests per minute by default). */
  rateWindow: RateWindow;
  /** Keeps people-search request bodies for tests (most recent last). */
  recordBody(body: unknown): void;
}

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  state: EmulatorState;
}

/** Whether `id` (or its category) is hidden from the service user by the `hiddenFields` knob. */
export function isHidden(state: EmulatorState, id: string): boolean {
  const hidden = state.faults.current.hiddenFields;
  if (hidden === undefined || hidden.length === 0) return false;
  return hidden.some((h) => id === h || id.startsWith(`${h}.`));
}

/** Everyone a search may return: inactive people only when asked for and permitted. */
export function* visiblePeople(state: EmulatorState, showInactive: boolean): Generator<Employee> {
  const { accessToInactive, visibleLifecycleStatuses: lifecycles } = state.faults.current;
  const withInactive = showInactive && accessToInactive !== false;
  for (const e of state.company.values()) {
    if (!withInactive && state.company.isInactive(e)) continue;
    if (lifecycles !== undefined && !lifecycles.includes(e.lifecycleStatus)) continue;
    yield e;
  }
}
