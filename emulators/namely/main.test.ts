import { describe, expect, it } from 'vitest';
import { expectCommonArgumentHandling, startCli } from '../shared/cli-testing.ts';
import { runNamelyEmulatorCli } from './main.ts';
import { startNamelySandbox } from './sandbox.ts';

describe('runNamelyEmulatorCli', () => {
  it('prints the URL and API key, serves, and stops on abort', async () => {
    const cli = await startCli(runNamelyEmulatorCli, [
      ...['--port', '0', '--employees', '25', '--seed', '4'],
      ...['--token', 'k-123'],
    ]);
    const { url } = cli;
    expect(cli.banner).toContain('token:      k-123');
    const res = await fetch(`${url}/api/v1/profiles`, {
      headers: { authorization: 'Bearer k-123' },
    });
    expect(res.status).toBe(200);
    expect(await cli.stop()).toBe(0);
  });

  it('refuses bad arguments with exit code 2', async () => {
    await expectCommonArgumentHandling(runNamelyEmulatorCli, 'namely');
  });
});

describe('startNamelySandbox', () => {
  it('serves the sandbox company on loopback with the public key', async () => {
    const sandbox = await startNamelySandbox();
    try {
      expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.config).toEqual({
        company: 'sandbox',
        token: 'sandbox-namely-personal-access-token',
      });
      const res = await fetch(`${sandbox.baseUrl}/api/v1/profiles`, {
        headers: { authorization: 'Bearer sandbox-namely-personal-access-token' },
      });
      const body = (await res.json()) as { profiles: { email: string }[] };
      expect(body.profiles.some((e) => e.email.endsWith('@sandbox-namely.example'))).toBe(true);
    } finally {
      await sandbox.close();
    }
  });
});
