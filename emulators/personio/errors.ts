import type { ServerResponse } from 'node:http';
import { sendJson } from '../shared/http.ts';

/**
 * Personio's v1 error body `{success: false, error: {code, message}}` (NOTES §8, SPEC-V1 422
 * example). The shape is documented; most message texts are the emulator's own (README).
 */
export function personioError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, { success: false, error: { code: status, message } });
}
