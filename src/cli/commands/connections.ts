import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { connectorIds } from '../../connectors/registry.ts';
import type { ConnectionDto } from '../../contracts/connections.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import { systemClock } from '../../core/time.ts';
import type { Store } from '../../db/database.ts';
import { CLI_ACTOR } from '../../db/repositories/audit.ts';
import type { Connection } from '../../db/repositories/connections.ts';
import { findLiveConnection, getConnection } from '../../db/repositories/connections.ts';
import type { SyncRun } from '../../db/repositories/runs.ts';
import { getRun } from '../../db/repositories/runs.ts';
import { resolveTenant } from '../../db/repositories/tenants.ts';
import { withSecureErase } from '../../db/secure-erase.ts';
import type { Config } from '../../config.ts';
import { createLogger } from '../../log.ts';
import { connectHris, disconnectHris, probe, reconnectHris } from '../../sync/connection-ops.ts';
import { connectionView } from '../../sync/connection-view.ts';
import { productionEngineDeps } from '../../sync/deps.ts';
import type { EngineDeps } from '../../sync/engine.ts';
import { markInterruptedRuns } from '../../sync/phases.ts';
import { runQueued, runSync } from '../../sync/run.ts';
import {
  printConnection,
  printConnectionTable,
  printFirstSync,
  printProbe,
} from '../connection-report.ts';
import { readConnectorConfig, redact, redactProbe } from '../connector-config.ts';
import { CommandFailed, printJson, printLine, withStore } from '../context.ts';
import { printRun, progressPrinter } from '../run-report.ts';
import { exitForRun } from './sync.ts';

interface BaseOptions {
  tenant?: string;
  json?: boolean;
}

const TENANT_HELP = 'tenant (optional when only one exists)';
const ID_HELP = 'connection id (default: the live connection)';

/** What disconnecting does, said wherever a disconnect is asked for or refused. */
const DISCONNECT_EFFECTS =
  'Disconnecting deletes the stored credentials and stops the sync schedule (queued and paused ' +
  'runs are cancelled); learners and the run history are kept.';

const SANDBOX_ONLY_IN_START =
  'runs against the sandbox HRIS, which exists only inside `rollcall start`: sync it from the ' +
  'console or the HTTP API of the running server';

