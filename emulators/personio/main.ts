import { rateLimitOption, runEmulatorCli, textOption, type CliIo } from '../shared/cli.ts';
import { startPersonioEmulator, type PersonioEmulatorOptions } from './server.ts';

export type { CliIo } from '../shared/cli.ts';

/**
 * `rollcall emulator personio`: runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing
 * the URL and the API credentials. Resolves with an exit code (0 clean stop, 2 bad arguments).
 */
export function runPersonioEmulatorCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runEmulatorCli(
    {
      usage: `Usage: rollcall emulator personio [options]

  --client-id ID         client ID to accept (default: papi-client-<random>)
  --client-secret S      client secret to accept (default: random)
  --fixture PATH         serve this shared v1 employee-list sample verbatim
  --rotate-tokens        one-time tokens: each answer carries the next token
  --rate-limit N         employee-list requests per minute before 429 (default 300, 0 = off)`,
      options: {
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        fixture: { type: 'string' },
        'rotate-tokens': { type: 'boolean' },
        'rate-limit': { type: 'string' },
      },
      build(common, values): PersonioEmulatorOptions {
        const clientId = textOption(values, 'client-id');
        const clientSecret = textOption(values, 'client-secret');
        const fixture = textOption(values, 'fixture');
        const employeesPerMinute = rateLimitOption(values, 'rate-limit');
        return {
          ...common,
          ...(clientId ? { clientId } : {}),
          ...(clientSecret ? { clientSecret } : {}),
          ...(fixture ? { fixture } : {}),
          ...(employeesPerMinute !== undefined ? { employeesPerMinute } : {}),
          faults: { ...(values['rotate-tokens'] === true ? { rotateTokens: true } : {}) },
        };
      },
      start: (options) => startPersonioEmulator(options),
      banner: (emulator, options) => [
        `Personio emulator listening on ${emulator.url}`,
        `  base URL:      ${emulator.url} (the connector appends /v1/...)`,
        `  client ID:     ${emulator.clientId}`,
        `  client secret: ${emulator.clientSecret}`,
        `  employees:     ${emulator.company.size} (seed ${emulator.company.options.seed}, today ${emulator.company.options.today})`,
        ...(options.faults?.rotateTokens
          ? ['  tokens:        one-time (rotated on every answer)']
          : []),
        ...(options.fixture ? [`  fixture:       ${options.fixture}`] : []),
      ],
    },
    argv,
    io,
  );
}
