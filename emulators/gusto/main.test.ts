import { describe, expect, it } from 'vitest';
import { gusto } from '../../src/connectors/gusto/index.ts';
import { runTestFetch } from '../../src/connectors/testing/run.ts';
import { runGustoEmulatorCli } from './main.ts';
import { SANDBOX_GUSTO, startGustoSandbox } from './sandbox.ts';

function capture(): { write(text: string): boolean; text: () => string } {
  let out = '';
  return {
    write(text: string) {
      out += text;
      return true;
    },
    text: () => out,
  };
}

describe('runGustoEmulatorCli', () => {
  it('prints the URL and credentials, serves, and stops on abort', async () => {
    const stdout = capture();
    const controller = new AbortController();
    const companyUuid = '11111111-2222-4333-8444-555555555555';
    const running = runGustoEmulatorCli(
      ['--port', '0', '--employees', '25', '--seed', '4', '--access-token', 'tok-en'].concat([
        '--company-uuid',
        companyUuid,
        '--no-overshare',
      ]),
      { stdout, signal: controller.signal },
    );
    for (let i = 0; i < 100 && !stdout.text().includes('Ctrl+C'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const url = /listening on (http:\/\/\S+)/.exec(stdout.text())?.[1];
    expect(url).toBeDefined();
    expect(stdout.text()).toContain(`company UUID:  ${companyUuid}`);
    expect(stdout.text()).toContain('access token:  tok-en');
    expect(stdout.text()).toContain('as documented');
    const res = await fetch(`${url}/v1/companies/${companyUuid}/employees`, {
      headers: { authorization: 'Bearer tok-en' },
    });
    expect(await res.json()).toHaveLength(25);
    controller.abort();
    expect(await running).toBe(0);
    await expect(fetch(`${url}/v1/token_info`)).rejects.toThrow();
  });

  it('exits 2 with usage on bad arguments, 0 with --help', async () => {
    const stderr = capture();
    expect(await runGustoEmulatorCli(['--employees', 'lots'], { stderr })).toBe(2);
    expect(stderr.text()).toContain('Usage: rollcall emulator gusto');
    expect(await runGustoEmulatorCli(['--bogus'], { stderr: capture() })).toBe(2);
    expect(await runGustoEmulatorCli(['--company-uuid', 'acme'], { stderr: capture() })).toBe(2);
    expect(await runGustoEmulatorCli(['--employees', '300000'], { stderr: capture() })).toBe(2);
    const stdout = capture();
    expect(await runGustoEmulatorCli(['--help'], { stdout })).toBe(0);
    expect(stdout.text()).toContain('--no-overshare');
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
