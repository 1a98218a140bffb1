import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { DialectName } from '../database.ts';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_sync.ts';
import * as m0003 from './0003_connections.ts';
import * as m0004 from './0004_connect_links.ts';
import * as m0005 from './0005_compact_results.ts';
import * as m0006 from './0006_audit_target_index.ts';
import * as m0007 from './0007_record_hash.ts';
import * as m0008 from './0008_snapshot_chunks.ts';
import * as m0009 from './0009_scratch_snapshot.ts';
import * as m0010 from './0010_learners_tenant_index.ts';

/** What a migration may know beyond the connection: which store it runs on. */
export interface MigrationContext {
  dialect: DialectName;
}

interface MigrationModule {
  up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
}

/**
 * The static, ordered list of migrations. Append only: a released migration never changes.
 * Names sort in order, which is how Kysely checks that none was skipped.
 */
const MIGRATIONS: readonly (readonly [string, MigrationModule])[] = [
  ['0001_initial', m0001],
  ['0002_sync', m0002],
  ['0003_connections', m0003],
  ['0004_connect_links', m0004],
  ['0005_compact_results', m0005],
  ['0006_audit_target_index', m0006],
  ['0007_record_hash', m0007],
  ['0008_snapshot_chunks', m0008],
  ['0009_scratch_snapshot', m0009],
  ['0010_learners_tenant_index', m0010],
];

export function migrationProvider(ctx: MigrationContext): MigrationProvider {
  return {
    getMigrations(): Promise<Record<string, Migration>> {
      const out: Record<string, Migration> = {};
      for (const [name, module] of MIGRATIONS) out[name] = { up: (db) => module.up(db, ctx) };
      return Promise.resolve(out);
    },
  };
}

/** Every migration name, in order. */
export const MIGRATION_NAMES: readonly string[] = MIGRATIONS.map(([name]) => name);

export const LATEST_MIGRATION = MIGRATIONS[MIGRATIONS.length - 1]?.[0] ?? '';
