import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { idParamsSchema } from '../../contracts/common.ts';
import type { ConnectLinkDto } from '../../contracts/connect-links.ts';
import {
  connectLinkListSchema,
  connectLinkSchema,
  createConnectLinkRequestSchema,
  createConnectLinkResponseSchema,
  linkConnectRequestSchema,
  linkConnectResponseSchema,
  linkProbeRequestSchema,
  openConnectLinkSchema,
  tokenParamsSchema,
} from '../../contracts/connect-links.ts';
import { probeResultSchema } from '../../contracts/connections.ts';
import { catalogueEntry } from '../../connectors/catalogue.ts';
import { findConnector } from '../../connectors/registry.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import { toIso } from '../../core/time.ts';
import type { Actor } from '../../db/repositories/audit.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import type { ConnectLink, ListedConnectLink } from '../../db/repositories/connect-links.ts';
import {
  connectLinkStatus,
  createConnectLink,
  findConnectLinkByToken,
  getConnectLink,
  listConnectLinks,
  markConnectLinkUsed,
  revokeConnectLink,
} from '../../db/repositories/connect-links.ts';
import { findLiveConnection } from '../../db/repositories/connections.ts';
import { getTenant } from '../../db/repositories/tenants.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { connectHris, probe } from '../../sync/connection-ops.ts';
import type { AppContext } from '../context.ts';
import { LoginLimiter } from '../login-limiter.ts';
import { defineRoute } from '../registry.ts';
import { connectDeps } from './connections.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The console page a link opens; the token is the only credential its holder needs. */
export function connectLinkPath(token: string): string {
  return `/connect/${token}`;
}

/** A request path with link tokens masked, for logs: a token in a log line is a usable link. */
export function withoutLinkTokens(path: string): string {
  return path.replace(/^(\/connect|\/api\/connect-links\/by-token)\/[^/]+/, '$1/…');
}

function linkDto(link: ListedConnectLink, now: Date): ConnectLinkDto {
  return {
    ...link,
    connectorName: findConnector(link.connectorId)?.name ?? link.connectorId,
    status: connectLinkStatus(link, toIso(now)),
  };
}

/** Throws the catalogue error for a link that can no longer connect. */
function assertPending(link: ConnectLink, now: Date): void {
  const status = connectLinkStatus(link, toIso(now));
  if (status === 'revoked') throw new AppError('LINK_REVOKED');
  if (status === 'used') throw new AppError('LINK_USED');
  if (status === 'expired') throw new AppError('LINK_EXPIRED');
}

/**
 * The pending link a token opens. Unknown tokens count as failures of the caller's address in
 * the login limiter, so links cannot be guessed at speed.
 */
async function openLink(
  ctx: AppContext,
  request: FastifyRequest,
  token: string,
  now: Date,
): Promise<ConnectLink> {
  const key = LoginLimiter.key('connect-link', request.ip);
  try {
    ctx.loginLimiter.assertAllowed(key);
  } catch (error) {
    if (!isAppError(error)) throw error;
    throw new AppError(
      'RATE_LIMITED',
      'Too many unknown connect links from this address: wait 15 minutes and try again.',
    );
  }
  const link = await findConnectLinkByToken(ctx.deps.store.db, token);
  if (!link) {
    ctx.loginLimiter.recordFailure(key);
    throw new AppError(
      'NOT_FOUND',
      'This connect link is not valid: check that you copied all of it, or ask your Rollcall admin for a new one.',
    );
  }
  assertPending(link, now);
  return link;
}

function linkActor(link: ConnectLink): Actor {
  return { type: 'connect_link', id: link.id };
}

