import { z } from 'zod';

/** The body of every error answer: a stable catalogue code, a readable message, optional details. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().meta({ description: 'A stable code from the error catalogue.' }),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

/** One problem with a request, as `details.issues` of a VALIDATION_FAILED answer lists it. */
export const validationIssueSchema = z.object({
  in: z.enum(['body', 'query', 'params']),
  path: z.string(),
  message: z.string(),
});

export type ValidationIssue = z.infer<typeof validationIssueSchema>;

export const idSchema = z.string().trim().min(1).max(100);

export const idParamsSchema = z.object({ id: idSchema });

/** ISO-8601 timestamps as the store keeps them (UTC text). */
export const timestampSchema = z.string();

/** `?flag=true|false` in a query string. */
export const queryBooleanSchema = z.enum(['true', 'false']).transform((value) => value === 'true');

/** A page size from the query string, bounded. */
export function limitSchema(defaultValue: number, max: number) {
  return z.coerce.number().int().min(1).max(max).default(defaultValue);
}

export const offsetSchema = z.coerce.number().int().min(0).default(0);

export const roleSchema = z.enum(['admin', 'member']);

/** Who did something: a console user, an API token, the CLI or Rollcall itself. */
export const actorSchema = z.object({
  type: z.enum(['user', 'token', 'cli', 'system', 'connect_link']),
  id: z.string().nullable(),
});

export const emptyBodySchema = z.strictObject({});
