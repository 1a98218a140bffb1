import type { Kysely } from 'kysely';
import type { ConnectionDto } from '../contracts/connections.ts';
import { findConnector } from '../connectors/registry.ts';
import type { Connection } from '../db/repositories/connections.ts';
import { getRun, listRuns } from '../db/repositories/runs.ts';
import type { Database } from '../db/schema.ts';
import { errorAction } from './connection-errors.ts';

/** The status view of a connection: state, last and active runs, and what to do on error. */
export async function connectionView(
  db: Kysely<Database>,
  connection: Connection,
): Promise<ConnectionDto> {
  const lastRun = connection.lastRunId
    ? await getRun(db, connection.tenantId, connection.lastRunId)
    : undefined;
  const recent = await listRuns(db, connection.tenantId, {
    connectionId: connection.id,
    limit: 5,
  });
  const activeRun =
    recent.find((run) => run.status === 'running') ?? recent.find((run) => run.status === 'queued');
  const error =
    connection.status === 'error' && connection.lastErrorCode
      ? {
          code: connection.lastErrorCode,
          message: connection.lastErrorMessage ?? connection.lastErrorCode,
          action: errorAction(connection.lastErrorCode),
        }
      : null;
  return {
    id: connection.id,
    connectorId: connection.connectorId,
    connectorName: findConnector(connection.connectorId)?.name ?? connection.connectorId,
    name: connection.name,
    sandbox: connection.sandbox,
    status: connection.status,
    hasCredentials: connection.hasCredentials,
    createdAt: connection.createdAt,
    connectedBy: connection.connectedBy,
    firstSyncedAt: connection.firstSyncedAt,
    lastRunAt: connection.lastRunAt,
    lastSuccessAt: connection.lastSuccessAt,
    nextSyncAt: connection.nextSyncAt,
    disconnectedAt: connection.disconnectedAt,
    error,
    lastRun: lastRun ?? null,
    activeRun: activeRun ?? null,
  };
}
