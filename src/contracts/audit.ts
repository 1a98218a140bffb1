import { z } from 'zod';
import { limitSchema, timestampSchema } from './common.ts';

export const auditEntrySchema = z.object({
  id: z.string(),
  actorType: z.enum(['user', 'token', 'cli', 'system', 'connect_link']),
  actorId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.unknown(),
  at: timestampSchema,
});

export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.strictObject({
  limit: limitSchema(50, 500),
  before: z
    .string()
    .regex(/^[^~]+~[^~]+$/, 'expected the nextBefore cursor of the previous page')
    .optional()
    .meta({ description: 'Only entries older than this cursor (the previous page’s nextBefore).' }),
});

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  nextBefore: z
    .string()
    .nullable()
    .meta({ description: 'Pass as `before` for the next page; null when this page is the last.' }),
});
