import type { ConnectorError } from '../connectors/connector.ts';
import { AppError } from '../core/errors.ts';
import type { Actor } from '../db/repositories/audit.ts';
import type { Connection } from '../db/repositories/connections.ts';
import {
  getConnection,
  patchConnection,
  transitionConnection,
} from '../db/repositories/connections.ts';
import type { RunMode } from '../db/repositories/runs.ts';
import {
  getRun,
  lastAppliedAt,
  lastCompleteCoverage,
  runsInStatus,
  updateRun,
} from '../db/repositories/runs.ts';
import { getTenant } from '../db/repositories/tenants.ts';
import type { ApplyContext } from './apply.ts';
import { applyPlan } from './apply.ts';
import type { EngineDeps } from './engine.ts';
import { evaluateGuards } from './guards.ts';
import { ownedFields } from './plan.ts';
import { activeLinkedLearners, mostDeactivations, planStagedSnapshot } from './plan-run.ts';
import type { FetchOutcome } from './engine.ts';
import { clearSnapshot } from './snapshot.ts';
import { leaseIsHeld, leaseName, withLease } from './lease.ts';

/** Three auth failures in a row stop the schedule until an admin reconnects (DESIGN.md). */
export const AUTH_FAILURES_BEFORE_RECONNECT = 3;
/** A paused plan may be approved for this long, and only if nothing was applied since. */
export const APPROVAL_WINDOW_MS = 24 * 60 * 60 * 1000;

type FetchSuccess = Extract<FetchOutcome, { ok: true }>;

/** Plans the staged snapshot, runs the guards, then applies, pauses, or stops (dry run). */
export async function planAndDecide(
  deps: EngineDeps,
  connection: Connection,
  runId: string,
  started: Date,
  mode: RunMode,
  fetched: FetchSuccess,
): Promise<void> {
  const tenant = await getTenant(deps.db, connection.tenantId);
  if (!tenant) throw new Error(`tenant ${connection.tenantId} vanished`);
  const connector = deps.connector(connection.connectorId);
  const previousCoverage = await lastCompleteCoverage(deps.db, connection.id);
  const guardInput = {
    settings: tenant.settings,
    snapshotSize: fetched.snapshotSize,
    activeLinkedLearners: activeLinkedLearners(fetched.learners, connection.id),
    coverage: fetched.coverage,
    previousCoverage,
  };
  // When no plan could pause this run (even deactivating every active learner it matches against
  // would pass the guards), the plan is applied as it is made (ADR 0016): a first sync into an
  // empty tenant, say. Every other run stores its plan, then applies or pauses.
  const applyAsPlanned =
    mode === 'apply' &&
    evaluateGuards({
      ...guardInput,
      counts: { deactivations: mostDeactivations(fetched.learners) },
    }).every((v) => v.passed);
  if (applyAsPlanned) await supersedePending(deps, connection.id, runId);
  // Applying as planned, progress counts people applied (the plan's own pace is the same).
  const phase = applyAsPlanned ? 'apply' : 'plan';
  await updateRun(deps.db, runId, { phase });
  deps.onProgress?.({ phase, done: 0 });

  const planned = await planStagedSnapshot({
    db: deps.db,
    tenantId: connection.tenantId,
    connectionId: connection.id,
    runId,
    settings: tenant.settings,
    isFirstSync: connection.firstSyncedAt === null,
    complete: fetched.complete,
    ownedFields: ownedFields(connector.providedFields),
    learners: fetched.learners,
    linked: fetched.linked,
    settled: fetched.settled,
    managers: fetched.managers,
    onProgress: applyAsPlanned ? undefined : (done) => deps.onProgress?.({ phase: 'plan', done }),
    applyAsPlanned: applyAsPlanned
      ? applyContext(deps, connection, runId, deps.clock())
      : undefined,
  });
  const verdicts = evaluateGuards({ ...guardInput, counts: planned.counts });
  // The results now carry everything the apply needs: the staged snapshot has done its job.
  await clearSnapshot(deps.db, runId);
  const plannedAt = deps.clock().toISOString();
  await updateRun(deps.db, runId, {
    phase: 'guards',
    plannedAt,
    snapshotComplete: fetched.complete,
    snapshotCount: fetched.snapshotSize,
    counts: JSON.stringify({
      ...planned.counts.byAction,
      byReason: planned.counts.byReason,
      deactivations: planned.counts.deactivations,
      managerNotes: planned.counts.managerNotes,
      people: fetched.people,
      recordErrors: fetched.recordErrors,
      pageErrors: fetched.pageErrors,
    }),
    guards: JSON.stringify(verdicts),
    coverage: JSON.stringify(fetched.coverage),
    apiUsage: JSON.stringify(fetched.usage),
  });

  if (mode === 'dry-run') {
    await finish(deps, runId, started, { status: 'succeeded' });
    return;
  }
  if (applyAsPlanned) {
    await succeed({ deps, connection, runId, started, decidedBy: null });
    return;
  }
  await supersedePending(deps, connection.id, runId);
  if (verdicts.some((v) => !v.passed)) {
    await updateRun(deps.db, runId, { status: 'awaiting_approval', phase: null });
    const at = deps.clock().toISOString();
    await transitionConnection(
      deps.db,
      connection.id,
      'awaiting_approval',
      { lastRunId: runId },
      at,
    );
    deps.log.warn(
      { runId, guards: verdicts.filter((v) => !v.passed).map((v) => v.guard) },
      'sync paused for approval',
    );
    return;
  }
  await applyAndSucceed({ deps, connection, runId, started, decidedBy: null });
}