async function requireLink(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<ListedConnectLink> {
  const link = await getConnectLink(db, tenantId, id);
  if (!link) throw new AppError('NOT_FOUND', `No connect link ${id}.`);
  return link;
}

const LINK_ERRORS = ['RATE_LIMITED', 'LINK_EXPIRED', 'LINK_USED', 'LINK_REVOKED'] as const;

export const connectLinkRoutes = [
  defineRoute({
    operationId: 'createConnectLink',
    method: 'POST',
    url: '/api/connect-links',
    summary:
      'Creates a single-use link for the HRIS owner to connect without a console account; the token is shown once.',
    description:
      'The link expires after `expiresInDays` (default 7). Send the URL to the person who owns the HRIS: they see what Rollcall reads, enter the service-user credentials and connect.',
    tag: 'connections',
    auth: 'admin',
    body: createConnectLinkRequestSchema,
    response: createConnectLinkResponseSchema,
    status: 201,
    errors: ['CONFLICT'],
    handler: async ({ ctx, principal, body, now }) => {
      const connector = findConnector(body.connectorId);
      if (!connector)
        throw new AppError('VALIDATION_FAILED', `There is no connector ${body.connectorId}.`);
      if (body.sandbox && !ctx.deps.sync.sandbox?.connectorIds().includes(connector.id)) {
        throw new AppError(
          'VALIDATION_FAILED',
          `No sandbox ${connector.name} runs on this server.`,
        );
      }
      const db = ctx.deps.store.db;
      const live = await findLiveConnection(db, principal.tenantId);
      if (live) {
        throw new AppError(
          'CONFLICT',
          `${findConnector(live.connectorId)?.name ?? live.connectorId} is connected: disconnect it before sending a connect link.`,
        );
      }
      const iso = toIso(now);
      const created = await inTransaction(db, async (trx) => {
        const result = await createConnectLink(
          trx,
          {
            tenantId: principal.tenantId,
            connectorId: connector.id,
            sandbox: body.sandbox,
            createdBy: principal.actor.id,
            expiresAt: toIso(new Date(now.getTime() + body.expiresInDays * DAY_MS)),
          },
          iso,
        );
        await recordAudit(
          trx,
          {
            tenantId: principal.tenantId,
            actor: principal.actor,
            action: 'connect_link.created',
            targetType: 'connect_link',
            targetId: result.link.id,
            details: {
              connector: connector.id,
              sandbox: body.sandbox,
              expiresAt: result.link.expiresAt,
            },
          },
          iso,
        );
        return result;
      });
      return {
        link: linkDto({ ...created.link, createdByEmail: principal.user?.email ?? null }, now),
        url: connectLinkPath(created.token),
        token: created.token,
      };
    },
  }),
  defineRoute({
    operationId: 'listConnectLinks',
    method: 'GET',
    url: '/api/connect-links',
    summary: "The tenant's connect links, newest first: status, and who connected when.",
    tag: 'connections',
    auth: 'admin',
    response: connectLinkListSchema,
    handler: async ({ ctx, principal, now }) => ({
      items: (await listConnectLinks(ctx.deps.store.db, principal.tenantId)).map((link) =>
        linkDto(link, now),
      ),
    }),
  }),
  defineRoute({
    operationId: 'revokeConnectLink',
    method: 'DELETE',
    url: '/api/connect-links/:id',
    summary: 'Revokes an unused connect link: it stops working at once.',
    tag: 'connections',
    auth: 'admin',
    params: idParamsSchema,
    response: connectLinkSchema,
    errors: ['CONFLICT'],
    handler: ({ ctx, principal, params, now }) =>
      inTransaction(ctx.deps.store.db, async (trx) => {
        const iso = toIso(now);
        if (!(await revokeConnectLink(trx, principal.tenantId, params.id, iso))) {
          const link = await requireLink(trx, principal.tenantId, params.id);
          if (link.usedAt !== null)
            throw new AppError('CONFLICT', 'The link was used already: disconnect instead.');
          return linkDto(link, now);
        }
        await recordAudit(
          trx,
          {
            tenantId: principal.tenantId,
            actor: principal.actor,
            action: 'connect_link.revoked',
            targetType: 'connect_link',
            targetId: params.id,
          },
          iso,
        );
        return linkDto(await requireLink(trx, principal.tenantId, params.id), now);
      }),
  }),
  defineRoute({
    operationId: 'openConnectLink',
    method: 'GET',
    url: '/api/connect-links/by-token/:token',
    summary:
      'Public, the token is the credential: the company and the HRIS a link connects, with what Rollcall reads and never accesses.',
    tag: 'connections',
    auth: 'public',
    params: tokenParamsSchema,
    response: openConnectLinkSchema,
    errors: LINK_ERRORS,
    handler: async ({ ctx, request, params, now }) => {
      const link = await openLink(ctx, request, params.token, now);
      const tenant = await getTenant(ctx.deps.store.db, link.tenantId);
      const connector = findConnector(link.connectorId);
      if (!tenant || !connector) throw new AppError('NOT_FOUND', 'This connect link is not valid.');
      const sandboxes = ctx.deps.sync.sandbox?.connectorIds() ?? [];
      return {
        tenantName: tenant.name,
        connector: { ...catalogueEntry(connector), sandbox: sandboxes.includes(connector.id) },
        sandbox: link.sandbox,
        expiresAt: link.expiresAt,
      };
    },
  }),
  defineRoute({
    operationId: 'probeWithConnectLink',
    method: 'POST',
    url: '/api/connect-links/by-token/:token/probe',
    summary:
      "Public, the token is the credential: tests the credentials with the sync's own request; stores nothing.",
    tag: 'connections',
    auth: 'public',
    params: tokenParamsSchema,
    body: linkProbeRequestSchema,
    response: probeResultSchema,
    errors: LINK_ERRORS,
    handler: async ({ ctx, request, params, body, now }) => {
      const link = await openLink(ctx, request, params.token, now);
      return probe(connectDeps(ctx), {
        tenantId: link.tenantId,
        connectorId: link.connectorId,
        config: body.config,
        sandbox: link.sandbox,
        actor: linkActor(link),
      });
    },
  }),
  defineRoute({
    operationId: 'connectWithLink',
    method: 'POST',
    url: '/api/connect-links/by-token/:token/connect',
    summary:
      'Public, the token is the credential: probes, connects the HRIS, queues the first sync and uses up the link.',
    description:
      'The person connecting gives their name and email, which the admin sees on the link. The credentials are stored encrypted and never returned.',
    tag: 'connections',
    auth: 'public',
    params: tokenParamsSchema,
    body: linkConnectRequestSchema,
    response: linkConnectResponseSchema,
    status: 201,
    errors: [...LINK_ERRORS, 'HRIS_PROBE_FAILED', 'CONFLICT'],
    handler: async ({ ctx, request, params, body, now }) => {
      const db = ctx.deps.store.db;
      const link = await openLink(ctx, request, params.token, now);
      if (await findLiveConnection(db, link.tenantId)) {
        throw new AppError(
          'CONFLICT',
          'Your company already has an HRIS connected in Rollcall: ask your Rollcall admin.',
        );
      }
      const actor = linkActor(link);
      const iso = toIso(now);
      const connected = await connectHris(connectDeps(ctx), {
        tenantId: link.tenantId,
        connectorId: link.connectorId,
        config: body.config,
        sandbox: link.sandbox,
        actor,
        inSameTransaction: async (trx, connection) => {
          const used = { name: body.name, email: body.email, connectionId: connection.id };
          if (!(await markConnectLinkUsed(trx, link.id, used, iso))) {
            // Revoked, used or expired since it was opened: the connection rolls back.
            assertPending((await getConnectLink(trx, link.tenantId, link.id)) ?? link, now);
            throw new AppError('LINK_USED');
          }
          await recordAudit(
            trx,
            {
              tenantId: link.tenantId,
              actor,
              action: 'connect_link.used',
              targetType: 'connect_link',
              targetId: link.id,
              details: { connectionId: connection.id },
            },
            iso,
          );
        },
      });
      ctx.deps.sync.wake();
      request.log.info(
        { tenantId: link.tenantId, linkId: link.id, connectionId: connected.connection.id },
        'connected through a connect link',
      );
      return {
        connectorName: connected.connection.name,
        connectedAt: connected.connection.createdAt,
        probe: connected.probe,
      };
    },
  }),
];
