import type { Insertable, Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { cachedStatement, rawSqlite } from './sqlite-dialect.ts';
import { inTransaction } from './transaction.ts';

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

type Row = Record<string, unknown>;
type LooseDb = Kysely<Record<string, Row>>;

export interface BulkInsertOptions {
  /** Skip rows that conflict on a unique key: `true` for any key, or that key's columns. */
  onConflictDoNothing?: true | readonly string[];
  /** Return this column of the rows actually inserted (rows skipped on conflict are left out). */
  returning?: string;
}

/**
 * Inserts many rows, which all have the same keys. On SQLite: one prepared statement run per row,
 * in the caller's transaction or else in one immediate transaction of its own — no query building,
 * about 3× faster than multi-row statements. On PostgreSQL: multi-row statements chunked under the
 * parameter limit, in the caller's transaction or one of their own. All or nothing either way.
 * Returns the `returning` column of the inserted rows (empty without it).
 */
export async function bulkInsert<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  options: BulkInsertOptions = {},
): Promise<string[]> {
  const first = rows[0] as Row | undefined;
  if (first === undefined) return [];
  const columns = Object.keys(first).filter((c) => first[c] !== undefined);
  const database = rawSqlite(db);
  if (!database) return bulkInsertKysely(db, table, rows, columns, options);

  const conflict = options.onConflictDoNothing;
  const target = Array.isArray(conflict) ? ` (${conflict.map(quoted).join(', ')})` : '';
  const statement = cachedStatement(
    database,
    `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values (${columns.map(() => '?').join(', ')})${conflict ? ` on conflict${target} do nothing` : ''}`,
  );
  const inserted: string[] = [];
  const write = (): void => {
    const values: unknown[] = new Array<unknown>(columns.length);
    for (const row of rows as readonly Row[]) {
      if (Object.keys(row).length > columns.length && hasExtraKey(row, columns))
        throw new Error(`bulkInsert into ${table}: rows have different columns`);
      for (let i = 0; i < columns.length; i++) {
        const value = row[columns[i] as string];
        if (value === undefined)
          throw new Error(`bulkInsert into ${table}: rows have different columns`);
        values[i] = typeof value === 'boolean' ? Number(value) : value;
      }
      const { changes } = statement.run(values);
      if (options.returning !== undefined && changes > 0)
        inserted.push(String(row[options.returning]));
    }
  };
  // A transaction holds the store's only connection; otherwise wait for it, so these writes never
  // land inside another caller's open transaction.
  if (db.isTransaction) write();
  else
    await db.connection().execute(() => Promise.resolve(database.transaction(write).immediate()));
  return inserted;
}

async function bulkInsertKysely(
  db: Kysely<Database>,
  table: string,
  rows: readonly object[],
  columns: readonly string[],
  options: BulkInsertOptions,
): Promise<string[]> {
  const conflict = options.onConflictDoNothing;
  const inserted: string[] = [];
  await inTransaction(db, async (trx) => {
    const loose = trx as unknown as LooseDb;
    for (const part of chunk(rows, rowsPerInsert(columns.length))) {
      let query = loose.insertInto(table).values(part);
      if (conflict)
        query = query.onConflict((oc) =>
          Array.isArray(conflict) ? oc.columns(conflict).doNothing() : oc.doNothing(),
        );
      if (options.returning === undefined) await query.execute();
      else
        for (const row of await query.returning(options.returning).execute())
          inserted.push(String(row[options.returning]));
    }
  });
  return inserted;
}

function hasExtraKey(row: Row, columns: readonly string[]): boolean {
  return Object.keys(row).some((key) => row[key] !== undefined && !columns.includes(key));
}

/** Kysely's CamelCasePlugin naming: `runResults` → `"run_results"`. */
function quoted(name: string): string {
  return `"${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}"`;
}
