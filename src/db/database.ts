import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import type { MigrationResult } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { migrationProvider } from './migrations/index.ts';
import { RawSqlitePlugin, RollcallSqliteDialect } from './sqlite-dialect.ts';

export type DialectName = 'sqlite' | 'postgres';

/** An open store: one Kysely instance over SQLite (embedded default) or PostgreSQL. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Where the store lives, for messages (a file path or a redacted URL). */
  readonly location: string;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL connection string; SQLite in `dataDir` when absent. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL only: the schema to use (tests give each file its own). */
  pgSchema?: string | undefined;
  /** SQLite only: how long to wait for another process's write lock. */
  busyTimeoutMs?: number;
}

export const SQLITE_FILE = 'rollcall.db';

/**
 * SQLite: the staged snapshot lives in the connection's TEMP schema (ADR 0017): scratch that a run
 * reads back in the process that fetched it, written without WAL frames, checkpoints or fsyncs.
 * Same columns as migration 0008's table (PostgreSQL keeps that one, UNLOGGED).
 */
const SCRATCH_SCHEMA_SQL = `create temp table if not exists snapshot_chunks (
  run_id text not null,
  seq integer not null,
  first_position integer not null,
  records text not null,
  primary key (run_id, seq)
)`;

export function openStore(options: StoreOptions): Store {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.pgSchema)
    : openSqlite(options.dataDir, options.busyTimeoutMs ?? 10_000);
}

function openSqlite(dataDir: string, busyTimeoutMs: number): Store {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SQLITE_FILE);
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  database.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  database.pragma('synchronous = NORMAL');
  // Checkpoint the WAL every ~40 MB rather than every 4 MB: a checkpoint costs two fsyncs, and
  // bulk writes (a sync's apply, a CSV import) would otherwise pay them at almost every commit.
  database.pragma('wal_autocheckpoint = 10000');
  database.pragma('foreign_keys = ON');
  database.exec(SCRATCH_SCHEMA_SQL);
  const db = new Kysely<Database>({
    dialect: new RollcallSqliteDialect(database),
    plugins: [new CamelCasePlugin(), new RawSqlitePlugin(database)],
  });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

function openPostgres(url: string, schema: string | undefined): Store {
  const int8 = 20;
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Identifiers and counts we store fit in a double; read bigint as a number.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
        oid === int8
          ? (value: string) => Number(value)
          : (pg.types.getTypeParser(
              oid,
              format ?? 'text',
            ) as unknown)) as typeof pg.types.getTypeParser,
    },
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
  return { db, dialect: 'postgres', location: redactUrl(url), close: () => db.destroy() };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}

/** Applies every pending migration; returns the names applied now. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  // Kysely looks for its migration tables in every schema unless told which one: with another
  // schema's tables present (parallel test schemas, another app in the database) it would skip
  // creating its own and fail. Name the current schema explicitly.
  const schema =
    store.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]
          ?.schema
      : undefined;
  const migrator = new Migrator({
    db: store.db.withoutPlugins() as Kysely<unknown>,
    provider: migrationProvider({ dialect: store.dialect }),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  let { error, results } = await migrator.migrateToLatest();
  // Kysely's migrator introspects every schema of the database before it migrates ours; another
  // session changing one meanwhile (a parallel test's schema, another app's) makes that catalog
  // query fail: `schema "…" does not exist`, or a relation or column of theirs gone mid-query.
  // Nothing of ours was touched: read again.
  for (let attempt = 1; attempt < 10 && isCatalogRace(error, results, schema); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** SQLSTATEs of a catalog object gone mid-query: schema, relation, column. */
const CATALOG_RACE_CODES = new Set(['3F000', '42P01', '42703']);

/**
 * A catalog error Kysely's introspection met while another session changed its own schema: no
 * migration of ours failed, the error says an object does not exist, and it is not our schema.
 */
export function isCatalogRace(
  error: unknown,
  results: readonly MigrationResult[] | undefined,
  ours: string | undefined,
): boolean {
  if (!(error instanceof Error) || ours === undefined) return false;
  if (results?.some((r) => r.status === 'Error')) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !CATALOG_RACE_CODES.has(code)) return false;
  const schema = /^schema "(.+)" does not exist$/.exec(error.message);
  return schema === null || schema[1] !== ours;
}

/** Opens the store and brings it to the latest schema: what every command and the server do. */
export async function openMigratedStore(options: StoreOptions): Promise<Store> {
  const store = openStore(options);
  try {
    await migrateToLatest(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
