import type { Command } from 'commander';
import { runBambooHrEmulatorCli } from '../../../emulators/bamboohr/main.ts';
import { runHiBobEmulatorCli } from '../../../emulators/hibob/main.ts';
import { runScimEmulatorCli } from '../../../emulators/scim/main.ts';
import { runPersonioEmulatorCli } from '../../../emulators/personio/main.ts';
import { runGustoEmulatorCli } from '../../../emulators/gusto/main.ts';
import { runSageHrEmulatorCli } from '../../../emulators/sage-hr/main.ts';
import { runNamelyEmulatorCli } from '../../../emulators/namely/main.ts';
import { runRipplingEmulatorCli } from '../../../emulators/rippling/main.ts';
import { runDeelEmulatorCli } from '../../../emulators/deel/main.ts';
import { runWorkdayEmulatorCli } from '../../../emulators/workday/main.ts';
import { runCsvSftpEmulatorCli } from '../../../emulators/csv-sftp/main.ts';
import { runFactorialEmulatorCli } from '../../../emulators/factorial/main.ts';
import { runCharlieHrEmulatorCli } from '../../../emulators/charliehr/main.ts';
import { CommandFailed } from '../context.ts';

/** Every emulator `rollcall emulator <vendor>` runs, by connector id (STYLE: an explicit list). */
export const EMULATORS: Readonly<Record<string, (argv: readonly string[]) => Promise<number>>> = {
  bamboohr: (argv) => runBambooHrEmulatorCli(argv),
  hibob: (argv) => runHiBobEmulatorCli(argv),
  scim: (argv) => runScimEmulatorCli(argv),
  personio: (argv) => runPersonioEmulatorCli(argv),
  gusto: (argv) => runGustoEmulatorCli(argv),
  'sage-hr': (argv) => runSageHrEmulatorCli(argv),
  namely: (argv) => runNamelyEmulatorCli(argv),
  rippling: (argv) => runRipplingEmulatorCli(argv),
  deel: (argv) => runDeelEmulatorCli(argv),
  workday: (argv) => runWorkdayEmulatorCli(argv),
  factorial: (argv) => runFactorialEmulatorCli(argv),
  charliehr: (argv) => runCharlieHrEmulatorCli(argv),
  'csv-sftp': (argv) => runCsvSftpEmulatorCli(argv),
};

export function registerEmulatorCommand(program: Command): void {
  program
    .command('emulator <vendor> [options...]')
    .description(
      `run an HRIS API emulator standalone (${Object.keys(EMULATORS).join(', ')}); --help after the vendor for its options`,
    )
    .allowUnknownOption()
    .helpOption(false)
    .action(async (vendor: string, args: string[]) => {
      const run = EMULATORS[vendor];
      if (!run)
        throw new CommandFailed(
          `no emulator for "${vendor}" (have: ${Object.keys(EMULATORS).join(', ')})`,
          2,
        );
      const code = await run(args);
      if (code !== 0) throw new CommandFailed(`emulator ${vendor} exited with ${code}`, code);
    });
}
