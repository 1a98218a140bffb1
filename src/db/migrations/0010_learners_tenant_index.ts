import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * The learners of a tenant in row order. A sync loads every learner of the tenant before it fetches
 * (the learner index, `learnerIndex`); through `learners_tenant_email` SQLite visited the rows in
 * email order, one random page after another. This narrow index lists them in the order they sit
 * in the table, and a new learner appends to it.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.createIndex('learners_tenant').on('learners').column('tenant_id').execute();
}
