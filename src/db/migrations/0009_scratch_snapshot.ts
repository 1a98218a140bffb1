import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * The staged snapshot is scratch (ADR 0017): a run reads it back in the process that fetched it,
 * and a crash fails the run anyway. On PostgreSQL its table becomes UNLOGGED (no WAL; emptied
 * after a crash). On SQLite it moves out of the database file into each connection's TEMP
 * schema (`SCRATCH_SCHEMA_SQL`, created when a store opens): no WAL frames, checkpoints or
 * fsyncs. Rows of an interrupted run go with it; the run is failed at start-up and fetched again.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect === 'postgres') await sql`alter table snapshot_chunks set unlogged`.execute(db);
  // Qualified: the connection's TEMP table of the same name is the one in use from now on.
  else await sql`drop table if exists main.snapshot_chunks`.execute(db);
}
