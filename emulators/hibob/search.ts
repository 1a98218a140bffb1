import { BodyWriter, readBody } from '../shared/http.ts';
import { isHidden, visiblePeople, type Exchange } from './context.ts';
import type { Employee } from './employee.ts';
import { hiBobError } from './errors.ts';
import {
  DEFAULT_FIELD_IDS,
  canonicalFieldId,
  resolveField,
  type FieldContext,
  type FieldDef,
  type JsonValue,
} from './fields.ts';

const MAX_BODY_BYTES = 1024 * 1024;
const ROWS_PER_WRITE = 64;

export interface SearchRequest {
  /** Resolved, de-duplicated, in request order; unknown ids dropped. */
  fields: FieldDef[];
  filter: { fieldPath: 'root.id' | 'root.email'; values: ReadonlySet<string> } | null;
  showInactive: boolean;
  humanReadable: 'APPEND' | 'REPLACE' | null;
}

/**
 * Validates a search body (NOTES §3, SPEC `ReadEmployeesRequestReference`/`EmployeeFilter`):
 * every property optional; at most one filter, on `root.id` or `root.email`, operator `equals`.
 * Returns the request, or the 400 message.
 */
export function parseSearchRequest(body: unknown): SearchRequest | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'The request body must be a JSON object';
  }
  const b = body as Record<string, unknown>;
  const fields = b['fields'];
  if (fields !== undefined && (!Array.isArray(fields) || !fields.every(isString))) {
    return 'fields must be an array of field ids';
  }
  const showInactive = b['showInactive'] ?? false;
  if (typeof showInactive !== 'boolean') return 'showInactive must be a boolean';
  const humanReadable = b['humanReadable'] ?? null;
  if (humanReadable !== null && humanReadable !== 'APPEND' && humanReadable !== 'REPLACE') {
    return 'humanReadable must be APPEND or REPLACE';
  }
  const filter = parseFilters(b['filters']);
  if (typeof filter === 'string') return filter;
  const ids = fields === undefined || fields.length === 0 ? DEFAULT_FIELD_IDS : fields;
  const seen = new Set<string>();
  const defs: FieldDef[] = [];
  for (const id of ids) {
    const field = resolveField(id);
    if (field === null || seen.has(field.id)) continue;
    seen.add(field.id);
    defs.push(field);
  }
  return { fields: defs, filter, showInactive, humanReadable };
}

function parseFilters(raw: unknown): SearchRequest['filter'] | string {
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw)) return 'filters must be an array';
  if (raw.length === 0) return null;
  if (raw.length > 1) return 'Only one filter is supported';
  const f = raw[0] as Record<string, unknown> | null;
  if (typeof f !== 'object' || f === null) return 'A filter must be an object';
  const path = typeof f['fieldPath'] === 'string' ? canonicalFieldId(f['fieldPath']) : '';
  if (path !== 'root.id' && path !== 'root.email') {
    return 'Filtering is supported on root.id and root.email only';
  }
  if (f['operator'] !== 'equals') return 'The only supported filter operator is equals';
  const values = f['values'];
  if (!Array.isArray(values) || !values.every(isString)) {
    return 'Filter values must be an array of strings';
  }
  const normalized = path === 'root.email' ? values.map((v) => v.trim().toLowerCase()) : values;
  return { fieldPath: path, values: new Set(normalized) };
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function matches(e: Employee, filter: SearchRequest['filter']): boolean {
  if (filter === null) return true;
  if (filter.fieldPath === 'root.id') return filter.values.has(e.id);
  return e.email !== null && filter.values.has(e.email.trim().toLowerCase());
}

function setPath(target: Record<string, JsonValue>, path: readonly string[], value: JsonValue) {
  let node = target;
  for (let i = 0; i < path.length - 1; i += 1) {
    const key = path[i] as string;
    const next = node[key];
    if (typeof next === 'object' && next !== null) {
      node = next;
    } else {
      const created: Record<string, JsonValue> = {};
      node[key] = created;
      node = created;
    }
  }
  node[path[path.length - 1] as string] = value;
}

/** One element of `employees`: requested (and visible) fields at their paths, plus humanReadable. */
export function renderEmployee(
  e: Employee,
  request: Pick<SearchRequest, 'fields' | 'humanReadable'>,
  ctx: FieldContext,
): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  const replace = request.humanReadable === 'REPLACE';
  for (const field of request.fields) {
    setPath(out, field.path, replace ? field.display(e, ctx) : field.value(e, ctx));
  }
  if (request.humanReadable === 'APPEND') {
    const human: Record<string, JsonValue> = {};
    for (const field of request.fields) {
      const text = field.display(e, ctx);
      if (text !== null) setPath(human, field.path, text);
    }
    out['humanReadable'] = human;
  }
  return out;
}

/**
 * `POST /v1/people/search`: the whole (visible) company in one body, no pagination (NOTES §4),
 * streamed in ~64 KiB chunks. Inactive people only with `showInactive: true`.
 */
export async function handlePeopleSearch(ex: Exchange): Promise<void> {
  const { req, res, state } = ex;
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  const raw = await readBody(req, MAX_BODY_BYTES);
  if (!/^application\/json\s*(;|$)/.test(contentType)) {
    return hiBobError(
      res,
      415,
      'unsupported.media.type',
      'Send JSON: Content-Type application/json',
    );
  }
  if (raw === null) return hiBobError(res, 413, 'payload.too.large', 'Request body too large');
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return hiBobError(res, 400, 'invalid.json', 'The request body is not valid JSON');
  }
  state.recordBody(body);
  const request = parseSearchRequest(body);
  if (typeof request === 'string') return hiBobError(res, 400, 'invalid.request', request);

  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  const writer = new BodyWriter(res, state.faults.current.truncateAfterBytes);
  if (state.fixture?.kind === 'people-search') {
    await writer.write(state.fixture.body.toString('utf8'));
    return writer.end();
  }
  const visible = {
    fields: request.fields.filter((f) => !isHidden(state, f.id)),
    humanReadable: request.humanReadable,
  };
  const ctx: FieldContext = {
    company: state.company,
    listValuesAsIds: state.faults.current.listValuesAsIds === true,
  };
  await writer.write('{"employees":[');
  let batch = '';
  let inBatch = 0;
  let first = true;
  for (const e of visiblePeople(state, request.showInactive)) {
    if (!matches(e, request.filter)) continue;
    batch += (first ? '' : ',') + JSON.stringify(renderEmployee(e, visible, ctx));
    first = false;
    if (++inBatch === ROWS_PER_WRITE) {
      if (!(await writer.write(batch))) return;
      batch = '';
      inBatch = 0;
    }
  }
  await writer.write(`${batch}]}`);
  await writer.end();
}
