import {
  integerOption,
  positiveIntegerOption,
  runEmulatorCli,
  textOption,
  type CliIo,
} from '../shared/cli.ts';
import { startFactorialEmulator, type FactorialEmulatorOptions } from './server.ts';

export type { CliIo } from '../shared/cli.ts';

/**
 * `rollcall emulator factorial`: runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing
 * the URL and the credentials. Resolves with an exit code (0 clean stop, 2 bad arguments).
 */
export function runFactorialEmulatorCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runEmulatorCli(
    {
      usage: `Usage: rollcall emulator factorial [options]

  --api-key K            x-api-key to accept (default: random)
  --access-token T       OAuth bearer token to accept (default: random)
  --fixture PATH         serve this shared sample JSON verbatim as the first employees page
  --page-size N          page size cap below the documented 100
  --rate-limit N         requests per minute before 429 (default 0 = off; GET limits unpublished)`,
      options: {
        'api-key': { type: 'string' },
        'access-token': { type: 'string' },
        fixture: { type: 'string' },
        'page-size': { type: 'string' },
        'rate-limit': { type: 'string' },
      },
      build(common, values): FactorialEmulatorOptions {
        const apiKey = textOption(values, 'api-key');
        const accessToken = textOption(values, 'access-token');
        const fixture = textOption(values, 'fixture');
        const pageSize = positiveIntegerOption(values, 'page-size');
        // Off unless asked for: Factorial publishes no GET limit.
        const rateLimit = integerOption(textOption(values, 'rate-limit'), 'rate-limit');
        return {
          ...common,
          ...(apiKey ? { apiKey } : {}),
          ...(accessToken ? { accessToken } : {}),
          ...(fixture ? { fixture } : {}),
          ...(pageSize !== undefined ? { maxPageSize: pageSize } : {}),
          ...(rateLimit ? { requestsPerMinute: rateLimit } : {}),
        };
      },
      start: (options) => startFactorialEmulator(options),
      banner: (emulator, options) => [
        `Factorial emulator listening on ${emulator.url}`,
        `  base URL:     ${emulator.url} (the connector appends /api/<version>/resources/...)`,
        `  API key:      ${emulator.apiKey} (header x-api-key)`,
        `  access token: ${emulator.accessToken} (Authorization: Bearer)`,
        `  employees:    ${emulator.company.size} (seed ${emulator.company.options.seed}, today ${emulator.company.today})`,
        ...(options.fixture ? [`  fixture:      ${options.fixture}`] : []),
      ],
    },
    argv,
    io,
  );
}
