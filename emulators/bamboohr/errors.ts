import type { ServerResponse } from 'node:http';
import { sendEmpty, sendJson } from '../shared/http.ts';

/** Legacy (v1) endpoints: empty body, reason in `X-BambooHR-Error-Message` (errors.json). */
export function legacyError(res: ServerResponse, status: number, message: string): void {
  sendEmpty(res, status, { 'x-bamboohr-error-message': message });
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
};

/**
 * Dataset v2: RFC 7807 problem details `{type,title,status,detail,instance,code,fields}`. The
 * spec gives the shape only; `type` and `code` values here are placeholders (errors.json).
 */
export function problem(
  res: ServerResponse,
  status: number,
  detail: string,
  instance: string,
  fields?: Record<string, string>,
): void {
  const title = TITLES[status] ?? 'Error';
  sendJson(
    res,
    status,
    {
      type: 'about:blank',
      title,
      status,
      detail,
      instance,
      code: title.replace(/\s+/g, ''),
      ...(fields ? { fields } : {}),
    },
    'application/problem+json',
  );
}
