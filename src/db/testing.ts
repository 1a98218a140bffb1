import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import type { DialectName, Store } from './database.ts';
import { openMigratedStore } from './database.ts';

/**
 * Runs a block of store tests on every dialect: SQLite always, PostgreSQL when
 * ROLLCALL_TEST_PG_URL is set (otherwise the block is reported as skipped, loudly).
 * Each block gets its own SQLite file or PostgreSQL schema, so test files can run in parallel.
 */
export const PG_URL = process.env['ROLLCALL_TEST_PG_URL'];

export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

// In CI the PostgreSQL variant must run, never skip.
if (process.env['CI'] && !PG_URL) {
  throw new Error(
    'CI is set but ROLLCALL_TEST_PG_URL is not: the PostgreSQL tests must not be skipped in CI',
  );
}

export interface StoreFixture {
  /** The store for this block; valid inside tests and hooks. */
  readonly store: Store;
}

export function describeEachDialect(name: string, body: (fixture: StoreFixture) => void): void {
  for (const dialect of DIALECTS) {
    if (dialect === 'postgres' && !PG_URL) {
      describe.skip(`${name} [postgres] — SKIP: set ROLLCALL_TEST_PG_URL to run`, () => {
        body({
          get store(): Store {
            throw new Error('unreachable');
          },
        });
      });
      continue;
    }
    describe(`${name} [${dialect}]`, () => {
      let current: TestStore | undefined;
      beforeAll(async () => {
        current = await createTestStore(dialect);
      });
      afterAll(async () => {
        await current?.dispose();
      });
      body({
        get store(): Store {
          if (!current) throw new Error('the test store is not open yet');
          return current.store;
        },
      });
    });
  }
}

export interface TestStore {
  store: Store;
  /** SQLite: the data directory; PostgreSQL: undefined. */
  dataDir: string | undefined;
  dispose(): Promise<void>;
}

/** A fresh, migrated store in its own temp directory or PostgreSQL schema. */
export async function createTestStore(dialect: DialectName): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rollcall-test-'));
    const store = await openMigratedStore({ dataDir });
    return {
      store,
      dataDir,
      async dispose() {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  if (!PG_URL) throw new Error('ROLLCALL_TEST_PG_URL is not set');
  const schema = `rc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const store = await openMigratedStore({
    dataDir: os.tmpdir(),
    databaseUrl: PG_URL,
    pgSchema: schema,
  });
  return {
    store,
    dataDir: undefined,
    async dispose() {
      await store.close();
      const cleanup = new pg.Client({ connectionString: PG_URL });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}
