import { describe, expect, it } from 'vitest';
import { expectCommonArgumentHandling, startCli } from '../shared/cli-testing.ts';
import { runCharlieHrEmulatorCli } from './main.ts';
import { SANDBOX_CHARLIEHR, startCharlieHrSandbox } from './sandbox.ts';

describe('charliehr emulator CLI and sandbox', () => {
  it('prints the URL and credentials, then stops on the signal', async () => {
    const argv = ['--employees', '9', '--client-id', 'cid', '--client-secret', 'csecret'];
    const cli = await startCli(runCharlieHrEmulatorCli, argv);
    expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.banner).toContain('client ID:     cid');
    expect(cli.banner).toContain('csecret');
    expect(await cli.stop()).toBe(0);
  });

  it('rejects bad arguments with exit code 2', async () => {
    await expectCommonArgumentHandling(runCharlieHrEmulatorCli, 'charliehr');
  });

  it('starts a sandbox with the fixed public credentials', async () => {
    const sandbox = await startCharlieHrSandbox();
    try {
      const { clientId, clientSecret } = SANDBOX_CHARLIEHR;
      const res = await fetch(`${sandbox.baseUrl}/api/v1/team_members`, {
        headers: { authorization: `Token token=${clientId}:${clientSecret}` },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { email: string | null }[] };
      expect(body.data.some((m) => m.email?.endsWith('@sandbox-charlie.example'))).toBe(true);
    } finally {
      await sandbox.close();
    }
  });
});
