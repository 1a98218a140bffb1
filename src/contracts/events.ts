import { z } from 'zod';
import { limitSchema, timestampSchema } from './common.ts';

export const EVENT_TYPES = [
  'learner.created',
  'learner.updated',
  'learner.deactivated',
  'learner.reactivated',
  'learner.invited',
] as const;

export const outboxEventSchema = z.object({
  seq: z.number().int().meta({ description: 'Monotonic cursor.' }),
  id: z.string(),
  type: z.enum(EVENT_TYPES),
  learnerId: z.string(),
  version: z.number().int().meta({ description: "The learner's version this event describes." }),
  payload: z.unknown(),
  createdAt: timestampSchema,
});

export type OutboxEventDto = z.infer<typeof outboxEventSchema>;

export const eventsQuerySchema = z.strictObject({
  after: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .meta({ description: 'Only events with a larger seq (the previous nextAfter).' }),
  limit: limitSchema(100, 1000),
});

export const eventsPageSchema = z.object({
  items: z.array(outboxEventSchema),
  nextAfter: z
    .number()
    .int()
    .meta({ description: 'Pass as `after` to continue; equals `after` when nothing is new.' }),
});
