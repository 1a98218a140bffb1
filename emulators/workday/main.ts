import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startWorkdayEmulator, type WorkdayEmulatorOptions } from './server.ts';

const USAGE = `Usage: rollcall emulator workday [options]

Serves SOAP Get_Workers (connector workday) and a RaaS report (connector workday-raas).

  --port N               port to listen on (default 0 = any free port)
  --host H               address to bind (default 127.0.0.1)
  --employees N          company size, every status included (default 250, max 200000)
  --seed S               generation seed (default 1)
  --today YYYY-MM-DD     reference date for start/termination dates (default today)
  --tenant T             tenant name (default acme)
  --username U           integration system user name (default ISU_Rollcall)
  --password P           its password (default: random)
  --report-owner O       custom report owner (default lmcneil)
  --report-name R        custom report name (default Rollcall_Workers)
  --fixture PATH         serve this shared sample verbatim (Get_Workers XML or RaaS JSON)
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

function parseOptions(argv: readonly string[]): WorkdayEmulatorOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      employees: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      tenant: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      'report-owner': { type: 'string' },
      'report-name': { type: 'string' },
      fixture: { type: 'string' },
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
    ...(values.tenant ? { tenant: values.tenant } : {}),
    ...(values.username ? { username: values.username } : {}),
    ...(values.password ? { password: values.password } : {}),
    ...(values['report-owner'] ? { reportOwner: values['report-owner'] } : {}),
    ...(values['report-name'] ? { reportName: values['report-name'] } : {}),
    ...(values.fixture ? { fixture: values.fixture } : {}),
    company: {
      ...(size !== undefined ? { size } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(values.today ? { today: values.today } : {}),
    },
  };
}

/**
 * Runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing the URL and credentials.
 * Resolves with an exit code: 0 after a clean stop, 2 for bad arguments.
 */
export async function runWorkdayEmulatorCli(
  argv: readonly string[],
  io: CliIo = {},
): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let options: WorkdayEmulatorOptions;
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
    emulator = await startWorkdayEmulator(options);
  } catch (error) {
    stderr.write(
      `Could not start the emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  const { company, tenant } = emulator;
  stdout.write(
    [
      `Workday emulator listening on ${emulator.url}`,
      `  base URL:   ${emulator.url}`,
      `  SOAP:       POST ${emulator.url}/ccx/service/${tenant}/Human_Resources/v44.0`,
      `  RaaS:       GET  ${emulator.url}/ccx/service/customreport2/${tenant}/${emulator.reportOwner}/${emulator.reportName}?format=json`,
      `  tenant:     ${tenant}`,
      `  username:   ${emulator.username} (SOAP: ${emulator.username}@${tenant})`,
      `  password:   ${emulator.password}`,
      `  employees:  ${company.size} (seed ${company.options.seed}, today ${company.today})`,
      ...(options.fixture ? [`  fixture:    ${options.fixture}`] : []),
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
  process.exitCode = await runWorkdayEmulatorCli(process.argv.slice(2));
}
