import { describe, expect, it } from 'vitest';
import { expectCommonArgumentHandling, startCli } from '../shared/cli-testing.ts';
import { workdayRaas } from '../../src/connectors/workday-raas/index.ts';
import { workday } from '../../src/connectors/workday/index.ts';
import { runWorkdayEmulatorCli } from './main.ts';
import { startWorkdayRaasSandbox, startWorkdaySandbox } from './sandbox.ts';

describe('workday emulator CLI and sandbox', () => {
  it('prints the URL and credentials, then stops on abort', async () => {
    const argv = ['--employees', '5', '--password', 'pw-cli', '--tenant', 't1'];
    const cli = await startCli(runWorkdayEmulatorCli, argv);
    expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.banner).toContain('ISU_Rollcall@t1');
    expect(cli.banner).toContain('pw-cli');
    expect(await cli.stop()).toBe(0);
  });

  it('rejects bad arguments with exit code 2', async () => {
    await expectCommonArgumentHandling(runWorkdayEmulatorCli, 'workday');
  });

  it('sandbox configs are accepted by their connectors', async () => {
    for (const [start, connector] of [
      [startWorkdaySandbox, workday],
      [startWorkdayRaasSandbox, workdayRaas],
    ] as const) {
      const vendor = await start();
      try {
        expect(vendor.connectorId).toBe(connector.id);
        expect(vendor.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(connector.configSchema.safeParse(vendor.config).success).toBe(true);
      } finally {
        await vendor.close();
      }
    }
  });
});
