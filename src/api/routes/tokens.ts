import { idParamsSchema } from '../../contracts/common.ts';
import {
  apiTokenListSchema,
  createApiTokenRequestSchema,
  createApiTokenResponseSchema,
} from '../../contracts/tokens.ts';
import { AppError } from '../../core/errors.ts';
import { toIso } from '../../core/time.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../db/repositories/users.ts';
import { inTransaction } from '../../db/transaction.ts';
import { defineRoute } from '../registry.ts';

export const tokenRoutes = [
  defineRoute({
    operationId: 'listApiTokens',
    method: 'GET',
    url: '/api/tokens',
    summary: "The tenant's API tokens (prefixes only; the secret is shown once at creation).",
    tag: 'tokens',
    auth: 'admin',
    response: apiTokenListSchema,
    handler: async ({ ctx, principal }) => ({
      items: await listApiTokens(ctx.deps.store.db, principal.tenantId),
    }),
  }),
  defineRoute({
    operationId: 'createApiToken',
    method: 'POST',
    url: '/api/tokens',
    summary: 'Creates an API token and returns its secret, once.',
    tag: 'tokens',
    auth: 'admin',
    body: createApiTokenRequestSchema,
    response: createApiTokenResponseSchema,
    status: 201,
    handler: ({ ctx, principal, body, now }) =>
      inTransaction(ctx.deps.store.db, async (trx) => {
        const created = await createApiToken(
          trx,
          {
            tenantId: principal.tenantId,
            name: body.name,
            role: body.role,
            createdBy: principal.actor.id,
          },
          toIso(now),
        );
        await recordAudit(
          trx,
          {
            tenantId: principal.tenantId,
            actor: principal.actor,
            action: 'api_token.created',
            targetType: 'api_token',
            targetId: created.apiToken.id,
            details: { role: body.role },
          },
          toIso(now),
        );
        return created;
      }),
  }),
  defineRoute({
    operationId: 'revokeApiToken',
    method: 'DELETE',
    url: '/api/tokens/:id',
    summary: 'Revokes an API token; it stops working at once.',
    tag: 'tokens',
    auth: 'admin',
    params: idParamsSchema,
    handler: ({ ctx, principal, params, now }) =>
      inTransaction(ctx.deps.store.db, async (trx) => {
        const revoked = await revokeApiToken(trx, principal.tenantId, params.id, toIso(now));
        if (!revoked) throw new AppError('NOT_FOUND', `No live API token ${params.id}.`);
        await recordAudit(
          trx,
          {
            tenantId: principal.tenantId,
            actor: principal.actor,
            action: 'api_token.revoked',
            targetType: 'api_token',
            targetId: params.id,
          },
          toIso(now),
        );
      }),
  }),
];
