import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HiBobEmulator } from '../emulators/hibob/server.ts';
import { startHiBobEmulator } from '../emulators/hibob/server.ts';
import { createConnection } from '../src/db/repositories/connections.ts';
import { loadSecretKey, seal } from '../src/secrets/keyring.ts';
import type { CliResult } from './helpers.ts';
import type { SyncWorld } from './sync-harness.ts';
import { E2E_DIALECTS, createSyncWorld } from './sync-harness.ts';

interface ConnectionJson {
  id: string;
  connectorId: string;
  status: string;
  sandbox: boolean;
  hasCredentials: boolean;
  lastSuccessAt: string | null;
  disconnectedAt: string | null;
  lastRun: { id: string; status: string; counts: Record<string, number> } | null;
}

interface RunJson {
  id: string;
  status: string;
  mode: string;
  trigger: string;
  counts: Record<string, number>;
}

function json<T>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`no JSON on stdout (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}

for (const dialect of E2E_DIALECTS) {
  describe(`rollcall connections against the emulators [${dialect}]`, () => {
    let world: SyncWorld;
    let hibob: HiBobEmulator;
    let wrongKeyFile: string;
    let hibobConfigFile: string;
    /** Every stdout and stderr the CLI wrote, checked for credentials at the end. */
    const printed: string[] = [];
    const cli = async (args: string[]): Promise<CliResult> => {
      const result = await world.cli(args);
      printed.push(result.stdout, result.stderr);
      return result;
    };
    const learnerCount = async (): Promise<number> => {
      const listed = await cli(['learners', 'list', '--tenant', 'conn', '--json']);
      expect(listed.code, listed.stderr).toBe(0);
      return json<unknown[]>(listed).length;
    };
    /** Learners straight from the store, where the CLI's own listing is not what is tested. */
    const storedLearners = async (): Promise<number> =>
      (await world.db.selectFrom('learners').select('id').execute()).length;
    const connectionList = async (): Promise<ConnectionJson[]> => {
      const listed = await cli(['connections', 'list', '--json']);
      expect(listed.code, listed.stderr).toBe(0);
      return json<ConnectionJson[]>(listed);
    };

    beforeAll(async () => {
      world = await createSyncWorld(dialect, 'conn', { company: { seed: 21, size: 50 } });
      const dir = path.dirname(world.configFile);
      wrongKeyFile = path.join(dir, 'wrong-key.json');
      writeFileSync(
        wrongKeyFile,
        JSON.stringify({
          companyDomain: world.emulator.companyDomain,
          apiKey: 'f'.repeat(40),
          baseUrl: world.emulator.url,
        }),
      );
      hibob = await startHiBobEmulator({ company: { seed: 22, size: 50 } });
      hibobConfigFile = path.join(dir, 'hibob.json');
      writeFileSync(
        hibobConfigFile,
        JSON.stringify({
          serviceUserId: hibob.serviceUserId,
          token: hibob.token,
          baseUrl: hibob.url,
        }),
      );
    });
    afterAll(async () => {
      await hibob.close();
      await world.close();
    });

    it('probe: reports the fields that came back and stores nothing', async () => {
      const result = await cli([
        'connections',
        'probe',
        '--connector',
        'bamboohr',
        '--config',
        world.configFile,
        '--json',
      ]);
      expect(result.code, result.stderr).toBe(0);
      const probe = json<{
        ok: boolean;
        sampled: number;
        complete: boolean;
        fields: { field: string; returned: boolean; coverage: number }[];
        warnings: string[];
      }>(result);
      expect(probe).toMatchObject({ ok: true, sampled: 50, complete: true });
      expect(probe.fields.find((f) => f.field === 'workEmail')).toMatchObject({ returned: true });
      expect(Array.isArray(probe.warnings)).toBe(true);

      const human = await cli([
        'connections',
        'probe',
        '--connector',
        'bamboohr',
        '--config',
        world.configFile,
      ]);
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(/BambooHR answered: 50 people/);
      expect(human.stdout).toMatch(/workEmail\s+yes/);
      expect(await connectionList()).toEqual([]);
    });

    it('probe and connect with a wrong key: exit 1 with the vendor’s message, nothing stored', async () => {
      const probed = await cli([
        'connections',
        'probe',
        '--connector',
        'bamboohr',
        '--config',
        wrongKeyFile,
        '--json',
      ]);
      expect(probed.code).toBe(1);
      expect(json(probed)).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
      expect(probed.stderr).toMatch(/rejected the API key/);

      const connected = await cli([
        'connections',
        'connect',
        '--connector',
        'bamboohr',
        '--config',
        wrongKeyFile,
      ]);
      expect(connected.code).toBe(1);
      expect(connected.stderr).toMatch(/nothing was stored.*rejected the API key/);
      expect(await connectionList()).toEqual([]);
      expect(await storedLearners()).toBe(0);
    });

    it('rejects an unreadable config as a usage error without echoing it', async () => {
      const broken = path.join(path.dirname(world.configFile), 'broken.json');
      writeFileSync(broken, `{"apiKey": "${world.emulator.apiKey}", `);
      const result = await cli([
        'connections',
        'probe',
        '--connector',
        'bamboohr',
        '--config',
        broken,
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/not valid JSON/);
    });

    it('connect: probes, stores, and runs the first sync here', async () => {
      const result = await cli([
        'connections',
        'connect',
        '--connector',
        'bamboohr',
        '--config',
        world.configFile,
        '--json',
      ]);
      expect(result.code, result.stderr).toBe(0);
      const connected = json<{
        connection: ConnectionJson;
        probe: { ok: boolean };
        run: RunJson;
        firstSync: string;
      }>(result);
      expect(connected.firstSync).toBe('ran');
      expect(connected.probe.ok).toBe(true);
      expect(connected.run.status).toBe('succeeded');
      expect(connected.run.counts['create']).toBeGreaterThan(0);
      expect(connected.connection).toMatchObject({
        connectorId: 'bamboohr',
        status: 'synced',
        hasCredentials: true,
        sandbox: false,
      });
      expect(await learnerCount()).toBe(connected.run.counts['create']);

      const again = await cli([
        'connections',
        'connect',
        '--connector',
        'bamboohr',
        '--config',
        world.configFile,
      ]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already connected/);
    });

    it('list and show: synced, with the last successful sync', async () => {
      const [listed, ...rest] = await connectionList();
      expect(rest).toEqual([]);
      expect(listed?.status).toBe('synced');
      expect(listed?.lastSuccessAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

      const shown = await cli(['connections', 'show', '--json']);
      expect(shown.code, shown.stderr).toBe(0);
      expect(json<ConnectionJson>(shown)).toMatchObject({
        id: listed?.id,
        status: 'synced',
        lastSuccessAt: listed?.lastSuccessAt,
        lastRun: { status: 'succeeded' },
      });

      const human = await cli(['connections', 'show', listed?.id ?? '']);
      expect(human.code).toBe(0);
      expect(human.stdout).toContain(`✓ Synced — last sync ${listed?.lastSuccessAt}`);
      const table = await cli(['connections', 'list']);
      expect(table.stdout).toMatch(/ID\s+HRIS\s+STATUS\s+LAST SYNC\s+NEXT SYNC\s+ERROR/);
      expect(table.stdout).toMatch(/BambooHR\s+synced/);
    });

    it('resync --dry-run plans against the HRIS and applies nothing', async () => {
      const before = await storedLearners();
      world.emulator.company.hire({ firstName: 'Dry', lastName: 'Run' });
      const result = await cli(['connections', 'resync', '--dry-run', '--json']);
      expect(result.code, result.stderr).toBe(0);
      const run = json<RunJson>(result);
      expect(run).toMatchObject({ mode: 'dry-run', trigger: 'cli', status: 'succeeded' });
      expect(run.counts['create']).toBe(1);
      expect(await storedLearners()).toBe(before);
    });

    it('reconnect: a wrong key keeps the stored one; the right key is accepted', async () => {
      const wrong = await cli(['connections', 'reconnect', '--config', wrongKeyFile]);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/rejected the API key/);
      const right = await cli(['connections', 'reconnect', '--config', world.configFile, '--json']);
      expect(right.code, right.stderr).toBe(0);
      expect(json(right)).toMatchObject({
        connection: { status: 'synced', hasCredentials: true },
        probe: { ok: true },
      });
    });

    it('disconnect: refused without --yes off a terminal, then keeps learners and drops credentials', async () => {
      const learnersBefore = await storedLearners();
      const refused = await cli(['connections', 'disconnect']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/--yes/);
      expect(refused.stderr).toMatch(/credentials/);
      expect(refused.stderr).toMatch(/learners and the run history are kept/);
      const untouched = await world.db
        .selectFrom('connections')
        .select(['status', 'configCiphertext'])
        .executeTakeFirstOrThrow();
      expect(untouched.status).toBe('synced');
      expect(untouched.configCiphertext).not.toBeNull();

      const done = await cli(['connections', 'disconnect', '--yes', '--json']);
      expect(done.code, done.stderr).toBe(0);
      const connection = json<ConnectionJson>(done);
      expect(connection).toMatchObject({ status: 'disconnected', hasCredentials: false });
      expect(connection.disconnectedAt).not.toBeNull();
      expect(await learnerCount()).toBe(learnersBefore);
      const shown = await cli(['connections', 'show', '--json']);
      expect(json(shown)).toMatchObject({ id: connection.id, status: 'disconnected' });
      const resync = await cli(['connections', 'resync']);
      expect(resync.code).toBe(1);
      expect(resync.stderr).toMatch(/no live connection/);
    });

    it('resync of a sandbox connection says it only runs inside `rollcall start`', async () => {
      const tenant = await world.db
        .selectFrom('tenants')
        .select('id')
        .where('slug', '=', 'conn')
        .executeTakeFirstOrThrow();
      const key = loadSecretKey({
        secretKeyHex: undefined,
        dataDir: world.env['ROLLCALL_DATA_DIR'] ?? '',
      });
      const sandbox = await createConnection(
        world.db,
        {
          tenantId: tenant.id,
          connectorId: 'bamboohr',
          name: 'Sandbox BambooHR',
          configCiphertext: seal(
            key,
            JSON.stringify({ companyDomain: 'sandbox', apiKey: 'a'.repeat(40) }),
          ),
          sandbox: true,
          connectedBy: 'test',
        },
        new Date().toISOString(),
      );
      const result = await cli(['connections', 'resync']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/sandbox.*rollcall start/);
      const [live] = await connectionList();
      expect(live).toMatchObject({ id: sandbox.id, sandbox: true });
      expect(live?.status).not.toBe('error');
      expect((await cli(['connections', 'disconnect', '--yes'])).code).toBe(0);
    });

    it('connects HiBob and shows it synced', async () => {
      expect((await cli(['tenants', 'create', 'bob'])).code).toBe(0);
      const connected = await cli([
        'connections',
        'connect',
        '--tenant',
        'bob',
        '--connector',
        'hibob',
        '--config',
        hibobConfigFile,
      ]);
      expect(connected.code, connected.stderr).toBe(0);
      expect(connected.stdout).toMatch(/Connected HiBob/);
      expect(connected.stdout).toMatch(/: succeeded/);
      const shown = await cli(['connections', 'show', '--tenant', 'bob', '--json']);
      const connection = json<ConnectionJson>(shown);
      expect(connection).toMatchObject({ connectorId: 'hibob', status: 'synced' });
      expect(connection.lastSuccessAt).not.toBeNull();
    });

    it('never prints or logs a credential', () => {
      const secrets = [world.emulator.apiKey, 'f'.repeat(40), hibob.token];
      const log = readFileSync(world.env['ROLLCALL_LOG_FILE'] ?? '', 'utf8');
      for (const secret of secrets) {
        for (const output of printed) expect(output).not.toContain(secret);
        expect(log).not.toContain(secret);
      }
    });
  });
}
