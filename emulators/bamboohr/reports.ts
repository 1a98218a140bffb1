import { BodyWriter, readBody } from '../shared/http.ts';
import { acceptsJson, visiblePeople, type Exchange } from './context.ts';
import type { Employee } from './employee.ts';
import { legacyError } from './errors.ts';
import { V1_FIELDS, type FieldDef } from './fields.ts';

const MAX_FIELDS = 400;
const MAX_BODY_BYTES = 1024 * 1024;
const ROWS_PER_WRITE = 64;

/** Reads a JSON request body with BambooHR's rule: `Content-Type` exactly `application/json`. */
async function readStrictJson(ex: Exchange): Promise<{ ok: true; body: unknown } | { ok: false }> {
  const contentType = (ex.req.headers['content-type'] ?? '').trim().toLowerCase();
  const raw = await readBody(ex.req, MAX_BODY_BYTES);
  // Anything else (even `application/json; charset=UTF-8`) is parsed as XML upstream (SPEC).
  if (contentType !== 'application/json') {
    legacyError(ex.res, 400, 'Malformed XML');
    return { ok: false };
  }
  if (raw === null) {
    legacyError(ex.res, 413, 'Request body too large');
    return { ok: false };
  }
  try {
    return { ok: true, body: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    legacyError(ex.res, 400, 'Malformed JSON');
    return { ok: false };
  }
}

interface ReportRequest {
  title: string;
  fields: string[];
  lastChangedSince: number | null;
  employeeIds: Set<string> | null;
}

function parseReportRequest(body: unknown): ReportRequest | string {
  if (typeof body !== 'object' || body === null) return 'The request body must be an object';
  const b = body as Record<string, unknown>;
  if (!Array.isArray(b['fields']) || !b['fields'].every((f) => typeof f === 'string')) {
    return 'fields must be an array of field names';
  }
  const fields = b['fields'];
  if (fields.length === 0) return 'No fields requested';
  if (fields.length > MAX_FIELDS) return `Too many fields (max ${MAX_FIELDS})`;
  const filters = (typeof b['filters'] === 'object' && b['filters']) || {};
  const lastChanged = (filters as Record<string, unknown>)['lastChanged'];
  const since = (lastChanged as Record<string, unknown> | undefined)?.['value'];
  const sinceMs = typeof since === 'string' ? Date.parse(since) : null;
  if (sinceMs !== null && Number.isNaN(sinceMs)) return 'Invalid lastChanged filter value';
  const ids = (filters as Record<string, unknown>)['employeeIds'];
  return {
    title: typeof b['title'] === 'string' ? b['title'] : '',
    fields,
    lastChangedSince: sinceMs,
    employeeIds: Array.isArray(ids) ? new Set(ids.map(String)) : null,
  };
}

/**
 * A. `POST /v1/reports/custom?format=JSON`: the whole company (every status) in one body, only
 * the requested known fields (unknown ids silently dropped), written in chunks.
 */
export async function handleCustomReport(ex: Exchange): Promise<void> {
  const read = await readStrictJson(ex);
  if (!read.ok) return;
  const format = ex.url.searchParams.get('format');
  if (format === null || format.toUpperCase() !== 'JSON') {
    legacyError(ex.res, 400, 'The emulator serves format=JSON only');
    return;
  }
  const { state } = ex;
  state.recordBody(read.body);
  const request = parseReportRequest(read.body);
  if (typeof request === 'string') {
    legacyError(ex.res, 400, request);
    return;
  }
  const writer = startJson(ex);
  if (state.fixture?.kind === 'custom-report') {
    await writer.write(state.fixture.body.toString('utf8'));
    await writer.end();
    return;
  }
  const fields: FieldDef[] = [];
  const seen = new Set<string>();
  for (const id of request.fields) {
    const def = V1_FIELDS.get(id);
    if (def && !seen.has(id)) fields.push(def);
    seen.add(id);
  }
  const header = fields.map((f) => ({ id: f.id, type: f.type, name: f.name }));
  await writer.write(
    `{"title":${JSON.stringify(request.title)},"fields":${JSON.stringify(header)},"employees":[`,
  );
  const rowFields = fields.filter((f) => f.id !== 'id');
  const keys = rowFields.map((f) => `,${JSON.stringify(f.id)}:`);
  let first = true;
  let batch = '';
  let inBatch = 0;
  for (const e of visiblePeople(state)) {
    if (request.employeeIds && !request.employeeIds.has(e.id)) continue;
    if (request.lastChangedSince !== null && Date.parse(e.lastChanged) < request.lastChangedSince) {
      continue;
    }
    batch += (first ? '' : ',') + row(e, rowFields, keys, ex);
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

function row(
  e: Employee,
  fields: readonly FieldDef[],
  keys: readonly string[],
  ex: Exchange,
): string {
  let out = `{"id":${JSON.stringify(e.id)}`;
  for (let i = 0; i < fields.length; i += 1) {
    out += `${keys[i] ?? ''}${JSON.stringify((fields[i] as FieldDef).get(e, ex.state.company))}`;
  }
  return `${out}}`;
}

function startJson(ex: Exchange): BodyWriter {
  ex.res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  return new BodyWriter(ex.res, ex.state.faults.current.truncateAfterBytes);
}

const DIRECTORY_FIELDS: readonly { id: string; type: string; name: string }[] = [
  { id: 'displayName', type: 'text', name: 'Display name' },
  { id: 'firstName', type: 'text', name: 'First name' },
  { id: 'lastName', type: 'text', name: 'Last name' },
  { id: 'preferredName', type: 'text', name: 'Preferred name' },
  { id: 'jobTitle', type: 'list', name: 'Job title' },
  { id: 'workPhone', type: 'text', name: 'Work Phone' },
  { id: 'mobilePhone', type: 'text', name: 'Mobile Phone' },
  { id: 'workEmail', type: 'email', name: 'Work Email' },
  { id: 'department', type: 'list', name: 'Department' },
  { id: 'location', type: 'list', name: 'Location' },
  { id: 'division', type: 'list', name: 'Division' },
  { id: 'linkedIn', type: 'text', name: 'LinkedIn URL' },
  { id: 'pronouns', type: 'list', name: 'Pronouns' },
  { id: 'workPhoneExtension', type: 'text', name: 'Work Ext.' },
  { id: 'supervisor', type: 'employee', name: 'Manager' },
  { id: 'photoUploaded', type: 'bool', name: 'Employee photo exists' },
  { id: 'photoUrl', type: 'url', name: 'Employee photo url' },
  { id: 'canUploadPhoto', type: 'bool', name: '' },
];

const PHOTO = 'https://resources.bamboohr.com/images/photo_person_160x160.png';

function directoryRow(e: Employee, ex: Exchange): string {
  const company = ex.state.company;
  const get = (id: string): string | null => V1_FIELDS.get(id)?.get(e, company) ?? null;
  const m = e.supervisorEId ? company.get(e.supervisorEId) : undefined;
  return JSON.stringify({
    id: e.id,
    displayName: get('displayName'),
    firstName: e.firstName,
    lastName: e.lastName,
    preferredName: e.preferredName,
    jobTitle: e.jobTitle,
    workPhone: get('workPhone'),
    mobilePhone: get('mobilePhone'),
    workEmail: e.workEmail,
    department: e.department,
    location: e.location,
    division: e.division,
    linkedIn: null,
    pronouns: null,
    workPhoneExtension: get('workPhoneExtension'),
    supervisor: m ? `${m.firstName} ${m.lastName}` : null,
    photoUploaded: false,
    photoUrl: PHOTO,
    canUploadPhoto: 1,
  });
}

/** C. `GET /v1/employees/directory`: Active people only (`onlyCurrent=false` adds future hires). */
export async function handleDirectory(ex: Exchange): Promise<void> {
  if (!acceptsJson(ex.req)) {
    legacyError(ex.res, 406, 'The emulator serves JSON only: send Accept: application/json');
    return;
  }
  const { company, fixture } = ex.state;
  if (fixture?.kind === 'directory') {
    const writer = startJson(ex);
    await writer.write(fixture.body.toString('utf8'));
    await writer.end();
    return;
  }
  const withFuture = ex.url.searchParams.get('onlyCurrent') === 'false';
  const listed = (e: Employee): boolean =>
    e.status === 'Active' || (withFuture && company.isFutureHire(e));
  let any = false;
  for (const e of company.values()) if ((any = listed(e))) break;
  if (!any) {
    legacyError(ex.res, 404, 'No employees found');
    return;
  }
  const writer = startJson(ex);
  await writer.write(`{"fields":${JSON.stringify(DIRECTORY_FIELDS)},"employees":[`);
  let batch = '';
  let first = true;
  let inBatch = 0;
  for (const e of company.values()) {
    if (!listed(e)) continue;
    batch += (first ? '' : ',') + directoryRow(e, ex);
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
