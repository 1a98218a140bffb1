import type { Command } from 'commander';
import { connectorCatalogue } from '../../connectors/catalogue.ts';
import { printJson, printTable } from '../context.ts';

export function registerConnectorCommands(program: Command): void {
  const connectors = program
    .command('connectors')
    .description('the HRIS connectors Rollcall ships');
  connectors
    .command('list')
    .description('every connector with the fields it reads and never accesses')
    .option('--json', 'print a JSON array (the data behind the verification screen)')
    .action((options: { json?: boolean }) => {
      const catalogue = connectorCatalogue();
      if (options.json) return printJson(catalogue);
      printTable(
        ['ID', 'NAME', 'MATURITY', 'READS', 'NEVER ACCESSES', 'DOCS'],
        catalogue.map((c) => [
          c.id,
          c.name,
          c.maturity,
          c.requestedFields.join(','),
          c.neverAccessed.join(','),
          c.docs,
        ]),
      );
    });
}
