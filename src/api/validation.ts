import type { z } from 'zod';
import { AppError } from '../core/errors.ts';
import type { ValidationIssue } from '../contracts/common.ts';
import { toValidationIssues } from './errors.ts';

/**
 * Parses one part of a request with its contract; a failure is VALIDATION_FAILED listing every
 * issue (where, path, message) in `details.issues`.
 */
export function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: ValidationIssue['in'],
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toValidationIssues(result.error, where);
  const first = issues[0];
  const message = first
    ? `Invalid ${where}${first.path ? ` (${first.path})` : ''}: ${first.message}`
    : `Invalid ${where}.`;
  throw new AppError('VALIDATION_FAILED', message, { issues });
}
