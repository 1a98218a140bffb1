import { z } from 'zod';
import { CONNECTION_STATUSES } from '../core/connection-state.ts';
import { timestampSchema } from './common.ts';
import { runSummarySchema } from './runs.ts';

export const connectionErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  action: z.string().meta({ description: 'What the admin can do about it.' }),
});

/** A connection as its status screen shows it; credentials are never part of it. */
export const connectionSchema = z.object({
  id: z.string(),
  connectorId: z.string(),
  connectorName: z.string(),
  name: z.string(),
  sandbox: z.boolean(),
  status: z.enum(CONNECTION_STATUSES),
  hasCredentials: z.boolean(),
  createdAt: timestampSchema,
  connectedBy: z.string().nullable(),
  firstSyncedAt: timestampSchema.nullable(),
  lastRunAt: timestampSchema.nullable(),
  lastSuccessAt: timestampSchema.nullable().meta({ description: 'The last successful sync.' }),
  nextSyncAt: timestampSchema.nullable().meta({ description: 'The next scheduled sync.' }),
  disconnectedAt: timestampSchema.nullable(),
  error: connectionErrorSchema.nullable(),
  lastRun: runSummarySchema.nullable(),
  activeRun: runSummarySchema
    .nullable()
    .meta({ description: 'A run queued or running now, if any.' }),
});

export type ConnectionDto = z.infer<typeof connectionSchema>;

export const connectionListSchema = z.object({ items: z.array(connectionSchema) });

const configSchema = z
  .record(z.string(), z.unknown())
  .meta({ description: "The connector's config with credentials (see its configSchema)." });

export const connectRequestSchema = z.strictObject({
  connectorId: z.string().trim().min(1),
  config: configSchema.optional(),
  sandbox: z
    .boolean()
    .default(false)
    .meta({ description: "Connect this server's sandbox HRIS instead (demo mode)." }),
});

export const credentialsRequestSchema = z.strictObject({ config: configSchema.optional() });

export const probeResultSchema = z.union([
  z.object({
    ok: z.literal(true),
    sampled: z.number(),
    complete: z.boolean(),
    byStatus: z.object({ active: z.number(), pending: z.number(), terminated: z.number() }),
    recordErrors: z.number(),
    fields: z.array(z.object({ field: z.string(), coverage: z.number(), returned: z.boolean() })),
    warnings: z.array(z.string()),
    apiUsage: z.record(z.string(), z.number()),
  }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string() }),
    apiUsage: z.record(z.string(), z.number()),
  }),
]);

export const connectResponseSchema = z.object({
  connection: connectionSchema,
  probe: probeResultSchema,
  run: runSummarySchema.meta({ description: 'The first sync, queued.' }),
});

export const reconnectResponseSchema = z.object({
  connection: connectionSchema,
  probe: probeResultSchema,
});

export const enqueueResponseSchema = z.object({
  run: runSummarySchema,
  coalesced: z
    .boolean()
    .meta({ description: 'True when a run already waiting was reused (one follow-up run).' }),
});
