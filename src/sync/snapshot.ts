import type { Kysely } from 'kysely';
import type { NormalizedEmployee } from '../core/employee.ts';
import { bulkInsert } from '../db/portable.ts';
import { rawSqlite } from '../db/sqlite-dialect.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Database, SnapshotRowsTable } from '../db/schema.ts';
import type { SnapshotRecord } from './plan.ts';

/**
 * The staged snapshot: what the connector fetched, in the store rather than in memory, so a
 * large company does not grow the heap during fetch and a paused run can be approved later.
 */
export class SnapshotWriter {
  #buffer: SnapshotRowsTable[] = [];
  #position = 0;
  #errors = 0;
  #people = 0;
  readonly #keys = new Set<string>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly runId: string,
    private readonly batchSize = 2_000,
  ) {}

  get size(): number {
    return this.#position;
  }

  get people(): number {
    return this.#people;
  }

  get errors(): number {
    return this.#errors;
  }

  async addEmployee(employee: NormalizedEmployee): Promise<void> {
    this.#people += 1;
    this.#push({
      key: employee.externalId,
      externalId: employee.externalId,
      managerExternalId: employee.managerExternalId,
      payload: JSON.stringify(employee),
      hash: null,
      errorCode: null,
      errorMessage: null,
    });
    await this.#maybeFlush();
  }

  async addError(externalId: string | null, code: string, message: string): Promise<void> {
    this.#errors += 1;
    this.#push({
      key: externalId ?? `#error:${this.#position}`,
      externalId,
      managerExternalId: null,
      payload: null,
      hash: null,
      errorCode: code,
      errorMessage: message.slice(0, 500),
    });
    await this.#maybeFlush();
  }

  #push(row: Omit<SnapshotRowsTable, 'runId' | 'position'>): void {
    // A repeated external id is staged under its own key; the plan reports it as a duplicate.
    const key = this.#keys.has(row.key) ? `${row.key}#dup:${this.#position}` : row.key;
    this.#keys.add(key);
    this.#buffer.push({ runId: this.runId, position: this.#position, ...row, key });
    this.#position += 1;
  }

  async #maybeFlush(): Promise<void> {
    if (this.#buffer.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#buffer.length === 0) return;
    const rows = this.#buffer;
    this.#buffer = [];
    await bulkInsert(this.db, 'snapshotRows', rows);
  }
}

/**
 * Drops a run's staged snapshot. When no other run has rows staged, SQLite empties the whole
 * table at once (a DELETE without WHERE frees the pages without visiting each row and its index
 * entries), which is most of the time: runs are staged one after the other.
 */
export async function clearSnapshot(db: Kysely<Database>, runId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const others = async (op: '<' | '>'): Promise<boolean> =>
      (await trx
        .selectFrom('snapshotRows')
        .select('runId')
        .where('runId', op, runId)
        .limit(1)
        .executeTakeFirst()) !== undefined;
    if (rawSqlite(trx) && !(await others('<')) && !(await others('>')))
      await trx.deleteFrom('snapshotRows').execute();
    else await trx.deleteFrom('snapshotRows').where('runId', '=', runId).execute();
  });
}

/** Reads the staged snapshot back in fetch order, one page at a time. */
export async function* snapshotPages(
  db: Kysely<Database>,
  runId: string,
  pageSize = 1_000,
): AsyncGenerator<SnapshotRecord[]> {
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom('snapshotRows')
      .select(['position', 'externalId', 'payload', 'errorCode', 'errorMessage'])
      .where('runId', '=', runId)
      .where('position', '>', after)
      .orderBy('position')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]?.position ?? after;
    yield rows.map((row): SnapshotRecord =>
      row.payload === null
        ? {
            kind: 'error',
            externalId: row.externalId,
            code: row.errorCode ?? 'invalid_record',
            message: row.errorMessage ?? '',
          }
        : // Written by SnapshotWriter from validated records: trusted, not re-validated (hot path).
          { kind: 'employee', employee: JSON.parse(row.payload) as NormalizedEmployee },
    );
  }
}
