import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import {
  checkHeader,
  mapCsvHeader,
  type CsvHeaderMapping,
  type HeaderProblem,
} from '../../platform/csv-columns.ts';

/** What reading the file yields, in file order. */
export type CsvEvent =
  | { kind: 'header'; mapping: CsvHeaderMapping; problems: HeaderProblem[]; unusable: boolean }
  /** A data row, its cells keyed as `mapping` keys them (ignored columns under `#<index>`). */
  | { kind: 'row'; line: number; record: Record<string, string> }
  /**
   * A row csv-parse could not read. `restUnread`: nothing after it was read (an unclosed quote
   * swallowed the rest of the file), so the snapshot is incomplete.
   */
  | {
      kind: 'malformed';
      line: number;
      cells: readonly string[];
      message: string;
      restUnread: boolean;
    };

/** The upload's bound (csv-import.ts): a stray quote cannot grow one row without limit. */
const MAX_ROW_CHARS = 64 * 1024;

/**
 * Streams a CSV file with the CSV upload's parser settings (csv-parse: BOM, trimmed cells, blank
 * lines skipped, bad rows skipped and reported) and its header mapping (`mapCsvHeader`,
 * `checkHeader`). Events are collected in csv-parse's synchronous callbacks and handed out after
 * each chunk, so memory holds one chunk's rows, never the file. After an unusable header the rest
 * is not parsed. A file without a single line yields nothing.
 */
export async function* readCsvEvents(
  input: AsyncIterable<Buffer | string>,
): AsyncGenerator<CsvEvent> {
  const lines = new LineTracker();
  const queue: CsvEvent[] = [];
  let mapping: CsvHeaderMapping | undefined;
  let stopped = false;

  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_ROW_CHARS,
    columns: (cells: string[]) => {
      lines.next(parser.info.lines, parser.info.empty_lines, cells);
      mapping = mapCsvHeader(cells);
      const { problems, unusable } = checkHeader(cells, mapping);
      stopped = unusable;
      queue.push({ kind: 'header', mapping, problems, unusable });
      return mapping.columns.map((column) => column.key);
    },
    on_record: (record: Record<string, string>, context) => {
      if (stopped) return null;
      const cells = Object.values(record);
      const line = lines.next(context.lines, context.empty_lines, cells);
      if (cells.every((cell) => cell.trim() === '')) return null;
      queue.push({ kind: 'row', line, record });
      return null;
    },
    on_skip: (error) => {
      if (!error || stopped) return;
      const cells = Array.isArray(error['record']) ? (error['record'] as string[]) : [];
      const reported = Number(error['lines']) || parser.info.lines;
      const line = lines.next(reported, parser.info.empty_lines, cells);
      const restUnread = error.code === 'CSV_QUOTE_NOT_CLOSED';
      const message = malformedMessage(error, mapping?.columns.length ?? 0);
      queue.push({ kind: 'malformed', line, cells, message, restUnread });
    },
  });
  let failure: Error | undefined;
  parser.on('error', (error: Error) => (failure ??= error));
  parser.resume();
  try {
    for await (const chunk of input) {
      if (stopped || failure !== undefined) break;
      if (!parser.write(chunk)) await once(parser, 'drain');
      yield* queue.splice(0);
    }
    if (!stopped && failure === undefined) await finished(parser.end());
  } catch (error) {
    // `once` and `finished` reject with the parser's error, kept above; anything else is the input's.
    if (error !== failure) throw error;
  } finally {
    parser.destroy();
  }
  yield* queue.splice(0);
  if (failure !== undefined) {
    if (!(failure instanceof CsvError)) throw failure;
    const message = `the file could not be read as CSV: ${failure.message}`;
    yield { kind: 'malformed', line: 1, cells: [], message, restUnread: true };
  }
}

function malformedMessage(error: CsvError, headerCells: number): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
      const cells = Array.isArray(error['record']) ? (error['record'] as unknown[]).length : 0;
      return `the row has ${cells} cells but the header has ${headerCells}`;
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

/**
 * The line where each record starts, as the CSV upload computes it (csv-import.ts `LineTracker`,
 * which that module keeps private): csv-parse reports the line a record ends on and counts a CRLF
 * inside a quoted cell as two lines.
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
