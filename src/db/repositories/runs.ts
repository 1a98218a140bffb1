import type { Kysely, Selectable, Updateable } from 'kysely';
import { newId } from '../../core/ids.ts';
import { toBool } from '../portable.ts';
import type { Database, SyncRunsTable } from '../schema.ts';

export type RunStatus = SyncRunsTable['status'];
export type RunTrigger = SyncRunsTable['trigger'];
export type RunMode = SyncRunsTable['mode'];

/** A sync run as reports show it (JSON columns parsed). */
export interface SyncRun {
  id: string;
  tenantId: string;
  connectionId: string;
  trigger: RunTrigger;
  mode: RunMode;
  status: RunStatus;
  phase: string | null;
  createdAt: string;
  startedAt: string | null;
  plannedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  snapshotComplete: boolean | null;
  snapshotCount: number;
  counts: Record<string, unknown>;
  guards: unknown[];
  coverage: Record<string, number> | null;
  apiUsage: Record<string, number> | null;
  errorCode: string | null;
  errorMessage: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  appliedAt: string | null;
}

export function toRun(row: Selectable<SyncRunsTable>): SyncRun {
  return {
    ...row,
    snapshotComplete: row.snapshotComplete === null ? null : toBool(row.snapshotComplete),
    counts: JSON.parse(row.counts) as Record<string, unknown>,
    guards: JSON.parse(row.guards) as unknown[],
    coverage: row.coverage ? (JSON.parse(row.coverage) as Record<string, number>) : null,
    apiUsage: row.apiUsage ? (JSON.parse(row.apiUsage) as Record<string, number>) : null,
  };
}

export async function createRun(
  db: Kysely<Database>,
  input: {
    tenantId: string;
    connectionId: string;
    trigger: RunTrigger;
    mode: RunMode;
    status: RunStatus;
  },
  now: string,
): Promise<SyncRun> {
  const row: Selectable<SyncRunsTable> = {
    id: newId('run'),
    ...input,
    phase: null,
    createdAt: now,
    startedAt: input.status === 'running' ? now : null,
    plannedAt: null,
    finishedAt: null,
    durationMs: null,
    snapshotComplete: null,
    snapshotCount: 0,
    counts: '{}',
    guards: '[]',
    coverage: null,
    apiUsage: null,
    errorCode: null,
    errorMessage: null,
    decidedBy: null,
    decidedAt: null,
    appliedAt: null,
  };
  await db.insertInto('syncRuns').values(row).execute();
  return toRun(row);
}

export type RunPatch = Omit<Updateable<SyncRunsTable>, 'id' | 'tenantId' | 'connectionId'>;

export async function updateRun(db: Kysely<Database>, id: string, patch: RunPatch): Promise<void> {
  await db.updateTable('syncRuns').set(patch).where('id', '=', id).execute();
}

export async function getRun(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<SyncRun | undefined> {
  const row = await db
    .selectFrom('syncRuns')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRun(row) : undefined;
}

export async function listRuns(
  db: Kysely<Database>,
  tenantId: string,
  options: { connectionId?: string | undefined; limit: number; offset?: number | undefined },
): Promise<SyncRun[]> {
  let query = db.selectFrom('syncRuns').selectAll().where('tenantId', '=', tenantId);
  if (options.connectionId) query = query.where('connectionId', '=', options.connectionId);
  const rows = await query
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .offset(options.offset ?? 0)
    .execute();
  return rows.map(toRun);
}

/** Runs of the connection in a given status (e.g. paused ones a newer run replaces). */
export async function runsInStatus(
  db: Kysely<Database>,
  connectionId: string,
  statuses: RunStatus[],
): Promise<SyncRun[]> {
  const rows = await db
    .selectFrom('syncRuns')
    .selectAll()
    .where('connectionId', '=', connectionId)
    .where('status', 'in', statuses)
    .execute();
  return rows.map(toRun);
}

/** The coverage of the connection's last complete, applied run (for the coverage guard). */
export async function lastCompleteCoverage(
  db: Kysely<Database>,
  connectionId: string,
): Promise<Record<string, number> | null> {
  const row = await db
    .selectFrom('syncRuns')
    .select('coverage')
    .where('connectionId', '=', connectionId)
    .where('status', '=', 'succeeded')
    .where('mode', '=', 'apply')
    .where('snapshotComplete', '=', true)
    .where('coverage', 'is not', null)
    .orderBy('appliedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.coverage ? (JSON.parse(row.coverage) as Record<string, number>) : null;
}

/** The last time any run of the connection was applied. */
export async function lastAppliedAt(
  db: Kysely<Database>,
  connectionId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('syncRuns')
    .select('appliedAt')
    .where('connectionId', '=', connectionId)
    .where('appliedAt', 'is not', null)
    .orderBy('appliedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.appliedAt ?? null;
}
