import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startCharlieHrEmulator, type CharlieHrEmulatorOptions } from './server.ts';

const USAGE = `Usage: rollcall emulator charliehr [options]

  --port N               port to listen on (default 0 = any free port)
  --host H               address to bind (default 127.0.0.1)
  --employees N          company size, every status included (default 250, max 200000)
  --seed S               generation seed (default 1)
  --today YYYY-MM-DD     reference date for start/termination dates (default today)
  --client-id ID         API client ID to accept (default: random)
  --client-secret S      API client secret to accept (default: random)
  --page-size N          default and max per_page (default 25, assumed)
  --absolute-next-url    meta.next_url as a full URL instead of a query string
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

function parseOptions(argv: readonly string[]): CharlieHrEmulatorOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      employees: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'page-size': { type: 'string' },
      'absolute-next-url': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const size = integer(values.employees, 'employees');
  const seed = integer(values.seed, 'seed');
  const port = integer(values.port, 'port');
  const pageSize = integer(values['page-size'], 'page-size');
  if (pageSize === 0) throw new Error('--page-size must be at least 1');
  return {
    ...(port !== undefined ? { port } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
    ...(values['client-secret'] ? { clientSecret: values['client-secret'] } : {}),
    ...(pageSize !== undefined ? { maxPerPage: pageSize } : {}),
    ...(values['absolute-next-url'] ? { nextUrlStyle: 'absolute' as const } : {}),
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
export async function runCharlieHrEmulatorCli(
  argv: readonly string[],
  io: CliIo = {},
): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let options: CharlieHrEmulatorOptions;
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
    emulator = await startCharlieHrEmulator(options);
  } catch (error) {
    stderr.write(
      `Could not start the emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  const { company } = emulator;
  stdout.write(
    [
      `CharlieHR emulator listening on ${emulator.url}`,
      `  base URL:      ${emulator.url} (the connector appends /api/v1/...)`,
      `  client ID:     ${emulator.clientId}`,
      `  client secret: ${emulator.clientSecret}`,
      `  employees:     ${company.size} (seed ${company.options.seed}, today ${company.today})`,
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
  process.exitCode = await runCharlieHrEmulatorCli(process.argv.slice(2));
}
