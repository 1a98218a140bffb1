import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEEL_PREFIX, startDeelEmulator, type DeelEmulatorOptions } from './server.ts';

const USAGE = `Usage: rollcall emulator deel [options]

  --port N               port to listen on (default 0 = any free port)
  --host H               address to bind (default 127.0.0.1)
  --employees N          company size, every status included (default 250, max 200000)
  --seed S               generation seed (default 1)
  --today YYYY-MM-DD     reference date for start/end dates (default today)
  --api-token T          bearer API token to accept (default: a random 40-character token)
  --fixture PATH         serve this shared sample ({data: [...]} of people, departments or
                         working locations) verbatim for its list
  --rate-limit N         requests per rolling second before 429 (default 5, 0 = off)
  --no-page              leave the page envelope out of people lists
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

function parseOptions(argv: readonly string[]): DeelEmulatorOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      employees: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      'api-token': { type: 'string' },
      fixture: { type: 'string' },
      'rate-limit': { type: 'string' },
      'no-page': { type: 'boolean' },
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
    ...(values['api-token'] ? { apiToken: values['api-token'] } : {}),
    ...(values.fixture ? { fixture: values.fixture } : {}),
    ...(rateLimit !== undefined
      ? { requestsPerSecond: rateLimit === 0 ? Number.POSITIVE_INFINITY : rateLimit }
      : {}),
    faults: values['no-page'] ? { omitPage: true } : {},
    company: {
      ...(size !== undefined ? { size } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(values.today ? { today: values.today } : {}),
    },
  };
}

/**
 * Runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing the URL and the API token.
 * Resolves with an exit code: 0 after a clean stop, 2 for bad arguments.
 */
export async function runDeelEmulatorCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let options: DeelEmulatorOptions;
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
    emulator = await startDeelEmulator(options);
  } catch (error) {
    stderr.write(
      `Could not start the emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  const { company } = emulator;
  const { seed, today } = company.options;
  stdout.write(
    [
      `Deel emulator listening on ${emulator.url}`,
      `  base URL:  ${emulator.url} (the API is under ${DEEL_PREFIX})`,
      `  API token: ${emulator.apiToken}`,
      `  employees: ${company.size} (seed ${seed}, today ${today})`,
      ...(options.fixture ? [`  fixture:   ${options.fixture}`] : []),
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
  process.exitCode = await runDeelEmulatorCli(process.argv.slice(2));
}
