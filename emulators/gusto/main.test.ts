import { describe, expect, it } from 'vitest';
import { expectCommonArgumentHandling, runCli, startCli } from '../shared/cli-testing.ts';
import { gusto } from '../../src/connectors/gusto/index.ts';
import { runTestFetch } from '../../src/connectors/testing/run.ts';
import { runGustoEmulatorCli } from './main.ts';
import { SANDBOX_GUSTO, startGustoSandbox } from './sandbox.ts';

describe('runGustoEmulatorCli', () => {
  it('prints the URL and credentials, serves, and stops on abort', async () => {
    const companyUuid = '11111111-2222-4333-8444-555555555555';
    const cli = await startCli(runGustoEmulatorCli, [
      ...['--port', '0', '--employees', '25', '--seed', '4', '--access-token', 'tok-en'],
      ...['--company-uuid', companyUuid, '--no-overshare'],
    ]);
    const { url } = cli;
    expect(cli.banner).toContain(`company UUID:  ${companyUuid}`);
    expect(cli.banner).toContain('access token:  tok-en');
    expect(cli.banner).toContain('as documented');
    const res = await fetch(`${url}/v1/companies/${companyUuid}/employees`, {
      headers: { authorization: 'Bearer tok-en' },
    });
    expect(await res.json()).toHaveLength(25);
    expect(await cli.stop()).toBe(0);
    await expect(fetch(`${url}/v1/token_info`)).rejects.toThrow();
  });

  it('exits 2 with usage on bad arguments, 0 with --help', async () => {
    expect(await expectCommonArgumentHandling(runGustoEmulatorCli, 'gusto')).toContain(
      '--no-overshare',
    );
    expect((await runCli(runGustoEmulatorCli, ['--company-uuid', 'acme'])).code).toBe(2);
  });
});

describe('startGustoSandbox', () => {
  it('serves the sandbox company with the fixed credentials the connector accepts', async () => {
    const sandbox = await startGustoSandbox();
    try {
      expect(sandbox).toMatchObject({ connectorId: 'gusto', config: SANDBOX_GUSTO });
      expect(gusto.configSchema.safeParse(sandbox.config).success).toBe(true);
      const result = await runTestFetch({
        connector: gusto,
        config: { ...SANDBOX_GUSTO },
        baseUrl: sandbox.baseUrl,
        today: '2026-06-15',
      });
      expect(result.error).toBeUndefined();
      expect(result.employees).toHaveLength(120);
      expect(result.employees.some((e) => e.workEmail?.endsWith('@sandbox-gusto.example'))).toBe(
        true,
      );
    } finally {
      await sandbox.close();
    }
  });
});
