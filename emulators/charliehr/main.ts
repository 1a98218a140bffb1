import { positiveIntegerOption, runEmulatorCli, textOption, type CliIo } from '../shared/cli.ts';
import { startCharlieHrEmulator, type CharlieHrEmulatorOptions } from './server.ts';

export type { CliIo } from '../shared/cli.ts';

/**
 * `rollcall emulator charliehr`: runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing
 * the URL and the credentials. Resolves with an exit code (0 clean stop, 2 bad arguments).
 */
export function runCharlieHrEmulatorCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runEmulatorCli(
    {
      usage: `Usage: rollcall emulator charliehr [options]

  --client-id ID         API client ID to accept (default: random)
  --client-secret S      API client secret to accept (default: random)
  --page-size N          default and max per_page (default 25, assumed)
  --absolute-next-url    meta.next_url as a full URL instead of a query string`,
      options: {
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        'page-size': { type: 'string' },
        'absolute-next-url': { type: 'boolean' },
      },
      build(common, values): CharlieHrEmulatorOptions {
        const clientId = textOption(values, 'client-id');
        const clientSecret = textOption(values, 'client-secret');
        const pageSize = positiveIntegerOption(values, 'page-size');
        return {
          ...common,
          ...(clientId ? { clientId } : {}),
          ...(clientSecret ? { clientSecret } : {}),
          ...(pageSize !== undefined ? { maxPerPage: pageSize } : {}),
          ...(values['absolute-next-url'] === true ? { nextUrlStyle: 'absolute' as const } : {}),
        };
      },
      start: (options) => startCharlieHrEmulator(options),
      banner: (emulator) => [
        `CharlieHR emulator listening on ${emulator.url}`,
        `  base URL:      ${emulator.url} (the connector appends /api/v1/...)`,
        `  client ID:     ${emulator.clientId}`,
        `  client secret: ${emulator.clientSecret}`,
        `  employees:     ${emulator.company.size} (seed ${emulator.company.options.seed}, today ${emulator.company.today})`,
      ],
    },
    argv,
    io,
  );
}
