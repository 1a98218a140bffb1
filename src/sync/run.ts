import type { Kysely } from 'kysely';
import { ConnectorError } from '../connectors/connector.ts';
import { safeParseEmployee } from '../core/employee.ts';
import { AppError } from '../core/errors.ts';
import { localDate } from '../core/time.ts';
import type { Connection } from '../db/repositories/connections.ts';
import {
  getConnection,
  getSealedConfig,
  transitionConnection,
} from '../db/repositories/connections.ts';
import type { RunMode, RunTrigger, SyncRun } from '../db/repositories/runs.ts';
import { createRun, getRun, updateRun } from '../db/repositories/runs.ts';
import type { ConnectorSession } from './connector-session.ts';
import { openConnectorSession } from './connector-session.ts';
import { connectionCredentialSink } from './credential-store.ts';
import { cancelQueuedRuns, claimRun } from './queue.ts';
import { getTenant } from '../db/repositories/tenants.ts';
import type { Database } from '../db/schema.ts';
import { unseal } from '../secrets/keyring.ts';
import type { EngineDeps, FetchOutcome } from './engine.ts';
import { leaseName, withLease } from './lease.ts';
import { finishFailed, planAndDecide } from './phases.ts';
import { ownedFields } from './plan.ts';
import type { LearnerIndexEntry } from './plan.ts';
import { learnerIndex } from './plan-run.ts';
import { Settler, linkedLearners } from './settle.ts';
import { SnapshotWriter, clearSnapshot } from './snapshot.ts';

export interface RunSyncInput {
  tenantId: string;
  connectionId: string;
  trigger: RunTrigger;
  mode: RunMode;
  signal?: AbortSignal;
}

const FETCH_ATTEMPTS = 3;

/**
 * One sync run now (the CLI): fetch into a staged snapshot → plan → guards → apply (or pause, or
 * stop at the plan for a dry run). Only one run per connection at a time, across processes.
 */
export async function runSync(deps: EngineDeps, input: RunSyncInput): Promise<SyncRun> {
  const connection = await liveConnection(deps, input.tenantId, input.connectionId);
  const outcome = await withLease(deps, leaseName(connection.id), async () => {
    const run = await createRun(
      deps.db,
      {
        tenantId: connection.tenantId,
        connectionId: connection.id,
        trigger: input.trigger,
        mode: input.mode,
        status: 'running',
      },
      deps.clock().toISOString(),
    );
    return executeRun(deps, connection, run.id, input.signal);
  });
  if (!outcome.acquired) {
    throw new AppError(
      'CONFLICT',
      'a sync of this connection is already running; it will pick up the latest data',
    );
  }
  return outcome.value;
}

/**
 * Executes a queued run (the worker): `busy` when another process holds the connection's lease
 * (the run stays queued), `gone` when it was claimed or cancelled meanwhile.
 */
export async function runQueued(
  deps: EngineDeps,
  queued: Pick<SyncRun, 'id' | 'tenantId' | 'connectionId'>,
  signal?: AbortSignal,
): Promise<{ outcome: 'ran'; run: SyncRun } | { outcome: 'busy' | 'gone' }> {
  const connection = await getConnection(deps.db, queued.tenantId, queued.connectionId);
  if (!connection || connection.status === 'disconnected') {
    await cancelQueuedRuns(
      deps.db,
      queued.connectionId,
      { code: 'disconnected', message: 'the connection was disconnected' },
      deps.clock().toISOString(),
    );
    return { outcome: 'gone' };
  }
  const outcome = await withLease(deps, leaseName(connection.id), async () => {
    if (!(await claimRun(deps.db, queued.id, deps.clock().toISOString()))) return null;
    return executeRun(deps, connection, queued.id, signal);
  });
  if (!outcome.acquired) return { outcome: 'busy' };
  return outcome.value ? { outcome: 'ran', run: outcome.value } : { outcome: 'gone' };
}

async function liveConnection(
  deps: EngineDeps,
  tenantId: string,
  connectionId: string,
): Promise<Connection> {
  const connection = await getConnection(deps.db, tenantId, connectionId);
  if (!connection) throw new AppError('NOT_FOUND', `no connection ${connectionId} in this tenant`);
  if (connection.status === 'disconnected')
    throw new AppError('CONFLICT', 'the connection is disconnected');
  return connection;
}

/** The body of a run whose row is `running` and whose lease this process holds. */
async function executeRun(
  deps: EngineDeps,
  connection: Connection,
  runId: string,
  signal: AbortSignal | undefined,
): Promise<SyncRun> {
  const started = deps.clock();
  const run = await getRun(deps.db, connection.tenantId, runId);
  if (!run) throw new Error(`run ${runId} vanished`);
  const log = deps.log.child({
    runId,
    connectionId: connection.id,
    connector: connection.connectorId,
  });
  try {
    await updateRun(deps.db, runId, { startedAt: started.toISOString() });
    if (run.mode === 'apply') await setSyncing(deps.db, connection, started.toISOString());
    const fetched = await fetchSnapshot(deps, connection, runId, signal, log);
    if (!fetched.ok) {
      await finishFailed(deps, connection, runId, started, fetched.error, run.mode, fetched.usage);
    } else {
      await planAndDecide(deps, connection, runId, started, run.mode, fetched);
    }
  } catch (error) {
    log.error({ err: error }, 'sync run failed');
    const failure =
      error instanceof ConnectorError
        ? error
        : new ConnectorError(
            'unavailable',
            error instanceof Error ? error.message : 'unexpected error',
            true,
          );
    await finishFailed(deps, connection, runId, started, failure, run.mode, null).catch(
      () => undefined,
    );
  }
  const finished = await getRun(deps.db, connection.tenantId, runId);
  if (!finished) throw new Error(`run ${runId} vanished`);
  return finished;
}

