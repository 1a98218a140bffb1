import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyConnector } from '../connectors/connector.ts';
import { CONNECTORS } from '../connectors/registry.ts';
import { runTestFetch } from '../connectors/testing/run.ts';
import { startSandbox, type Sandbox } from './sandbox.ts';

/** Every sandbox company lives on the real today: the sandbox is what a newcomer syncs. */
const TODAY = new Date().toISOString().slice(0, 10);

describe('the sandbox HRIS of `rollcall start`', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('offers every registered connector', () => {
    expect([...sandbox.connectorIds()].sort()).toEqual(CONNECTORS.map((c) => c.id).sort());
  });

  for (const connector of CONNECTORS as readonly AnyConnector[]) {
    it(`${connector.id}: its fixed config is valid and a real fetch reads the sandbox company`, async () => {
      const config = sandbox.config(connector.id);
      const baseUrl = sandbox.baseUrl(connector.id);
      if (config === undefined || baseUrl === undefined) throw new Error('not in the sandbox');
      const parsed = connector.configSchema.safeParse(config);
      if (!parsed.success) throw new Error(`invalid sandbox config: ${parsed.error.message}`);
      // The engine points a sandbox connection at the emulator, whatever the config says.
      const valid = { ...(parsed.data as object), baseUrl };
      const result = await runTestFetch({ connector, config: valid, baseUrl, today: TODAY });
      expect(result.error).toBeUndefined();
      expect(result.employees.length).toBeGreaterThan(50);
      expect(result.employees.some((e) => e.employmentStatus === 'terminated')).toBe(true);
      expect(result.employees.some((e) => e.managerExternalId !== null)).toBe(true);
    });
  }

  it('closes every emulator and starts none when one fails to start', async () => {
    let closed = 0;
    const ok = () =>
      Promise.resolve({
        connectorId: 'ok',
        baseUrl: 'http://127.0.0.1:1',
        config: {},
        close: () => {
          closed += 1;
          return Promise.resolve();
        },
      });
    const broken = () => Promise.reject(new Error('port in use'));
    await expect(startSandbox([ok, broken])).rejects.toThrow('port in use');
    expect(closed).toBe(1);
  });
});
