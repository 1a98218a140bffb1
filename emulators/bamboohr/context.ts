import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CommonFaults, FaultInjector } from '../shared/faults.ts';
import type { Company } from './company.ts';
import type { Employee } from './employee.ts';
import type { Fixture } from './fixture.ts';

/** Fault knobs of the BambooHR emulator (see `shared/faults.ts` for the common ones). */
export interface Faults extends CommonFaults {
  /**
   * Whether the API user may see terminated people (default true). False mimics an access level
   * without them: terminated rows vanish from the custom report and the dataset.
   */
  accessToTerminated?: boolean | undefined;
}

/** What every endpoint handler can reach. */
export interface EmulatorState {
  company: Company;
  faults: FaultInjector<Faults>;
  fixture: Fixture | null;
  /** Keeps custom-report/dataset request bodies for tests (most recent last). */
  recordBody(body: unknown): void;
  /** Filtered + ordered dataset rows, keyed by company version and query. */
  datasetCache: Map<string, Employee[]>;
}

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  state: EmulatorState;
}

/** Everyone the API user may see, every status (honours `accessToTerminated`). */
export function* visiblePeople(state: EmulatorState): Generator<Employee> {
  const hideTerminated = state.faults.current.accessToTerminated === false;
  for (const e of state.company.values()) {
    if (hideTerminated && state.company.isTerminated(e)) continue;
    yield e;
  }
}

/** The legacy endpoints pick their format from `Accept`; the emulator only speaks JSON. */
export function acceptsJson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').toLowerCase().includes('application/json');
}
