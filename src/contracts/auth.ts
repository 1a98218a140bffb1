import { z } from 'zod';
import { actorSchema, roleSchema, timestampSchema } from './common.ts';
import { tenantSchema } from './tenant.ts';

export const loginRequestSchema = z.strictObject({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
});

export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: timestampSchema,
});

export type UserDto = z.infer<typeof userSchema>;

export const loginResponseSchema = z.object({
  user: userSchema,
  tenant: tenantSchema,
  csrfToken: z.string().meta({
    description: 'Send it as the x-csrf-token header on every POST, PUT, PATCH and DELETE.',
  }),
});

export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const meResponseSchema = z.object({
  tenant: tenantSchema,
  role: roleSchema,
  actor: actorSchema,
  /** The signed-in user; null when the caller is an API token. */
  user: userSchema.nullable(),
  /** The session's CSRF token; null for API tokens (they are exempt). */
  csrfToken: z.string().nullable(),
});

export type MeResponse = z.infer<typeof meResponseSchema>;
