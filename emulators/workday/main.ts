import { runEmulatorCli, textOption, type CliIo } from '../shared/cli.ts';
import { startWorkdayEmulator, type WorkdayEmulatorOptions } from './server.ts';

export type { CliIo } from '../shared/cli.ts';

/**
 * `rollcall emulator workday`: runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing
 * the URL and the credentials. Resolves with an exit code (0 clean stop, 2 bad arguments).
 */
export function runWorkdayEmulatorCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runEmulatorCli(
    {
      usage: `Usage: rollcall emulator workday [options]

Serves SOAP Get_Workers (connector workday) and a RaaS report (connector workday-raas).

  --tenant T             tenant name (default acme)
  --username U           integration system user name (default ISU_Rollcall)
  --password P           its password (default: random)
  --report-owner O       custom report owner (default lmcneil)
  --report-name R        custom report name (default Rollcall_Workers)
  --fixture PATH         serve this shared sample verbatim (Get_Workers XML or RaaS JSON)`,
      options: {
        tenant: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        'report-owner': { type: 'string' },
        'report-name': { type: 'string' },
        fixture: { type: 'string' },
      },
      build(common, values): WorkdayEmulatorOptions {
        const tenant = textOption(values, 'tenant');
        const username = textOption(values, 'username');
        const password = textOption(values, 'password');
        const reportOwner = textOption(values, 'report-owner');
        const reportName = textOption(values, 'report-name');
        const fixture = textOption(values, 'fixture');
        return {
          ...common,
          ...(tenant ? { tenant } : {}),
          ...(username ? { username } : {}),
          ...(password ? { password } : {}),
          ...(reportOwner ? { reportOwner } : {}),
          ...(reportName ? { reportName } : {}),
          ...(fixture ? { fixture } : {}),
        };
      },
      start: (options) => startWorkdayEmulator(options),
      banner: (emulator, options) => {
        const { tenant } = emulator;
        return [
          `Workday emulator listening on ${emulator.url}`,
          `  base URL:   ${emulator.url}`,
          `  SOAP:       POST ${emulator.url}/ccx/service/${tenant}/Human_Resources/v44.0`,
          `  RaaS:       GET  ${emulator.url}/ccx/service/customreport2/${tenant}/${emulator.reportOwner}/${emulator.reportName}?format=json`,
          `  tenant:     ${tenant}`,
          `  username:   ${emulator.username} (SOAP: ${emulator.username}@${tenant})`,
          `  password:   ${emulator.password}`,
          `  employees:  ${emulator.company.size} (seed ${emulator.company.options.seed}, today ${emulator.company.today})`,
          ...(options.fixture ? [`  fixture:    ${options.fixture}`] : []),
        ];
      },
    },
    argv,
    io,
  );
}
