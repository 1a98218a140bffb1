import type { Kysely } from 'kysely';
import type { AnyConnector, ConnectorError } from '../connectors/connector.ts';
import type { HttpClientOptions } from '../connectors/http/client.ts';
import type { Clock } from '../core/time.ts';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../log.ts';
import type { SecretKey } from '../secrets/keyring.ts';
import type { Coverage } from './guards.ts';
import type { LearnerIndexEntry } from './plan.ts';
import type { PeopleIndex } from './managers.ts';
import type { SettledPeople } from './snapshot.ts';

/** What the engine needs from the process around it (the server, the CLI, a test). */
export interface EngineDeps {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  secretKey: SecretKey;
  /** Operator-allowed hosts for connector base URLs (ROLLCALL_EXTRA_ALLOWED_HOSTS). */
  extraAllowedHosts: readonly string[];
  /** Resolves a connector id (the registry in production, extra ones in tests). */
  connector(id: string): AnyConnector;
  /** Test knobs for the HTTP client (an instant sleep, a fake clock). */
  http?: Partial<
    Pick<
      HttpClientOptions,
      'sleep' | 'now' | 'random' | 'timeoutMs' | 'maxRetryAfterMs' | 'backoff'
    >
  >;
  leaseTtlMs?: number;
  /** The in-process sandbox HRIS (`rollcall start`): where sandbox connections are served. */
  sandbox?: SandboxDirectory;
  /** Progress for a TTY progress bar; never person data. */
  onProgress?: (progress: { phase: string; done: number; total?: number }) => void;
}

/** Where this process serves each sandbox emulator (loopback origins), by connector id. */
export interface SandboxDirectory {
  baseUrl(connectorId: string): string | undefined;
}

/** What the fetch phase ends with. */
export type FetchOutcome =
  | {
      ok: true;
      complete: boolean;
      people: number;
      recordErrors: number;
      pageErrors: number;
      usage: Record<string, number>;
      /** People and unmappable records, staged or settled. */
      snapshotSize: number;
      /** Field coverage among the snapshot's active people (everyone, staged or settled). */
      coverage: Coverage;
      /** The learners as the fetch began, which the plan matches against. */
      learners: readonly LearnerIndexEntry[];
      /** This connection's learners among them by external id (`linkedLearners`). */
      linked: ReadonlyMap<string, LearnerIndexEntry>;
      /** People left out of the staged rows because their record is the one last applied. */
      settled: SettledPeople;
      /** The people (settled or staged) someone in the snapshot names as their manager. */
      managers: PeopleIndex;
    }
  | { ok: false; error: ConnectorError; usage: Record<string, number> };
