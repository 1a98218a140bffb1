import { tenantPatchSchema, tenantSchema } from '../../contracts/tenant.ts';
import { toIso } from '../../core/time.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import { updateTenant } from '../../db/repositories/tenants.ts';
import { inTransaction } from '../../db/transaction.ts';
import { defineRoute } from '../registry.ts';
import { requireTenant } from './auth.ts';

export const tenantRoutes = [
  defineRoute({
    operationId: 'getTenant',
    method: 'GET',
    url: '/api/tenant',
    summary: "The caller's tenant: name, time zone and sync settings.",
    tag: 'tenant',
    auth: 'member',
    response: tenantSchema,
    handler: ({ ctx, principal }) => requireTenant(ctx.deps.store.db, principal.tenantId),
  }),
  defineRoute({
    operationId: 'updateTenant',
    method: 'PATCH',
    url: '/api/tenant',
    summary:
      'Changes the name, time zone or settings (a settings patch; filters are replaced whole).',
    tag: 'tenant',
    auth: 'admin',
    body: tenantPatchSchema,
    response: tenantSchema,
    handler: ({ ctx, principal, body, now }) =>
      inTransaction(ctx.deps.store.db, async (trx) => {
        const tenant = await requireTenant(trx, principal.tenantId);
        const updated = await updateTenant(trx, tenant, body, toIso(now));
        if (
          updated.timeZone !== tenant.timeZone ||
          updated.settings.nightlySyncTime !== tenant.settings.nightlySyncTime
        ) {
          // The scheduler gives each connection its new nightly slot on its next pass.
          await trx
            .updateTable('connections')
            .set({ nextSyncAt: null })
            .where('tenantId', '=', tenant.id)
            .where('status', '!=', 'disconnected')
            .execute();
        }
        await recordAudit(
          trx,
          {
            tenantId: tenant.id,
            actor: principal.actor,
            action: 'tenant.updated',
            targetType: 'tenant',
            targetId: tenant.id,
            details: { fields: Object.keys(body), settings: Object.keys(body.settings ?? {}) },
          },
          toIso(now),
        );
        return updated;
      }),
  }),
];
