import { describe, expect, it } from 'vitest';
import { expectCommonArgumentHandling, startCli } from '../shared/cli-testing.ts';
import { personio } from '../../src/connectors/personio/index.ts';
import { runTestFetch } from '../../src/connectors/testing/run.ts';
import { runPersonioEmulatorCli } from './main.ts';
import { SANDBOX_PERSONIO, startPersonioSandbox } from './sandbox.ts';

describe('runPersonioEmulatorCli', () => {
  it('prints the URL and credentials, serves, and stops on abort', async () => {
    const cli = await startCli(runPersonioEmulatorCli, [
      ...['--port', '0', '--employees', '25', '--seed', '4'],
      ...['--client-id', 'papi-c', '--client-secret', 'sec-ret'],
    ]);
    const { url } = cli;
    expect(cli.banner).toContain('client ID:     papi-c');
    expect(cli.banner).toContain('client secret: sec-ret');
    const auth = await fetch(`${url}/v1/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'papi-c', client_secret: 'sec-ret' }),
    });
    expect(auth.status).toBe(200);
    expect(await cli.stop()).toBe(0);
    await expect(fetch(`${url}/v1/auth`, { method: 'POST' })).rejects.toThrow();
  });

  it('exits 2 with usage on bad arguments, 0 with --help', async () => {
    expect(await expectCommonArgumentHandling(runPersonioEmulatorCli, 'personio')).toContain(
      '--rotate-tokens',
    );
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
