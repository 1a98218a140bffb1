import type { Kysely } from 'kysely';
import { z } from 'zod';
import { idParamsSchema } from '../../contracts/common.ts';
import type { ConnectionDto } from '../../contracts/connections.ts';
import {
  connectRequestSchema,
  connectResponseSchema,
  connectionListSchema,
  connectionSchema,
  credentialsRequestSchema,
  enqueueResponseSchema,
  probeResultSchema,
} from '../../contracts/connections.ts';
import { catalogueSchema } from '../../contracts/connectors.ts';
import { connectorCatalogue } from '../../connectors/catalogue.ts';
import { AppError } from '../../core/errors.ts';
import type { Connection } from '../../db/repositories/connections.ts';
import { getConnection } from '../../db/repositories/connections.ts';
import type { Database } from '../../db/schema.ts';
import { withSecureErase } from '../../db/secure-erase.ts';
import type { Actor } from '../../db/repositories/audit.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import type { ConnectDeps } from '../../sync/connection-ops.ts';
import { connectHris, disconnectHris, probe, reconnectHris } from '../../sync/connection-ops.ts';
import { enqueueRun } from '../../sync/queue.ts';
import type { AppContext } from '../context.ts';
import { defineRoute } from '../registry.ts';
import { connectionView } from '../../sync/connection-view.ts';

/** Connecting as the API does it: the engine, plus this server's sandbox configs. */
export function connectDeps(ctx: AppContext): ConnectDeps {
  const { engine, sandbox } = ctx.deps.sync;
  return { ...engine, sandboxConfig: (id) => sandbox?.config(id) };
}

