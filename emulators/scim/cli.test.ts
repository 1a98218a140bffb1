import { describe, expect, it } from 'vitest';
import { expectCommonArgumentHandling, startCli } from '../shared/cli-testing.ts';
import { scimConfigSchema } from '../../src/connectors/scim/index.ts';
import { runScimEmulatorCli } from './main.ts';
import { startScimSandbox } from './sandbox.ts';

describe('SCIM emulator CLI and sandbox', () => {
  it('prints the URL, base path and credentials, and stops on abort', async () => {
    const argv = ['--employees', '5', '--token', 'cli-token', '--base-path', '/api/scim/v2'];
    const cli = await startCli(runScimEmulatorCli, argv);
    expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.banner).toContain('cli-token');
    expect(cli.banner).toContain('/api/scim/v2/Users');
    expect(await cli.stop()).toBe(0);
  });

  it('refuses bad arguments with exit code 2', async () => {
    await expectCommonArgumentHandling(runScimEmulatorCli, 'scim');
  });

  it('runs a sandbox whose config the connector accepts', async () => {
    const sandbox = await startScimSandbox();
    try {
      expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(scimConfigSchema.safeParse(sandbox.config).success).toBe(true);
      const res = await fetch(`${sandbox.baseUrl}/scim/v2/Users?count=1`, {
        headers: { authorization: 'Bearer sandbox-scim-token' },
      });
      expect(((await res.json()) as { totalResults: number }).totalResults).toBe(120);
    } finally {
      await sandbox.close();
    }
  });
});