async function setSyncing(db: Kysely<Database>, connection: Connection, at: string): Promise<void> {
  await transitionConnection(db, connection.id, 'syncing', { lastRunAt: at }, at);
}

/** Fetches the whole directory into the staged snapshot; retries the fetch on a truncated body. */
async function fetchSnapshot(
  deps: EngineDeps,
  connection: Connection,
  runId: string,
  signal: AbortSignal | undefined,
  log: EngineDeps['log'],
): Promise<FetchOutcome> {
  const tenant = await getTenant(deps.db, connection.tenantId);
  if (!tenant) throw new Error(`tenant ${connection.tenantId} vanished`);
  const sealed = await getSealedConfig(deps.db, connection.id);
  if (!sealed)
    throw new ConnectorError(
      'auth_failed',
      'the connection has no stored credentials: reconnect it',
      false,
    );
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  signal?.addEventListener('abort', abort, { once: true });
  const session = openConnectorSession(deps, {
    connectorId: connection.connectorId,
    rawConfig: JSON.parse(unseal(deps.secretKey, sealed)),
    sandbox: connection.sandbox,
    signal: controller.signal,
    log,
    credentials: connectionCredentialSink({ ...deps, log }, connection.id, sealed),
  });
  const today = localDate(deps.clock(), tenant.timeZone);
  await updateRun(deps.db, runId, { phase: 'fetch' });
  // The plan matches against the learners as the fetch found them; people whose record is the
  // one last applied to their learner are settled while streaming instead of staged (ADR 0012).
  const learners = await learnerIndex(deps.db, connection.tenantId, connection.id);
  const owned = ownedFields(session.connector.providedFields);
  const linked = linkedLearners(learners, connection.id);
  const settler = new Settler({
    linked,
    filters: tenant.settings.filters,
    ownedFields: owned,
  });
  const newWriter = (): SnapshotWriter =>
    new SnapshotWriter(deps.db, runId, { coverageFields: owned, settler });

  try {
    return await fetchAttempts(
      deps,
      { runId, newWriter, learners, linked },
      session,
      controller.signal,
      today,
      log,
    );
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}

async function fetchAttempts(
  deps: EngineDeps,
  stage: {
    runId: string;
    newWriter: () => SnapshotWriter;
    learners: readonly LearnerIndexEntry[];
    linked: ReadonlyMap<string, LearnerIndexEntry>;
  },
  session: ConnectorSession,
  signal: AbortSignal,
  today: string,
  log: EngineDeps['log'],
): Promise<FetchOutcome> {
  const { connector, http, endpoint, saveCredentials } = session;
  let lastError: ConnectorError | undefined;
  for (let attempt = 1; attempt <= FETCH_ATTEMPTS; attempt++) {
    const writer = stage.newWriter();
    let pageErrors = 0;
    try {
      // Each attempt starts from the credentials saved so far: a retry after a truncated body
      // must not send a refresh token the vendor already replaced.
      const ctx = { config: session.currentConfig(), http, endpoint, signal, log, today };
      const items = connector.fetch(saveCredentials ? { ...ctx, saveCredentials } : ctx);
      for await (const item of items) {
        if (item.kind === 'employee') {
          const parsed = safeParseEmployee(item.employee);
          if (parsed.success) await writer.addEmployee(parsed.data);
          else
            await writer.addError(
              item.employee.externalId ?? null,
              'invalid_record',
              parsed.error.issues[0]?.message ?? 'invalid',
            );
        } else if (item.kind === 'record_error') {
          await writer.addError(item.externalId, item.code, item.message);
        } else {
          pageErrors += 1;
          log.warn(
            { page: item.page, code: item.code },
            'page could not be read: the snapshot is incomplete',
          );
        }
        if (writer.size % 5_000 === 0) deps.onProgress?.({ phase: 'fetch', done: writer.size });
      }
      await writer.flush();
      deps.onProgress?.({ phase: 'fetch', done: writer.size });
      return {
        ok: true,
        complete: pageErrors === 0,
        people: writer.people,
        recordErrors: writer.errors,
        pageErrors,
        usage: { ...http.usage() },
        snapshotSize: writer.size,
        coverage: writer.coverage,
        learners: stage.learners,
        linked: stage.linked,
        settled: writer.settled,
        managers: writer.managers(),
      };
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      lastError = error;
      await clearSnapshot(deps.db, stage.runId);
      if (!error.retryable || error.code !== 'truncated' || attempt === FETCH_ATTEMPTS) break;
      log.warn(
        { attempt, code: error.code },
        'fetch interrupted; fetching the whole directory again',
      );
    }
  }
  return {
    ok: false,
    error: lastError ?? new ConnectorError('unavailable', 'fetch failed', true),
    usage: { ...http.usage() },
  };
}
