/**
 * Factorial's cursor paging (NOTES §3): `limit` (default and max 100), `after_id`; lists sorted by
 * id ascending; `meta` with `has_next_page`, `has_previous_page`, `start_cursor`, `end_cursor`,
 * `total`, `limit`. Cursors are the base64 of an id, as in the documented example (`Mjc=` = 27).
 */

export const MAX_LIMIT = 100;

export interface PageMeta {
  has_next_page: boolean;
  has_previous_page: boolean;
  start_cursor: string | null;
  end_cursor: string | null;
  total: number;
  limit: number;
}

export type PageResult<T> =
  | {
      ok: true;
      data: T[];
      meta: PageMeta;
      /** 0-based page number (offset / limit). */
      index: number;
    }
  | { ok: false; message: string };

export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64');
}

/** A cursor back to an id; a bare numeric id is accepted too. Null when it is neither. */
export function decodeCursor(cursor: string): number | null {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  if (/^\d+$/.test(decoded) && encodeCursor(decoded) === cursor) return Number(decoded);
  return /^\d+$/.test(cursor) ? Number(cursor) : null;
}

/** One page of `rows` (sorted by numeric id) after the query's cursor. */
export function pageOf<T extends { id: string }>(
  rows: readonly T[],
  query: URLSearchParams,
  maxLimit: number = MAX_LIMIT,
): PageResult<T> {
  const rawLimit = query.get('limit');
  let limit = Math.min(MAX_LIMIT, maxLimit);
  if (rawLimit !== null) {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1) {
      return { ok: false, message: 'limit must be a positive integer' };
    }
    limit = Math.min(Number(rawLimit), limit);
  }
  if (query.has('before_id')) return { ok: false, message: 'before_id is not emulated' };
  const afterRaw = query.get('after_id');
  let start = 0;
  if (afterRaw !== null && afterRaw !== '') {
    const after = decodeCursor(afterRaw);
    if (after === null) return { ok: false, message: 'after_id is not a valid cursor' };
    start = firstAfter(rows, after);
  }
  const data = rows.slice(start, start + limit);
  const first = data[0];
  const last = data[data.length - 1];
  return {
    ok: true,
    index: Math.floor(start / limit),
    data,
    meta: {
      has_next_page: start + limit < rows.length,
      has_previous_page: start > 0,
      start_cursor: first === undefined ? null : encodeCursor(first.id),
      end_cursor: last === undefined ? null : encodeCursor(last.id),
      total: rows.length,
      limit,
    },
  };
}

/** Index of the first row whose id is greater than `after` (binary search). */
function firstAfter(rows: readonly { id: string }[], after: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Number(rows[mid]?.id) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
