import type { HiBobEmulator } from './server.ts';

/** Test helpers for talking to a running emulator with real HTTP. */

export function basicAuth(serviceUserId: string, token: string): string {
  return `Basic ${Buffer.from(`${serviceUserId}:${token}`).toString('base64')}`;
}

/** POSTs a people search; `init` overrides headers or sends a raw body. */
export function postSearch(
  emu: HiBobEmulator,
  body: unknown,
  init: { headers?: Record<string, string>; raw?: string } = {},
): Promise<Response> {
  return fetch(`${emu.url}/v1/people/search`, {
    method: 'POST',
    headers: {
      authorization: basicAuth(emu.serviceUserId, emu.token),
      'content-type': 'application/json',
      accept: 'application/json',
      ...init.headers,
    },
    body: init.raw ?? JSON.stringify(body),
  });
}

export type SearchEmployee = Record<string, unknown> & { id?: string };

/** A successful search's `employees`; throws on any other status. */
export async function search(emu: HiBobEmulator, body: unknown): Promise<SearchEmployee[]> {
  const res = await postSearch(emu, body);
  if (res.status !== 200) throw new Error(`people search answered ${res.status}`);
  return ((await res.json()) as { employees: SearchEmployee[] }).employees;
}

export function getJson(
  emu: HiBobEmulator,
  path: string,
  auth = basicAuth(emu.serviceUserId, emu.token),
): Promise<Response> {
  return fetch(`${emu.url}${path}`, {
    headers: { authorization: auth, accept: 'application/json' },
  });
}

/** Reads `obj.a.b.c` from a parsed answer. */
export function at(value: unknown, path: string): unknown {
  let node = value;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** An error answer's `{key, error}`, checked to have exactly that shape. */
export async function errorBody(res: Response): Promise<{ key: string; error: string }> {
  const body = (await res.json()) as Record<string, unknown>;
  const { key, error } = body;
  if (Object.keys(body).length !== 2 || typeof key !== 'string' || typeof error !== 'string') {
    throw new Error(`not a {key, error} body: ${JSON.stringify(body)}`);
  }
  return { key, error };
}
