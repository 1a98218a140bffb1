import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { MigrationContext } from './index.ts';

/** The foundation: tenants, console users, learners and the learning-platform model. */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_prefix', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('learners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('platform_access', 'boolean', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text')
    .addColumn('external_id', 'text')
    .addColumn('employee_number', 'text')
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('work_email', 'text')
    .addColumn('department', 'text')
    .addColumn('department_id', 'text')
    .addColumn('department_type', 'text')
    .addColumn('job_title', 'text')
    .addColumn('employee_type', 'text')
    .addColumn('location', 'text')
    .addColumn('location_id', 'text')
    .addColumn('country', 'text')
    .addColumn('manager_external_id', 'text')
    .addColumn('manager_name', 'text')
    .addColumn('manager_email', 'text')
    .addColumn('employment_status', 'text')
    .addColumn('start_date', 'text')
    .addColumn('termination_date', 'text')
    .addColumn('provenance', 'text', (c) => c.notNull())
    .addColumn('deactivation_reason', 'text')
    .addColumn('deactivated_at', 'text')
    .addColumn('invited_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('learners_tenant_email')
    .on('learners')
    .columns(['tenant_id', 'work_email'])
    .unique()
    .execute();
  await db.schema
    .createIndex('learners_connection_external')
    .on('learners')
    .columns(['connection_id', 'external_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('learners_tenant_name')
    .on('learners')
    .columns(['tenant_id', 'last_name', 'first_name', 'id'])
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('learner_id', 'text', (c) => c.notNull().unique().references('learners.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('ended_reason', 'text')
    .execute();

  await db.schema
    .createTable('programs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('programs_tenant_name')
    .on('programs')
    .columns(['tenant_id', 'name'])
    .unique()
    .execute();

  await db.schema
    .createTable('program_participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('learner_id', 'text', (c) => c.notNull().references('learners.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('invited_at', 'text')
    .addColumn('enrolled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('program_participants_once', ['program_id', 'learner_id'])
    .execute();

  await db.schema
    .createTable('program_follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('learner_id', 'text', (c) => c.notNull().references('learners.id'))
    .addColumn('note', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('program_follow_ups_once', ['program_id', 'learner_id'])
    .execute();
  await db.schema
    .createIndex('program_follow_ups_learner')
    .on('program_follow_ups')
    .column('learner_id')
    .execute();

  await db.schema
    .createTable('classes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('classes_program_start')
    .on('classes')
    .columns(['program_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('class_enrollments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id'))
    .addColumn('learner_id', 'text', (c) => c.notNull().references('learners.id'))
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .addColumn('attendance', 'text')
    .addColumn('attendance_recorded_at', 'text')
    .addUniqueConstraint('class_enrollments_once', ['class_id', 'learner_id'])
    .execute();
  await db.schema
    .createIndex('class_enrollments_learner')
    .on('class_enrollments')
    .column('learner_id')
    .execute();

  await db.schema
    .createTable('invites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('learner_id', 'text', (c) => c.notNull().references('learners.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('program_id', 'text')
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text')
    .addUniqueConstraint('invites_once', ['tenant_id', 'learner_id', 'scope'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_tenant_at')
    .on('audit_log')
    .columns(['tenant_id', 'at'])
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('seq', ctx.dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      ctx.dialect === 'postgres'
        ? c.primaryKey().generatedByDefaultAsIdentity()
        : c.primaryKey().autoIncrement(),
    )
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('learner_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('events_learner_version', ['learner_id', 'version'])
    .execute();
  await db.schema
    .createIndex('events_tenant_seq')
    .on('events')
    .columns(['tenant_id', 'seq'])
    .execute();

  // Keep the planner honest on SQLite after bulk loads.
  if (ctx.dialect === 'sqlite') await sql`pragma optimize`.execute(db);
}
