import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startSageHrEmulator, type SageHrEmulatorOptions } from './server.ts';

const USAGE = `Usage: rollcall emulator sage-hr [options]

  --port N               port to listen on (default 0 = any free port)
  --host H               address to bind (default 127.0.0.1)
  --employees N          company size, every status included (default 250, max 200000)
  --seed S               generation seed (default 1)
  --today YYYY-MM-DD     reference date for start/termination dates (default today)
  --api-key K            X-Auth-Token to accept (default: 40 random hex characters)
  --fixture PATH         serve this shared sample (employees_list…, terminated_employees_list…,
                         positions_list…, teams_list…) verbatim as page 1 of its list; repeatable
  --ids-only             answer position and team as null beside their ids (like a real tenant)
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

function parseOptions(argv: readonly string[]): SageHrEmulatorOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      employees: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      'api-key': { type: 'string' },
      fixture: { type: 'string', multiple: true },
      'ids-only': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const size = integer(values.employees, 'employees');
  const seed = integer(values.seed, 'seed');
  const port = integer(values.port, 'port');
  return {
    ...(port !== undefined ? { port } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
    ...(values.fixture && values.fixture.length > 0 ? { fixture: values.fixture } : {}),
    faults: values['ids-only'] ? { namesAsIdsOnly: true } : {},
    company: {
      ...(size !== undefined ? { size } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(values.today ? { today: values.today } : {}),
    },
  };
}

/**
 * Runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing the URL and the API key.
 * Resolves with an exit code: 0 after a clean stop, 2 for bad arguments.
 */
export async function runSageHrEmulatorCli(
  argv: readonly string[],
  io: CliIo = {},
): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let options: SageHrEmulatorOptions;
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
    emulator = await startSageHrEmulator(options);
  } catch (error) {
    stderr.write(
      `Could not start the emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  const { company } = emulator;
  const fixtures = options.fixture === undefined ? [] : [options.fixture].flat();
  stdout.write(
    [
      `Sage HR emulator listening on ${emulator.url}`,
      `  base URL:   ${emulator.url} (the connector appends /api/...)`,
      `  API key:    ${emulator.apiKey} (header X-Auth-Token)`,
      `  employees:  ${company.size} (seed ${company.options.seed}, today ${company.today})`,
      ...fixtures.map((path) => `  fixture:    ${path}`),
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
  process.exitCode = await runSageHrEmulatorCli(process.argv.slice(2));
}
