import type { ServerResponse } from 'node:http';
import { sendJson } from '../shared/http.ts';

export const SCIM_CONTENT_TYPE = 'application/scim+json';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** RFC 7644 §3.12: `{schemas: [Error], status: "<code as string>", scimType?, detail}`. */
export function scimError(
  res: ServerResponse,
  status: number,
  detail: string,
  options: { scimType?: string; headers?: Record<string, string> } = {},
): void {
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
  const body = {
    schemas: [ERROR_SCHEMA],
    status: String(status),
    ...(options.scimType === undefined ? {} : { scimType: options.scimType }),
    detail,
  };
  sendJson(res, status, body, SCIM_CONTENT_TYPE);
}
