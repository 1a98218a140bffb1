import type { Command } from 'commander';
import { Option } from 'commander';
import { generatePassword } from '../../core/secrets.ts';
import { CLI_ACTOR, recordAudit } from '../../db/repositories/audit.ts';
import { resolveTenant } from '../../db/repositories/tenants.ts';
import { createUser, listUsers } from '../../db/repositories/users.ts';
import { printJson, printLine, printTable, withStore } from '../context.ts';

interface CreateOptions {
  email: string;
  name?: string;
  role: 'admin' | 'member';
  password?: string;
  tenant?: string;
  json?: boolean;
}

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('web console and API users of a tenant');

  users
    .command('create')
    .description('create a console user; prints a generated password once unless one is given')
    .requiredOption('--email <email>', 'sign-in email')
    .option('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'role').choices(['admin', 'member']).default('member'))
    .option('--password <password>', 'password (default: ROLLCALL_USER_PASSWORD, else generated)')
    .option('--tenant <slug>', 'tenant (optional when only one exists)')
    .option('--json', 'print the user as JSON')
    .action(async (options: CreateOptions) => {
      await withStore(async (store) => {
        const tenant = await resolveTenant(store.db, options.tenant);
        const given = options.password ?? process.env['ROLLCALL_USER_PASSWORD'];
        const password = given ?? generatePassword();
        const now = new Date().toISOString();
        const user = await createUser(
          store.db,
          {
            tenantId: tenant.id,
            email: options.email,
            name: options.name,
            role: options.role,
            password,
          },
          now,
        );
        await recordAudit(
          store.db,
          {
            tenantId: tenant.id,
            actor: CLI_ACTOR,
            action: 'user.create',
            targetType: 'user',
            targetId: user.id,
            details: { role: user.role },
          },
          now,
        );
        const generated = given === undefined ? { generatedPassword: password } : {};
        if (options.json) printJson({ ...user, tenant: tenant.slug, ...generated });
        else {
          printLine(`Created ${user.role} ${user.email} in tenant ${tenant.slug}.`);
          if (given === undefined) printLine(`Password (shown once): ${password}`);
        }
      });
    });

  users
    .command('list')
    .description('list the users of a tenant')
    .option('--tenant <slug>', 'tenant (optional when only one exists)')
    .option('--json', 'print a JSON array')
    .action(async (options: { tenant?: string; json?: boolean }) => {
      await withStore(async (store) => {
        const tenant = await resolveTenant(store.db, options.tenant);
        const all = await listUsers(store.db, tenant.id);
        if (options.json) printJson(all);
        else
          printTable(
            ['EMAIL', 'NAME', 'ROLE', 'ID'],
            all.map((u) => [u.email, u.name, u.role, u.id]),
          );
      });
    });
}
