import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import type { ErrorCode } from '../core/errors.ts';
import { ERROR_CATALOGUE, isAppError } from '../core/errors.ts';
import type { ErrorBody, ValidationIssue } from '../contracts/common.ts';

interface MappedError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** Zod issues as the API reports them: where, which field (dotted path), what is wrong. */
export function toValidationIssues(
  error: ZodError,
  where: ValidationIssue['in'],
): ValidationIssue[] {
  return error.issues.map((issue) => ({
    in: where,
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

function catalogue(code: ErrorCode, message?: string, details?: unknown): MappedError {
  const mapped: MappedError = { code, message: message ?? ERROR_CATALOGUE[code].message };
  if (details !== undefined) mapped.details = details;
  return mapped;
}

function isFastifyError(error: unknown): error is FastifyError {
  return (
    error instanceof Error &&
    typeof (error as Partial<FastifyError>).statusCode === 'number' &&
    (error as Partial<FastifyError>).statusCode !== undefined
  );
}

/**
 * Maps anything thrown while serving a request to a catalogue code. Fastify's own failures (bad
 * JSON, body too large, unsupported media type) get catalogue codes too; anything unexpected is
 * INTERNAL and its message never leaves the server.
 */
export function mapError(error: unknown): MappedError {
  if (isAppError(error)) return catalogue(error.code, error.message, error.details);
  if (error instanceof ZodError) {
    return catalogue('VALIDATION_FAILED', undefined, {
      issues: toValidationIssues(error, 'body'),
    });
  }
  if (isFastifyError(error)) {
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
      return catalogue('PAYLOAD_TOO_LARGE');
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
      return catalogue(
        'VALIDATION_FAILED',
        'Unsupported Content-Type: send JSON (application/json), or text/csv where the route says so.',
      );
    }
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return catalogue('VALIDATION_FAILED', 'The body is empty but Content-Type says JSON.');
    }
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return catalogue('VALIDATION_FAILED', 'The body is not valid JSON.');
    }
    if (status === 404) return catalogue('NOT_FOUND');
    if (status >= 400 && status < 500) return catalogue('VALIDATION_FAILED');
  }
  return catalogue('INTERNAL');
}

/** The one error handler: a catalogue code, its status, and `{ error: { code, message, details? } }`. */
export function handleError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): ErrorBody {
  const mapped = mapError(error);
  const status = ERROR_CATALOGUE[mapped.code].status;
  if (status >= 500) {
    request.log.error({ err: error, reqId: request.id }, 'request failed');
    if (mapped.code === 'INTERNAL') mapped.details = { requestId: request.id };
  } else {
    request.log.debug({ code: mapped.code }, 'request refused');
  }
  void reply.code(status);
  return { error: mapped };
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): ErrorBody {
  void reply.code(404);
  return {
    error: {
      code: 'NOT_FOUND',
      message: `No route ${request.method} ${request.url.split('?')[0]}.`,
    },
  };
}
