import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startCsvSftpEmulator, type CsvSftpEmulatorOptions } from './server.ts';

const USAGE = `Usage: rollcall emulator csv-sftp [options]

  --port N               port to listen on (default 0 = any free port)
  --host H               address to bind (default 127.0.0.1)
  --employees N          company size, every status included (default 250, max 200000)
  --seed S               generation seed (default 1)
  --today YYYY-MM-DD     reference date for start dates and statuses (default today)
  --username U           SFTP user to accept (default rollcall)
  --password P           password to accept (default: a random one)
  --public-key PATH      also accept this OpenSSH public key (e.g. ~/.ssh/id_ed25519.pub)
  --directory D          drop directory (default /outbound)
  --file PATH            serve this CSV file (repeatable) instead of the generated company
  --no-sensitive         leave the sensitive columns (salary, ssn, …) out of the generated file
  --latency MS           delay every SFTP answer by MS milliseconds
  --refuse-logins        refuse every login, even with valid credentials
  --truncate-at BYTES    end every read at BYTES while the file keeps its size (a dropped transfer)
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

async function parseOptions(argv: readonly string[]): Promise<CsvSftpEmulatorOptions | 'help'> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      employees: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      'public-key': { type: 'string' },
      directory: { type: 'string' },
      file: { type: 'string', multiple: true },
      'no-sensitive': { type: 'boolean' },
      latency: { type: 'string' },
      'refuse-logins': { type: 'boolean' },
      'truncate-at': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const size = integer(values.employees, 'employees');
  const seed = integer(values.seed, 'seed');
  const port = integer(values.port, 'port');
  const latencyMs = integer(values.latency, 'latency');
  const truncateReadsAt = integer(values['truncate-at'], 'truncate-at');
  const files = await Promise.all(
    (values.file ?? []).map(async (path) => ({
      name: basename(path),
      content: await readFile(path),
    })),
  );
  return {
    ...(port !== undefined ? { port } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(values.username ? { username: values.username } : {}),
    ...(values.password ? { password: values.password } : {}),
    ...(values['public-key'] ? { publicKey: await readFile(values['public-key'], 'utf8') } : {}),
    ...(values.directory ? { directory: values.directory } : {}),
    ...(files.length > 0 ? { files } : {}),
    ...(values['no-sensitive'] ? { render: { sensitive: false } } : {}),
    faults: {
      ...(latencyMs !== undefined ? { latencyMs } : {}),
      ...(values['refuse-logins'] ? { refuseLogins: true } : {}),
      ...(truncateReadsAt !== undefined ? { truncateReadsAt } : {}),
    },
    company: {
      ...(size !== undefined ? { size } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(values.today ? { today: values.today } : {}),
    },
  };
}

/**
 * Runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing the URL, the credentials and
 * the host key fingerprint. Resolves with an exit code: 0 after a clean stop, 2 for bad arguments.
 */
export async function runCsvSftpEmulatorCli(
  argv: readonly string[],
  io: CliIo = {},
): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let options: CsvSftpEmulatorOptions;
  try {
    const parsed = await parseOptions(argv);
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
    emulator = await startCsvSftpEmulator(options);
  } catch (error) {
    stderr.write(
      `Could not start the emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  const { company } = emulator;
  stdout.write(
    [
      `CSV over SFTP emulator listening on ${emulator.url}`,
      `  host key:   ${emulator.hostKeySha256}`,
      `  username:   ${emulator.username}`,
      ...(emulator.password !== null ? [`  password:   ${emulator.password}`] : []),
      ...(options.publicKey ? ['  public key: accepted'] : []),
      `  directory:  ${emulator.directory}`,
      options.files
        ? `  files:      ${options.files.map((f) => f.name).join(', ')}`
        : `  employees:  ${company.size} (seed ${company.options.seed}, today ${company.today})`,
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
  process.exitCode = await runCsvSftpEmulatorCli(process.argv.slice(2));
}