/** A newer run replaces any plan still waiting for approval. */
async function supersedePending(
  deps: EngineDeps,
  connectionId: string,
  runId: string,
): Promise<void> {
  for (const pending of await runsInStatus(deps.db, connectionId, ['awaiting_approval'])) {
    if (pending.id === runId) continue;
    await updateRun(deps.db, pending.id, {
      status: 'cancelled',
      errorCode: 'superseded',
      errorMessage: `replaced by run ${runId}`,
    });
  }
}

function applyContext(
  deps: EngineDeps,
  connection: Connection,
  runId: string,
  now: Date,
): ApplyContext {
  return {
    db: deps.db,
    tenantId: connection.tenantId,
    connectionId: connection.id,
    runId,
    now,
    onBatch: (applied) => {
      deps.onProgress?.({ phase: 'apply', done: applied });
      return Promise.resolve();
    },
  };
}

/** A run whose plan is (about to be) applied: who approved it (null: no guard paused it). */
interface ApplyingRun {
  deps: EngineDeps;
  connection: Connection;
  runId: string;
  started: Date;
  decidedBy: Actor | null;
}

async function applyAndSucceed(run: ApplyingRun): Promise<void> {
  const { deps, connection, runId } = run;
  await updateRun(deps.db, runId, { phase: 'apply', status: 'running' });
  await applyPlan(applyContext(deps, connection, runId, deps.clock()));
  await succeed(run);
}

/** The plan is applied: the connection is synced and the run succeeded. */
async function succeed({
  deps,
  connection,
  runId,
  started,
  decidedBy,
}: ApplyingRun): Promise<void> {
  const at = deps.clock().toISOString();
  await transitionConnection(
    deps.db,
    connection.id,
    'synced',
    {
      lastRunId: runId,
      lastSuccessAt: at,
      firstSyncedAt: connection.firstSyncedAt ?? at,
      lastErrorCode: null,
      lastErrorMessage: null,
      consecutiveAuthFailures: 0,
    },
    at,
  );
  await finish(deps, runId, started, {
    status: 'succeeded',
    appliedAt: at,
    ...(decidedBy ? { decidedBy: `${decidedBy.type}:${decidedBy.id ?? ''}`, decidedAt: at } : {}),
  });
}

async function finish(
  deps: EngineDeps,
  runId: string,
  started: Date,
  patch: Parameters<typeof updateRun>[2],
): Promise<void> {
  const finishedAt = deps.clock();
  await updateRun(deps.db, runId, {
    ...patch,
    phase: null,
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - started.getTime(),
  });
}

/** Records a failed run; auth failures count towards "reconnect needed". */
export async function finishFailed(
  deps: EngineDeps,
  connection: Connection,
  runId: string,
  started: Date,
  error: ConnectorError,
  mode: RunMode,
  usage: Record<string, number> | null,
): Promise<void> {
  await finish(deps, runId, started, {
    status: 'failed',
    errorCode: error.code,
    errorMessage: error.message,
    ...(usage ? { apiUsage: JSON.stringify(usage) } : {}),
  });
  if (mode === 'dry-run') return;
  const current = await getConnection(deps.db, connection.tenantId, connection.id);
  if (!current || current.status === 'disconnected') return;
  const authFailure = error.code === 'auth_failed' || error.code === 'forbidden';
  const failures = authFailure ? current.consecutiveAuthFailures + 1 : 0;
  const reconnect = failures >= AUTH_FAILURES_BEFORE_RECONNECT;
  const at = deps.clock().toISOString();
  await transitionConnection(
    deps.db,
    connection.id,
    'error',
    {
      lastRunId: runId,
      lastErrorCode: reconnect ? 'reconnect_needed' : error.code,
      lastErrorMessage: reconnect
        ? `The HRIS refused the credentials ${failures} times in a row: reconnect with a valid API key. (${error.message})`
        : error.message,
      consecutiveAuthFailures: failures,
    },
    at,
  );
}

