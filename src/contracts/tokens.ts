import { z } from 'zod';
import { roleSchema, timestampSchema } from './common.ts';

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  tokenPrefix: z.string().meta({ description: 'The first characters, to recognise the token.' }),
  role: roleSchema,
  createdBy: z.string().nullable(),
  createdAt: timestampSchema,
  lastUsedAt: timestampSchema.nullable(),
  revokedAt: timestampSchema.nullable(),
});

export type ApiTokenDto = z.infer<typeof apiTokenSchema>;

export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });

export const createApiTokenRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: roleSchema.default('member'),
});

export type CreateApiTokenRequest = z.infer<typeof createApiTokenRequestSchema>;

export const createApiTokenResponseSchema = z.object({
  token: z.string().meta({ description: 'Shown once: store it now, Rollcall keeps only a hash.' }),
  apiToken: apiTokenSchema,
});
