import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import type { Kysely } from 'kysely';
import { cleanText } from '../core/employee.ts';
import type { Actor } from '../db/repositories/audit.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import type { PersonValues } from '../db/repositories/learners.ts';
import {
  changedFields,
  insertLearners,
  learnersById,
  personValuesByEmail,
  newLearnerRow,
  updateLearnerFields,
} from '../db/repositories/learners.ts';
import { chunk } from '../db/portable.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import type { CsvField, CsvHeaderMapping } from './csv-columns.ts';
import { checkHeader, mapCsvHeader, readCell } from './csv-columns.ts';

/** `all-or-nothing`: any error and nothing is written. `valid-rows-only`: bad rows are skipped. */
export type CsvImportMode = 'all-or-nothing' | 'valid-rows-only';

export interface CsvImportOptions {
  tenantId: string;
  /** The file's bytes, e.g. `fs.createReadStream(path)` or the HTTP request stream. */
  input: AsyncIterable<Buffer | string>;
  mode: CsvImportMode;
  /** Compute the full report, write nothing. */
  dryRun?: boolean;
  actor: Actor;
  now: Date;
}

export type CsvErrorCode = CsvRowError['code'];

/** One problem in the file. `line` is the file's line (header = 1) where the row starts. */
export interface CsvRowError {
  line: number;
  /** The column's header as written in the file; `null` when the error is about no one column. */
  column: string | null;
  code:
    | 'unknown_column'
    | 'missing_column'
    | 'missing_email'
    | 'invalid_email'
    | 'missing_name'
    | 'duplicate_email'
    | 'invalid_date'
    | 'invalid_value'
    | 'malformed_row';
  message: string;
}

/**
 * What an import did (or, with `dryRun` or when not applied, would do). `rows` counts the data rows
 * (blank rows aside) = created + updated + unchanged + skipped, where `skipped` are the rows with
 * errors. After a file error that makes the file unusable, `applied` is false and the counts are 0.
 */
export interface CsvImportReport {
  mode: CsvImportMode;
  dryRun: boolean;
  applied: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** The first MAX_REPORTED_ERRORS errors in file order; `errorCount` is the true total. */
  errors: CsvRowError[];
  errorCount: number;
  createdIds?: never;
}

export const MAX_REPORTED_ERRORS = 1000;
/** Bounds memory when a stray quote swallows the rest of the file into one cell. */
const MAX_ROW_CHARS = 64 * 1024;
/** Learners handed to `insertLearners` at a time (it chunks further under the parameter limits). */
const CREATE_BATCH = 2000;
/** Learners read whole at a time for the rows that update them. */
const UPDATE_BATCH = 500;

interface ValidRow {
  /** Only the non-empty cells of mapped columns: an empty cell never overwrites a known value. */
  values: Partial<PersonValues> & { workEmail: string };
}

/** Creates and updates learners of one tenant from a CSV file; see CsvImportReport. */
export async function importLearnersCsv(
  db: Kysely<Database>,
  options: CsvImportOptions,
): Promise<CsvImportReport> {
  const dryRun = options.dryRun ?? false;
  const read = await readRows(options.input);
  const report: CsvImportReport = {
    mode: options.mode,
    dryRun,
    applied: false,
    rows: read.rows,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: read.unusable ? 0 : read.rows - read.valid.length,
    errors: read.errors.list,
    errorCount: read.errors.count,
  };
  if (read.unusable) return { ...report, rows: 0 };
  const blocked = options.mode === 'all-or-nothing' && read.errors.count > 0;
  if (dryRun || blocked)
    return { ...report, ...counts(await plan(db, options.tenantId, read.valid)) };

  const now = options.now.toISOString();
  return inTransaction(db, async (trx) => {
    // Planned inside the write transaction so it matches what is in the store at apply time.
    const work = await plan(trx, options.tenantId, read.valid);
    for (const part of chunk(work.creates, CREATE_BATCH)) {
      const rows = part.map((row) =>
        newLearnerRow({ tenantId: options.tenantId, source: 'csv', person: row.values }, now),
      );
      await insertLearners(trx, rows, now);
    }
    // Whole learners (provenance, version) only for the rows that change one, a batch at a time.
    for (const part of chunk(work.updates, UPDATE_BATCH)) {
      const learners = await learnersById(
        trx,
        options.tenantId,
        part.map((u) => u.learnerId),
      );
      for (const { learnerId, values } of part) {
        const learner = learners.get(learnerId);
        // Planned in this transaction: the learner is there.
        if (!learner) throw new Error(`learner ${learnerId} vanished during the import`);
        await updateLearnerFields(trx, learner, values, { source: 'csv' }, now);
      }
    }
    const done = { ...report, ...counts(work), applied: true };
    await recordAudit(
      trx,
      {
        tenantId: options.tenantId,
        actor: options.actor,
        action: 'learners.import',
        details: {
          mode: done.mode,
          rows: done.rows,
          created: done.created,
          updated: done.updated,
          unchanged: done.unchanged,
          skipped: done.skipped,
          errorCount: done.errorCount,
        },
      },
      now,
    );
    return done;
  });
}

