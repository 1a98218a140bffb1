import type { Command } from 'commander';
import { connectorCatalogue } from '../../connectors/catalogue.ts';
import { CommandFailed, printJson, printLine, printTable } from '../context.ts';

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
      // The field lists are long (Workday's element paths): the table counts them, --json and
      // `connectors show <id>` list them.
      printTable(
        ['ID', 'NAME', 'MATURITY', 'READS', 'NEVER ACCESSED', 'DOCS'],
        catalogue.map((c) => [
          c.id,
          c.name,
          c.maturity,
          `${c.requestedFields.length} fields (${c.fieldSelection === 'parse' ? 'filtered on read' : 'requested'})`,
          `${c.neverAccessed.length} categories`,
          c.docs,
        ]),
      );
    });
  connectors
    .command('show <id>')
    .description('one connector: every field it reads, the categories it never accesses, its hosts')
    .option('--json', 'print the declaration as JSON')
    .action((id: string, options: { json?: boolean }) => {
      const entry = connectorCatalogue().find((c) => c.id === id);
      if (!entry) {
        const known = connectorCatalogue()
          .map((c) => c.id)
          .join(', ');
        throw new CommandFailed(`Unknown connector "${id}". Known connectors: ${known}.`, 2);
      }
      if (options.json) return printJson(entry);
      const lines = [
        `${entry.name} (${entry.id}, ${entry.maturity})`,
        `Setup: ${entry.docs}`,
        `Hosts: ${entry.allowedHosts.join(', ')}`,
        `Rate limit: ${entry.rateLimit.description}`,
        entry.fieldSelection === 'parse'
          ? 'Reads only these fields; the API sends whole records and everything else is dropped while parsing:'
          : 'Requests exactly these fields:',
        ...entry.requestedFields.map((field) => `  ${field}`),
        `Fills: ${entry.providedFields.join(', ')}`,
        'Never accessed:',
        ...entry.neverAccessed.map((category) => `  ${category}`),
      ];
      for (const line of lines) printLine(line);
    });
}
