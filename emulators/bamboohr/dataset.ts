import { BodyWriter, readBody } from '../shared/http.ts';
import { visiblePeople, type EmulatorState, type Exchange } from './context.ts';
import type { Employee } from './employee.ts';
import { problem } from './errors.ts';
import { V2_FIELDS, type FieldDef } from './fields.ts';
import { parseFilter } from './filter.ts';

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;
const MAX_BODY_BYTES = 1024 * 1024;

interface DatasetRequest {
  fields: FieldDef[];
  names: string[];
  filter: string;
  orderBy: string;
  page: number;
  pageSize: number;
}

type Invalid = { detail: string; fields: Record<string, string> };

function parseRequest(body: unknown): DatasetRequest | Invalid {
  const invalid = (field: string, message: string): Invalid => ({
    detail: 'The request is invalid',
    fields: { [field]: message },
  });
  if (typeof body !== 'object' || body === null) return invalid('body', 'must be a JSON object');
  const b = body as Record<string, unknown>;
  const names = b['fields'];
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string')) {
    return invalid('fields', 'must be a non-empty array of field names');
  }
  const unknown = names.filter((n) => !V2_FIELDS.has(n));
  if (unknown.length > 0) {
    return {
      detail: 'Unknown fields',
      fields: Object.fromEntries(unknown.map((n) => [n, 'unknown field'])),
    };
  }
  const page = b['page'] ?? 1;
  const pageSize = b['pageSize'] ?? DEFAULT_PAGE_SIZE;
  if (typeof page !== 'number' || !Number.isInteger(page) || page < 1) {
    return invalid('page', 'must be an integer ≥ 1');
  }
  if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1) {
    return invalid('pageSize', 'must be an integer ≥ 1');
  }
  if (pageSize > MAX_PAGE_SIZE) return invalid('pageSize', `must be at most ${MAX_PAGE_SIZE}`);
  for (const key of ['filter', 'orderBy'] as const) {
    if (b[key] !== undefined && typeof b[key] !== 'string') return invalid(key, 'must be a string');
  }
  const unique = [...new Set(names)];
  return {
    names: unique,
    fields: unique.map((n) => V2_FIELDS.get(n) as FieldDef),
    filter: (b['filter'] as string | undefined) ?? '',
    orderBy: (b['orderBy'] as string | undefined) ?? '',
    page,
    pageSize,
  };
}

/** The filtered, ordered rows, cached until the company or the query changes. */
function selectRows(state: EmulatorState, filter: string, orderBy: string): Employee[] | Invalid {
  const key = `${state.company.version}|${state.faults.current.accessToTerminated !== false}|${filter}|${orderBy}`;
  const cached = state.datasetCache.get(key);
  if (cached) return cached;
  const company = state.company;
  let rows: Employee[];
  if (filter.trim() === '') {
    rows = [...visiblePeople(state)];
  } else {
    const parsed = parseFilter(filter, (n) => V2_FIELDS.has(n));
    if (!parsed.ok) return { detail: parsed.error, fields: { filter: parsed.error } };
    rows = [];
    for (const e of visiblePeople(state)) {
      if (parsed.predicate((n) => V2_FIELDS.get(n)?.get(e, company) ?? null)) rows.push(e);
    }
  }
  if (orderBy.trim() !== '') {
    const keys: { def: FieldDef; dir: number }[] = [];
    for (const part of orderBy.split(',')) {
      const [name = '', dir = 'asc'] = part.trim().split(/\s+/);
      const def = V2_FIELDS.get(name);
      if (!def || !/^(asc|desc)$/i.test(dir)) {
        return { detail: `Invalid orderBy: ${part.trim()}`, fields: { orderBy: 'invalid' } };
      }
      keys.push({ def, dir: dir.toLowerCase() === 'desc' ? -1 : 1 });
    }
    rows.sort((a, b) => {
      for (const { def, dir } of keys) {
        const c = (def.get(a, company) ?? '').localeCompare(def.get(b, company) ?? '');
        if (c !== 0) return c * dir;
      }
      return 0;
    });
  }
  if (state.datasetCache.size >= 4) state.datasetCache.clear();
  state.datasetCache.set(key, rows);
  return rows;
}

/**
 * B. `POST /api/v2/datasets/employee/data`: body-paged rows `{data:[{fields:{...}}], links, meta}`.
 * `links` is `[]` when there is no other page (as recorded, a PHP empty array), else an object
 * with `next`/`prev` URLs (their exact form is unconfirmed).
 */
export async function handleDataset(ex: Exchange): Promise<void> {
  const { state, req, res } = ex;
  const instance = ex.url.pathname;
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  const raw = await readBody(req, MAX_BODY_BYTES);
  if (!/^application\/json\b/.test(contentType)) {
    problem(res, 415, 'Send a JSON body with Content-Type: application/json', instance);
    return;
  }
  if (raw === null) return problem(res, 413, 'Request body too large', instance);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return problem(res, 400, 'The body is not valid JSON', instance);
  }
  state.recordBody(body);
  const request = parseRequest(body);
  if ('detail' in request) return problem(res, 422, request.detail, instance, request.fields);
  const rows = selectRows(state, request.filter, request.orderBy);
  if (!Array.isArray(rows)) return problem(res, 422, rows.detail, instance, rows.fields);

  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  const writer = new BodyWriter(res, state.faults.current.truncateAfterBytes);
  if (state.fixture?.kind === 'dataset') {
    await writer.write(state.fixture.body.toString('utf8'));
    return writer.end();
  }
  const { page, pageSize } = request;
  const totalItems = rows.length;
  const totalPages = Math.ceil(totalItems / pageSize);
  await writer.write('{"data":[');
  const end = Math.min(totalItems, page * pageSize);
  for (let i = (page - 1) * pageSize; i < end; i += 1) {
    const e = rows[i] as Employee;
    let out = i === (page - 1) * pageSize ? '{"fields":{' : ',{"fields":{';
    request.fields.forEach((def, k) => {
      const value = def.get(e, state.company);
      out += `${k === 0 ? '' : ','}${JSON.stringify(request.names[k])}:${JSON.stringify(value)}`;
    });
    if (!(await writer.write(`${out}}}`))) return;
  }
  const link = (p: number): string =>
    `http://${req.headers.host ?? 'localhost'}${instance}?page=${p}&pageSize=${pageSize}`;
  const links: Record<string, string> = {};
  if (page < totalPages) links['next'] = link(page + 1);
  if (page > 1 && totalPages > 0) links['prev'] = link(Math.min(page - 1, totalPages));
  const linksJson = Object.keys(links).length === 0 ? '[]' : JSON.stringify(links);
  const meta = { page, pageSize, totalPages, totalItems };
  await writer.write(`],"links":${linksJson},"meta":${JSON.stringify(meta)}}`);
  await writer.end();
}
