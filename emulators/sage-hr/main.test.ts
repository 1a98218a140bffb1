import { describe, expect, it } from 'vitest';
import { runSageHrEmulatorCli } from './main.ts';
import { startSageHrSandbox } from './sandbox.ts';

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

describe('runSageHrEmulatorCli', () => {
  it('prints the URL and API key, serves, and stops on abort', async () => {
    const stdout = capture();
    const controller = new AbortController();
    const running = runSageHrEmulatorCli(
      ['--port', '0', '--employees', '25', '--seed', '4', '--api-key', 'k-123'],
      { stdout, signal: controller.signal },
    );
    for (let i = 0; i < 100 && !stdout.text().includes('Ctrl+C'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const url = /listening on (http:\/\/\S+)/.exec(stdout.text())?.[1];
    expect(stdout.text()).toContain('API key:    k-123');
    const res = await fetch(`${url ?? ''}/api/employees`, { headers: { 'x-auth-token': 'k-123' } });
    expect(res.status).toBe(200);
    controller.abort();
    expect(await running).toBe(0);
  });

  it('refuses bad arguments with exit code 2', async () => {
    const stderr = capture();
    expect(await runSageHrEmulatorCli(['--employees', 'many'], { stderr })).toBe(2);
    expect(stderr.text()).toContain('--employees must be a non-negative integer');
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
