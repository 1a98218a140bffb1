import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../log.ts';
import { startServer } from '../../server.ts';
import { CommandFailed, printLine } from '../context.ts';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run the Rollcall service (API) on the configured store')
    .option(
      '--port <port>',
      'port to listen on (default: ROLLCALL_PORT or 3000; 0 picks a free one)',
    )
    .option('--host <host>', 'address to bind (default: ROLLCALL_HOST or 127.0.0.1)')
    .action(async (options: { port?: string; host?: string }) => {
      const config = loadConfig();
      if (options.port !== undefined) {
        const port = Number(options.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new CommandFailed(`--port must be a port number, got "${options.port}"`, 2);
        }
        config.port = port;
      }
      if (options.host !== undefined) config.host = options.host;
      const logger = createLogger(config);
      const server = await startServer(config, logger);
      printLine(
        `Rollcall ${server.store.dialect === 'sqlite' ? '(embedded store)' : '(PostgreSQL)'} is running at ${server.url}`,
      );
      printLine(`  API docs:   ${server.url}/api/docs`);
      printLine(`  Store:      ${server.store.location}`);
      if (server.demo) {
        printLine(`  Demo admin: ${server.demo.email}`);
        printLine(`  Password:   ${server.demo.password}`);
        printLine(`  (demo tenant "demo"; set ROLLCALL_DEMO=false to turn the demo off)`);
      }
      if (server.sandbox) {
        const names = server.sandbox.connectorIds().join(', ');
        printLine(`  Sandbox HRIS: ${names} (connect one: see "Your first sync" in the README)`);
      }
      printLine('Press Ctrl+C to stop.');
      await new Promise<void>((resolve) => {
        const stop = (signal: string): void => {
          logger.info({ signal }, 'shutting down');
          server.close().then(resolve, (error: unknown) => {
            logger.error({ err: error }, 'error while shutting down');
            resolve();
          });
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
    });
}