async function requireConnection(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<Connection> {
  const connection = await getConnection(db, tenantId, id);
  if (!connection) throw new AppError('NOT_FOUND', `No connection ${id}.`);
  return connection;
}

async function queueRun(
  ctx: AppContext,
  tenantId: string,
  connectionId: string,
  mode: 'apply' | 'dry-run',
  actor: Actor,
  now: Date,
) {
  const db = ctx.deps.store.db;
  const connection = await requireConnection(db, tenantId, connectionId);
  if (connection.status === 'disconnected')
    throw new AppError('CONFLICT', 'The connection is disconnected.');
  const queued = await enqueueRun(
    db,
    { tenantId, connectionId, trigger: 'api', mode },
    now.toISOString(),
  );
  if (!queued.coalesced) {
    await recordAudit(
      db,
      {
        tenantId,
        actor,
        action: mode === 'apply' ? 'connection.resync' : 'connection.preview',
        targetType: 'sync_run',
        targetId: queued.run.id,
      },
      now.toISOString(),
    );
  }
  ctx.deps.sync.wake();
  return queued;
}

export const connectionRoutes = [
  defineRoute({
    operationId: 'listConnectors',
    method: 'GET',
    url: '/api/connectors',
    summary: 'Every HRIS connector: what it reads, what it never accesses, its config schema.',
    tag: 'connections',
    auth: 'admin',
    response: catalogueSchema,
    handler: ({ ctx }) => {
      const sandboxes = new Set(ctx.deps.sync.sandbox?.connectorIds() ?? []);
      return Promise.resolve({
        items: connectorCatalogue().map((entry) => ({
          ...entry,
          sandbox: sandboxes.has(entry.id),
        })),
      });
    },
  }),
  defineRoute({
    operationId: 'probeConnection',
    method: 'POST',
    url: '/api/connections/probe',
    summary:
      "Tests credentials with the sync's own request and reports which fields came back; stores nothing.",
    tag: 'connections',
    auth: 'admin',
    body: connectRequestSchema,
    response: probeResultSchema,
    handler: ({ ctx, principal, body }) =>
      probe(connectDeps(ctx), { ...body, tenantId: principal.tenantId, actor: principal.actor }),
  }),
  defineRoute({
    operationId: 'connect',
    method: 'POST',
    url: '/api/connections',
    summary: 'Connects the HRIS: probes, stores the credentials encrypted, queues the first sync.',
    tag: 'connections',
    auth: 'admin',
    body: connectRequestSchema,
    response: connectResponseSchema,
    status: 201,
    errors: ['HRIS_PROBE_FAILED', 'CONFLICT'],
    handler: async ({ ctx, principal, body }) => {
      const connected = await connectHris(connectDeps(ctx), {
        ...body,
        tenantId: principal.tenantId,
        actor: principal.actor,
      });
      ctx.deps.sync.wake();
      return {
        connection: await connectionView(ctx.deps.store.db, connected.connection),
        probe: connected.probe,
        run: connected.run,
      };
    },
  }),
  defineRoute({
    operationId: 'listConnections',
    method: 'GET',
    url: '/api/connections',
    summary: "The tenant's connections, the live one first, then disconnected ones.",
    tag: 'connections',
    auth: 'member',
    response: connectionListSchema,
    handler: async ({ ctx, principal }) => {
      const db = ctx.deps.store.db;
      const rows = await db
        .selectFrom('connections')
        .select('id')
        .where('tenantId', '=', principal.tenantId)
        .orderBy('createdAt', 'desc')
        .execute();
      const items: ConnectionDto[] = [];
      for (const row of rows) {
        const connection = await requireConnection(db, principal.tenantId, row.id);
        items.push(await connectionView(db, connection));
      }
      items.sort(
        (a, b) => Number(a.status === 'disconnected') - Number(b.status === 'disconnected'),
      );
      return { items };
    },
  }),
  defineRoute({
    operationId: 'getConnection',
    method: 'GET',
    url: '/api/connections/:id',
    summary:
      'A connection: connected, syncing, synced (with the last sync), error, awaiting approval or disconnected.',
    tag: 'connections',
    auth: 'member',
    params: idParamsSchema,
    response: connectionSchema,
    handler: async ({ ctx, principal, params }) =>
      connectionView(
        ctx.deps.store.db,
        await requireConnection(ctx.deps.store.db, principal.tenantId, params.id),
      ),
  }),
  defineRoute({
    operationId: 'replaceCredentials',
    method: 'PUT',
    url: '/api/connections/:id/credentials',
    summary:
      'Reconnects with new credentials (after "reconnect needed"): probes, then stores them.',
    tag: 'connections',
    auth: 'admin',
    params: idParamsSchema,
    body: credentialsRequestSchema,
    response: z.object({ connection: connectionSchema, probe: probeResultSchema }),
    errors: ['HRIS_PROBE_FAILED', 'CONFLICT'],
    handler: async ({ ctx, principal, params, body }) => {
      const result = await reconnectHris(connectDeps(ctx), {
        tenantId: principal.tenantId,
        connectionId: params.id,
        config: body.config,
        actor: principal.actor,
      });
      return {
        connection: await connectionView(ctx.deps.store.db, result.connection),
        probe: result.probe,
      };
    },
  }),
  defineRoute({
    operationId: 'resync',
    method: 'POST',
    url: '/api/connections/:id/resync',
    summary: 'Syncs now; pressed during a run, it joins the one follow-up run.',
    tag: 'connections',
    auth: 'admin',
    params: idParamsSchema,
    response: enqueueResponseSchema,
    status: 202,
    errors: ['CONFLICT'],
    handler: ({ ctx, principal, params, now }) =>
      queueRun(ctx, principal.tenantId, params.id, 'apply', principal.actor, now),
  }),
  defineRoute({
    operationId: 'preview',
    method: 'POST',
    url: '/api/connections/:id/preview',
    summary: 'A dry run of the next sync: the plan and the guards, nothing applied.',
    tag: 'connections',
    auth: 'admin',
    params: idParamsSchema,
    response: enqueueResponseSchema,
    status: 202,
    errors: ['CONFLICT'],
    handler: ({ ctx, principal, params, now }) =>
      queueRun(ctx, principal.tenantId, params.id, 'dry-run', principal.actor, now),
  }),
  defineRoute({
    operationId: 'disconnect',
    method: 'DELETE',
    url: '/api/connections/:id',
    summary:
      'Disconnects: stops syncing, deletes the stored credentials, keeps learners and history, lifts the HRIS-known invite limit.',
    tag: 'connections',
    auth: 'admin',
    params: idParamsSchema,
    response: connectionSchema,
    handler: async ({ ctx, principal, params }) => {
      const { store, sync } = ctx.deps;
      await requireConnection(store.db, principal.tenantId, params.id);
      sync.cancel(params.id);
      const connection = await withSecureErase(store, () =>
        disconnectHris(sync.engine, {
          tenantId: principal.tenantId,
          connectionId: params.id,
          actor: principal.actor,
        }),
      );
      return connectionView(store.db, connection);
    },
  }),
];
