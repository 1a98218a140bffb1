import { describe, expect, it } from 'vitest';
import { personio } from '../../src/connectors/personio/index.ts';
import { runTestFetch } from '../../src/connectors/testing/run.ts';
import { runPersonioEmulatorCli } from './main.ts';
import { SANDBOX_PERSONIO, startPersonioSandbox } from './sandbox.ts';

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

describe('runPersonioEmulatorCli', () => {
  it('prints the URL and credentials, serves, and stops on abort', async () => {
    const stdout = capture();
    const controller = new AbortController();
    const running = runPersonioEmulatorCli(
      [
        '--port',
        '0',
        '--employees',
        '25',
        '--seed',
        '4',
        '--client-id',
        'papi-c',
        '--client-secret',
        'sec-ret',
      ],
      { stdout, signal: controller.signal },
    );
    for (let i = 0; i < 100 && !stdout.text().includes('Ctrl+C'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const url = /listening on (http:\/\/\S+)/.exec(stdout.text())?.[1];
    expect(url).toBeDefined();
    expect(stdout.text()).toContain('client ID:     papi-c');
    expect(stdout.text()).toContain('client secret: sec-ret');
    const auth = await fetch(`${url}/v1/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'papi-c', client_secret: 'sec-ret' }),
    });
    expect(auth.status).toBe(200);
    controller.abort();
    expect(await running).toBe(0);
    await expect(fetch(`${url}/v1/auth`, { method: 'POST' })).rejects.toThrow();
  });

  it('exits 2 with usage on bad arguments, 0 with --help', async () => {
    const stderr = capture();
    expect(await runPersonioEmulatorCli(['--employees', 'lots'], { stderr })).toBe(2);
    expect(stderr.text()).toContain('Usage: rollcall emulator personio');
    expect(await runPersonioEmulatorCli(['--bogus'], { stderr: capture() })).toBe(2);
    expect(await runPersonioEmulatorCli(['--employees', '300000'], { stderr: capture() })).toBe(2);
    const stdout = capture();
    expect(await runPersonioEmulatorCli(['--help'], { stdout })).toBe(0);
    expect(stdout.text()).toContain('--rotate-tokens');
  });
});

describe('startPersonioSandbox', () => {
  it('serves the sandbox company to the connector with the public credentials', async () => {
    const sandbox = await startPersonioSandbox();
    try {
      expect(sandbox).toMatchObject({ connectorId: 'personio', config: SANDBOX_PERSONIO });
      const result = await runTestFetch({
        connector: personio,
        config: { ...SANDBOX_PERSONIO },
        baseUrl: sandbox.baseUrl,
        today: new Date().toISOString().slice(0, 10),
      });
      expect(result.error).toBeUndefined();
      expect(result.employees).toHaveLength(120);
      expect(result.employees.some((e) => e.workEmail?.endsWith('@personio-sandbox.example'))).toBe(
        true,
      );
    } finally {
      await sandbox.close();
    }
  });
});
