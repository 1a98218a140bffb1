import type { Kysely, Selectable, Updateable } from 'kysely';
import type { ConnectionStatus } from '../../core/connection-state.ts';
import { assertTransition } from '../../core/connection-state.ts';
import { AppError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { toBool } from '../portable.ts';
import type { ConnectionsTable, Database } from '../schema.ts';

/** An HRIS connection of a tenant (never exposes the sealed credentials). */
export interface Connection {
  id: string;
  tenantId: string;
  connectorId: string;
  name: string;
  status: ConnectionStatus;
  sandbox: boolean;
  hasCredentials: boolean;
  firstSyncedAt: string | null;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastRunId: string | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  consecutiveAuthFailures: number;
  createdAt: string;
  updatedAt: string;
  disconnectedAt: string | null;
  nextSyncAt: string | null;
  syncRetryAttempt: number;
  connectedBy: string | null;
}

function toConnection(row: Selectable<ConnectionsTable>): Connection {
  const { configCiphertext, sandbox, ...rest } = row;
  return { ...rest, sandbox: toBool(sandbox), hasCredentials: configCiphertext !== null };
}

export async function createConnection(
  db: Kysely<Database>,
  input: {
    tenantId: string;
    connectorId: string;
    name: string;
    configCiphertext: string;
    sandbox: boolean;
    connectedBy: string | null;
    nextSyncAt?: string | null;
  },
  now: string,
): Promise<Connection> {
  const live = await findLiveConnection(db, input.tenantId);
  if (live) {
    throw new AppError(
      'CONFLICT',
      `the tenant is already connected to ${live.connectorId} (${live.id}): disconnect it first`,
    );
  }
  const row: Selectable<ConnectionsTable> = {
    id: newId('con'),
    tenantId: input.tenantId,
    connectorId: input.connectorId,
    name: input.name,
    status: 'connected',
    configCiphertext: input.configCiphertext,
    sandbox: input.sandbox,
    firstSyncedAt: null,
    lastRunAt: null,
    lastSuccessAt: null,
    lastRunId: null,
    lastErrorCode: null,
    lastErrorMessage: null,
    consecutiveAuthFailures: 0,
    createdAt: now,
    updatedAt: now,
    disconnectedAt: null,
    nextSyncAt: input.nextSyncAt ?? null,
    syncRetryAttempt: 0,
    connectedBy: input.connectedBy,
  };
  await db.insertInto('connections').values(row).execute();
  return toConnection(row);
}

export async function getConnection(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<Connection | undefined> {
  const row = await db
    .selectFrom('connections')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toConnection(row) : undefined;
}

/** The tenant's connection that is not disconnected (a tenant has at most one HRIS). */
export async function findLiveConnection(
  db: Kysely<Database>,
  tenantId: string,
): Promise<Connection | undefined> {
  const row = await db
    .selectFrom('connections')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where('status', '!=', 'disconnected')
    .executeTakeFirst();
  return row ? toConnection(row) : undefined;
}

export async function getSealedConfig(db: Kysely<Database>, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('connections')
    .select('configCiphertext')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.configCiphertext ?? null;
}

export async function updateSealedConfig(
  db: Kysely<Database>,
  id: string,
  sealed: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('connections')
    .set({ configCiphertext: sealed, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

type ConnectionPatch = Omit<
  Updateable<ConnectionsTable>,
  'id' | 'tenantId' | 'status' | 'configCiphertext'
>;

/** Moves the connection to `to` (checked against the transition table) and writes the patch. */
export async function transitionConnection(
  db: Kysely<Database>,
  id: string,
  to: ConnectionStatus,
  patch: ConnectionPatch,
  now: string,
): Promise<void> {
  const row = await db
    .selectFrom('connections')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assertTransition(row.status, to);
  await db
    .updateTable('connections')
    .set({ ...patch, status: to, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export async function patchConnection(
  db: Kysely<Database>,
  id: string,
  patch: ConnectionPatch,
  now: string,
): Promise<void> {
  await db
    .updateTable('connections')
    .set({ ...patch, updatedAt: now })
    .where('id', '=', id)
    .execute();
}
