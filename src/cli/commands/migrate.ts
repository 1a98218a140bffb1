import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { migrateToLatest, openStore } from '../../db/database.ts';
import { printJson, printLine } from '../context.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (start and every command also do this)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const config = loadConfig();
      const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const applied = await migrateToLatest(store);
        if (options.json) printJson({ store: store.dialect, location: store.location, applied });
        else if (applied.length === 0)
          printLine(`Up to date (${store.dialect}: ${store.location}).`);
        else
          printLine(
            `Applied ${applied.length} migration(s) on ${store.dialect}: ${applied.join(', ')}`,
          );
      } finally {
        await store.close();
      }
    });
}
