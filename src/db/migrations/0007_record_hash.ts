import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * Hash-skipped resyncs (ADR 0012): a learner keeps the hash of the raw HRIS record its owned
 * fields were last written from, and a result row carries the one its apply stores, so a resync
 * can leave people whose record did not change out of the staged snapshot.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('learners').addColumn('hris_record_hash', 'text').execute();
  await db.schema.alterTable('run_results').addColumn('record_hash', 'text').execute();
}
