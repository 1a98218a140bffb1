import type { ServerResponse } from 'node:http';
import { sendJson } from '../shared/http.ts';

/**
 * HiBob's error body `{key, error}` (NOTES §8, `errors.json`). The shape is documented; the key
 * values are not, so the ones used here are the emulator's own (see README "Assumptions").
 */
export function hiBobError(
  res: ServerResponse,
  status: number,
  key: string,
  error: string,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, { key, error });
}
