import { auditPageSchema, auditQuerySchema } from '../../contracts/audit.ts';
import { eventsPageSchema, eventsQuerySchema } from '../../contracts/events.ts';
import { listAudit } from '../../db/repositories/audit.ts';
import { listEvents } from '../../db/repositories/events.ts';
import { defineRoute } from '../registry.ts';

export const auditRoutes = [
  defineRoute({
    operationId: 'listAudit',
    method: 'GET',
    url: '/api/audit',
    summary: 'The audit log, newest first: who did what to which target.',
    tag: 'audit',
    auth: 'admin',
    query: auditQuerySchema,
    response: auditPageSchema,
    handler: async ({ ctx, principal, query }) => {
      const [at, id] = query.before?.split('~') ?? [];
      const items = await listAudit(ctx.deps.store.db, principal.tenantId, {
        limit: query.limit,
        before: at && id ? { at, id } : undefined,
      });
      const last = items.at(-1);
      const more = items.length === query.limit && last;
      return { items, nextBefore: more ? `${last.at}~${last.id}` : null };
    },
  }),
  defineRoute({
    operationId: 'listEvents',
    method: 'GET',
    url: '/api/events',
    summary: 'The learner outbox after a cursor, oldest first (for downstream consumers).',
    tag: 'events',
    auth: 'admin',
    query: eventsQuerySchema,
    response: eventsPageSchema,
    handler: async ({ ctx, principal, query }) => {
      const items = await listEvents(ctx.deps.store.db, principal.tenantId, query);
      return { items, nextAfter: items.at(-1)?.seq ?? query.after };
    },
  }),
];
