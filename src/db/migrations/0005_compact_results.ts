import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * Compact run results: a run of consecutive unchanged people with nothing to apply is one row that
 * lists them (`people`, JSON), standing for `span` people from its `position` on. Every person
 * still has a result in the report; a no-change resync writes a row per run of such people
 * instead of one per person.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .alterTable('run_results')
    .addColumn('span', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('run_results').addColumn('people', 'text').execute();
}
