import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * Connections an admin runs: the nightly schedule (next slot, retry attempt), who connected, and
 * an index for the run queue (`sync_runs` with status `queued` is the queue, see ADR 0008).
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('connections').addColumn('next_sync_at', 'text').execute();
  await db.schema
    .alterTable('connections')
    .addColumn('sync_retry_attempt', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('connections').addColumn('connected_by', 'text').execute();
  await db.schema
    .createIndex('sync_runs_status_created')
    .on('sync_runs')
    .columns(['status', 'created_at'])
    .execute();
}
