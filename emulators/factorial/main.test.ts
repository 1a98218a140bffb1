import { describe, expect, it } from 'vitest';
import { expectCommonArgumentHandling, startCli } from '../shared/cli-testing.ts';
import { SANDBOX_FACTORIAL, startFactorialSandbox } from './sandbox.ts';
import { runFactorialEmulatorCli } from './main.ts';

describe('factorial emulator CLI and sandbox', () => {
  it('prints the URL and credentials, then stops on the signal', async () => {
    const argv = ['--employees', '12', '--seed', '3', '--api-key', 'cli-key'];
    argv.push('--today', '2026-06-15');
    const cli = await startCli(runFactorialEmulatorCli, argv);
    expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.banner).toContain('cli-key');
    expect(cli.banner).toContain('employees:    12 (seed 3, today 2026-06-15)');
    expect(await cli.stop()).toBe(0);
  });

  it('rejects bad arguments with exit code 2', async () => {
    await expectCommonArgumentHandling(runFactorialEmulatorCli, 'factorial');
  });

  it('starts a sandbox with the fixed public key', async () => {
    const sandbox = await startFactorialSandbox();
    try {
      const res = await fetch(`${sandbox.baseUrl}/api/2026-07-01/resources/employees/employees`, {
        headers: { 'x-api-key': SANDBOX_FACTORIAL.apiKey },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { login_email: string | null }[] };
      expect(body.data.some((p) => p.login_email?.endsWith('@sandbox-factorial.example'))).toBe(
        true,
      );
      expect(sandbox.config).toEqual({ apiKey: SANDBOX_FACTORIAL.apiKey });
    } finally {
      await sandbox.close();
    }
  });
});
