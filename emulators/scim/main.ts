import { integerOption, runEmulatorCli, textOption, type CliIo } from '../shared/cli.ts';
import { startScimEmulator, type ScimEmulatorOptions } from './server.ts';

export type { CliIo } from '../shared/cli.ts';

/**
 * `rollcall emulator scim`: runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing the
 * URL and the credentials. Resolves with an exit code (0 clean stop, 2 bad arguments).
 */
export function runScimEmulatorCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runEmulatorCli(
    {
      usage: `Usage: rollcall emulator scim [options]

  --base-path P          SCIM service root path (default /scim/v2)
  --token T              bearer token to accept (default: random)
  --username U           Basic username to accept (default: rollcall)
  --password P           Basic password to accept (default: random)
  --max-results N        page cap: larger counts get N users (default 100)
  --hard-deprovision     leavers are deleted instead of listed with active: false
  --fixture PATH         serve this shared ListResponse sample verbatim for GET /Users`,
      options: {
        'base-path': { type: 'string' },
        token: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        'max-results': { type: 'string' },
        'hard-deprovision': { type: 'boolean' },
        fixture: { type: 'string' },
      },
      build(common, values): ScimEmulatorOptions {
        const maxResults = integerOption(textOption(values, 'max-results'), 'max-results');
        const basePath = textOption(values, 'base-path');
        if (basePath !== undefined && !basePath.startsWith('/')) {
          throw new Error('--base-path must start with /');
        }
        const token = textOption(values, 'token');
        const username = textOption(values, 'username');
        const password = textOption(values, 'password');
        const fixture = textOption(values, 'fixture');
        return {
          ...common,
          ...(basePath ? { basePath } : {}),
          ...(token ? { token } : {}),
          ...(username ? { username } : {}),
          ...(password ? { password } : {}),
          ...(maxResults ? { maxResults } : {}),
          ...(fixture ? { fixture } : {}),
          faults: values['hard-deprovision'] === true ? { deprovision: 'hard' } : {},
        };
      },
      start: (options) => startScimEmulator(options),
      banner: (emulator, options) => [
        `SCIM 2.0 emulator listening on ${emulator.url}`,
        `  base URL:   ${emulator.url}`,
        `  base path:  ${emulator.basePath} (users at ${emulator.url}${emulator.basePath}/Users)`,
        `  token:      ${emulator.token} (Authorization: Bearer)`,
        `  basic auth: ${emulator.username} / ${emulator.password}`,
        `  employees:  ${emulator.company.size} (seed ${emulator.company.options.seed}, today ${emulator.company.today})`,
        ...(options.faults?.deprovision === 'hard' ? ['  leavers:    deleted (hard)'] : []),
        ...(options.fixture ? [`  fixture:    ${options.fixture}`] : []),
      ],
    },
    argv,
    io,
  );
}
