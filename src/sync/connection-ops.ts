import type { Kysely } from 'kysely';
import { findConnector } from '../connectors/registry.ts';
import { AppError } from '../core/errors.ts';
import type { Actor } from '../db/repositories/audit.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import type { Connection } from '../db/repositories/connections.ts';
import {
  createConnection,
  getConnection,
  transitionConnection,
} from '../db/repositories/connections.ts';
import type { SyncRun } from '../db/repositories/runs.ts';
import { runsInStatus, updateRun } from '../db/repositories/runs.ts';
import { getTenant } from '../db/repositories/tenants.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { seal } from '../secrets/keyring.ts';
import type { EngineDeps } from './engine.ts';
import type { ProbeResult } from './probe.ts';
import { probeConnector, probeForConnection } from './probe.ts';
import { cancelQueuedRuns, enqueueRun } from './queue.ts';

/** What connecting needs: the engine (probe, key) and, in the server, the sandbox. */
export type ConnectDeps = Pick<
  EngineDeps,
  'db' | 'clock' | 'log' | 'secretKey' | 'connector' | 'extraAllowedHosts' | 'http' | 'sandbox'
> & { sandboxConfig?: (connectorId: string) => Record<string, unknown> | undefined };

export interface ConnectInput {
  tenantId: string;
  connectorId: string;
  /** The connector config with credentials; ignored for a sandbox connection. */
  config?: unknown;
  sandbox: boolean;
  actor: Actor;
  /**
   * More writes that commit or roll back with the new connection (a connect link marks itself
   * used here, so a link connects once); throwing cancels the connection.
   */
  inSameTransaction?: (trx: Kysely<Database>, connection: Connection) => Promise<void>;
}

/** The config a connection will store: the caller's, or the sandbox emulator's. */
function effectiveConfig(deps: ConnectDeps, input: ConnectInput): unknown {
  const connector = findConnector(input.connectorId);
  if (!connector) throw new AppError('NOT_FOUND', `no connector ${input.connectorId}`);
  if (!input.sandbox) {
    if (input.config === undefined)
      throw new AppError('VALIDATION_FAILED', `${connector.name} needs a config with credentials`);
    return input.config;
  }
  const config = deps.sandboxConfig?.(connector.id);
  if (!config)
    throw new AppError(
      'VALIDATION_FAILED',
      `no sandbox ${connector.name} runs here (the sandbox comes with \`rollcall start\` in demo mode)`,
    );
  return config;
}

async function probeInput(deps: ConnectDeps, input: ConnectInput) {
  const config = effectiveConfig(deps, input);
  const tenant = await getTenant(deps.db, input.tenantId);
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  return {
    connectorId: input.connectorId,
    rawConfig: config,
    sandbox: input.sandbox,
    timeZone: tenant.timeZone,
    log: deps.log,
  };
}

/** Tests credentials with the sync's own request; stores nothing. */
export async function probe(deps: ConnectDeps, input: ConnectInput): Promise<ProbeResult> {
  return probeConnector(deps, await probeInput(deps, input));
}

/**
 * The probe before storing a connection: throws HRIS_PROBE_FAILED, else returns the config to
 * seal — the submitted one, or with the credentials the connector rotated while probing.
 */
async function probeToStore(
  deps: ConnectDeps,
  input: ConnectInput,
): Promise<{ result: ProbeResult; plaintext: string }> {
  const connector = findConnector(input.connectorId);
  if (!connector) throw new AppError('NOT_FOUND', `no connector ${input.connectorId}`);
  const { result, config } = await probeForConnection(deps, await probeInput(deps, input));
  if (!result.ok) throw new AppError('HRIS_PROBE_FAILED', result.error.message, result);
  return { result, plaintext: JSON.stringify(connector.configSchema.parse(config)) };
}

function actorRef(actor: Actor): string {
  return actor.type === 'cli' ? 'cli' : `${actor.type}:${actor.id ?? ''}`;
}

/**
 * Connects the tenant's HRIS: a live probe first (nothing is stored when it fails), then the
 * connection with sealed credentials, and its first sync queued.
 */