interface ImportPlan {
  creates: ValidRow[];
  updates: { learnerId: string; values: Partial<PersonValues> }[];
  unchanged: number;
}

async function plan(
  db: Kysely<Database>,
  tenantId: string,
  rows: readonly ValidRow[],
): Promise<ImportPlan> {
  const existing = await personValuesByEmail(db, tenantId);
  const out: ImportPlan = { creates: [], updates: [], unchanged: 0 };
  for (const row of rows) {
    const learner = existing.get(row.values.workEmail);
    if (!learner) out.creates.push(row);
    else if (changedFields(learner, row.values).length > 0)
      out.updates.push({ learnerId: learner.id, values: row.values });
    else out.unchanged += 1;
  }
  return out;
}

function counts(work: ImportPlan): Pick<CsvImportReport, 'created' | 'updated' | 'unchanged'> {
  return { created: work.creates.length, updated: work.updates.length, unchanged: work.unchanged };
}

class ErrorLog {
  readonly list: CsvRowError[] = [];
  count = 0;

  add(line: number, column: string | null, code: CsvErrorCode, message: string): void {
    this.count += 1;
    if (this.list.length < MAX_REPORTED_ERRORS) this.list.push({ line, column, code, message });
  }
}

/**
 * Turns csv-parse's counters into the line where each record starts. csv-parse reports the line a
 * record ends on, and counts a CRLF inside a quoted cell as two lines: we subtract those, and take
 * the start as "after the previous record and the blank lines since".
 */
class LineTracker {
  #lastEnd = 0;
  #blankSeen = 0;
  #extra = 0;

  next(reportedEnd: number, blankLines: number, cells: readonly string[]): number {
    for (const cell of cells)
      if (cell.includes('\r\n')) this.#extra += cell.split('\r\n').length - 1;
    const start = this.#lastEnd + 1 + (blankLines - this.#blankSeen);
    this.#lastEnd = Math.max(start, reportedEnd - this.#extra);
    this.#blankSeen = blankLines;
    return start;
  }
}

interface ReadResult {
  rows: number;
  valid: ValidRow[];
  errors: ErrorLog;
  /** A file error that no mode can import around (no email column, empty, not CSV). */
  unusable: boolean;
}

/**
 * Streams the file through csv-parse and validates every row as it is parsed. Everything runs in
 * csv-parse's synchronous callbacks (nothing is pushed downstream), so errors are logged in file
 * order and lines are exact.
 */
