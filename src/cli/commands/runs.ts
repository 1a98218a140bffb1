import type { Command } from 'commander';
import { Option } from 'commander';
import { AppError } from '../../core/errors.ts';
import { CLI_ACTOR } from '../../db/repositories/audit.ts';
import type { RunResult } from '../../db/repositories/run-results.ts';
import { listResults } from '../../db/repositories/run-results.ts';
import { getRun, listRuns } from '../../db/repositories/runs.ts';
import { resolveTenant } from '../../db/repositories/tenants.ts';
import { createLogger } from '../../log.ts';
import { productionEngineDeps } from '../../sync/deps.ts';
import { approveRun, rejectRun } from '../../sync/phases.ts';
import { printJson, printLine, printTable, withStore } from '../context.ts';
import { printResults, printRun } from '../run-report.ts';
import { exitForRun } from './sync.ts';

const ACTIONS = [
  'create',
  'update',
  'deactivate',
  'reactivate',
  'unchanged',
  'skip',
  'error',
] as const;

export function registerRunCommands(program: Command): void {
  const runs = program
    .command('runs')
    .description('sync runs: history, per-person results, approval');

  runs
    .command('list')
    .description('recent sync runs, newest first')
    .option('--tenant <slug>', 'tenant (optional when only one exists)')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print a JSON array')
    .action(async (options: { tenant?: string; limit: string; json?: boolean }) => {
      await withStore(async (store) => {
        const tenant = await resolveTenant(store.db, options.tenant);
        const all = await listRuns(store.db, tenant.id, {
          limit: Math.max(1, Number(options.limit) || 20),
        });
        if (options.json) return printJson(all);
        printTable(
          [
            'RUN',
            'STARTED',
            'TRIGGER',
            'MODE',
            'STATUS',
            'CREATED',
            'UPDATED',
            'DEACTIVATED',
            'SECONDS',
          ],
          all.map((r) => [
            r.id,
            r.startedAt,
            r.trigger,
            r.mode,
            r.status,
            count(r.counts, 'create'),
            count(r.counts, 'update'),
            count(r.counts, 'deactivate'),
            r.durationMs === null ? '' : (r.durationMs / 1000).toFixed(1),
          ]),
        );
      });
    });

  runs
    .command('show <runId>')
    .description('a run with its per-person results')
    .option('--tenant <slug>', 'tenant (optional when only one exists)')
    .addOption(new Option('--action <action>', 'only results with this action').choices(ACTIONS))
    .option('--json', 'print {run, results} as JSON')
    .action(
      async (
        runId: string,
        options: { tenant?: string; action?: RunResult['action']; json?: boolean },
      ) => {
        await withStore(async (store) => {
          const tenant = await resolveTenant(store.db, options.tenant);
          const run = await getRun(store.db, tenant.id, runId);
          if (!run) throw new AppError('NOT_FOUND', `no run ${runId} in tenant ${tenant.slug}`);
          const results = await listResults(store.db, run.id, { action: options.action });
          if (options.json) return printJson({ run, results: results.items });
          printRun(run);
          printLine();
          printResults(results.items);
        });
      },
    );

  for (const decision of ['approve', 'reject'] as const) {
    runs
      .command(`${decision} <runId>`)
      .description(
        decision === 'approve'
          ? 'apply a paused run’s plan exactly as shown'
          : 'discard a paused run; nothing is applied',
      )
      .option('--tenant <slug>', 'tenant (optional when only one exists)')
      .option('--json', 'print the run as JSON')
      .action(async (runId: string, options: { tenant?: string; json?: boolean }) => {
        const run = await withStore(async (store, config) => {
          const tenant = await resolveTenant(store.db, options.tenant);
          const deps = productionEngineDeps(store, config, createLogger(config));
          const input = { tenantId: tenant.id, runId, actor: CLI_ACTOR };
          if (decision === 'approve') await approveRun(deps, input);
          else await rejectRun(deps, input);
          const after = await getRun(store.db, tenant.id, runId);
          if (!after) throw new AppError('NOT_FOUND', `no run ${runId}`);
          return after;
        });
        if (options.json) printJson(run);
        else printRun(run);
        if (decision === 'approve') exitForRun(run);
      });
  }
}

function count(counts: Record<string, unknown>, key: string): number {
  const value = counts[key];
  return typeof value === 'number' ? value : 0;
}
