/**
 * The one filter form the emulator understands (RFC 7644 §3.4.2.2): `<attribute> eq <value>` on
 * `id`, `userName`, `externalId` (quoted strings) or `active` (true/false). Anything else is
 * `400 invalidFilter`, as an SP answers a filter it does not support.
 */
export type ParsedFilter =
  | { ok: true; matches: ((user: Record<string, unknown>) => boolean) | null }
  | { ok: false; detail: string };

const SUPPORTED = ['id', 'username', 'externalid', 'active'];

export function parseFilter(filter: string | null): ParsedFilter {
  if (filter === null || filter.trim() === '') return { ok: true, matches: null };
  const match = /^\s*([A-Za-z]+)\s+eq\s+("(?:[^"\\]|\\.)*"|true|false)\s*$/i.exec(filter);
  const attribute = match?.[1]?.toLowerCase();
  const literal = match?.[2];
  if (attribute === undefined || literal === undefined || !SUPPORTED.includes(attribute)) {
    return { ok: false, detail: 'Only "<id|userName|externalId|active> eq <value>" is supported' };
  }
  const expected: unknown = literal.startsWith('"')
    ? JSON.parse(literal)
    : literal.toLowerCase() === 'true';
  return {
    ok: true,
    matches: (user) => {
      const key = Object.keys(user).find((k) => k.toLowerCase() === attribute);
      const actual = key === undefined ? undefined : user[key];
      // String comparisons on userName are case-insensitive (caseExact false, RFC 7643 §4.1.1).
      if (attribute === 'username' && typeof actual === 'string' && typeof expected === 'string') {
        return actual.toLowerCase() === expected.toLowerCase();
      }
      return actual === expected;
    },
  };
}