/** Approves a paused run: applies exactly the stored plan, if it is fresh and nothing was applied since. */
export async function approveRun(
  deps: EngineDeps,
  input: { tenantId: string; runId: string; actor: Actor },
): Promise<void> {
  const run = await getRun(deps.db, input.tenantId, input.runId);
  if (!run) throw new AppError('NOT_FOUND', `no run ${input.runId} in this tenant`);
  if (run.status !== 'awaiting_approval')
    throw new AppError('CONFLICT', `run ${run.id} is ${run.status}, not awaiting approval`);
  const connection = await getConnection(deps.db, input.tenantId, run.connectionId);
  if (!connection || connection.status === 'disconnected')
    throw new AppError('CONFLICT', 'the connection is disconnected');
  const now = deps.clock();
  const plannedAt = run.plannedAt ?? run.createdAt;
  const appliedSince = await lastAppliedAt(deps.db, connection.id);
  const stale =
    now.getTime() - new Date(plannedAt).getTime() > APPROVAL_WINDOW_MS
      ? 'the plan is more than 24 hours old'
      : appliedSince !== null && appliedSince > plannedAt
        ? 'another run was applied after this plan was made'
        : null;
  if (stale) {
    await updateRun(deps.db, run.id, {
      status: 'cancelled',
      errorCode: 'stale',
      errorMessage: stale,
    });
    throw new AppError(
      'CONFLICT',
      `run ${run.id} cannot be approved: ${stale}. Run a new sync to get a fresh plan.`,
    );
  }
  const outcome = await withLease(deps, leaseName(connection.id), async () => {
    await transitionConnection(deps.db, connection.id, 'syncing', {}, now.toISOString());
    await applyAndSucceed({
      deps,
      connection,
      runId: run.id,
      started: now,
      decidedBy: input.actor,
    });
  });
  if (!outcome.acquired) {
    throw new AppError(
      'CONFLICT',
      'a sync of this connection is running: approve again when it has finished',
    );
  }
}

/** Rejects a paused run: nothing is applied. */
export async function rejectRun(
  deps: EngineDeps,
  input: { tenantId: string; runId: string; actor: Actor },
): Promise<void> {
  const run = await getRun(deps.db, input.tenantId, input.runId);
  if (!run) throw new AppError('NOT_FOUND', `no run ${input.runId} in this tenant`);
  if (run.status !== 'awaiting_approval')
    throw new AppError('CONFLICT', `run ${run.id} is ${run.status}, not awaiting approval`);
  const at = deps.clock().toISOString();
  await updateRun(deps.db, run.id, {
    status: 'rejected',
    decidedBy: `${input.actor.type}:${input.actor.id ?? ''}`,
    decidedAt: at,
    finishedAt: at,
  });
  const connection = await getConnection(deps.db, input.tenantId, run.connectionId);
  if (connection?.status === 'awaiting_approval') {
    await transitionConnection(
      deps.db,
      connection.id,
      connection.lastSuccessAt ? 'synced' : 'connected',
      {},
      at,
    );
  }
}

/** At start-up: runs left `running` by a crashed process become `failed: interrupted`. */
export async function markInterruptedRuns(deps: Pick<EngineDeps, 'db' | 'clock'>): Promise<number> {
  const running = await deps.db
    .selectFrom('syncRuns')
    .select(['id', 'connectionId', 'startedAt'])
    .where('status', '=', 'running')
    .execute();
  let marked = 0;
  const now = deps.clock();
  for (const run of running) {
    if (await leaseIsHeld(deps.db, leaseName(run.connectionId), now)) continue;
    const at = now.toISOString();
    await updateRun(deps.db, run.id, {
      status: 'failed',
      phase: null,
      errorCode: 'interrupted',
      errorMessage:
        'The process running this sync stopped before it finished; the next sync converges.',
      finishedAt: at,
    });
    await clearSnapshot(deps.db, run.id);
    const connection = await deps.db
      .selectFrom('connections')
      .select(['status'])
      .where('id', '=', run.connectionId)
      .executeTakeFirst();
    if (connection?.status === 'syncing') {
      await patchConnection(
        deps.db,
        run.connectionId,
        { lastErrorCode: 'interrupted', lastErrorMessage: 'The last sync was interrupted.' },
        at,
      );
      await transitionConnection(deps.db, run.connectionId, 'error', {}, at);
    }
    marked += 1;
  }
  return marked;
}
