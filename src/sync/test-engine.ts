import { pino } from 'pino';
import { z } from 'zod';
import type { FetchItem } from '../connectors/connector.ts';
import type { ConnectorError } from '../connectors/connector.ts';
import { defineConnector } from '../connectors/connector.ts';
import type { NormalizedEmployee } from '../core/employee.ts';
import type { Store } from '../db/database.ts';
import { createConnection } from '../db/repositories/connections.ts';
import { createTenant } from '../db/repositories/tenants.ts';
import type { Tenant } from '../db/repositories/tenants.ts';
import { keyFromHex, seal } from '../secrets/keyring.ts';
import type { EngineDeps } from './engine.ts';
import { TEST_OWNED_FIELDS } from './testing.ts';

/**
 * A scripted directory for engine tests: the people (and faults) a test sets, served through the
 * real engine. Connector behaviour against real vendor APIs is tested with the emulators.
 */
export interface Script {
  items: FetchItem[];
  fail?: ConnectorError;
}

export const TEST_KEY = keyFromHex('ab'.repeat(32));

export function scriptedConnector(script: Script) {
  return defineConnector({
    id: 'scripted',
    name: 'Scripted test directory',
    maturity: 'beta',
    docs: 'docs/connectors/scripted.md',
    configSchema: z.object({ token: z.string(), baseUrl: z.string().optional() }),
    secretFields: ['token'],
    allowedHosts: ['hris.test'],
    rateLimit: { requestsPerSecond: 100, burst: 100, description: 'test' },
    requestedFields: ['id', 'name', 'email'],
    providedFields: TEST_OWNED_FIELDS,
    deniedFields: ['ssn'],
    neverAccessed: ['compensation'],
    defaultBaseUrl: () => 'https://hris.test',
    // eslint-disable-next-line @typescript-eslint/require-await
    async *fetch() {
      if (script.fail) throw script.fail;
      for (const item of script.items) yield item;
    },
  });
}

export const employeesOf = (people: NormalizedEmployee[]): FetchItem[] =>
  people.map((employee) => ({ kind: 'employee', employee }));

export function engineDeps(store: Store, script: Script, clock: () => Date): EngineDeps {
  const connector = scriptedConnector(script);
  return {
    db: store.db,
    clock,
    log: pino({ level: 'silent' }),
    secretKey: TEST_KEY,
    extraAllowedHosts: [],
    connector: () => connector,
    leaseTtlMs: 5_000,
  };
}

export async function connectedTenant(
  store: Store,
  slug: string,
  now: string,
): Promise<{ tenant: Tenant; connectionId: string }> {
  const tenant = await createTenant(store.db, { slug }, now);
  const connection = await createConnection(
    store.db,
    {
      tenantId: tenant.id,
      connectorId: 'scripted',
      name: 'Scripted',
      configCiphertext: seal(TEST_KEY, JSON.stringify({ token: 'secret-token' })),
      sandbox: false,
      connectedBy: null,
    },
    now,
  );
  return { tenant, connectionId: connection.id };
}
