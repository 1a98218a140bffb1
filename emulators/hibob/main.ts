import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startHiBobEmulator, type HiBobEmulatorOptions } from './server.ts';

const USAGE = `Usage: rollcall emulator hibob [options]

  --port N               port to listen on (default 0 = any free port)
  --host H               address to bind (default 127.0.0.1)
  --employees N          company size, every status included (default 250, max 200000)
  --seed S               generation seed (default 1)
  --today YYYY-MM-DD     reference date for start/termination dates (default today)
  --service-user-id ID   service user ID to accept (default: SERVICE-<5 random digits>)
  --token T              token to accept (default: a random 32-character token)
  --fixture PATH         serve this shared sample JSON verbatim for its endpoint
  --no-inactive-access   the service user cannot see inactive people (leavers, people on leave)
  --list-ids             answer department, title and employment type as list item ids
  --rate-limit N         people-search requests per minute before 429 (default 50, 0 = off)
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

function parseOptions(argv: readonly string[]): HiBobEmulatorOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      employees: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      'service-user-id': { type: 'string' },
      token: { type: 'string' },
      fixture: { type: 'string' },
      'no-inactive-access': { type: 'boolean' },
      'list-ids': { type: 'boolean' },
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
  return {
    ...(port !== undefined ? { port } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(values['service-user-id'] ? { serviceUserId: values['service-user-id'] } : {}),
    ...(values.token ? { token: values.token } : {}),
    ...(values.fixture ? { fixture: values.fixture } : {}),
    ...(rateLimit !== undefined
      ? { peopleSearchPerMinute: rateLimit === 0 ? Number.POSITIVE_INFINITY : rateLimit }
      : {}),
    faults: {
      ...(values['no-inactive-access'] ? { accessToInactive: false } : {}),
      ...(values['list-ids'] ? { listValuesAsIds: true } : {}),
    },
    company: {
      ...(size !== undefined ? { size } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(values.today ? { today: values.today } : {}),
    },
  };
}

/**
 * Runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing the URL and the service user
 * credentials. Resolves with an exit code: 0 after a clean stop, 2 for bad arguments.
 */
export async function runHiBobEmulatorCli(
  argv: readonly string[],
  io: CliIo = {},
): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let options: HiBobEmulatorOptions;
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
    emulator = await startHiBobEmulator(options);
  } catch (error) {
    stderr.write(
      `Could not start the emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  const { company } = emulator;
  stdout.write(
    [
      `HiBob emulator listening on ${emulator.url}`,
      `  base URL:        ${emulator.url} (the connector appends /v1/...)`,
      `  service user ID: ${emulator.serviceUserId}`,
      `  token:           ${emulator.token}`,
      `  employees:       ${company.size} (seed ${company.settings.seed}, today ${company.today})`,
      ...(options.faults?.accessToInactive === false
        ? ['  inactive people: hidden (service user without access to inactive employees)']
        : []),
      ...(options.fixture ? [`  fixture:         ${options.fixture}`] : []),
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
  process.exitCode = await runHiBobEmulatorCli(process.argv.slice(2));
}
