import { Migrator, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openStore } from '../db/database.ts';
import { migrationProvider } from '../db/migrations/index.ts';
import type { TestStore } from '../db/testing.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PG_URL, createTestStore, describeEachDialect } from '../db/testing.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { SnapshotWriter, snapshotPages } from './snapshot.ts';
import { TEST_OWNED_FIELDS, person } from './testing.ts';

/** The external ids of a run's staged records, read back from the store. */
async function stagedIds(db: Kysely<Database>, runId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of snapshotPages(db, runId, { ownedFields: TEST_OWNED_FIELDS }))
    for (const record of page) if (record.kind === 'employee') ids.push(record.employee.externalId);
  return ids;
}

/** Stages three people for `runId` and returns their external ids as read back. */
async function stageThree(store: TestStore['store'], runId: string): Promise<string[]> {
  const writer = new SnapshotWriter(store.db, runId, { coverageFields: TEST_OWNED_FIELDS });
  for (const id of ['1', '2', '3']) await writer.addEmployee(person(id));
  await writer.flush();
  return stagedIds(store.db, runId);
}

describe('the staged snapshot is scratch (ADR 0017) [sqlite]', () => {
  let fx: TestStore | undefined;
  afterAll(() => fx?.dispose());

  it('lives in the connection’s TEMP schema, not in the database file', async () => {
    fx = await createTestStore('sqlite');
    const { store } = fx;
    expect(await stageThree(store, 'run_scratch')).toEqual(['1', '2', '3']);
    const where = async (schema: 'main' | 'temp') =>
      (
        await sql<{ n: number }>`select count(*) as n from ${sql.raw(schema)}.sqlite_master
          where name = 'snapshot_chunks'`.execute(store.db)
      ).rows[0]?.n;
    expect(await where('main')).toBe(0);
    expect(await where('temp')).toBe(1);

    // Another connection to the same file (another process, say) neither sees nor shares it.
    const other = openStore({ dataDir: fx.dataDir ?? '' });
    try {
      expect(await stagedIds(other.db, 'run_scratch')).toEqual([]);
      expect(await stageThree(other, 'run_other')).toEqual(['1', '2', '3']);
      expect(await stagedIds(store.db, 'run_other')).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('upgrading an embedded store to the scratch snapshot (migration 0009)', () => {
  it('drops the table in the database file, rows of a run in flight with it', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rollcall-0009-'));
    try {
      const old = openStore({ dataDir });
      const migrator = new Migrator({
        db: old.db.withoutPlugins() as Kysely<unknown>,
        provider: migrationProvider({ dialect: 'sqlite' }),
      });
      expect((await migrator.migrateTo('0008_snapshot_chunks')).error).toBeUndefined();
      // A run staged by the previous version, in the database file.
      await sql`insert into main.snapshot_chunks (run_id, seq, first_position, records)
        values ('run_before', 0, 0, 'x')`.execute(old.db);
      await old.close();

      const store = openStore({ dataDir });
      try {
        expect(await migrateToLatest(store)).toContain('0009_scratch_snapshot');
        const main = await sql<{ n: number }>`select count(*) as n from main.sqlite_master
          where name = 'snapshot_chunks'`.execute(store.db);
        expect(main.rows[0]?.n).toBe(0);
        expect(await stagedIds(store.db, 'run_before')).toEqual([]);
        expect(await stageThree(store, 'run_after')).toEqual(['1', '2', '3']);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describeEachDialect('the staged snapshot is read back by the run that staged it', (fx) => {
  it('stages and reads back on either store', async () => {
    expect(await stageThree(fx.store, 'run_read_back')).toEqual(['1', '2', '3']);
  });
});

const PG_TITLE = 'the staged snapshot is scratch (ADR 0017) [postgres]';
describe.skipIf(!PG_URL)(
  PG_URL ? PG_TITLE : `${PG_TITLE} — SKIP: set ROLLCALL_TEST_PG_URL to run`,
  () => {
    let fx: TestStore | undefined;
    afterAll(() => fx?.dispose());

    it('is an UNLOGGED table: no WAL, emptied after a crash', async () => {
      fx = await createTestStore('postgres');
      const row = await sql<{ persistence: string }>`select c.relpersistence as persistence
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relname = 'snapshot_chunks' and n.nspname = current_schema()`.execute(fx.store.db);
      expect(row.rows[0]?.persistence).toBe('u');
    });
  },
);
