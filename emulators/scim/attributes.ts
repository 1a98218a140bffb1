import { CORE_USER } from './users.ts';

/**
 * The `attributes` query parameter (RFC 7644 §3.4.2.5, §3.10): a comma-separated list of attribute
 * paths `[schemaURN:]attribute[.subAttribute]`, case-insensitive. Only those (plus `id` and
 * `schemas`, returned always) are answered; without it, every attribute is.
 */

export interface Selector {
  /** The extension URN, lower-cased; null for a core attribute. */
  schema: string | null;
  /** The attribute name, lower-cased; null when the whole extension is selected. */
  attribute: string | null;
  sub: string | null;
}

/** Parses `attributes=` into selectors; unknown extensions simply select nothing. */
export function parseAttributes(value: string, schemas: readonly string[]): Selector[] {
  const known = schemas.map((s) => s.toLowerCase());
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const lower = item.toLowerCase();
      if (known.includes(lower)) return { schema: lower, attribute: null, sub: null };
      let schema: string | null = null;
      let path = lower;
      if (lower.startsWith('urn:')) {
        const at = lower.lastIndexOf(':');
        schema = lower.slice(0, at);
        path = lower.slice(at + 1);
        if (schema === CORE_USER.toLowerCase()) schema = null;
      }
      const [attribute = '', sub = null] = path.split('.', 2);
      return { schema, attribute, sub };
    });
}

type Json = Record<string, unknown>;

function keyOf(container: Json, lowerName: string): string | undefined {
  return Object.keys(container).find((k) => k.toLowerCase() === lowerName);
}

function pick(value: unknown, sub: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const key = keyOf(value as Json, sub);
  return key === undefined ? undefined : (value as Json)[key];
}

/** Merges the selected part of `value` (one sub-attribute, or all) into `target[key]`. */
function select(target: Json, key: string, value: unknown, sub: string | null): void {
  if (sub === null) {
    target[key] = value;
    return;
  }
  if (Array.isArray(value)) {
    const existing = Array.isArray(target[key]) ? (target[key] as Json[]) : value.map(() => ({}));
    value.forEach((element, i) => {
      const picked = pick(element, sub);
      const subKey = keyOf(element as Json, sub);
      if (picked !== undefined && subKey !== undefined) (existing[i] as Json)[subKey] = picked;
    });
    target[key] = existing;
    return;
  }
  const picked = pick(value, sub);
  const subKey =
    typeof value === 'object' && value !== null ? keyOf(value as Json, sub) : undefined;
  if (picked === undefined || subKey === undefined) return;
  const existing = typeof target[key] === 'object' && target[key] !== null ? target[key] : {};
  target[key] = { ...(existing as Json), [subKey]: picked };
}

/** The resource with only the selected attributes (plus `schemas` and `id`), nulls left out. */
export function project(resource: Json, selectors: readonly Selector[] | null): Json {
  if (selectors === null) return withoutNulls(resource) as Json;
  const out: Json = { schemas: resource['schemas'], id: resource['id'] };
  for (const { schema, attribute, sub } of selectors) {
    let source: Json = resource;
    let target: Json = out;
    if (schema !== null) {
      const extKey = keyOf(resource, schema);
      const ext = extKey === undefined ? undefined : resource[extKey];
      if (extKey === undefined || typeof ext !== 'object' || ext === null) continue;
      if (attribute === null) {
        out[extKey] = ext;
        continue;
      }
      source = ext as Json;
      if (attribute === null || keyOf(source, attribute) === undefined) continue;
      if (typeof out[extKey] !== 'object' || out[extKey] === null) out[extKey] = {};
      target = out[extKey] as Json;
    }
    const key = attribute === null ? undefined : keyOf(source, attribute);
    if (key !== undefined && source[key] !== null) select(target, key, source[key], sub);
  }
  return withoutNulls(out) as Json;
}

/** SPs may omit unassigned attributes (RFC 7643 §2.5); this emulator always does. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Json).filter(([, v]) => v !== null && v !== undefined);
  return Object.fromEntries(entries.map(([k, v]) => [k, withoutNulls(v)]));
}
