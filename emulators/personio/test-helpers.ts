import type { PersonioEmulator } from './server.ts';

/** Test helpers for talking to a running Personio emulator with real HTTP. */

export function postAuth(
  emu: PersonioEmulator,
  credentials: { client_id?: string; client_secret?: string } = {
    client_id: emu.clientId,
    client_secret: emu.clientSecret,
  },
): Promise<Response> {
  return fetch(`${emu.url}/v1/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(credentials),
  });
}

export async function token(emu: PersonioEmulator): Promise<string> {
  const res = await postAuth(emu);
  if (res.status !== 200) throw new Error(`auth answered ${res.status}`);
  return ((await res.json()) as { data: { token: string } }).data.token;
}

export function getEmployees(
  emu: PersonioEmulator,
  query: string,
  bearer: string | null,
): Promise<Response> {
  return fetch(`${emu.url}/v1/company/employees${query}`, {
    headers: {
      accept: 'application/json',
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
  });
}

export interface Page {
  metadata: { total_elements: number; current_page: number; total_pages: number };
  offset: number;
  limit: number;
  data: { type: string; attributes: Record<string, { value: unknown }> }[];
}

export async function page(emu: PersonioEmulator, query: string): Promise<Page> {
  const res = await getEmployees(emu, query, await token(emu));
  if (res.status !== 200) throw new Error(`employees answered ${res.status}`);
  return (await res.json()) as Page;
}

/** A v1 error body, checked to have exactly `{success: false, error: {code, message}}`. */
export async function errorBody(res: Response): Promise<{ code: number; message: string }> {
  const body = (await res.json()) as {
    success?: unknown;
    error?: { code?: unknown; message?: unknown };
  };
  const { code, message } = body.error ?? {};
  if (body.success !== false || typeof code !== 'number' || typeof message !== 'string') {
    throw new Error(`not a v1 error body: ${JSON.stringify(body)}`);
  }
  return { code, message };
}
