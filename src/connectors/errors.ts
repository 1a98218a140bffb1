import type { z } from 'zod';
import { ConnectorError } from './connector.ts';
import type { HttpResponse } from './http/types.ts';

/**
 * The common shape of every HTTP connector's error handling: a failed answer's status becomes a
 * `ConnectorError` with a stable code (401/403 never retryable), and the vendor's own reason is
 * quoted from a small, bounded error body on one line. The words stay in each vendor's
 * `errors.ts`; vendor quirks (a 503 that means throttling, a 504 that is a timeout) are handled
 * there before falling back to `errorForHttpStatus`.
 */

/** What an admin reads for each class of failed answer; `http` is `HTTP 401` or `HTTP 401: …`. */
export interface StatusMessages {
  /** 401: the credentials were rejected. */
  unauthorized: string;
  /** 403: the credentials lack a permission. */
  forbidden: string;
  /** 404: nothing at this address. */
  notFound: string;
  /** 429 (and `throttleStatuses`) after the client's retries. */
  rateLimited: string;
  /** 5xx and 408 after the client's retries. */
  unavailable: string;
  /** 3xx; without it, a redirect reads as `badRequest`. */
  redirect?: string;
  /** Any other status. */
  badRequest: string;
}

/** `HTTP 404` or `HTTP 404: <reason>`, the status as quoted in every message. */
export function httpLabel(status: number, reason: string | null): string {
  return `HTTP ${status}${reason === null ? '' : `: ${reason}`}`;
}

/**
 * The fatal error for a non-2xx answer, after the HTTP client's retries. `messages` gets the
 * status label; `throttleStatuses` are the vendor's rate-limit answers (default: 429).
 */
export function errorForHttpStatus(
  status: number,
  reason: string | null,
  messages: (http: string) => StatusMessages,
  throttleStatuses: readonly number[] = [429],
): ConnectorError {
  const text = messages(httpLabel(status, reason));
  if (status === 401) return new ConnectorError('auth_failed', text.unauthorized, false, status);
  if (status === 403) return new ConnectorError('forbidden', text.forbidden, false, status);
  if (status === 404) return new ConnectorError('not_found', text.notFound, false, status);
  if (throttleStatuses.includes(status)) {
    return new ConnectorError('rate_limited', text.rateLimited, true, status);
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError('unavailable', text.unavailable, true, status);
  }
  if (status >= 300 && status < 400 && text.redirect !== undefined) {
    return new ConnectorError('bad_request', text.redirect, false, status);
  }
  return new ConnectorError('bad_request', text.badRequest, false, status);
}

/**
 * The known parts of a vendor's reason as one bounded line (control characters folded, parts
 * joined with `: `, at most 200 characters), or null when nothing is left. Reasons go into run
 * reports and logs, so they stay short and single-line.
 */
export function reasonLine(parts: readonly (string | null | undefined)[]): string | null {
  const reason = parts
    .map((part) => singleLine(part))
    .filter((part) => part !== null)
    .join(': ');
  if (reason === '') return null;
  return reason.length > 200 ? `${reason.slice(0, 200)}…` : reason;
}

/** Control characters folded to spaces and trimmed; empty or missing is null. */
export function singleLine(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean === '' ? null : clean;
}

/**
 * The reason in a JSON error body: the body parsed with the vendor's error `schema`, then `pick`
 * chooses the parts to quote (see `reasonLine`). Anything else (HTML from a proxy, an empty
 * body, another shape) is null.
 */
export function jsonReason<Body>(
  text: string,
  schema: z.ZodType<Body>,
  pick: (body: Body) => readonly (string | null | undefined)[],
): string | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? reasonLine(pick(parsed.data)) : null;
}

/**
 * Reads a small error body (at most `maxBytes`; a larger one is null) and hands its text to
 * `reasonOf`. Always releases the body; a body that cannot be read is null too, leaving the
 * status to speak.
 */
export async function readErrorReason(
  response: Pick<HttpResponse, 'body' | 'discard'>,
  reasonOf: (text: string) => string | null,
  maxBytes = 4096,
): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      chunks.push(buffer);
      size += buffer.length;
      if (size > maxBytes) return null;
    }
  } catch {
    // The reason is a nicety: a body that cannot be read leaves the status to speak.
    return null;
  } finally {
    await response.discard();
  }
  return reasonOf(Buffer.concat(chunks).toString('utf8'));
}

/** Failures confined to one page's body (it broke off, or is not the documented shape). */
export const BROKEN_BODY_CODES: readonly string[] = ['truncated', 'invalid_payload'];
/** …and a page that timed out: what connectors that can read past a page skip, incomplete. */
export const PAGE_ERROR_CODES: readonly string[] = [...BROKEN_BODY_CODES, 'timeout'];

/**
 * Whether a failure is confined to one page (`codes`, by default `PAGE_ERROR_CODES`): the run can
 * go on without the page, with an incomplete snapshot. Auth, permission and lasting server
 * failures are not, and stop the sync.
 */
export function isPageError(
  error: unknown,
  codes: readonly string[] = PAGE_ERROR_CODES,
): error is ConnectorError {
  return error instanceof ConnectorError && codes.includes(error.code);
}

/** The fetch item that reports a page the connector could not read (the snapshot is incomplete). */
export function pageErrorItem(page: string, error: Pick<ConnectorError, 'code' | 'message'>) {
  return { kind: 'page_error', page, code: error.code, message: error.message } as const;
}