export function registerConnectionCommands(program: Command): void {
  const connections = program
    .command('connections')
    .description('the tenant’s HRIS connection: test, connect, status, resync, disconnect');

  connections
    .command('list')
    .description('the tenant’s connections, the live one first')
    .option('--tenant <slug>', TENANT_HELP)
    .option('--json', 'print a JSON array of status views')
    .action(async (options: BaseOptions) => {
      const views = await withStore(async (store) => {
        const tenant = await resolveTenant(store.db, options.tenant);
        return listViews(store, tenant.id);
      });
      if (options.json) printJson(views);
      else if (views.length === 0)
        printLine('No connection yet: connect one with `rollcall connections connect`.');
      else printConnectionTable(views);
    });

  connections
    .command('show')
    .argument('[id]', 'connection id (default: the live connection, else the latest one)')
    .description('a connection’s status: last sync, last run counts, next sync, what to do')
    .option('--tenant <slug>', TENANT_HELP)
    .option('--json', 'print the status view as JSON')
    .action(async (id: string | undefined, options: BaseOptions) => {
      const view = await withStore(async (store) => {
        const tenant = await resolveTenant(store.db, options.tenant);
        if (id !== undefined)
          return connectionView(store.db, await targetConnection(store, tenant, id));
        const [first] = await listViews(store, tenant.id);
        if (!first) throw new CommandFailed(`tenant ${tenant.slug} has no connection yet`);
        return first;
      });
      if (options.json) printJson(view);
      else printConnection(view);
    });

  connections
    .command('probe')
    .description('test credentials with the sync’s own request; stores nothing')
    .requiredOption('--connector <id>', `connector id (${connectorIds().join(', ')})`)
    .requiredOption('--config <file.json>', 'connector config with credentials, as JSON')
    .option('--tenant <slug>', TENANT_HELP)
    .option('--json', 'print the probe result as JSON')
    .action(async (options: BaseOptions & { connector: string; config: string }) => {
      const file = readConnectorConfig(options.connector, options.config);
      const result = await withStore(async (store, config) => {
        const tenant = await resolveTenant(store.db, options.tenant);
        return probe(engineDeps(store, config, false), {
          tenantId: tenant.id,
          connectorId: file.connector.id,
          config: file.config,
          sandbox: false,
          actor: CLI_ACTOR,
        });
      });
      const shown = redactProbe(result, file.secrets);
      if (options.json) printJson(shown);
      else if (shown.ok) printProbe(file.connector.name, shown);
      if (!shown.ok) {
        throw new CommandFailed(
          `${file.connector.name} refused the connection test: ${shown.error.message} [${shown.error.code}]`,
        );
      }
    });

  connections
    .command('connect')
    .description('connect the HRIS (probe first, nothing stored on failure) and run the first sync')
    .requiredOption('--connector <id>', `connector id (${connectorIds().join(', ')})`)
    .requiredOption('--config <file.json>', 'connector config with credentials, as JSON')
    .option('--tenant <slug>', TENANT_HELP)
    .option('--no-sync', 'leave the first sync queued for `rollcall start`')
    .option('--json', 'print {connection, probe, run, firstSync} as JSON')
    .action(async (options: BaseOptions & { connector: string; config: string; sync: boolean }) => {
      const file = readConnectorConfig(options.connector, options.config);
      const outcome = await withStore(async (store, config) => {
        const tenant = await resolveTenant(store.db, options.tenant);
        const live = await findLiveConnection(store.db, tenant.id);
        if (live) {
          throw new CommandFailed(
            `tenant ${tenant.slug} is already connected to ${live.connectorId} (${live.id}): ` +
              'use `rollcall connections reconnect` for new credentials, or disconnect it first',
          );
        }
        const showProgress = !options.json && process.stderr.isTTY;
        const deps = engineDeps(store, config, showProgress);
        const connected = await withProbeContext(file.connector.name, file.secrets, () =>
          connectHris(deps, {
            tenantId: tenant.id,
            connectorId: file.connector.id,
            config: file.config,
            sandbox: false,
            actor: CLI_ACTOR,
          }),
        );
        let firstSync: 'ran' | 'busy' | 'gone' | 'skipped' = 'skipped';
        let run: SyncRun = connected.run;
        if (options.sync) {
          const ran = await runQueued(deps, connected.run);
          if (showProgress) process.stderr.write('\n');
          firstSync = ran.outcome;
          run =
            ran.outcome === 'ran'
              ? ran.run
              : ((await getRun(store.db, tenant.id, connected.run.id)) ?? connected.run);
        }
        const connection = await refreshedView(store, connected.connection);
        return { connection, probe: connected.probe, run, firstSync };
      });
      if (options.json) printJson(outcome);
      else {
        printProbe(file.connector.name, outcome.probe);
        printLine();
        printLine(`Connected ${file.connector.name}: connection ${outcome.connection.id}.`);
        printFirstSync(outcome.firstSync, outcome.run);
      }
      if (outcome.firstSync === 'ran') exitForRun(outcome.run);
    });

  connections
    .command('reconnect')
    .argument('[id]', ID_HELP)
    .description('replace the credentials (after "reconnect needed"): probe, store, schedule again')
    .requiredOption('--config <file.json>', 'connector config with the new credentials, as JSON')
    .option('--tenant <slug>', TENANT_HELP)
    .option('--json', 'print {connection, probe} as JSON')
    .action(async (id: string | undefined, options: BaseOptions & { config: string }) => {
      const outcome = await withStore(async (store, config) => {
        const tenant = await resolveTenant(store.db, options.tenant);
        const current = await targetConnection(store, tenant, id);
        if (current.sandbox)
          throw new CommandFailed(`connection ${current.id} ${SANDBOX_ONLY_IN_START}`);
        const file = readConnectorConfig(current.connectorId, options.config);
        const result = await withProbeContext(file.connector.name, file.secrets, () =>
          reconnectHris(engineDeps(store, config, false), {
            tenantId: tenant.id,
            connectionId: current.id,
            config: file.config,
            actor: CLI_ACTOR,
          }),
        );
        return {
          connection: await connectionView(store.db, result.connection),
          probe: result.probe,
        };
      });
      if (options.json) return printJson(outcome);
      printProbe(outcome.connection.connectorName, outcome.probe);
      printLine();
      printLine(
        `Reconnected ${outcome.connection.connectorName}: connection ${outcome.connection.id} is ${outcome.connection.status}; the next sync uses the new credentials.`,
      );
    });

  connections
    .command('resync')
    .argument('[id]', ID_HELP)
    .description('sync now, in this process (exit 0 done, 1 failed, 3 paused for approval)')
    .option('--tenant <slug>', TENANT_HELP)
    .option('--dry-run', 'plan and check the guards, apply nothing')
    .option('--json', 'print the run report as one JSON object')
    .action(async (id: string | undefined, options: BaseOptions & { dryRun?: boolean }) => {
      const run = await withStore(async (store, config) => {
        const tenant = await resolveTenant(store.db, options.tenant);
        const connection = await targetConnection(store, tenant, id);
        if (connection.sandbox)
          throw new CommandFailed(
            `connection ${connection.id} ${SANDBOX_ONLY_IN_START} (\`rollcall connections resync\` cannot reach it)`,
          );
        const showProgress = !options.json && process.stderr.isTTY;
        const deps = engineDeps(store, config, showProgress);
        await markInterruptedRuns(deps);
        const run = await runSync(deps, {
          tenantId: tenant.id,
          connectionId: connection.id,
          trigger: 'cli',
          mode: options.dryRun ? 'dry-run' : 'apply',
        });
        if (showProgress) process.stderr.write('\n');
        return run;
      });
      if (options.json) printJson(run);
      else printRun(run);
      exitForRun(run);
    });

  connections
    .command('disconnect')
    .argument('[id]', ID_HELP)
    .description('stop syncing and delete the stored credentials; learners and history stay')
    .option('--tenant <slug>', TENANT_HELP)
    .option('--yes', 'do not ask for confirmation')
    .option('--json', 'print the status view as JSON')
    .action(async (id: string | undefined, options: BaseOptions & { yes?: boolean }) => {
      const view = await withStore(async (store) => {
        const tenant = await resolveTenant(store.db, options.tenant);
        const connection = await targetConnection(store, tenant, id);
        if (!options.yes) await confirmDisconnect(connection);
        const after = await withSecureErase(store, () =>
          disconnectHris(
            { db: store.db, clock: systemClock },
            { tenantId: tenant.id, connectionId: connection.id, actor: CLI_ACTOR },
          ),
        );
        return connectionView(store.db, after);
      });
      if (options.json) return printJson(view);
      printLine(
        `Disconnected ${view.connectorName} (connection ${view.id}): the credentials are deleted and no sync runs any more; learners and the run history are kept.`,
      );
    });
}

