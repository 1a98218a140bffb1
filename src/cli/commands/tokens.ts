import type { Command } from 'commander';
import { Option } from 'commander';
import { CLI_ACTOR, recordAudit } from '../../db/repositories/audit.ts';
import { resolveTenant } from '../../db/repositories/tenants.ts';
import { createApiToken, listApiTokens } from '../../db/repositories/users.ts';
import { printJson, printLine, printTable, withStore } from '../context.ts';

export function registerTokenCommands(program: Command): void {
  const tokens = program
    .command('tokens')
    .description('API tokens for machines (Authorization: Bearer …)');

  tokens
    .command('create')
    .description('create an API token; it is printed once and stored only as a hash')
    .requiredOption('--name <name>', 'what the token is for')
    .addOption(new Option('--role <role>', 'role').choices(['admin', 'member']).default('admin'))
    .option('--tenant <slug>', 'tenant (optional when only one exists)')
    .option('--json', 'print the token as JSON')
    .action(
      async (options: {
        name: string;
        role: 'admin' | 'member';
        tenant?: string;
        json?: boolean;
      }) => {
        await withStore(async (store) => {
          const tenant = await resolveTenant(store.db, options.tenant);
          const now = new Date().toISOString();
          const { token, apiToken } = await createApiToken(
            store.db,
            { tenantId: tenant.id, name: options.name, role: options.role, createdBy: null },
            now,
          );
          await recordAudit(
            store.db,
            {
              tenantId: tenant.id,
              actor: CLI_ACTOR,
              action: 'token.create',
              targetType: 'token',
              targetId: apiToken.id,
            },
            now,
          );
          if (options.json) printJson({ ...apiToken, token });
          else {
            printLine(
              `Created ${apiToken.role} token "${apiToken.name}" for tenant ${tenant.slug}.`,
            );
            printLine(`Token (shown once): ${token}`);
          }
        });
      },
    );

  tokens
    .command('list')
    .description('list API tokens (never their values)')
    .option('--tenant <slug>', 'tenant (optional when only one exists)')
    .option('--json', 'print a JSON array')
    .action(async (options: { tenant?: string; json?: boolean }) => {
      await withStore(async (store) => {
        const tenant = await resolveTenant(store.db, options.tenant);
        const all = await listApiTokens(store.db, tenant.id);
        if (options.json) printJson(all);
        else
          printTable(
            ['NAME', 'ROLE', 'PREFIX', 'CREATED', 'LAST USED', 'REVOKED'],
            all.map((t) => [t.name, t.role, t.tokenPrefix, t.createdAt, t.lastUsedAt, t.revokedAt]),
          );
      });
    });
}
