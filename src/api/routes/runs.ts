import { idParamsSchema } from '../../contracts/common.ts';
import {
  runListQuerySchema,
  runListSchema,
  runResultPageSchema,
  runResultsQuerySchema,
  runSchema,
} from '../../contracts/runs.ts';
import { AppError } from '../../core/errors.ts';
import type { SyncRun } from '../../db/repositories/runs.ts';
import { listResults } from '../../db/repositories/run-results.ts';
import { getRun, listRuns } from '../../db/repositories/runs.ts';
import type { Database } from '../../db/schema.ts';
import type { Kysely } from 'kysely';
import { approveRun, rejectRun } from '../../sync/phases.ts';
import { defineRoute } from '../registry.ts';

async function requireRun(db: Kysely<Database>, tenantId: string, id: string): Promise<SyncRun> {
  const run = await getRun(db, tenantId, id);
  if (!run) throw new AppError('NOT_FOUND', `No run ${id}.`);
  return run;
}

export const runRoutes = [
  defineRoute({
    operationId: 'listRuns',
    method: 'GET',
    url: '/api/runs',
    summary: 'Sync runs, newest first: trigger, times, counts, status.',
    tag: 'runs',
    auth: 'member',
    query: runListQuerySchema,
    response: runListSchema,
    handler: async ({ ctx, principal, query }) => ({
      items: await listRuns(ctx.deps.store.db, principal.tenantId, query),
    }),
  }),
  defineRoute({
    operationId: 'getRun',
    method: 'GET',
    url: '/api/runs/:id',
    summary: 'A run in full: counts, guard verdicts with reasons, coverage, API usage, decision.',
    tag: 'runs',
    auth: 'member',
    params: idParamsSchema,
    response: runSchema,
    handler: ({ ctx, principal, params }) =>
      requireRun(ctx.deps.store.db, principal.tenantId, params.id),
  }),
  defineRoute({
    operationId: 'listRunResults',
    method: 'GET',
    url: '/api/runs/:id/results',
    summary:
      'The per-person results of a run (action, reason, changed fields), filterable by action.',
    tag: 'runs',
    auth: 'member',
    params: idParamsSchema,
    query: runResultsQuerySchema,
    response: runResultPageSchema,
    handler: async ({ ctx, principal, params, query }) => {
      await requireRun(ctx.deps.store.db, principal.tenantId, params.id);
      return listResults(ctx.deps.store.db, params.id, query);
    },
  }),
  defineRoute({
    operationId: 'approveRun',
    method: 'POST',
    url: '/api/runs/:id/approve',
    summary:
      'Applies exactly the paused plan, if no other run was applied since and it is at most 24 h old.',
    tag: 'runs',
    auth: 'admin',
    params: idParamsSchema,
    response: runSchema,
    errors: ['CONFLICT'],
    handler: async ({ ctx, principal, params }) => {
      await approveRun(ctx.deps.sync.engine, {
        tenantId: principal.tenantId,
        runId: params.id,
        actor: principal.actor,
      });
      return requireRun(ctx.deps.store.db, principal.tenantId, params.id);
    },
  }),
  defineRoute({
    operationId: 'rejectRun',
    method: 'POST',
    url: '/api/runs/:id/reject',
    summary: 'Rejects a paused plan: nothing is applied.',
    tag: 'runs',
    auth: 'admin',
    params: idParamsSchema,
    response: runSchema,
    errors: ['CONFLICT'],
    handler: async ({ ctx, principal, params }) => {
      await rejectRun(ctx.deps.sync.engine, {
        tenantId: principal.tenantId,
        runId: params.id,
        actor: principal.actor,
      });
      return requireRun(ctx.deps.store.db, principal.tenantId, params.id);
    },
  }),
];
