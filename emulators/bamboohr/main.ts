import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startBambooHrEmulator, type BambooHrEmulatorOptions } from './server.ts';

const USAGE = `Usage: rollcall emulator bamboohr [options]

  --port N             port to listen on (default 0 = any free port)
  --host H             address to bind (default 127.0.0.1)
  --employees N        company size, every status included (default 250, max 200000)
  --seed S             generation seed (default 1)
  --today YYYY-MM-DD   reference date for hire/termination dates (default today)
  --domain D           company domain in /api/gateway.php/{D}/v1 (default acme)
  --api-key K          API key to accept (default: a random 40-hex key)
  --fixture PATH       serve this shared sample JSON verbatim for its endpoint
  --rate-limit-status  429 (default) or 503 (legacy throttling)
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

/**
 * Runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing the URL, company domain and
 * API key. Resolves with an exit code: 0 after a clean stop, 2 for bad arguments.
 */
export async function runBambooHrEmulatorCli(
  argv: readonly string[],
  io: CliIo = {},
): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let options: BambooHrEmulatorOptions;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        employees: { type: 'string' },
        seed: { type: 'string' },
        today: { type: 'string' },
        domain: { type: 'string' },
        'api-key': { type: 'string' },
        fixture: { type: 'string' },
        'rate-limit-status': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      stdout.write(USAGE);
      return 0;
    }
    const status = values['rate-limit-status'];
    if (status !== undefined && status !== '429' && status !== '503') {
      throw new Error('--rate-limit-status must be 429 or 503');
    }
    const size = integer(values.employees, 'employees');
    const seed = integer(values.seed, 'seed');
    const port = integer(values.port, 'port');
    options = {
      ...(port !== undefined ? { port } : {}),
      ...(values.host ? { host: values.host } : {}),
      ...(values.domain ? { companyDomain: values.domain } : {}),
      ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
      ...(values.fixture ? { fixture: values.fixture } : {}),
      ...(status ? { rateLimitStatus: status === '503' ? 503 : 429 } : {}),
      company: {
        ...(size !== undefined ? { size } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(values.today ? { today: values.today } : {}),
      },
    };
  } catch (error) {
    stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }

  let emulator;
  try {
    emulator = await startBambooHrEmulator(options);
  } catch (error) {
    stderr.write(
      `Could not start the emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  stdout.write(
    [
      `BambooHR emulator listening on ${emulator.url}`,
      `  base URL:       ${emulator.gatewayUrl}`,
      `  company domain: ${emulator.companyDomain}`,
      `  API key:        ${emulator.apiKey}`,
      `  employees:      ${emulator.company.size} (seed ${emulator.company.settings.seed}, today ${emulator.company.today})`,
      ...(options.fixture ? [`  fixture:        ${options.fixture}`] : []),
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
  process.exitCode = await runBambooHrEmulatorCli(process.argv.slice(2));
}