async function readRows(input: AsyncIterable<Buffer | string>): Promise<ReadResult> {
  const errors = new ErrorLog();
  const lines = new LineTracker();
  const seen = new Map<string, number>();
  const result: ReadResult = { rows: 0, valid: [], errors, unusable: false };
  let mapping: CsvHeaderMapping | undefined;

  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_ROW_CHARS,
    columns: (cells: string[]) => {
      const line = lines.next(parser.info.lines, parser.info.empty_lines, cells);
      mapping = mapCsvHeader(cells);
      const header = checkHeader(cells, mapping);
      for (const p of header.problems) errors.add(line, p.column, p.code, p.message);
      result.unusable = header.unusable;
      return mapping.columns.map((column) => column.key);
    },
    on_record: (record: Record<string, string>, context) => {
      if (result.unusable || !mapping) return null;
      const cells = Object.values(record);
      const line = lines.next(context.lines, context.empty_lines, cells);
      if (cells.every((cell) => cell.trim() === '')) return null;
      result.rows += 1;
      const row = validateRow(record, line, mapping, errors, seen);
      if (row) result.valid.push(row);
      return null;
    },
    on_skip: (error) => {
      if (!error || result.unusable) return;
      const cells = Array.isArray(error['record']) ? (error['record'] as string[]) : [];
      const reported = Number(error['lines']) || parser.info.lines;
      const line = lines.next(reported, parser.info.empty_lines, cells);
      result.rows += 1;
      errors.add(line, null, 'malformed_row', malformedMessage(error, mapping));
    },
  });
  let failure: Error | undefined;
  parser.on('error', (error: Error) => (failure ??= error));
  parser.resume();
  try {
    for await (const chunk of input) {
      // Once the file is known to be unusable the rest is drained unparsed: the caller's stream (an
      // HTTP request, say) is read to its end so that it can still be answered.
      if (result.unusable || failure !== undefined) continue;
      if (!parser.write(chunk)) await once(parser, 'drain');
    }
    if (failure === undefined) await finished(parser.end());
  } catch (error) {
    // `once` and `finished` reject with the parser's error, kept above; anything else is the input's.
    if (error !== failure) throw error;
  } finally {
    parser.destroy();
  }
  if (failure !== undefined) {
    if (!(failure instanceof CsvError)) throw failure;
    errors.add(1, null, 'malformed_row', `the file could not be read as CSV: ${failure.message}`);
    result.unusable = true;
  }
  if (!mapping && !result.unusable) {
    errors.add(1, null, 'malformed_row', 'the file is empty: expected a header row');
    result.unusable = true;
  }
  return result;
}

function validateRow(
  record: Record<string, string>,
  line: number,
  mapping: CsvHeaderMapping,
  errors: ErrorLog,
  seen: Map<string, number>,
): ValidRow | undefined {
  let valid = true;
  const values: Partial<Record<CsvField, string>> = {};
  for (const [field, column] of mapping.byField) {
    const text = cleanText(record[column.key]);
    if (text === null) continue;
    const cell = readCell(field, text);
    if (cell.ok) values[field] = cell.value;
    else {
      errors.add(line, column.header, cell.code, cell.message);
      valid = false;
    }
  }
  const emailColumn = mapping.byField.get('workEmail');
  const email = values.workEmail;
  if (cleanText(emailColumn ? record[emailColumn.key] : undefined) === null) {
    errors.add(line, emailColumn?.header ?? null, 'missing_email', 'work_email is empty');
    valid = false;
  }
  if (values.firstName === undefined && values.lastName === undefined) {
    const column = mapping.byField.get('firstName') ?? mapping.byField.get('lastName');
    errors.add(line, column?.header ?? null, 'missing_name', 'first_name or last_name is required');
    valid = false;
  }
  if (email !== undefined) {
    const first = seen.get(email);
    if (first === undefined) seen.set(email, line);
    else {
      errors.add(
        line,
        emailColumn?.header ?? null,
        'duplicate_email',
        `work_email already appears on line ${first}`,
      );
      valid = false;
    }
  }
  // The casts are sound: readCell only lets an allowed employment status through.
  return valid && email !== undefined
    ? { values: { ...(values as Partial<PersonValues>), workEmail: email } }
    : undefined;
}

function malformedMessage(error: CsvError, mapping: CsvHeaderMapping | undefined): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
      const cells = Array.isArray(error['record']) ? (error['record'] as unknown[]).length : 0;
      return `the row has ${cells} cells but the header has ${mapping?.columns.length ?? 0}`;
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell starting on this row is never closed, so the rest of the file was not read';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return 'a quote is misplaced: put the whole cell in quotes and double the quotes inside it';
    case 'CSV_MAX_RECORD_SIZE':
      return `the row is longer than ${MAX_ROW_CHARS} characters (a stray quote?)`;
    default:
      return `the row could not be read (${error.code})`;
  }
}
