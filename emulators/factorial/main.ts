import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startFactorialEmulator, type FactorialEmulatorOptions } from './server.ts';

const USAGE = `Usage: rollcall emulator factorial [options]

  --port N               port to listen on (default 0 = any free port)
  --host H               address to bind (default 127.0.0.1)
  --employees N          company size, every status included (default 250, max 200000)
  --seed S               generation seed (default 1)
  --today YYYY-MM-DD     reference date for start/termination dates (default today)
  --api-key K            x-api-key to accept (default: random)
  --access-token T       OAuth bearer token to accept (default: random)
  --fixture PATH         serve this shared sample JSON verbatim as the first employees page
  --page-size N          page size cap below the documented 100
  --rate-limit N         requests per minute before 429 (default 0 = off; GET limits unpublished)
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

function parseOptions(argv: readonly string[]): FactorialEmulatorOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      employees: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      'api-key': { type: 'string' },
      'access-token': { type: 'string' },
      fixture: { type: 'string' },
      'page-size': { type: 'string' },
      'rate-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const size = integer(values.employees, 'employees');
  const seed = integer(values.seed, 'seed');
  const port = integer(values.port, 'port');
  const pageSize = integer(values['page-size'], 'page-size');
  const rateLimit = integer(values['rate-limit'], 'rate-limit');
  if (pageSize === 0) throw new Error('--page-size must be at least 1');
  return {
    ...(port !== undefined ? { port } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
    ...(values['access-token'] ? { accessToken: values['access-token'] } : {}),
    ...(values.fixture ? { fixture: values.fixture } : {}),
    ...(pageSize !== undefined ? { maxPageSize: pageSize } : {}),
    ...(rateLimit ? { requestsPerMinute: rateLimit } : {}),
    company: {
      ...(size !== undefined ? { size } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(values.today ? { today: values.today } : {}),
    },
  };
}

/**
 * Runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing the URL and the credentials.
 * Resolves with an exit code: 0 after a clean stop, 2 for bad arguments.
 */
export async function runFactorialEmulatorCli(
  argv: readonly string[],
  io: CliIo = {},
): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let options: FactorialEmulatorOptions;
  let emulator;
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
  try {
    emulator = await startFactorialEmulator(options);
  } catch (error) {
    stderr.write(
      `Could not start the emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  const { company } = emulator;
  stdout.write(
    [
      `Factorial emulator listening on ${emulator.url}`,
      `  base URL:     ${emulator.url} (the connector appends /api/<version>/resources/...)`,
      `  API key:      ${emulator.apiKey} (header x-api-key)`,
      `  access token: ${emulator.accessToken} (Authorization: Bearer)`,
      `  employees:    ${company.size} (seed ${company.options.seed}, today ${company.today})`,
      ...(options.fixture ? [`  fixture:      ${options.fixture}`] : []),
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
  process.exitCode = await runFactorialEmulatorCli(process.argv.slice(2));
}
