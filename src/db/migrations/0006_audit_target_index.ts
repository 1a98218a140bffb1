import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/** The learner history reads the audit log by target, newest first: index exactly that. */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createIndex('audit_log_target')
    .on('audit_log')
    .columns(['tenant_id', 'target_type', 'target_id', 'at'])
    .execute();
}
