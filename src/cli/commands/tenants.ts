import type { Command } from 'commander';
import { CLI_ACTOR, recordAudit } from '../../db/repositories/audit.ts';
import { createTenant, listTenants } from '../../db/repositories/tenants.ts';
import { printJson, printLine, printTable, withStore } from '../context.ts';

export function registerTenantCommands(program: Command): void {
  const tenants = program.command('tenants').description('customer teams');

  tenants
    .command('create <slug>')
    .description('create a tenant with the default settings')
    .option('--name <name>', 'display name (default: the slug)')
    .option('--timezone <tz>', 'IANA time zone for the nightly sync (default: UTC)')
    .option('--json', 'print the tenant as JSON')
    .action(async (slug: string, options: { name?: string; timezone?: string; json?: boolean }) => {
      await withStore(async (store) => {
        const now = new Date().toISOString();
        const tenant = await store.db.transaction().execute(async (trx) => {
          const created = await createTenant(
            trx,
            { slug, name: options.name, timeZone: options.timezone },
            now,
          );
          await recordAudit(
            trx,
            {
              tenantId: created.id,
              actor: CLI_ACTOR,
              action: 'tenant.create',
              targetType: 'tenant',
              targetId: created.id,
            },
            now,
          );
          return created;
        });
        if (options.json) printJson(tenant);
        else
          printLine(
            `Created tenant ${tenant.slug} (${tenant.name}, ${tenant.timeZone}) — id ${tenant.id}`,
          );
      });
    });

  tenants
    .command('list')
    .description('list tenants')
    .option('--json', 'print a JSON array')
    .action(async (options: { json?: boolean }) => {
      await withStore(async (store) => {
        const all = await listTenants(store.db);
        if (options.json) printJson(all);
        else
          printTable(
            ['SLUG', 'NAME', 'TIME ZONE', 'ID'],
            all.map((t) => [t.slug, t.name, t.timeZone, t.id]),
          );
      });
    });
}
