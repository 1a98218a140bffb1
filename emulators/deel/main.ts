import { rateLimitOption, runEmulatorCli, textOption, type CliIo } from '../shared/cli.ts';
import { DEEL_PREFIX, startDeelEmulator, type DeelEmulatorOptions } from './server.ts';

export type { CliIo } from '../shared/cli.ts';

/**
 * `rollcall emulator deel`: runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing the
 * URL and the API token. Resolves with an exit code (0 clean stop, 2 bad arguments).
 */
export function runDeelEmulatorCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runEmulatorCli(
    {
      usage: `Usage: rollcall emulator deel [options]

  --api-token T          bearer API token to accept (default: a random 40-character token)
  --fixture PATH         serve this shared sample ({data: [...]} of people, departments or
                         working locations) verbatim for its list
  --rate-limit N         requests per rolling second before 429 (default 5, 0 = off)
  --no-page              leave the page envelope out of people lists`,
      options: {
        'api-token': { type: 'string' },
        fixture: { type: 'string' },
        'rate-limit': { type: 'string' },
        'no-page': { type: 'boolean' },
      },
      build(common, values): DeelEmulatorOptions {
        const apiToken = textOption(values, 'api-token');
        const fixture = textOption(values, 'fixture');
        const requestsPerSecond = rateLimitOption(values, 'rate-limit');
        return {
          ...common,
          ...(apiToken ? { apiToken } : {}),
          ...(fixture ? { fixture } : {}),
          ...(requestsPerSecond !== undefined ? { requestsPerSecond } : {}),
          faults: values['no-page'] === true ? { omitPage: true } : {},
        };
      },
      start: (options) => startDeelEmulator(options),
      banner: (emulator, options) => [
        `Deel emulator listening on ${emulator.url}`,
        `  base URL:  ${emulator.url} (the API is under ${DEEL_PREFIX})`,
        `  API token: ${emulator.apiToken}`,
        `  employees: ${emulator.company.size} (seed ${emulator.company.options.seed}, today ${emulator.company.options.today})`,
        ...(options.fixture ? [`  fixture:   ${options.fixture}`] : []),
      ],
    },
    argv,
    io,
  );
}
