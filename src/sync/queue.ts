import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { RunMode, RunTrigger, SyncRun } from '../db/repositories/runs.ts';
import { createRun, getRun, toRun } from '../db/repositories/runs.ts';
import { inTransaction } from '../db/transaction.ts';

/**
 * The run queue (ADR 0008): a `sync_runs` row with status `queued` is a job. Workers claim one by
 * compare-and-set (`queued` → `running`) while holding the connection's lease, so the same table
 * serves the embedded store and PostgreSQL with any number of workers.
 */

export interface EnqueueResult {
  run: SyncRun;
  /** True when an equivalent run was already waiting: the request joined it (a Resync coalesces). */
  coalesced: boolean;
}

/**
 * Queues a run unless one of the same mode is already waiting for this connection. A Resync
 * pressed while a sync is running therefore yields exactly one follow-up run.
 */
export async function enqueueRun(
  db: Kysely<Database>,
  input: { tenantId: string; connectionId: string; trigger: RunTrigger; mode: RunMode },
  now: string,
): Promise<EnqueueResult> {
  return inTransaction(db, async (trx) => {
    const waiting = await trx
      .selectFrom('syncRuns')
      .select('id')
      .where('connectionId', '=', input.connectionId)
      .where('status', '=', 'queued')
      .where('mode', '=', input.mode)
      .orderBy('createdAt')
      .executeTakeFirst();
    if (waiting) {
      const run = await getRun(trx, input.tenantId, waiting.id);
      if (run) return { run, coalesced: true };
    }
    const run = await createRun(trx, { ...input, status: 'queued' }, now);
    return { run, coalesced: false };
  });
}

/** Queued runs, oldest first (a worker tries them in this order). */
export async function queuedRuns(db: Kysely<Database>, limit: number): Promise<SyncRun[]> {
  const rows = await db
    .selectFrom('syncRuns')
    .selectAll()
    .where('status', '=', 'queued')
    .orderBy('createdAt')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toRun);
}

/** Claims a queued run for execution; false when another worker (or a cancel) got there first. */
export async function claimRun(db: Kysely<Database>, runId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('syncRuns')
    .set({ status: 'running', startedAt: now })
    .where('id', '=', runId)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Cancels every queued run of a connection (Disconnect), with the reason in the report. */
export async function cancelQueuedRuns(
  db: Kysely<Database>,
  connectionId: string,
  reason: { code: string; message: string },
  now: string,
): Promise<number> {
  const result = await db
    .updateTable('syncRuns')
    .set({
      status: 'cancelled',
      errorCode: reason.code,
      errorMessage: reason.message,
      finishedAt: now,
    })
    .where('connectionId', '=', connectionId)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
