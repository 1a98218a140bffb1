import type { Kysely } from 'kysely';
import type { NormalizedEmployee, PersonField } from '../core/employee.ts';
import { bulkInsert } from '../db/portable.ts';
import type { Database } from '../db/schema.ts';
import type { Coverage } from './guards.ts';
import type { PeopleIndex, PersonIndexEntry } from './managers.ts';
import { indexEntry } from './managers.ts';
import { CoverageCounter } from './guards.ts';
import type { LearnerIndexEntry, SettledRecord, SnapshotRecord } from './plan.ts';
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
  /** Records per staged chunk. */
  chunkSize?: number;
}

/**
 * The staged snapshot: what the connector fetched, in the store rather than in memory, so a
 * large company does not grow the heap during fetch and a paused run can be approved later.
 * Records are staged in chunks of lines (ADR 0014). People whose record did not change since it
 * was applied are only counted and kept as compact settled records (the plan needs no more of
 * them); everyone counts towards coverage.
 */
export class SnapshotWriter {
  #lines: string[] = [];
  #chunkStart = 0;
  #chunkBytes = 0;
  #seq = 0;
  #position = 0;
  #errors = 0;
  #people = 0;
  readonly #keys = new Set<string>();
  readonly #managerIds = new Set<string>();
  /** What manager resolution needs of each staged person (first staged record per id). */
  readonly #stagedEntries = new Map<string, PersonIndexEntry>();
  readonly #coverage: CoverageCounter;
  readonly #settled: SettledPeople = { positions: [], records: [] };
  readonly #settler: Settler | undefined;
  readonly #chunkSize: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly runId: string,
    options: SnapshotWriterOptions,
  ) {
    this.#coverage = new CoverageCounter(options.coverageFields);
    this.#settler = options.settler;
    this.#chunkSize = options.chunkSize ?? 2_000;
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

  /**
   * What manager resolution needs of the people someone in the snapshot names as their manager:
   * the first record with each such id, settled or staged (a repeated id is staged after its
   * first record). Only managers: nobody looks anyone else up, and a resync's settled majority
   * would otherwise make the index as large as the company.
   */
  managers(): PeopleIndex {
    const ids = this.#managerIds;
    const found: PeopleIndex = new Map();
    for (const record of this.#settled.records)
      if (ids.has(record.externalId)) found.set(record.externalId, record);
    for (const id of ids) {
      const entry = this.#stagedEntries.get(id);
      if (entry && !found.has(id)) found.set(id, entry);
    }
    return found;
  }

  async addEmployee(employee: NormalizedEmployee): Promise<void> {
    this.#people += 1;
    this.#coverage.add(employee);
    if (employee.managerExternalId !== null) this.#managerIds.add(employee.managerExternalId);
    const payload = JSON.stringify(employee);
    const learner = this.#settler?.linkedLearner(employee.externalId);
    // A later record with the same id is staged, so the plan reports it as a duplicate.
    const repeated = this.#see(employee.externalId, learner);
    if (this.#settler && learner && !repeated) {
      const settled = this.#settler.settle(employee, payload, learner);
      if (settled) {
        this.#settled.positions.push(this.#position);
        this.#settled.records.push(settled);
        this.#position += 1;
        return;
      }
    }
    if (!this.#stagedEntries.has(employee.externalId))
      this.#stagedEntries.set(employee.externalId, indexEntry(employee));
    await this.#push(EMPLOYEE, employee.externalId, payload);
  }

  async addError(externalId: string | null, code: string, message: string): Promise<void> {
    this.#errors += 1;
    if (externalId !== null) this.#see(externalId, this.#settler?.linkedLearner(externalId));
    await this.#push(
      ERROR,
      externalId,
      JSON.stringify({ code, message: message.slice(0, 500) } satisfies StagedError),
    );
  }

  /**
   * Notes that a record with this external id came, and returns whether one came before: marked on
   * the id's learner when it has one (a resync's people cost the one lookup that finds their
   * learner), else kept in a set.
   */
  #see(externalId: string, learner: LearnerIndexEntry | undefined): boolean {
    if (learner) {
      const seen = learner.seenBy === this;
      learner.seenBy = this;
      return seen;
    }
    const before = this.#keys.size;
    this.#keys.add(externalId);
    return this.#keys.size === before;
  }

  async #push(kind: string, externalId: string | null, payload: string): Promise<void> {
    if (this.#lines.length === 0) this.#chunkStart = this.#position;
    const line = `${this.#position}\t${kind}\t${JSON.stringify(externalId)}\t${payload}`;
    this.#lines.push(line);
    this.#chunkBytes += line.length;
    this.#position += 1;
    if (this.#lines.length >= this.#chunkSize || this.#chunkBytes >= MAX_CHUNK_CHARS)
      await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#lines.length === 0) return;
    const records = this.#lines.join('\n');
    this.#lines = [];
    this.#chunkBytes = 0;
    await bulkInsert(this.db, 'snapshotChunks', [
      { runId: this.runId, seq: this.#seq, firstPosition: this.#chunkStart, records },
    ]);
    this.#seq += 1;
  }
}

/** Line kinds: a mapped employee, or a record that failed to map. */
const EMPLOYEE = 'e';
const ERROR = 'x';
/**
 * A chunk ends at this many characters: its text (two bytes a character once any name is not
 * Latin-1) stays under V8's large-object size, so staging and reading chunks makes garbage that
 * dies young rather than growing the old generation.
 */
const MAX_CHUNK_CHARS = 60_000;

interface StagedError {
  code: string;
  message: string;
}

/** One staged line taken apart (the payload still JSON text). */
interface StagedLine {
  position: number;
  kind: string;
  /** JSON text of the external id (`null` when the record came without one). */
  idJson: string;
  payload: string;
}

function splitLine(line: string): StagedLine {
  const a = line.indexOf('\t');
  const b = line.indexOf('\t', a + 1);
  // JSON text never holds a raw tab: the id ends at the next one.
  const c = line.indexOf('\t', b + 1);
  return {
    position: Number(line.slice(0, a)),
    kind: line.slice(a + 1, b),
    idJson: line.slice(b + 1, c),
    payload: line.slice(c + 1),
  };
}

/** The staged lines in fetch order, one chunk at a time. */
async function* stagedChunks(db: Kysely<Database>, runId: string): AsyncGenerator<string[]> {
  let after = -1;
  for (;;) {
    const row = await db
      .selectFrom('snapshotChunks')
      .select(['seq', 'records'])
      .where('runId', '=', runId)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    if (!row) return;
    after = row.seq;
    yield row.records.split('\n');
  }
}

/** Drops a run's staged snapshot. */
export async function clearSnapshot(db: Kysely<Database>, runId: string): Promise<void> {
  await db.deleteFrom('snapshotChunks').where('runId', '=', runId).execute();
}

/**
 * The snapshot in fetch order, one page at a time: the staged records read back (each employee
 * with its record hash under `ownedFields`) merged by position with the settled people.
 */
export async function* snapshotPages(
  db: Kysely<Database>,
  runId: string,
  options: {
    ownedFields: readonly PersonField[];
    settled?: SettledPeople | undefined;
    pageSize?: number | undefined;
  },
): AsyncGenerator<SnapshotRecord[]> {
  const pageSize = options.pageSize ?? 1_000;
  const { positions, records } = options.settled ?? { positions: [], records: [] };
  const hash = recordHasher(options.ownedFields);
  let next = 0;
  let page: SnapshotRecord[] = [];
  for await (const lines of stagedChunks(db, runId)) {
    for (const line of lines) {
      const staged = splitLine(line);
      while (next < positions.length && (positions[next] ?? Infinity) < staged.position) {
        page.push(records[next] as SettledRecord);
        next += 1;
        if (page.length >= pageSize) {
          yield page;
          page = [];
        }
      }
      if (staged.kind === ERROR) {
        const error = JSON.parse(staged.payload) as StagedError;
        page.push({
          kind: 'error',
          externalId: JSON.parse(staged.idJson) as string | null,
          code: error.code,
          message: error.message,
        });
      } else {
        page.push({
          kind: 'employee',
          // Written by SnapshotWriter from validated records: trusted, not re-validated (hot path).
          employee: JSON.parse(staged.payload) as NormalizedEmployee,
          recordHash: hash(staged.payload),
        });
      }
      if (page.length >= pageSize) {
        yield page;
        page = [];
      }
    }
  }
  for (; next < records.length; next += pageSize) {
    page.push(...records.slice(next, next + pageSize));
    yield page;
    page = [];
  }
  if (page.length > 0) yield page;
}
