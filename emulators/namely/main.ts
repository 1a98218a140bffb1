import { rateLimitOption, runEmulatorCli, textOption, type CliIo } from '../shared/cli.ts';
import { startNamelyEmulator, type NamelyEmulatorOptions } from './server.ts';

export type { CliIo } from '../shared/cli.ts';

/**
 * `rollcall emulator namely`: runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing the
 * URL and the token. Resolves with an exit code (0 clean stop, 2 bad arguments).
 */
export function runNamelyEmulatorCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runEmulatorCli(
    {
      usage: `Usage: rollcall emulator namely [options]

  --token T              bearer token (personal access token) to accept (default: random)
  --fixture PATH         serve this shared profiles page verbatim as page 1
  --rate-limit N         profile requests per minute before 406 (default 100, 0 = off)`,
      options: {
        token: { type: 'string' },
        fixture: { type: 'string' },
        'rate-limit': { type: 'string' },
      },
      build(common, values): NamelyEmulatorOptions {
        const token = textOption(values, 'token');
        const fixture = textOption(values, 'fixture');
        const profilesPerMinute = rateLimitOption(values, 'rate-limit');
        return {
          ...common,
          ...(token ? { token } : {}),
          ...(fixture ? { fixture } : {}),
          ...(profilesPerMinute !== undefined ? { profilesPerMinute } : {}),
        };
      },
      start: (options) => startNamelyEmulator(options),
      banner: (emulator, options) => [
        `Namely emulator listening on ${emulator.url}`,
        `  base URL:   ${emulator.url} (the connector appends /api/v1/...)`,
        `  token:      ${emulator.token} (Authorization: Bearer)`,
        `  employees:  ${emulator.company.size} (seed ${emulator.company.options.seed}, today ${emulator.company.today})`,
        ...(options.fixture ? [`  fixture:    ${options.fixture}`] : []),
      ],
    },
    argv,
    io,
  );
}
