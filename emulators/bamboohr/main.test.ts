import { describe, expect, it } from 'vitest';
import { runBambooHrEmulatorCli } from './main.ts';
import { basicAuth } from './test-helpers.ts';

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

describe('runBambooHrEmulatorCli', () => {
  it('prints the URL, domain and key, serves, and stops on abort', async () => {
    const stdout = capture();
    const controller = new AbortController();
    const key = 'c'.repeat(40);
    const running = runBambooHrEmulatorCli(
      ['--port', '0', '--employees', '25', '--seed', '4', '--domain', 'initech', '--api-key', key],
      { stdout, signal: controller.signal },
    );
    for (let i = 0; i < 100 && !stdout.text().includes('Ctrl+C'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const url = /listening on (http:\/\/\S+)/.exec(stdout.text())?.[1];
    expect(url).toBeDefined();
    expect(stdout.text()).toContain('company domain: initech');
    expect(stdout.text()).toContain(`API key:        ${key}`);
    const res = await fetch(`${url}/api/gateway.php/initech/v1/employees/directory`, {
      headers: { authorization: basicAuth(key), accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    controller.abort();
    expect(await running).toBe(0);
    await expect(fetch(`${url}/api/v1/meta/lists`)).rejects.toThrow();
  });

  it('exits 2 with usage on bad arguments', async () => {
    const stderr = capture();
    expect(await runBambooHrEmulatorCli(['--employees', 'lots'], { stderr })).toBe(2);
    expect(stderr.text()).toContain('Usage: rollcall emulator bamboohr');
    expect(await runBambooHrEmulatorCli(['--bogus'], { stderr: capture() })).toBe(2);
    expect(await runBambooHrEmulatorCli(['--employees', '300000'], { stderr: capture() })).toBe(2);
  });
});
