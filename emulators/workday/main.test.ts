import { describe, expect, it } from 'vitest';
import { workdayRaas } from '../../src/connectors/workday-raas/index.ts';
import { workday } from '../../src/connectors/workday/index.ts';
import { runWorkdayEmulatorCli } from './main.ts';
import { startWorkdayRaasSandbox, startWorkdaySandbox } from './sandbox.ts';

describe('workday emulator CLI and sandbox', () => {
  it('prints the URL and credentials, then stops on abort', async () => {
    let out = '';
    const controller = new AbortController();
    const done = runWorkdayEmulatorCli(
      ['--employees', '5', '--password', 'pw-cli', '--tenant', 't1'],
      {
        stdout: {
          write: (text: string) => {
            out += text;
            controller.abort();
          },
        },
        signal: controller.signal,
      },
    );
    expect(await done).toBe(0);
    expect(out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain('ISU_Rollcall@t1');
    expect(out).toContain('pw-cli');
  });

  it('rejects bad arguments with exit code 2', async () => {
    let err = '';
    expect(
      await runWorkdayEmulatorCli(['--employees', 'x'], {
        stderr: { write: (t: string) => (err += t) },
      }),
    ).toBe(2);
    expect(err).toContain('--employees');
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
