/**
 * Paging parameters read from a query string. Only the parsing is shared: each vendor decides
 * what an invalid value gets (a 400 in its own error shape, or the default) and how pages slice.
 */

/**
 * A whole-number parameter (digits only): `fallback` when absent, `'invalid'` when it is anything
 * else. An empty value counts as absent unless `emptyIsInvalid` (some vendors refuse `?limit=`).
 */
export function integerParam<F>(
  query: URLSearchParams,
  name: string,
  fallback: F,
  { emptyIsInvalid = false }: { emptyIsInvalid?: boolean } = {},
): number | F | 'invalid' {
  const raw = query.get(name);
  if (raw === null || (raw === '' && !emptyIsInvalid)) return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : 'invalid';
}

/** A page number or page size: 1 to 9,999,999 written plainly, or null for anything else. */
export function positiveParam(raw: string | null): number | null {
  return raw !== null && /^[1-9]\d{0,6}$/.test(raw) ? Number(raw) : null;
}
