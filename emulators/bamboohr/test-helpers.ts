import type { BambooHrEmulator } from './server.ts';

/** Test helpers for talking to a running emulator with real HTTP. */

export function basicAuth(key: string, password = 'x'): string {
  return `Basic ${Buffer.from(`${key}:${password}`).toString('base64')}`;
}

export interface ReportRow {
  id: string;
  [field: string]: string | null;
}

export interface ReportBody {
  title: string;
  fields: { id: string; type: string; name: string }[];
  employees: ReportRow[];
}

/** POSTs a custom report through the gateway path; `init` overrides headers/body. */
export function postCustomReport(
  emu: BambooHrEmulator,
  fields: string[],
  init: { headers?: Record<string, string>; body?: string; query?: string; base?: string } = {},
): Promise<Response> {
  const base = init.base ?? emu.gatewayUrl;
  return fetch(`${base}/v1/reports/custom?${init.query ?? 'format=JSON&onlyCurrent=true'}`, {
    method: 'POST',
    headers: {
      authorization: basicAuth(emu.apiKey),
      'content-type': 'application/json',
      accept: 'application/json',
      ...init.headers,
    },
    body: init.body ?? JSON.stringify({ title: 'Rollcall', fields }),
  });
}

export async function customReport(emu: BambooHrEmulator, fields: string[]): Promise<ReportBody> {
  const res = await postCustomReport(emu, fields);
  if (res.status !== 200) throw new Error(`custom report answered ${res.status}`);
  return (await res.json()) as ReportBody;
}

export interface DatasetBody {
  data: { fields: Record<string, string | null> }[];
  links: unknown;
  meta: { page: number; pageSize: number; totalPages: number; totalItems: number };
}

export function postDataset(
  emu: BambooHrEmulator,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${emu.url}/api/v2/datasets/employee/data`, {
    method: 'POST',
    headers: {
      authorization: basicAuth(emu.apiKey),
      'content-type': 'application/json',
      accept: 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

export function getJson(emu: BambooHrEmulator, path: string, key = emu.apiKey): Promise<Response> {
  return fetch(`${emu.gatewayUrl}${path}`, {
    headers: { authorization: basicAuth(key), accept: 'application/json' },
  });
}
