import type { Kysely } from 'kysely';
import type { Clock } from '../core/time.ts';
import type { Connection } from '../db/repositories/connections.ts';
import { getConnection, patchConnection } from '../db/repositories/connections.ts';
import type { SyncRun } from '../db/repositories/runs.ts';
import { getTenant } from '../db/repositories/tenants.ts';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../log.ts';
import { enqueueRun } from '../sync/queue.ts';
import { nextNightlyRun, retryDelayMs } from './nightly.ts';

export interface SchedulerDeps {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
}

/** Whether the schedule runs this connection at all (reconnect needed stops it: DESIGN.md). */
export function isScheduled(connection: Connection): boolean {
  if (connection.status === 'disconnected') return false;
  return !(connection.status === 'error' && connection.lastErrorCode === 'reconnect_needed');
}

/**
 * One scheduler pass: gives every scheduled connection its next nightly slot (the tenant's local
 * sync time, with a per-connection jitter) and queues a run for each connection whose slot has
 * come. Safe to run from several processes: queueing coalesces with a run already waiting.
 * Returns how many runs it queued.
 */
export async function scheduleDueRuns(deps: SchedulerDeps): Promise<number> {
  const now = deps.clock();
  const rows = await deps.db
    .selectFrom('connections')
    .select(['id', 'tenantId'])
    .where('status', '!=', 'disconnected')
    .execute();
  let queued = 0;
  for (const row of rows) {
    const connection = await getConnection(deps.db, row.tenantId, row.id);
    if (!connection || !isScheduled(connection)) continue;
    if (connection.nextSyncAt !== null && connection.nextSyncAt > now.toISOString()) continue;
    const nextSyncAt = (await nightlySlot(deps, connection, now)).toISOString();
    if (connection.nextSyncAt !== null) {
      const { coalesced } = await enqueueRun(
        deps.db,
        {
          tenantId: connection.tenantId,
          connectionId: connection.id,
          trigger: 'schedule',
          mode: 'apply',
        },
        now.toISOString(),
      );
      if (!coalesced) queued += 1;
      deps.log.info({ connectionId: connection.id, nextSyncAt }, 'nightly sync queued');
    }
    await patchConnection(deps.db, connection.id, { nextSyncAt }, now.toISOString());
  }
  return queued;
}

/**
 * After a run: a scheduled run that failed is retried with backoff (never later than the next
 * nightly slot); a success resets the attempt counter. Auth failures count towards "reconnect
 * needed" in the engine, after which the schedule stops.
 */
export async function afterScheduledRun(deps: SchedulerDeps, run: SyncRun): Promise<void> {
  if (run.mode !== 'apply') return;
  const connection = await getConnection(deps.db, run.tenantId, run.connectionId);
  if (!connection || connection.status === 'disconnected') return;
  const now = deps.clock();
  if (run.status !== 'failed') {
    if (connection.syncRetryAttempt !== 0)
      await patchConnection(deps.db, connection.id, { syncRetryAttempt: 0 }, now.toISOString());
    return;
  }
  if (run.trigger !== 'schedule' || !isScheduled(connection)) return;
  const attempt = connection.syncRetryAttempt + 1;
  const retryAt = new Date(now.getTime() + retryDelayMs(attempt));
  const nightly = await nightlySlot(deps, connection, now);
  const nextSyncAt = (retryAt < nightly ? retryAt : nightly).toISOString();
  await patchConnection(
    deps.db,
    connection.id,
    { syncRetryAttempt: attempt, nextSyncAt },
    now.toISOString(),
  );
  deps.log.warn(
    { connectionId: connection.id, runId: run.id, attempt, nextSyncAt, errorCode: run.errorCode },
    'scheduled sync failed; retrying with backoff',
  );
}

async function nightlySlot(
  deps: SchedulerDeps,
  connection: Connection,
  after: Date,
): Promise<Date> {
  const tenant = await getTenant(deps.db, connection.tenantId);
  if (!tenant) throw new Error(`tenant ${connection.tenantId} vanished`);
  return nextNightlyRun({
    after,
    timeZone: tenant.timeZone,
    localTime: tenant.settings.nightlySyncTime,
    jitterKey: connection.id,
  });
}

/** Runs the scheduler every `intervalMs` and wakes the worker when it queued something. */
export class NightlyScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly deps: SchedulerDeps,
    private readonly onQueued: () => void,
    private readonly intervalMs = 30_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = scheduleDueRuns(this.deps)
      .then((queued) => {
        if (queued > 0) this.onQueued();
      })
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'scheduler pass failed'))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
