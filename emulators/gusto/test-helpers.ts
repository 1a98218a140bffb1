import type { GustoEmulator } from './server.ts';

/** Test helpers for talking to a running Gusto emulator with real HTTP. */

export function get(
  emu: GustoEmulator,
  path: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${emu.url}${path}`, {
    headers: { authorization: `Bearer ${emu.accessToken}`, accept: 'application/json', ...headers },
  });
}

export const employeesPath = (emu: GustoEmulator, query = '') =>
  `/v1/companies/${emu.companyUuid}/employees${query}`;

export type GustoRecord = Record<string, unknown>;

/** A successful list answer; throws on any other status. */
export async function list(emu: GustoEmulator, path: string): Promise<GustoRecord[]> {
  const res = await get(emu, path);
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return (await res.json()) as GustoRecord[];
}

/** An error answer's first error, checked to be Gusto's `{errors: [{error_key, category, message}]}`. */
export async function gustoErrorOf(
  res: Response,
): Promise<{ error_key: string; category: string; message: string }> {
  const body = (await res.json()) as { errors?: unknown };
  const first = Array.isArray(body.errors) ? (body.errors[0] as Record<string, unknown>) : null;
  if (
    Object.keys(body).length !== 1 ||
    first === null ||
    typeof first['error_key'] !== 'string' ||
    typeof first['category'] !== 'string' ||
    typeof first['message'] !== 'string'
  ) {
    throw new Error(`not a Gusto error envelope: ${JSON.stringify(body)}`);
  }
  return first as { error_key: string; category: string; message: string };
}
