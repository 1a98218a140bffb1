import { listOption, runEmulatorCli, textOption, type CliIo } from '../shared/cli.ts';
import { startSageHrEmulator, type SageHrEmulatorOptions } from './server.ts';

export type { CliIo } from '../shared/cli.ts';

/**
 * `rollcall emulator sage-hr`: runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing
 * the URL and the API key. Resolves with an exit code (0 clean stop, 2 bad arguments).
 */
export function runSageHrEmulatorCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runEmulatorCli(
    {
      usage: `Usage: rollcall emulator sage-hr [options]

  --api-key K            X-Auth-Token to accept (default: 40 random hex characters)
  --fixture PATH         serve this shared sample (employees_list…, terminated_employees_list…,
                         positions_list…, teams_list…) verbatim as page 1 of its list; repeatable
  --ids-only             answer position and team as null beside their ids (like a real tenant)`,
      options: {
        'api-key': { type: 'string' },
        fixture: { type: 'string', multiple: true },
        'ids-only': { type: 'boolean' },
      },
      build(common, values): SageHrEmulatorOptions {
        const apiKey = textOption(values, 'api-key');
        const fixture = listOption(values, 'fixture');
        return {
          ...common,
          ...(apiKey ? { apiKey } : {}),
          ...(fixture.length > 0 ? { fixture } : {}),
          faults: values['ids-only'] === true ? { namesAsIdsOnly: true } : {},
        };
      },
      start: (options) => startSageHrEmulator(options),
      banner: (emulator, options) => [
        `Sage HR emulator listening on ${emulator.url}`,
        `  base URL:   ${emulator.url} (the connector appends /api/...)`,
        `  API key:    ${emulator.apiKey} (header X-Auth-Token)`,
        `  employees:  ${emulator.company.size} (seed ${emulator.company.options.seed}, today ${emulator.company.today})`,
        ...(options.fixture === undefined ? [] : [options.fixture].flat()).map(
          (path) => `  fixture:    ${path}`,
        ),
      ],
    },
    argv,
    io,
  );
}
