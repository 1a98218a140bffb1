import type { Kysely } from 'kysely';
import { resolveBaseUrl } from '../connectors/base-url.ts';
import { ConnectorError } from '../connectors/connector.ts';
import { createHttpClient } from '../connectors/http/client.ts';
import type { HttpClient } from '../connectors/http/types.ts';
import { normalizedEmployeeSchema } from '../core/employee.ts';
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
import { getTenant } from '../db/repositories/tenants.ts';
import type { Database } from '../db/schema.ts';
import { unseal } from '../secrets/keyring.ts';
import type { EngineDeps, FetchOutcome } from './engine.ts';
import { acquireLease, leaseHolder, leaseName, releaseLease, renewLease } from './lease.ts';
import { finishFailed, planAndDecide } from './phases.ts';
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
 * One sync run: fetch into a staged snapshot → plan → guards → apply (or pause, or stop at the
 * plan for a dry run). Only one run per connection at a time, across processes (the lease).
 */
export async function runSync(deps: EngineDeps, input: RunSyncInput): Promise<SyncRun> {
  const connection = await getConnection(deps.db, input.tenantId, input.connectionId);
  if (!connection)
    throw new AppError('NOT_FOUND', `no connection ${input.connectionId} in this tenant`);
  if (connection.status === 'disconnected')
    throw new AppError('CONFLICT', 'the connection is disconnected');

  const holder = leaseHolder();
  const lease = leaseName(connection.id);
  if (!(await acquireLease(deps.db, lease, holder, deps.clock(), deps.leaseTtlMs))) {
    throw new AppError(
      'CONFLICT',
      'a sync of this connection is already running; it will pick up the latest data',
    );
  }
  const heartbeat = setInterval(
    () =>
      void renewLease(deps.db, lease, holder, deps.clock(), deps.leaseTtlMs).catch(() => undefined),
    Math.max(1_000, Math.floor((deps.leaseTtlMs ?? 60_000) / 3)),
  );
  heartbeat.unref();
  const started = deps.clock();
  const run = await createRun(
    deps.db,
    {
      tenantId: connection.tenantId,
      connectionId: connection.id,
      trigger: input.trigger,
      mode: input.mode,
      status: 'running',
    },
    started.toISOString(),
  );
  const log = deps.log.child({
    runId: run.id,
    connectionId: connection.id,
    connector: connection.connectorId,
  });
  try {
    if (input.mode === 'apply') await setSyncing(deps.db, connection, started.toISOString());
    const fetched = await fetchSnapshot(deps, connection, run.id, input.signal, log);
    if (!fetched.ok) {
      await finishFailed(
        deps,
        connection,
        run.id,
        started,
        fetched.error,
        input.mode,
        fetched.usage,
      );
    } else {
      await planAndDecide(deps, connection, run.id, started, input.mode, fetched);
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
    await finishFailed(deps, connection, run.id, started, failure, input.mode, null).catch(
      () => undefined,
    );
  } finally {
    clearInterval(heartbeat);
    await releaseLease(deps.db, lease, holder);
  }
  const finished = await getRun(deps.db, connection.tenantId, run.id);
  if (!finished) throw new Error(`run ${run.id} vanished`);
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
  const connector = deps.connector(connection.connectorId);
  const tenant = await getTenant(deps.db, connection.tenantId);
  if (!tenant) throw new Error(`tenant ${connection.tenantId} vanished`);
  const sealed = await getSealedConfig(deps.db, connection.id);
  if (!sealed)
    throw new ConnectorError(
      'auth_failed',
      'the connection has no stored credentials: reconnect it',
      false,
    );
  const config = connector.configSchema.parse(JSON.parse(unseal(deps.secretKey, sealed))) as {
    baseUrl?: string | undefined;
  };
  const baseUrl = resolveBaseUrl({
    connectorId: connector.id,
    allowedHosts: connector.allowedHosts,
    defaultBaseUrl: connector.defaultBaseUrl(config),
    configBaseUrl: config.baseUrl,
    extraAllowedHosts: deps.extraAllowedHosts,
  });
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  signal?.addEventListener('abort', abort, { once: true });
  const http = createHttpClient({
    baseUrl,
    rateLimit: connector.rateLimit,
    signal: controller.signal,
    log,
    ...deps.http,
  });
  const today = localDate(deps.clock(), tenant.timeZone);
  await updateRun(deps.db, runId, { phase: 'fetch' });

  try {
    return await fetchAttempts(deps, runId, connector, config, http, controller.signal, today, log);
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}

async function fetchAttempts(
  deps: EngineDeps,
  runId: string,
  connector: ReturnType<EngineDeps['connector']>,
  config: { baseUrl?: string | undefined },
  http: HttpClient,
  signal: AbortSignal,
  today: string,
  log: EngineDeps['log'],
): Promise<FetchOutcome> {
  let lastError: ConnectorError | undefined;
  for (let attempt = 1; attempt <= FETCH_ATTEMPTS; attempt++) {
    const writer = new SnapshotWriter(deps.db, runId);
    let pageErrors = 0;
    try {
      for await (const item of connector.fetch({ config, http, signal, log, today })) {
        if (item.kind === 'employee') {
          const parsed = normalizedEmployeeSchema.safeParse(item.employee);
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
      };
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      lastError = error;
      await clearSnapshot(deps.db, runId);
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