function engineDeps(store: Store, config: Config, showProgress: boolean): EngineDeps {
  return productionEngineDeps(
    store,
    config,
    createLogger(config),
    showProgress ? { onProgress: progressPrinter() } : {},
  );
}

/** The connection named on the command line, or the tenant's live one. */
async function targetConnection(
  store: Store,
  tenant: { id: string; slug: string },
  id: string | undefined,
): Promise<Connection> {
  if (id !== undefined) {
    const connection = await getConnection(store.db, tenant.id, id);
    if (!connection)
      throw new AppError('NOT_FOUND', `no connection ${id} in tenant ${tenant.slug}`);
    return connection;
  }
  const live = await findLiveConnection(store.db, tenant.id);
  if (!live) {
    throw new CommandFailed(
      `tenant ${tenant.slug} has no live connection: connect one with \`rollcall connections connect\`, or name a connection id (see \`rollcall connections list\`)`,
    );
  }
  return live;
}

/** Every connection of the tenant as a status view: the live one first, then newest first. */
async function listViews(store: Store, tenantId: string): Promise<ConnectionDto[]> {
  const rows = await store.db
    .selectFrom('connections')
    .select('id')
    .where('tenantId', '=', tenantId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const views: ConnectionDto[] = [];
  for (const row of rows) {
    const connection = await getConnection(store.db, tenantId, row.id);
    if (connection) views.push(await connectionView(store.db, connection));
  }
  return views.sort(
    (a, b) => Number(a.status === 'disconnected') - Number(b.status === 'disconnected'),
  );
}

async function refreshedView(store: Store, connection: Connection): Promise<ConnectionDto> {
  const current = await getConnection(store.db, connection.tenantId, connection.id);
  return connectionView(store.db, current ?? connection);
}

/** A refused probe becomes the command's failure, said plainly and with no secret echoed. */
async function withProbeContext<T>(
  vendor: string,
  secrets: readonly string[],
  operation: () => Promise<T>,
): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!isAppError(error) || error.code !== 'HRIS_PROBE_FAILED') throw error;
    throw new CommandFailed(
      `${vendor} refused the connection test, nothing was stored: ${redact(error.message, secrets)}`,
    );
  }
}

/** Asks on a terminal; without one (scripts, CI) `--yes` is required. */
async function confirmDisconnect(connection: Connection): Promise<void> {
  if (connection.status === 'disconnected') return;
  if (!process.stdin.isTTY) {
    throw new CommandFailed(
      `not disconnecting ${connection.name} (${connection.id}) without --yes when not run from a terminal. ${DISCONNECT_EFFECTS}`,
      2,
    );
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(
      `Disconnect ${connection.name} (${connection.id})? ${DISCONNECT_EFFECTS} [y/N] `,
    );
    if (!/^y(es)?$/i.test(answer.trim()))
      throw new CommandFailed('not disconnected: nothing changed');
  } finally {
    prompt.close();
  }
}
