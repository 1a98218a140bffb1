import { positiveIntegerOption, runEmulatorCli, textOption, type CliIo } from '../shared/cli.ts';
import { RIPPLING_PREFIX, startRipplingEmulator, type RipplingEmulatorOptions } from './server.ts';

export type { CliIo } from '../shared/cli.ts';

/**
 * `rollcall emulator rippling`: runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing
 * the URL and the API key. Resolves with an exit code (0 clean stop, 2 bad arguments).
 */
export function runRipplingEmulatorCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runEmulatorCli(
    {
      usage: `Usage: rollcall emulator rippling [options]

  --api-key KEY          bearer API key to accept (default: a random 40-character key)
  --fixture PATH         serve this shared V1 sample (employees, departments or work
                         locations array) verbatim for its list
  --hide FIELDS          comma-separated employee fields the key has no scope for
  --page-size N          largest page a limit may ask for (default 100)`,
      options: {
        'api-key': { type: 'string' },
        fixture: { type: 'string' },
        hide: { type: 'string' },
        'page-size': { type: 'string' },
      },
      build(common, values): RipplingEmulatorOptions {
        const apiKey = textOption(values, 'api-key');
        const fixture = textOption(values, 'fixture');
        const pageSize = positiveIntegerOption(values, 'page-size');
        const hidden = (textOption(values, 'hide') ?? '')
          .split(',')
          .map((f) => f.trim())
          .filter((f) => f !== '');
        return {
          ...common,
          ...(apiKey ? { apiKey } : {}),
          ...(fixture ? { fixture } : {}),
          ...(pageSize !== undefined ? { maxPageSize: pageSize } : {}),
          faults: hidden.length > 0 ? { hiddenFields: hidden } : {},
        };
      },
      start: (options) => startRipplingEmulator(options),
      banner: (emulator, options) => [
        `Rippling emulator listening on ${emulator.url}`,
        `  base URL:  ${emulator.url} (the API is under ${RIPPLING_PREFIX})`,
        `  API key:   ${emulator.apiKey}`,
        `  employees: ${emulator.company.size} (seed ${emulator.company.options.seed}, today ${emulator.company.options.today})`,
        ...(options.fixture ? [`  fixture:   ${options.fixture}`] : []),
      ],
    },
    argv,
    io,
  );
}
