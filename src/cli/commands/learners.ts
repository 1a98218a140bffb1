import { createReadStream, existsSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { LEARNER_SOURCES, LEARNER_STATUSES } from '../../core/learner.ts';
import type { LearnerSource, LearnerStatus } from '../../core/learner.ts';
import { CLI_ACTOR } from '../../db/repositories/audit.ts';
import { learnerSnapshot, listLearners } from '../../db/repositories/learners.ts';
import { resolveTenant } from '../../db/repositories/tenants.ts';
import type { CsvImportMode, CsvImportReport } from '../../platform/csv-import.ts';
import { importLearnersCsv } from '../../platform/csv-import.ts';
import { CommandFailed, printJson, printLine, printTable, withStore } from '../context.ts';

interface ListOptions {
  tenant?: string;
  status?: LearnerStatus;
  source?: LearnerSource;
  search?: string;
  limit?: string;
  json?: boolean;
}

interface ImportOptions {
  tenant?: string;
  mode: CsvImportMode;
  dryRun?: boolean;
  json?: boolean;
}

export function registerLearnerCommands(program: Command): void {
  const learners = program.command('learners').description('the learners of a tenant');

  learners
    .command('list')
    .description('list learners, deactivated ones included (no page limit unless --limit)')
    .option('--tenant <slug>', 'tenant (optional when only one exists)')
    .addOption(new Option('--status <status>', 'only this status').choices(LEARNER_STATUSES))
    .addOption(new Option('--source <source>', 'only this source').choices(LEARNER_SOURCES))
    .option('--search <text>', 'name or email contains')
    .option('--limit <n>', 'at most n learners')
    .option('--json', 'print a JSON array')
    .action(async (options: ListOptions) => {
      const limit = options.limit === undefined ? undefined : Number(options.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
        throw new CommandFailed(`--limit must be a positive integer, got "${options.limit}"`, 2);
      }
      await withStore(async (store) => {
        const tenant = await resolveTenant(store.db, options.tenant);
        const page = await listLearners(
          store.db,
          tenant.id,
          { status: options.status, source: options.source, search: options.search },
          { limit },
        );
        if (options.json) {
          printJson(page.items.map(learnerSnapshot));
          return;
        }
        printTable(
          ['NAME', 'EMAIL', 'DEPARTMENT', 'TITLE', 'STATUS', 'SOURCE'],
          page.items.map((l) => [
            [l.firstName, l.lastName].filter(Boolean).join(' '),
            l.workEmail,
            l.department,
            l.jobTitle,
            l.status === 'deactivated'
              ? `deactivated (${l.deactivationReason ?? 'no reason'})`
              : l.status,
            l.source,
          ]),
        );
        printLine(`${page.items.length} of ${page.total} learner(s) in ${tenant.slug}`);
      });
    });

  learners
    .command('import <csv>')
    .description('import learners from a CSV file (header row with the standard field names)')
    .option('--tenant <slug>', 'tenant (optional when only one exists)')
    .addOption(
      new Option('--mode <mode>', 'on errors: import nothing, or import the valid rows')
        .choices(['all-or-nothing', 'valid-rows-only'])
        .default('all-or-nothing'),
    )
    .option('--dry-run', 'validate and report what would change; write nothing')
    .option('--json', 'print the import report as JSON')
    .action(async (file: string, options: ImportOptions) => {
      if (!existsSync(file)) throw new CommandFailed(`no such file: ${file}`, 2);
      const report = await withStore(async (store) => {
        const tenant = await resolveTenant(store.db, options.tenant);
        return importLearnersCsv(store.db, {
          tenantId: tenant.id,
          input: createReadStream(file),
          mode: options.mode,
          dryRun: options.dryRun ?? false,
          actor: CLI_ACTOR,
          now: new Date(),
        });
      });
      if (options.json) printJson(report);
      else printImportReport(report);
      if (!report.applied && !report.dryRun) {
        throw new CommandFailed(
          `import failed with ${report.errorCount} error(s); nothing was imported`,
        );
      }
      if (report.dryRun && report.errorCount > 0 && report.mode === 'all-or-nothing') {
        throw new CommandFailed(`dry run found ${report.errorCount} error(s)`);
      }
    });
}

function printImportReport(report: CsvImportReport): void {
  const verb = report.dryRun ? 'would be' : report.applied ? 'were' : 'would have been';
  printLine(
    `${report.rows} row(s): ${report.created} ${verb} created, ${report.updated} updated, ` +
      `${report.unchanged} unchanged, ${report.skipped} skipped.`,
  );
  for (const error of report.errors) {
    printLine(
      `  line ${error.line}${error.column ? ` (${error.column})` : ''}: ${error.message} [${error.code}]`,
    );
  }
  if (report.errorCount > report.errors.length) {
    printLine(`  … and ${report.errorCount - report.errors.length} more error(s)`);
  }
}
