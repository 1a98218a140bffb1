import { rateLimitOption, runEmulatorCli, textOption, type CliIo } from '../shared/cli.ts';
import { startHiBobEmulator, type HiBobEmulatorOptions } from './server.ts';

export type { CliIo } from '../shared/cli.ts';

/**
 * `rollcall emulator hibob`: runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing the
 * URL and the service user credentials. Resolves with an exit code (0 clean stop, 2 bad arguments).
 */
export function runHiBobEmulatorCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runEmulatorCli(
    {
      usage: `Usage: rollcall emulator hibob [options]

  --service-user-id ID   service user ID to accept (default: SERVICE-<5 random digits>)
  --token T              token to accept (default: a random 32-character token)
  --fixture PATH         serve this shared sample JSON verbatim for its endpoint
  --no-inactive-access   the service user cannot see inactive people (leavers, people on leave)
  --list-ids             answer department, title and employment type as list item ids
  --rate-limit N         people-search requests per minute before 429 (default 50, 0 = off)`,
      options: {
        'service-user-id': { type: 'string' },
        token: { type: 'string' },
        fixture: { type: 'string' },
        'no-inactive-access': { type: 'boolean' },
        'list-ids': { type: 'boolean' },
        'rate-limit': { type: 'string' },
      },
      build(common, values): HiBobEmulatorOptions {
        const serviceUserId = textOption(values, 'service-user-id');
        const token = textOption(values, 'token');
        const fixture = textOption(values, 'fixture');
        const peopleSearchPerMinute = rateLimitOption(values, 'rate-limit');
        return {
          ...common,
          ...(serviceUserId ? { serviceUserId } : {}),
          ...(token ? { token } : {}),
          ...(fixture ? { fixture } : {}),
          ...(peopleSearchPerMinute !== undefined ? { peopleSearchPerMinute } : {}),
          faults: {
            ...(values['no-inactive-access'] === true ? { accessToInactive: false } : {}),
            ...(values['list-ids'] === true ? { listValuesAsIds: true } : {}),
          },
        };
      },
      start: (options) => startHiBobEmulator(options),
      banner: (emulator, options) => [
        `HiBob emulator listening on ${emulator.url}`,
        `  base URL:        ${emulator.url} (the connector appends /v1/...)`,
        `  service user ID: ${emulator.serviceUserId}`,
        `  token:           ${emulator.token}`,
        `  employees:       ${emulator.company.size} (seed ${emulator.company.settings.seed}, today ${emulator.company.today})`,
        ...(options.faults?.accessToInactive === false
          ? ['  inactive people: hidden (service user without access to inactive employees)']
          : []),
        ...(options.fixture ? [`  fixture:         ${options.fixture}`] : []),
      ],
    },
    argv,
    io,
  );
}
