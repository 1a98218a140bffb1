import { describe, expect, it } from 'vitest';
import { expectCommonArgumentHandling, startCli } from '../shared/cli-testing.ts';
import { runRipplingEmulatorCli } from './main.ts';
import { SANDBOX_RIPPLING, startRipplingSandbox } from './sandbox.ts';

describe('runRipplingEmulatorCli', () => {
  it('prints the URL and key, serves, and stops on abort', async () => {
    const cli = await startCli(runRipplingEmulatorCli, [
      ...['--port', '0', '--employees', '25', '--seed', '4'],
      ...['--api-key', 'k-1', '--hide', 'ssn'],
    ]);
    const { url } = cli;
    expect(cli.banner).toContain('API key:   k-1');
    expect(cli.banner).toContain('employees: 25 (seed 4');
    const res = await fetch(`${url}/platform/api/employees/include_terminated`, {
      headers: { authorization: 'Bearer k-1' },
    });
    const employees = (await res.json()) as Record<string, unknown>[];
    expect(employees).toHaveLength(25);
    expect(employees[0]).not.toHaveProperty('ssn');
    expect(await cli.stop()).toBe(0);
  });

  it('exits 2 with usage on bad arguments, 0 with --help', async () => {
    expect(await expectCommonArgumentHandling(runRipplingEmulatorCli, 'rippling')).toContain(
      '--api-key',
    );
  });
});

describe('startRipplingSandbox', () => {
  it('serves the sandbox company on loopback with the public key', async () => {
    const sandbox = await startRipplingSandbox();
    try {
      expect(sandbox).toMatchObject({ connectorId: 'rippling', config: SANDBOX_RIPPLING });
      expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${sandbox.baseUrl}/platform/api/employees/include_terminated`, {
        headers: { authorization: `Bearer ${SANDBOX_RIPPLING.apiKey}` },
      });
      const employees = (await res.json()) as { workEmail: string | null }[];
      expect(employees).toHaveLength(120);
      expect(employees.some((e) => e.workEmail?.endsWith('@sandbox-rippling.example'))).toBe(true);
    } finally {
      await sandbox.close();
    }
  });
});
