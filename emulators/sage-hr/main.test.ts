import { describe, expect, it } from 'vitest';
import { expectCommonArgumentHandling, startCli } from '../shared/cli-testing.ts';
import { runSageHrEmulatorCli } from './main.ts';
import { startSageHrSandbox } from './sandbox.ts';

describe('runSageHrEmulatorCli', () => {
  it('prints the URL and API key, serves, and stops on abort', async () => {
    const cli = await startCli(runSageHrEmulatorCli, [
      ...['--port', '0', '--employees', '25', '--seed', '4'],
      ...['--api-key', 'k-123'],
    ]);
    const { url } = cli;
    expect(cli.banner).toContain('API key:    k-123');
    const res = await fetch(`${url}/api/employees`, { headers: { 'x-auth-token': 'k-123' } });
    expect(res.status).toBe(200);
    expect(await cli.stop()).toBe(0);
  });

  it('refuses bad arguments with exit code 2', async () => {
    await expectCommonArgumentHandling(runSageHrEmulatorCli, 'sage-hr');
  });
});

describe('startSageHrSandbox', () => {
  it('serves the sandbox company on loopback with the public key', async () => {
    const sandbox = await startSageHrSandbox();
    try {
      expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.config).toEqual({ subdomain: 'sandbox', apiKey: 'sandbox-sage-hr-api-key' });
      const res = await fetch(`${sandbox.baseUrl}/api/employees`, {
        headers: { 'x-auth-token': 'sandbox-sage-hr-api-key' },
      });
      const body = (await res.json()) as { data: { email: string | null }[] };
      expect(body.data.some((e) => e.email?.endsWith('@sandbox-sagehr.example'))).toBe(true);
    } finally {
      await sandbox.close();
    }
  });
});
