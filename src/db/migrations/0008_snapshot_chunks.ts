import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * The staged snapshot in chunks (ADR 0014): one row per ~2,000 consecutive records (lines of
 * `position TAB JSON external id TAB payload`) instead of one row per person, so staging a large
 * company writes a few dozen rows and no per-person index entries. A snapshot is staged only for
 * the run that fetched it, so rows of the former table are dropped with it (a run interrupted
 * mid-fetch is failed at start-up and fetched again).
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('snapshot_chunks')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('first_position', 'integer', (c) => c.notNull())
    .addColumn('records', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('snapshot_chunks_pk', ['run_id', 'seq'])
    .execute();
  await db.schema.dropTable('snapshot_rows').execute();
}
