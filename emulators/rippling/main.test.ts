import { describe, expect, it } from 'vitest';
import { runRipplingEmulatorCli } from './main.ts';
import { SANDBOX_RIPPLING, startRipplingSandbox } from './sandbox.ts';

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

describe('runRipplingEmulatorCli', () => {
  it('prints the URL and key, serves, and stops on abort', async () => {
    const stdout = capture();
    const controller = new AbortController();
    const running = runRipplingEmulatorCli(
      ['--port', '0', '--employees', '25', '--seed', '4', '--api-key', 'k-1', '--hide', 'ssn'],
      { stdout, signal: controller.signal },
    );
    for (let i = 0; i < 100 && !stdout.text().includes('Ctrl+C'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const url = /listening on (http:\/\/\S+)/.exec(stdout.text())?.[1];
    expect(url).toBeDefined();
    expect(stdout.text()).toContain('API key:   k-1');
    expect(stdout.text()).toContain('employees: 25 (seed 4');
    const res = await fetch(`${url}/platform/api/employees/include_terminated`, {
      headers: { authorization: 'Bearer k-1' },
    });
    const employees = (await res.json()) as Record<string, unknown>[];
    expect(employees).toHaveLength(25);
    expect(employees[0]).not.toHaveProperty('ssn');
    controller.abort();
    expect(await running).toBe(0);
  });

  it('exits 2 with usage on bad arguments, 0 with --help', async () => {
    const stderr = capture();
    expect(await runRipplingEmulatorCli(['--employees', 'lots'], { stderr })).toBe(2);
    expect(stderr.text()).toContain('Usage: rollcall emulator rippling');
    expect(await runRipplingEmulatorCli(['--bogus'], { stderr: capture() })).toBe(2);
    expect(await runRipplingEmulatorCli(['--employees', '300000'], { stderr: capture() })).toBe(2);
    const stdout = capture();
    expect(await runRipplingEmulatorCli(['--help'], { stdout })).toBe(0);
    expect(stdout.text()).toContain('--api-key');
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
