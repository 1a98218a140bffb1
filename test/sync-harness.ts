import path from 'node:path';
import type { Kysely } from 'kysely';
import type { BambooHrEmulator, BambooHrEmulatorOptions } from '../emulators/bamboohr/server.ts';
import { startBambooHrEmulator } from '../emulators/bamboohr/server.ts';
import type { Store } from '../src/db/database.ts';
import { openStore } from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';
import { learnerFromRow, learnerSnapshot } from '../src/db/repositories/learners.ts';
import { createClass } from '../src/platform/classes.ts';
import { createProgram } from '../src/platform/programs.ts';
import { PG_URL } from '../src/db/testing.ts';
import { createPgSchema } from './pg-schema.ts';
import type { CliResult } from './helpers.ts';
import { runCli, tempDir } from './helpers.ts';
import { writeFileSync } from 'node:fs';

/**
 * One end-to-end world: a BambooHR emulator on port 0, a store (SQLite file or a PostgreSQL
 * schema), and the `rollcall` CLI run as a child process against both.
 */
export interface SyncWorld {
  emulator: BambooHrEmulator;
  env: Record<string, string>;
  configFile: string;
  /** A store handle for assertions and for seeding learning data (programs, classes). */
  store: Store;
  db: Kysely<Database>;
  cli(args: string[]): Promise<CliResult>;
  sync(extra?: string[]): Promise<CliResult & { run: Record<string, unknown> }>;
  close(): Promise<void>;
}

export const E2E_DIALECTS = (['sqlite', 'postgres'] as const).filter(
  (d) => d === 'sqlite' || PG_URL,
);

export async function createSyncWorld(
  dialect: 'sqlite' | 'postgres',
  slug: string,
  emulatorOptions: BambooHrEmulatorOptions,
): Promise<SyncWorld> {
  const dir = tempDir(`rollcall-e2e-${slug}-`);
  const env: Record<string, string> = {
    ROLLCALL_DATA_DIR: path.join(dir, 'data'),
    ROLLCALL_EXTRA_ALLOWED_HOSTS: '127.0.0.1',
    ROLLCALL_LOG_FILE: path.join(dir, 'rollcall.log'),
    ROLLCALL_LOG_LEVEL: 'debug',
  };
  let dropSchema: (() => Promise<void>) | undefined;
  if (dialect === 'postgres' && PG_URL) {
    const schema = await createPgSchema(PG_URL);
    env['DATABASE_URL'] = schema.url;
    dropSchema = () => schema.drop();
  }
  const emulator = await startBambooHrEmulator(emulatorOptions);
  const configFile = path.join(dir, 'bamboohr.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      companyDomain: emulator.companyDomain,
      apiKey: emulator.apiKey,
      baseUrl: emulator.url,
    }),
  );
  const cli = (args: string[]): Promise<CliResult> => runCli(args, { env });
  const created = await cli(['tenants', 'create', slug]);
  if (created.code !== 0) throw new Error(`tenants create failed: ${created.stderr}`);
  const store = openStore({
    dataDir: env['ROLLCALL_DATA_DIR'] ?? dir,
    databaseUrl: env['DATABASE_URL'],
  });
  return {
    emulator,
    env,
    configFile,
    store,
    db: store.db,
    cli,
    async sync(extra = []) {
      const result = await cli([
        'sync',
        '--connector',
        'bamboohr',
        '--config',
        configFile,
        '--json',
        ...extra,
      ]);
      let run: Record<string, unknown>;
      try {
        run = JSON.parse(result.stdout) as Record<string, unknown>;
      } catch {
        throw new Error(
          `sync printed no JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
        );
      }
      return { ...result, run };
    },
    async close() {
      await store.close();
      await emulator.close();
      await dropSchema?.();
    },
  };
}

export interface LearnerJson {
  id: string;
  externalId: string | null;
  employeeNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  workEmail: string | null;
  managerName: string | null;
  managerEmail: string | null;
  department: string | null;
  status: string;
  platformAccess: boolean;
  source: string;
  deactivationReason: string | null;
}

/** The learners as `rollcall learners list --json` shows them, read straight from the store. */
export async function learners(world: SyncWorld): Promise<LearnerJson[]> {
  const rows = await world.db
    .selectFrom('learners')
    .selectAll()
    .orderBy('lastName')
    .orderBy('firstName')
    .orderBy('id')
    .execute();
  return rows.map((row) => learnerSnapshot(learnerFromRow(row)) as unknown as LearnerJson);
}

const DAY = 24 * 60 * 60 * 1000;

/** A program with one class that started `pastDays` ago and one that starts in `futureDays`. */
export async function programWithClasses(
  world: SyncWorld,
  tenantId: string,
  name: string,
  days: { pastDays: number; futureDays: number },
): Promise<{ programId: string; pastClassId: string; futureClassId: string }> {
  const now = new Date();
  const program = await createProgram(world.db, { tenantId, name }, now);
  const at = (offsetDays: number): { startsAt: string; endsAt: string } => ({
    startsAt: new Date(now.getTime() + offsetDays * DAY).toISOString(),
    endsAt: new Date(now.getTime() + offsetDays * DAY + 3_600_000).toISOString(),
  });
  const past = await createClass(
    world.db,
    { tenantId, programId: program.id, title: 'Past', ...at(-days.pastDays) },
    now,
  );
  const future = await createClass(
    world.db,
    { tenantId, programId: program.id, title: 'Future', ...at(days.futureDays) },
    now,
  );
  return { programId: program.id, pastClassId: past.id, futureClassId: future.id };
}
