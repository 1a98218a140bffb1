import type { z } from 'zod';

/** An error answer of the Rollcall API: the catalogue code, a readable message, details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** The session's CSRF token, sent on every state-changing request (ADR 0003). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send(
  method: Method,
  path: string,
  body: BodyInit | undefined,
  contentType: string | undefined,
): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (contentType) headers['content-type'] = contentType;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  const json: unknown = text === '' ? undefined : JSON.parse(text);
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; details?: unknown } })
      ?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'INTERNAL',
      error?.message ?? `The server answered ${response.status}.`,
      error?.details,
    );
  }
  return json;
}

/**
 * One typed call: the response is parsed with the server's own zod contract, so the console and
 * the API cannot drift apart silently.
 */
export async function request<S extends z.ZodType>(
  schema: S,
  method: Method,
  path: string,
  body?: unknown,
): Promise<z.output<S>> {
  const json = await send(
    method,
    path,
    body === undefined ? undefined : JSON.stringify(body),
    body === undefined ? undefined : 'application/json',
  );
  return schema.parse(json);
}

/** A call without a response body (204). */
export async function command(method: Method, path: string, body?: unknown): Promise<void> {
  await send(
    method,
    path,
    body === undefined ? undefined : JSON.stringify(body),
    body === undefined ? undefined : 'application/json',
  );
}

/** Uploads a CSV file as the raw request body. */
export async function uploadCsv<S extends z.ZodType>(
  schema: S,
  path: string,
  file: Blob,
): Promise<z.output<S>> {
  return schema.parse(await send('POST', path, file, 'text/csv'));
}

/** A query string from defined values only. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** A message for any error, for the page. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}
