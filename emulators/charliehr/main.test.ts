import { describe, expect, it } from 'vitest';
import { runCharlieHrEmulatorCli } from './main.ts';
import { SANDBOX_CHARLIEHR, startCharlieHrSandbox } from './sandbox.ts';

function capture() {
  let text = '';
  return { write: (chunk: string) => (text += chunk), text: () => text };
}

describe('charliehr emulator CLI and sandbox', () => {
  it('prints the URL and credentials, then stops on the signal', async () => {
    const stdout = capture();
    const controller = new AbortController();
    const done = runCharlieHrEmulatorCli(
      ['--employees', '9', '--client-id', 'cid', '--client-secret', 'csecret'],
      { stdout, signal: controller.signal },
    );
    await expect.poll(() => stdout.text()).toContain('csecret');
    expect(stdout.text()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout.text()).toContain('client ID:     cid');
    controller.abort();
    expect(await done).toBe(0);
  });

  it('rejects bad arguments with exit code 2', async () => {
    const stderr = capture();
    expect(await runCharlieHrEmulatorCli(['--nope'], { stderr })).toBe(2);
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