export async function connectHris(
  deps: ConnectDeps,
  input: ConnectInput,
): Promise<{ connection: Connection; probe: ProbeResult; run: SyncRun }> {
  const connector = findConnector(input.connectorId);
  if (!connector) throw new AppError('NOT_FOUND', `no connector ${input.connectorId}`);
  const { result, plaintext } = await probeToStore(deps, input);
  const now = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const connection = await createConnection(
      trx,
      {
        tenantId: input.tenantId,
        connectorId: connector.id,
        name: input.sandbox ? `Sandbox ${connector.name}` : connector.name,
        configCiphertext: seal(deps.secretKey, plaintext),
        sandbox: input.sandbox,
        connectedBy: actorRef(input.actor),
      },
      now,
    );
    await recordAudit(
      trx,
      {
        tenantId: input.tenantId,
        actor: input.actor,
        action: 'connection.created',
        targetType: 'connection',
        targetId: connection.id,
        details: { connector: connector.id, sandbox: input.sandbox },
      },
      now,
    );
    await input.inSameTransaction?.(trx, connection);
    const { run } = await enqueueRun(
      trx,
      { tenantId: input.tenantId, connectionId: connection.id, trigger: 'api', mode: 'apply' },
      now,
    );
    return { connection, probe: result, run };
  });
}

/** New credentials for a connection (e.g. after "reconnect needed"): probe, store, schedule again. */
export async function reconnectHris(
  deps: ConnectDeps,
  input: { tenantId: string; connectionId: string; config?: unknown; actor: Actor },
): Promise<{ connection: Connection; probe: ProbeResult }> {
  const current = await getConnection(deps.db, input.tenantId, input.connectionId);
  if (!current) throw new AppError('NOT_FOUND', `no connection ${input.connectionId}`);
  if (current.status === 'disconnected')
    throw new AppError('CONFLICT', 'the connection is disconnected: connect again instead');
  const connectInput: ConnectInput = {
    tenantId: input.tenantId,
    connectorId: current.connectorId,
    config: input.config,
    sandbox: current.sandbox,
    actor: input.actor,
  };
  const { result, plaintext } = await probeToStore(deps, connectInput);
  const now = deps.clock().toISOString();
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('connections')
      .set({
        configCiphertext: seal(deps.secretKey, plaintext),
        consecutiveAuthFailures: 0,
        syncRetryAttempt: 0,
        nextSyncAt: null,
        lastErrorCode: null,
        lastErrorMessage: null,
        connectedBy: actorRef(input.actor),
        updatedAt: now,
      })
      .where('id', '=', current.id)
      .execute();
    if (current.status === 'error')
      await transitionConnection(trx, current.id, 'connected', {}, now);
    await recordAudit(
      trx,
      {
        tenantId: input.tenantId,
        actor: input.actor,
        action: 'connection.credentials_replaced',
        targetType: 'connection',
        targetId: current.id,
      },
      now,
    );
  });
  const connection = await getConnection(deps.db, input.tenantId, current.id);
  if (!connection) throw new Error(`connection ${current.id} vanished`);
  return { connection, probe: result };
}

/**
 * Disconnect: no more runs (queued and paused ones are cancelled), the stored credentials are
 * deleted, learners and history stay, and the HRIS-known invite limit lifts (it follows the live
 * connection).
 */
export async function disconnectHris(
  deps: Pick<EngineDeps, 'db' | 'clock'>,
  input: { tenantId: string; connectionId: string; actor: Actor },
): Promise<Connection> {
  const now = deps.clock().toISOString();
  await inTransaction(deps.db, async (trx) => {
    const current = await getConnection(trx, input.tenantId, input.connectionId);
    if (!current) throw new AppError('NOT_FOUND', `no connection ${input.connectionId}`);
    if (current.status === 'disconnected') return;
    const reason = { code: 'disconnected', message: 'the connection was disconnected' };
    await cancelQueuedRuns(trx, current.id, reason, now);
    for (const paused of await runsInStatus(trx, current.id, ['awaiting_approval'])) {
      await updateRun(trx, paused.id, {
        status: 'cancelled',
        errorCode: reason.code,
        errorMessage: reason.message,
        finishedAt: now,
      });
    }
    await trx
      .updateTable('connections')
      .set({ configCiphertext: null, nextSyncAt: null, disconnectedAt: now })
      .where('id', '=', current.id)
      .execute();
    await transitionConnection(trx, current.id, 'disconnected', {}, now);
    await recordAudit(
      trx,
      {
        tenantId: input.tenantId,
        actor: input.actor,
        action: 'connection.disconnected',
        targetType: 'connection',
        targetId: current.id,
      },
      now,
    );
  });
  const connection = await getConnection(deps.db, input.tenantId, input.connectionId);
  if (!connection) throw new Error(`connection ${input.connectionId} vanished`);
  return connection;
}
