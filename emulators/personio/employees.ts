import type { ServerResponse } from 'node:http';
import { BodyWriter } from '../shared/http.ts';
import type { GeneratedCompany } from '../shared/company.ts';
import { integerParam } from '../shared/query.ts';
import { personioError } from './errors.ts';
import { projectEmployee, renderEmployee, type RenderOptions } from './records.ts';

/** Since 2025-01-31: at most 100 per page, 50 without `limit` (NOTES §4, DOC-PAG). */
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 50;

export interface EmployeesQuery {
  limit: number;
  offset: number;
  /** `attributes[]=` values in request order; empty: no filter. */
  attributes: string[];
}

/** Reads `limit`, `offset` and `attributes[]`; a string is the 400 message. */
export function parseEmployeesQuery(params: URLSearchParams): EmployeesQuery | string {
  const limit = integerParam(params, 'limit', DEFAULT_LIMIT);
  if (limit === 'invalid' || limit < 1 || limit > MAX_LIMIT) {
    return `The limit must be an integer from 1 to ${MAX_LIMIT}`;
  }
  const offset = integerParam(params, 'offset', 0);
  if (offset === 'invalid') return 'The offset must be a non-negative integer';
  const attributes = params
    .getAll('attributes[]')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  return { limit, offset, attributes };
}

export interface PageOptions extends RenderOptions {
  /** The credential's readable attributes (NOTES §2); null: all. */
  readable: ReadonlySet<string> | null;
  /** Send everything, whatever `attributes[]` asks (a misbehaving server, for negative tests). */
  ignoreAttributeFilter: boolean;
  truncateAfterBytes: number | undefined;
}

/**
 * One page as Personio answers it: `{success, metadata: {total_elements, current_page,
 * total_pages}, offset, limit, data}` (SPEC-V1), written row by row so a truncation fault cuts
 * the body mid-JSON.
 */
export async function sendEmployeesPage(
  res: ServerResponse,
  company: GeneratedCompany,
  query: EmployeesQuery,
  options: PageOptions,
): Promise<void> {
  const people = company.all();
  const total = people.length;
  const slice = people.slice(query.offset, query.offset + query.limit);
  const requested = options.ignoreAttributeFilter ? [] : query.attributes;
  const envelope = {
    success: true,
    metadata: {
      total_elements: total,
      current_page: Math.floor(query.offset / query.limit),
      total_pages: Math.ceil(total / query.limit),
    },
    offset: query.offset,
    limit: query.limit,
  };
  res.writeHead(200, { 'content-type': 'application/json' });
  const writer = new BodyWriter(res, options.truncateAfterBytes);
  await writer.write(`${JSON.stringify(envelope).slice(0, -1)},"data":[`);
  for (const [i, person] of slice.entries()) {
    const record = projectEmployee(
      renderEmployee(person, company, options),
      requested,
      options.readable,
    );
    if (!(await writer.write(`${i === 0 ? '' : ','}${JSON.stringify(record)}`))) return;
  }
  await writer.write(']}');
  await writer.end();
}

/** A 400 in Personio's v1 error shape (the message for a bad limit is unconfirmed). */
export function badQuery(res: ServerResponse, message: string): void {
  personioError(res, 400, message);
}
