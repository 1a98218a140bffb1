import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/** The sync engine: connections, runs, staged snapshots, per-person results and leases. */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('connector_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('config_ciphertext', 'text')
    .addColumn('sandbox', 'boolean', (c) => c.notNull())
    .addColumn('first_synced_at', 'text')
    .addColumn('last_run_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_run_id', 'text')
    .addColumn('last_error_code', 'text')
    .addColumn('last_error_message', 'text')
    .addColumn('consecutive_auth_failures', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('disconnected_at', 'text')
    .execute();
  await db.schema
    .createIndex('connections_tenant')
    .on('connections')
    .columns(['tenant_id', 'status'])
    .execute();

  await db.schema
    .createTable('sync_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('phase', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('planned_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('duration_ms', 'integer')
    .addColumn('snapshot_complete', 'boolean')
    .addColumn('snapshot_count', 'integer', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('guards', 'text', (c) => c.notNull())
    .addColumn('coverage', 'text')
    .addColumn('api_usage', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('applied_at', 'text')
    .execute();
  await db.schema
    .createIndex('sync_runs_connection_created')
    .on('sync_runs')
    .columns(['connection_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('snapshot_rows')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('manager_external_id', 'text')
    .addColumn('payload', 'text')
    .addColumn('hash', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addPrimaryKeyConstraint('snapshot_rows_pk', ['run_id', 'key'])
    .execute();
  await db.schema
    .createIndex('snapshot_rows_run_position')
    .on('snapshot_rows')
    .columns(['run_id', 'position'])
    .execute();

  await db.schema
    .createTable('run_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('learner_id', 'text')
    .addColumn('external_id', 'text')
    .addColumn('display_name', 'text')
    .addColumn('work_email', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('changed_fields', 'text')
    .addColumn('note', 'text')
    .addColumn('invite', 'boolean', (c) => c.notNull())
    .addColumn('link', 'boolean', (c) => c.notNull())
    .addColumn('create_deactivated', 'boolean', (c) => c.notNull())
    .addColumn('person_values', 'text')
    .addColumn('hash', 'text')
    .execute();
  await db.schema
    .createIndex('run_results_run_action')
    .on('run_results')
    .columns(['run_id', 'action', 'position'])
    .execute();
  await db.schema
    .createIndex('run_results_run_position')
    .on('run_results')
    .columns(['run_id', 'position'])
    .execute();

  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('learners').addColumn('hris_hash', 'text').execute();
}
