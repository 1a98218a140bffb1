import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startGustoEmulator, type GustoEmulatorOptions } from './server.ts';

const USAGE = `Usage: rollcall emulator gusto [options]

  --port N                port to listen on (default 0 = any free port)
  --host H                address to bind (default 127.0.0.1)
  --employees N           company size, every status included (default 250, max 200000)
  --seed S                generation seed (default 1)
  --today YYYY-MM-DD      reference date for start/termination dates (default today)
  --access-token T        bearer token to accept (default: a random 43-character token)
  --company-uuid UUID     company UUID in the paths (default: derived from the seed)
  --fixture PATH          serve this shared employee-list sample verbatim as page 1
  --lookups-fixture PATH  serve departments-locations.json verbatim for those two lists
  --no-overshare          send only what Gusto documents (no pay data, no home addresses)
  --rate-limit N          requests per rolling minute before 429 (default 200, 0 = off)
`;

export interface CliIo {
  stdout?: { write(text: string): unknown };
  stderr?: { write(text: string): unknown };
  /** Stops the emulator (besides SIGINT/SIGTERM). */
  signal?: AbortSignal;
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a non-negative integer`);
  return Number(value);
}

function parseOptions(argv: readonly string[]): GustoEmulatorOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      employees: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      'access-token': { type: 'string' },
      'company-uuid': { type: 'string' },
      fixture: { type: 'string' },
      'lookups-fixture': { type: 'string' },
      'no-overshare': { type: 'boolean' },
      'rate-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const size = integer(values.employees, 'employees');
  const seed = integer(values.seed, 'seed');
  const port = integer(values.port, 'port');
  const rateLimit = integer(values['rate-limit'], 'rate-limit');
  const companyUuid = values['company-uuid'];
  if (
    companyUuid !== undefined &&
    !/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(companyUuid)
  ) {
    throw new Error('--company-uuid must be a UUID');
  }
  return {
    ...(port !== undefined ? { port } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(values['access-token'] ? { accessToken: values['access-token'] } : {}),
    ...(companyUuid ? { companyUuid } : {}),
    ...(values.fixture ? { fixture: values.fixture } : {}),
    ...(values['lookups-fixture'] ? { lookupsFixture: values['lookups-fixture'] } : {}),
    ...(rateLimit !== undefined
      ? { requestsPerMinute: rateLimit === 0 ? Number.POSITIVE_INFINITY : rateLimit }
      : {}),
    faults: values['no-overshare'] ? { overshare: false } : {},
    company: {
      ...(size !== undefined ? { size } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(values.today ? { today: values.today } : {}),
    },
  };
}

/**
 * Runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing the URL, the company UUID
 * and the access token. Resolves with an exit code: 0 after a clean stop, 2 for bad arguments.
 */
export async function runGustoEmulatorCli(
  argv: readonly string[],
  io: CliIo = {},
): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let options: GustoEmulatorOptions;
  try {
    const parsed = parseOptions(argv);
    if (parsed === 'help') {
      stdout.write(USAGE);
      return 0;
    }
    options = parsed;
  } catch (error) {
    stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }

  let emulator;
  try {
    emulator = await startGustoEmulator(options);
  } catch (error) {
    stderr.write(
      `Could not start the emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  const { company } = emulator;
  stdout.write(
    [
      `Gusto emulator listening on ${emulator.url}`,
      `  base URL:      ${emulator.url} (the connector appends /v1/...)`,
      `  company UUID:  ${emulator.companyUuid}`,
      `  access token:  ${emulator.accessToken}`,
      `  employees:     ${company.size} (seed ${company.options.seed}, today ${company.today})`,
      ...(options.faults?.overshare === false
        ? ['  payload:       as documented (no pay data, no home addresses)']
        : []),
      ...(options.fixture ? [`  fixture:       ${options.fixture}`] : []),
      ...(options.lookupsFixture ? [`  lookups:       ${options.lookupsFixture}`] : []),
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener('abort', stop);
  });
  await emulator.close();
  return 0;
}

// Run directly (`tsx emulators/<vendor>/main.ts`), not when bundled into dist/cli.js.
if (
  process.argv[1]?.endsWith('main.ts') &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  process.exitCode = await runGustoEmulatorCli(process.argv.slice(2));
}
