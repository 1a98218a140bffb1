import type { Kysely, Selectable, Updateable } from 'kysely';
import { newId } from '../../core/ids.ts';
import { bulkInsert, toBool, toCount } from '../portable.ts';
import type { Database, RunResultsTable, SyncRunsTable } from '../schema.ts';

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

// Results ------------------------------------------------------------------------------------

export type RunResultRow = Selectable<RunResultsTable>;
export type NewRunResultRow = Omit<RunResultRow, 'id'>;

export interface RunResult {
  position: number;
  learnerId: string | null;
  externalId: string | null;
  displayName: string | null;
  workEmail: string | null;
  action: RunResultsTable['action'];
  reason: string | null;
  changedFields: string[] | null;
  note: string | null;
  invite: boolean;
}

/** An unchanged person with nothing to apply: all a compact result row keeps of them. */
export interface QuietResult {
  learnerId: string | null;
  externalId: string | null;
  displayName: string | null;
  workEmail: string | null;
  note: string | null;
}

type QuietTuple = [string | null, string | null, string | null, string | null, string | null];

/** People per compact row at most (bounds a row's size and the look-back of a page query). */
export const MAX_SPAN = 1_000;

/**
 * One row for consecutive unchanged people (plan positions `position` … `position + n - 1`) who
 * need nothing applied: the report still lists each of them, from `people`.
 */
export function compactResultRow(
  runId: string,
  position: number,
  people: readonly QuietResult[],
): NewRunResultRow {
  if (people.length === 0 || people.length > MAX_SPAN)
    throw new Error(`a compact result row holds 1 to ${MAX_SPAN} people`);
  const tuples: QuietTuple[] = people.map((p) => [
    p.learnerId,
    p.externalId,
    p.displayName,
    p.workEmail,
    p.note,
  ]);
  return {
    runId,
    position,
    learnerId: null,
    externalId: null,
    displayName: null,
    workEmail: null,
    action: 'unchanged',
    reason: null,
    changedFields: null,
    note: null,
    invite: false,
    link: false,
    createDeactivated: false,
    personValues: null,
    hash: null,
    recordHash: null,
    span: people.length,
    people: JSON.stringify(tuples),
  };
}

export function toResult(row: RunResultRow): RunResult {
  return {
    position: row.position,
    learnerId: row.learnerId,
    externalId: row.externalId,
    displayName: row.displayName,
    workEmail: row.workEmail,
    action: row.action,
    reason: row.reason,
    changedFields: row.changedFields ? (JSON.parse(row.changedFields) as string[]) : null,
    note: row.note,
    invite: toBool(row.invite),
  };
}

/** The people a stored row stands for: itself, or each person of a compact row. */
export function toResults(row: RunResultRow): RunResult[] {
  if (row.people === null) return [toResult(row)];
  return (JSON.parse(row.people) as QuietTuple[]).map(
    ([learnerId, externalId, displayName, workEmail, note], i) => ({
      position: row.position + i,
      learnerId,
      externalId,
      displayName,
      workEmail,
      action: row.action,
      reason: row.reason,
      changedFields: null,
      note,
      invite: false,
    }),
  );
}

export async function insertResults(
  db: Kysely<Database>,
  rows: readonly NewRunResultRow[],
): Promise<void> {
  // A result is named by its run and position: unique, and cheaper than a random id per person.
  await bulkInsert(
    db,
    'runResults',
    rows.map((row) => ({ id: `${row.runId}:${row.position}`, ...row })),
  );
}

/**
 * A run's results, one per person in plan order (compact rows expanded), optionally one action's
 * only; `limit`/`offset` count people, not rows.
 */
export async function listResults(
  db: Kysely<Database>,
  runId: string,
  options: {
    action?: RunResultsTable['action'] | undefined;
    limit?: number | undefined;
    offset?: number | undefined;
  },
): Promise<{ items: RunResult[]; total: number }> {
  let query = db.selectFrom('runResults').where('runId', '=', runId);
  if (options.action) query = query.where('action', '=', options.action);
  const total = await query
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('span'), eb.lit(0)).as('n'))
    .executeTakeFirst();
  if (options.limit === undefined) {
    const rows = await query.selectAll().orderBy('position').execute();
    return { items: rows.flatMap(toResults), total: toCount(total?.n) };
  }
  // Each row's people end at `upto` (a running sum of spans): the page's rows are the first
  // `limit` rows that end after `offset`.
  const offset = options.offset ?? 0;
  const end = offset + options.limit;
  const rows = await db
    .selectFrom(
      query
        .selectAll()
        .select((eb) =>
          eb.fn
            .sum<number | string>('span')
            .over((o) => o.orderBy('position'))
            .as('upto'),
        )
        .as('r'),
    )
    .selectAll()
    .where('upto', '>', offset)
    .orderBy('position')
    .limit(options.limit)
    .execute();
  const items: RunResult[] = [];
  for (const { upto, ...row } of rows) {
    const first = toCount(upto) - row.span;
    toResults(row).forEach((result, i) => {
      if (first + i >= offset && first + i < end) items.push(result);
    });
  }
  return { items, total: toCount(total?.n) };
}

/** Result rows that change something, in plan order, one page at a time (for apply). */
export async function actionableResults(
  db: Kysely<Database>,
  runId: string,
  afterPosition: number,
  limit: number,
): Promise<RunResultRow[]> {
  return db
    .selectFrom('runResults')
    .selectAll()
    .where('runId', '=', runId)
    .where('position', '>', afterPosition)
    .where((eb) =>
      eb.or([
        eb('action', 'in', ['create', 'update', 'deactivate', 'reactivate']),
        eb.and([
          eb('action', '=', 'unchanged'),
          eb.or([eb('hash', 'is not', null), eb('recordHash', 'is not', null)]),
        ]),
      ]),
    )
    .orderBy('position')
    .limit(limit)
    .execute();
}

export async function markResultError(
  db: Kysely<Database>,
  resultId: string,
  reason: string,
  note: string,
): Promise<void> {
  await db
    .updateTable('runResults')
    .set({ action: 'error', reason, note })
    .where('id', '=', resultId)
    .execute();
}
