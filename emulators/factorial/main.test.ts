import { describe, expect, it } from 'vitest';
import { SANDBOX_FACTORIAL, startFactorialSandbox } from './sandbox.ts';
import { runFactorialEmulatorCli } from './main.ts';

function capture() {
  let text = '';
  return { write: (chunk: string) => (text += chunk), text: () => text };
}

describe('factorial emulator CLI and sandbox', () => {
  it('prints the URL and credentials, then stops on the signal', async () => {
    const stdout = capture();
    const controller = new AbortController();
    const done = runFactorialEmulatorCli(
      ['--employees', '12', '--seed', '3', '--api-key', 'cli-key', '--today', '2026-06-15'],
      { stdout, signal: controller.signal },
    );
    await expect.poll(() => stdout.text()).toContain('cli-key');
    expect(stdout.text()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout.text()).toContain('employees:    12 (seed 3, today 2026-06-15)');
    controller.abort();
    expect(await done).toBe(0);
  });

  it('rejects bad arguments with exit code 2', async () => {
    const stderr = capture();
    expect(await runFactorialEmulatorCli(['--employees', 'many'], { stderr })).toBe(2);
    expect(stderr.text()).toContain('--employees must be a non-negative integer');
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
