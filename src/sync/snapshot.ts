import type { Kysely } from 'kysely';
import type { NormalizedEmployee, PersonField } from '../core/employee.ts';
import { bulkInsert } from '../db/portable.ts';
import { rawSqlite } from '../db/sqlite-dialect.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Database, SnapshotRowsTable } from '../db/schema.ts';
import type { Coverage } from './guards.ts';
import { CoverageCounter } from './guards.ts';
import type { SettledRecord, SnapshotRecord } from './plan.ts';
import type { Settler } from './settle.ts';
import { recordHasher } from './settle.ts';

/** The people the fetch settled without staging them (ADR 0012), with their snapshot positions. */
export interface SettledPeople {
  positions: number[];
  records: SettledRecord[];
}

export interface SnapshotWriterOptions {
  /** The fields whose coverage among active people the guards compare (everyone is counted). */
  coverageFields: readonly PersonField[];
  /** Leaves people whose record is the one last applied out of the staged rows. */
  settler?: Settler | undefined;
  batchSize?: number;
}

/**
 * The staged snapshot: what the connector fetched, in the store rather than in memory, so a
 * large company does not grow the heap during fetch and a paused run can be approved later.
 * People whose record did not change since it was applied are only counted and kept as compact
 * settled records (the plan needs no more of them); everyone counts towards coverage.
 */
export class SnapshotWriter {
  #buffer: SnapshotRowsTable[] = [];
  #position = 0;
  #errors = 0;
  #people = 0;
  readonly #keys = new Set<string>();
  readonly #coverage: CoverageCounter;
  readonly #settled: SettledPeople = { positions: [], records: [] };
  readonly #settler: Settler | undefined;
  readonly #batchSize: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly runId: string,
    options: SnapshotWriterOptions,
  ) {
    this.#coverage = new CoverageCounter(options.coverageFields);
    this.#settler = options.settler;
    this.#batchSize = options.batchSize ?? 2_000;
  }

  get size(): number {
    return this.#position;
  }

  get people(): number {
    return this.#people;
  }

  get errors(): number {
    return this.#errors;
  }

  get coverage(): Coverage {
    return this.#coverage.result();
  }

  get settled(): SettledPeople {
    return this.#settled;
  }

  async addEmployee(employee: NormalizedEmployee): Promise<void> {
    this.#people += 1;
    this.#coverage.add(employee);
    const payload = JSON.stringify(employee);
    if (this.#settler && !this.#keys.has(employee.externalId)) {
      const settled = this.#settler.settle(employee, payload);
      if (settled) {
        // Taken like a staged key, so a later record with the same id is staged as a duplicate.
        this.#keys.add(employee.externalId);
        this.#settled.positions.push(this.#position);
        this.#settled.records.push(settled);
        this.#position += 1;
        return;
      }
    }
    this.#push({
      key: employee.externalId,
      externalId: employee.externalId,
      managerExternalId: employee.managerExternalId,
      payload,
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
    if (this.#buffer.length >= this.#batchSize) await this.flush();
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

/**
 * The snapshot in fetch order, one page at a time: the staged rows read back (each employee with
 * its record hash under `ownedFields`) merged by position with the settled people.
 */
export async function* snapshotPages(
  db: Kysely<Database>,
  runId: string,
  options: {
    ownedFields: readonly PersonField[];
    settled?: SettledPeople | undefined;
    pageSize?: number;
  },
): AsyncGenerator<SnapshotRecord[]> {
  const pageSize = options.pageSize ?? 1_000;
  const { positions, records } = options.settled ?? { positions: [], records: [] };
  const hash = recordHasher(options.ownedFields);
  let next = 0;
  let page: SnapshotRecord[] = [];
  for await (const rows of stagedRows(db, runId, pageSize)) {
    for (const row of rows) {
      while (next < positions.length && (positions[next] ?? Infinity) < row.position) {
        page.push(records[next] as SettledRecord);
        next += 1;
        if (page.length >= pageSize) {
          yield page;
          page = [];
        }
      }
      page.push(
        row.payload === null
          ? {
              kind: 'error',
              externalId: row.externalId,
              code: row.errorCode ?? 'invalid_record',
              message: row.errorMessage ?? '',
            }
          : // Written by SnapshotWriter from validated records: trusted, not re-validated (hot path).
            {
              kind: 'employee',
              employee: JSON.parse(row.payload) as NormalizedEmployee,
              recordHash: hash(row.payload),
            },
      );
    }
    if (page.length >= pageSize) {
      yield page;
      page = [];
    }
  }
  for (; next < records.length; next += pageSize) {
    page.push(...records.slice(next, next + pageSize));
    yield page;
    page = [];
  }
  if (page.length > 0) yield page;
}

async function* stagedRows(db: Kysely<Database>, runId: string, pageSize: number) {
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
    yield rows;
  }
}
