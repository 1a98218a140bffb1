import { z } from 'zod';
import { limitSchema, offsetSchema, timestampSchema } from './common.ts';

export const RUN_STATUSES = [
  'queued',
  'running',
  'awaiting_approval',
  'succeeded',
  'failed',
  'rejected',
  'cancelled',
] as const;

export const RESULT_ACTIONS = [
  'create',
  'update',
  'deactivate',
  'reactivate',
  'unchanged',
  'skip',
  'error',
] as const;

/** A run in lists and on a connection's status. */
export const runSummarySchema = z.object({
  id: z.string(),
  connectionId: z.string(),
  trigger: z.enum(['schedule', 'manual', 'api', 'cli']),
  mode: z.enum(['apply', 'dry-run']),
  status: z.enum(RUN_STATUSES),
  phase: z.string().nullable(),
  createdAt: timestampSchema,
  startedAt: timestampSchema.nullable(),
  finishedAt: timestampSchema.nullable(),
  durationMs: z.number().nullable(),
  counts: z.record(z.string(), z.unknown()),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
});

/** A run in full: guard verdicts, coverage, API usage and the decision on a paused plan. */
export const runSchema = runSummarySchema.extend({
  plannedAt: timestampSchema.nullable(),
  snapshotComplete: z.boolean().nullable(),
  snapshotCount: z.number(),
  guards: z.array(z.unknown()),
  coverage: z.record(z.string(), z.number()).nullable(),
  apiUsage: z.record(z.string(), z.number()).nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: timestampSchema.nullable(),
  appliedAt: timestampSchema.nullable(),
});

export const runListQuerySchema = z.object({
  connectionId: z.string().optional(),
  limit: limitSchema(20, 200),
  offset: offsetSchema,
});

export const runListSchema = z.object({ items: z.array(runSummarySchema) });

export const runResultSchema = z.object({
  position: z.number(),
  learnerId: z.string().nullable(),
  externalId: z.string().nullable(),
  displayName: z.string().nullable(),
  workEmail: z.string().nullable(),
  action: z.enum(RESULT_ACTIONS),
  reason: z.string().nullable(),
  changedFields: z.array(z.string()).nullable(),
  note: z.string().nullable(),
  invite: z.boolean(),
});

export const runResultsQuerySchema = z.object({
  action: z.enum(RESULT_ACTIONS).optional(),
  limit: limitSchema(100, 1000),
  offset: offsetSchema,
});

export const runResultPageSchema = z.object({
  items: z.array(runResultSchema),
  total: z.number(),
});
