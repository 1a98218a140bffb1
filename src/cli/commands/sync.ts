import type { Command } from 'commander';
import { connectorIds } from '../../connectors/registry.ts';
import { readConnectorConfig } from '../connector-config.ts';
import { AppError } from '../../core/errors.ts';
import type { Store } from '../../db/database.ts';
import { CLI_ACTOR, recordAudit } from '../../db/repositories/audit.ts';
import type { Connection } from '../../db/repositories/connections.ts';
import {
  createConnection,
  findLiveConnection,
  getSealedConfig,
  updateSealedConfig,
} from '../../db/repositories/connections.ts';
import type { SyncRun } from '../../db/repositories/runs.ts';
import { resolveTenant } from '../../db/repositories/tenants.ts';
import { createLogger } from '../../log.ts';
import { loadSecretKey, seal, unseal } from '../../secrets/keyring.ts';
import { productionEngineDeps } from '../../sync/deps.ts';
import { markInterruptedRuns } from '../../sync/phases.ts';
import { runSync } from '../../sync/run.ts';
import type { Config } from '../../config.ts';
import { CommandFailed, printJson, withStore } from '../context.ts';
import { printRun, progressPrinter } from '../run-report.ts';

interface SyncOptions {
  connector: string;
  config: string;
  tenant?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** Exit code of a run that paused for approval (non-zero, and distinct from a failure). */
export const EXIT_AWAITING_APPROVAL = 3;

export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('sync a tenant with its HRIS now (connects it on first use)')
    .requiredOption('--connector <id>', `connector id (${connectorIds().join(', ')})`)
    .requiredOption('--config <file.json>', 'connector config with credentials, as JSON')
    .option('--tenant <slug>', 'tenant (optional when only one exists)')
    .option('--dry-run', 'plan and check the guards, apply nothing')
    .option('--json', 'print the run report as one JSON object')
    .action(async (options: SyncOptions) => {
      const run = await withStore(async (store, config) => {
        const tenant = await resolveTenant(store.db, options.tenant);
        const connection = await ensureConnection(store, config, tenant.id, options);
        const log = createLogger(config);
        const showProgress = !options.json && process.stderr.isTTY;
        const deps = productionEngineDeps(
          store,
          config,
          log,
          showProgress ? { onProgress: progressPrinter() } : {},
        );
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
}

export function exitForRun(run: SyncRun): void {
  if (run.status === 'failed')
    throw new CommandFailed(`sync failed: ${run.errorMessage ?? run.errorCode ?? 'unknown error'}`);
  if (run.status === 'awaiting_approval') {
    throw new CommandFailed(
      `sync paused for approval: review with \`rollcall runs show ${run.id}\`, then \`rollcall runs approve ${run.id}\` or \`reject\``,
      EXIT_AWAITING_APPROVAL,
    );
  }
}

/** The tenant's connection to this connector, created on first use; a changed config is stored. */
async function ensureConnection(
  store: Store,
  config: Config,
  tenantId: string,
  options: SyncOptions,
): Promise<Connection> {
  // The config file holds credentials: read it without ever echoing its text.
  const { connector, config: connectorConfig } = readConnectorConfig(
    options.connector,
    options.config,
  );
  const key = loadSecretKey({
    secretKeyHex: config.secretKeyHex,
    previousSecretKeysHex: config.previousSecretKeysHex,
    dataDir: config.dataDir,
  });
  const plaintext = JSON.stringify(connectorConfig);
  const now = new Date().toISOString();
  const live = await findLiveConnection(store.db, tenantId);
  if (live && live.connectorId !== connector.id) {
    throw new AppError(
      'CONFLICT',
      `this tenant is connected to ${live.connectorId}: disconnect it before syncing with ${connector.id}`,
    );
  }
  if (live) {
    const sealed = await getSealedConfig(store.db, live.id);
    if (!sealed || unseal(key, sealed) !== plaintext)
      await updateSealedConfig(store.db, live.id, seal(key, plaintext), now);
    return live;
  }
  const created = await createConnection(
    store.db,
    {
      tenantId,
      connectorId: connector.id,
      name: connector.name,
      configCiphertext: seal(key, plaintext),
      sandbox: false,
      connectedBy: 'cli',
    },
    now,
  );
  await recordAudit(
    store.db,
    {
      tenantId,
      actor: CLI_ACTOR,
      action: 'connection.create',
      targetType: 'connection',
      targetId: created.id,
      details: { connector: connector.id },
    },
    now,
  );
  return created;
}
