import { rateLimitOption, runEmulatorCli, textOption, type CliIo } from '../shared/cli.ts';
import { startGustoEmulator, type GustoEmulatorOptions } from './server.ts';

export type { CliIo } from '../shared/cli.ts';

/**
 * `rollcall emulator gusto`: runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing the
 * URL, the company UUID and the access token. Resolves with an exit code (0 clean stop, 2 bad
 * arguments).
 */
export function runGustoEmulatorCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runEmulatorCli(
    {
      usage: `Usage: rollcall emulator gusto [options]

  --access-token T        bearer token to accept (default: a random 43-character token)
  --company-uuid UUID     company UUID in the paths (default: derived from the seed)
  --fixture PATH          serve this shared employee-list sample verbatim as page 1
  --lookups-fixture PATH  serve departments-locations.json verbatim for those two lists
  --no-overshare          send only what Gusto documents (no pay data, no home addresses)
  --rate-limit N          requests per rolling minute before 429 (default 200, 0 = off)`,
      options: {
        'access-token': { type: 'string' },
        'company-uuid': { type: 'string' },
        fixture: { type: 'string' },
        'lookups-fixture': { type: 'string' },
        'no-overshare': { type: 'boolean' },
        'rate-limit': { type: 'string' },
      },
      build(common, values): GustoEmulatorOptions {
        const companyUuid = textOption(values, 'company-uuid');
        if (
          companyUuid !== undefined &&
          !/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(companyUuid)
        ) {
          throw new Error('--company-uuid must be a UUID');
        }
        const accessToken = textOption(values, 'access-token');
        const fixture = textOption(values, 'fixture');
        const lookupsFixture = textOption(values, 'lookups-fixture');
        const requestsPerMinute = rateLimitOption(values, 'rate-limit');
        return {
          ...common,
          ...(accessToken ? { accessToken } : {}),
          ...(companyUuid ? { companyUuid } : {}),
          ...(fixture ? { fixture } : {}),
          ...(lookupsFixture ? { lookupsFixture } : {}),
          ...(requestsPerMinute !== undefined ? { requestsPerMinute } : {}),
          faults: values['no-overshare'] === true ? { overshare: false } : {},
        };
      },
      start: (options) => startGustoEmulator(options),
      banner: (emulator, options) => [
        `Gusto emulator listening on ${emulator.url}`,
        `  base URL:      ${emulator.url} (the connector appends /v1/...)`,
        `  company UUID:  ${emulator.companyUuid}`,
        `  access token:  ${emulator.accessToken}`,
        `  employees:     ${emulator.company.size} (seed ${emulator.company.options.seed}, today ${emulator.company.today})`,
        ...(options.faults?.overshare === false
          ? ['  payload:       as documented (no pay data, no home addresses)']
          : []),
        ...(options.fixture ? [`  fixture:       ${options.fixture}`] : []),
        ...(options.lookupsFixture ? [`  lookups:       ${options.lookupsFixture}`] : []),
      ],
    },
    argv,
    io,
  );
}
