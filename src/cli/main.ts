import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { isAppError } from '../core/errors.ts';
import { CommandFailed } from './context.ts';
import { registerLearnerCommands } from './commands/learners.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerStartCommand } from './commands/start.ts';
import { registerTenantCommands } from './commands/tenants.ts';
import { registerTokenCommands } from './commands/tokens.ts';
import { registerUserCommands } from './commands/users.ts';
import { registerConnectorCommands } from './commands/connectors.ts';
import { registerEmulatorCommand } from './commands/emulator.ts';
import { registerRunCommands } from './commands/runs.ts';
import { registerSyncCommand } from './commands/sync.ts';
import { registerConnectionCommands } from './commands/connections.ts';
import { registerSecretsCommands } from './commands/secrets.ts';
import { VERSION } from '../version.ts';
import { boundHeapGrowth } from '../heap.ts';

/** Builds the `rollcall` command tree; exported so tests can inspect it without running it. */
export function buildProgram(): Command {
  const program = new Command('rollcall')
    .description('Rollcall: keeps a learning platform’s learners in step with the company HRIS.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerStartCommand(program);
  registerMigrateCommand(program);
  registerTenantCommands(program);
  registerUserCommands(program);
  registerTokenCommands(program);
  registerLearnerCommands(program);
  registerConnectorCommands(program);
  registerSyncCommand(program);
  registerConnectionCommands(program);
  registerRunCommands(program);
  registerSecretsCommands(program);
  registerEmulatorCommand(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`rollcall: ${error.message}\n`);
      return 2;
    }
    if (error instanceof CommandFailed) {
      process.stderr.write(`rollcall: ${error.message}\n`);
      return error.exitCode;
    }
    if (isAppError(error)) {
      process.stderr.write(`rollcall: ${error.message} [${error.code}]\n`);
      return error.code === 'VALIDATION_FAILED' || error.code === 'TENANT_REQUIRED' ? 2 : 1;
    }
    process.stderr.write(
      `rollcall: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

// `rollcall connectors list | head`: a reader that stops early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

boundHeapGrowth();
process.exitCode = await main(process.argv);
