import { describe, expect, it } from 'vitest';
import { scimConfigSchema } from '../../src/connectors/scim/index.ts';
import { runScimEmulatorCli } from './main.ts';
import { startScimSandbox } from './sandbox.ts';

function sink() {
  let text = '';
  return { write: (chunk: string) => (text += chunk), text: () => text };
}

describe('SCIM emulator CLI and sandbox', () => {
  it('prints the URL, base path and credentials, and stops on abort', async () => {
    const stdout = sink();
    const controller = new AbortController();
    const running = runScimEmulatorCli(
      ['--employees', '5', '--token', 'cli-token', '--base-path', '/api/scim/v2'],
      { stdout, signal: controller.signal },
    );
    await expect.poll(() => stdout.text()).toContain('Press Ctrl+C');
    expect(stdout.text()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout.text()).toContain('cli-token');
    expect(stdout.text()).toContain('/api/scim/v2/Users');
    controller.abort();
    expect(await running).toBe(0);
  });

  it('refuses bad arguments with exit code 2', async () => {
    const stderr = sink();
    expect(await runScimEmulatorCli(['--employees', 'many'], { stderr })).toBe(2);
    expect(stderr.text()).toContain('--employees');
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
