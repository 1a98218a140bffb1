/**
 * The few places where SQLite and PostgreSQL differ in what they hand back. Every repository reads
 * booleans, counts and JSON through these helpers, and chunks bulk inserts with `chunk`.
 */

export function toBool(value: boolean | number | string | null | undefined): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value === '1' || value === 't' || value === 'true';
  return false;
}

/** `count(*)` is a number on SQLite and a string (bigint) on PostgreSQL. */
export function toCount(value: number | string | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}

/**
 * Rows per multi-row INSERT: rows × columns stays at about 10,000 parameters, far under both
 * stores' limits (SQLite 32766, PostgreSQL 65535). Larger statements were not faster and each one
 * builds a big query tree, which raised peak memory in the sync bench.
 */
export function rowsPerInsert(columns: number): number {
  return Math.max(1, Math.floor(10_000 / Math.max(1, columns)));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
