/**
 * A small subset of the dataset v2 OData-style `filter` (NOTES.md §3 B): comparisons `eq ne lt le
 * gt ge`, `in (...)`, `and`, `or` and parentheses, e.g. `status eq 'Active' and hireDate le
 * '2026-01-01'`. Values are compared as strings (numerically when both look like numbers).
 */
export type Getter = (field: string) => string | null;
export type Predicate = (get: Getter) => boolean;
export type FilterResult = { ok: true; predicate: Predicate } | { ok: false; error: string };

type Value = string | null;
const TOKEN = /\s*(?:(\()|(\))|(,)|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)|([A-Za-z_][\w.]*))/y;
type Token = { kind: '(' | ')' | ',' | 'str' | 'num' | 'word'; text: string };

function tokenize(input: string): Token[] | string {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < input.length) {
    if (/^\s*$/.test(input.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(input);
    if (!m) return `Unexpected character at position ${at}`;
    if (m[1]) tokens.push({ kind: '(', text: '(' });
    else if (m[2]) tokens.push({ kind: ')', text: ')' });
    else if (m[3]) tokens.push({ kind: ',', text: ',' });
    else if (m[4] !== undefined) tokens.push({ kind: 'str', text: m[4].replace(/''/g, "'") });
    else if (m[5]) tokens.push({ kind: 'num', text: m[5] });
    else tokens.push({ kind: 'word', text: m[6] ?? '' });
  }
  return tokens;
}

const OPS = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);

function compare(a: Value, op: string, b: Value): boolean {
  const x = a === '' ? null : a;
  const y = b === '' ? null : b;
  if (op === 'eq') return x === y;
  if (op === 'ne') return x !== y;
  if (x === null || y === null) return false;
  const numeric = /^-?\d+(\.\d+)?$/;
  const c = numeric.test(x) && numeric.test(y) ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
  return op === 'lt' ? c < 0 : op === 'le' ? c <= 0 : op === 'gt' ? c > 0 : c >= 0;
}

/** Parses `filter`; `known` says which field names exist. */
export function parseFilter(input: string, known: (field: string) => boolean): FilterResult {
  const tokens = tokenize(input);
  if (typeof tokens === 'string') return { ok: false, error: tokens };
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const fail = (msg: string): never => {
    throw new SyntaxError(msg);
  };
  const value = (): Value => {
    const t = tokens[i++];
    if (t?.kind === 'str' || t?.kind === 'num') return t.text;
    if (t?.kind === 'word' && t.text === 'null') return null;
    return fail(`Expected a value at token ${i}`);
  };
  const comparison = (): Predicate => {
    const t = tokens[i++];
    if (t?.kind === '(') {
      const inner = or();
      if (tokens[i++]?.kind !== ')') fail('Missing )');
      return inner;
    }
    if (t?.kind !== 'word') return fail(`Expected a field name at token ${i}`);
    const field = t.text;
    if (!known(field)) fail(`Unknown field: ${field}`);
    const op = tokens[i++]?.text.toLowerCase() ?? '';
    if (op === 'in') {
      if (tokens[i++]?.kind !== '(') fail('Expected ( after in');
      const values: Value[] = [value()];
      while (peek()?.kind === ',') {
        i += 1;
        values.push(value());
      }
      if (tokens[i++]?.kind !== ')') fail('Missing )');
      return (get) => values.some((v) => compare(get(field), 'eq', v));
    }
    if (!OPS.has(op)) fail(`Unknown operator: ${op}`);
    const v = value();
    return (get) => compare(get(field), op, v);
  };
  const and = (): Predicate => {
    let left = comparison();
    while (peek()?.kind === 'word' && peek()?.text.toLowerCase() === 'and') {
      i += 1;
      const l = left;
      const r = comparison();
      left = (get) => l(get) && r(get);
    }
    return left;
  };
  const or = (): Predicate => {
    let left = and();
    while (peek()?.kind === 'word' && peek()?.text.toLowerCase() === 'or') {
      i += 1;
      const l = left;
      const r = and();
      left = (get) => l(get) || r(get);
    }
    return left;
  };
  try {
    const predicate = or();
    if (i < tokens.length) fail(`Unexpected token: ${peek()?.text ?? ''}`);
    return { ok: true, predicate };
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}
