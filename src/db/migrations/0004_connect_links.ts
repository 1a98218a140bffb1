import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * Secure connect links: an admin sends one to the company's HRIS owner, who connects without a
 * console account. Only the token's sha256 is stored; who completed it stays on the row.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('connect_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('connector_id', 'text', (c) => c.notNull())
    .addColumn('sandbox', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by_name', 'text')
    .addColumn('used_by_email', 'text')
    .addColumn('connection_id', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('connect_links_tenant_created')
    .on('connect_links')
    .columns(['tenant_id', 'created_at'])
    .execute();
}
