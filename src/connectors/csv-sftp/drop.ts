import { posix } from 'node:path';
import { ConnectorError } from '../connector.ts';
import type { ConnectorLogger, FetchItem } from '../connector.ts';
import type { CsvHeaderMapping, HeaderProblem } from '../../platform/csv-columns.ts';
import { ID_FIELD, type IdColumn } from './columns.ts';
import { newestMatch } from './files.ts';
import { mapCsvRow } from './map.ts';
import { readCsvEvents } from './rows.ts';
import type { SftpSession } from './sftp.ts';
import { recordErrorItem } from '../mapping.ts';

export interface DropOptions {
  directory: string;
  filePattern: string;
  idColumn: IdColumn;
  today: string;
  log: ConnectorLogger;
}

/**
 * Reads the newest matching file of the drop directory. A missing file is an error (never an
 * empty directory); a header without rows yields nothing (the engine's empty-snapshot guard then
 * pauses the run); a bad row is a `record_error` with its line; a file whose bytes did not all
 * arrive, or that changed while it was read, fails as `truncated` so the engine reads it again.
 */
export async function* readDropFile(
  session: SftpSession,
  options: DropOptions,
): AsyncGenerator<FetchItem> {
  const { directory, filePattern, idColumn, log } = options;
  const listing = await session.list(directory);
  const file = newestMatch(listing, filePattern);
  if (!file) {
    throw new ConnectorError(
      'not_found',
      `no file matching ${filePattern} in ${directory} on the SFTP server ` +
        `(${listing.filter((f) => f.isFile).length} other files there); nothing was changed. ` +
        'Check the directory and the file name pattern, or that the export ran',
      true,
    );
  }
  const path = posix.join(directory, file.name);
  const modified = new Date(file.mtime * 1000).toISOString();
  log.info({ connector: 'csv-sftp', file: file.name, bytes: file.size, modified }, 'csv-sftp file');
  if (file.size === 0) {
    throw new ConnectorError(
      'invalid_payload',
      `${file.name} is empty (0 bytes), not even a header row; nothing was changed. ` +
        'A file that is still being uploaded looks like this: upload under another name, then rename',
      false,
    );
  }

  let bytes = 0;
  const counted = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of session.read(path)) {
      bytes += chunk.length;
      yield chunk;
    }
  };
  const seen = new Map<string, number>();
  const counts = { employees: 0, recordErrors: 0, pageErrors: 0 };
  let mapping: CsvHeaderMapping | undefined;
  for await (const event of readCsvEvents(counted())) {
    if (event.kind === 'header') {
      mapping = event.mapping;
      if (event.unusable) throw unusableHeader(file.name, event.problems);
      const ignored = event.mapping.unknown.map((c) => c.header || `#${c.index + 1}`);
      if (ignored.length > 0) {
        // Header names only: the cells of these columns are never read.
        log.warn({ connector: 'csv-sftp', ignoredColumns: ignored }, 'csv-sftp: columns ignored');
      }
      if (!event.mapping.byField.has(ID_FIELD[idColumn])) {
        throw new ConnectorError(
          'invalid_payload',
          `${file.name} has no ${idColumn} column, which identifies people on this connection: ` +
            'add it, or change "Identify people by"',
          false,
        );
      }
      continue;
    }
    if (event.kind === 'malformed') {
      if (event.restUnread) {
        counts.pageErrors++;
        const page = `${file.name}:${event.line}`;
        yield { kind: 'page_error', page, code: 'malformed_row', message: event.message };
      } else {
        counts.recordErrors++;
        const message = `line ${event.line}: ${event.message}`;
        yield { kind: 'record_error', externalId: null, code: 'malformed_row', message };
      }
      continue;
    }
    if (!mapping) continue;
    const mapped = mapCsvRow(event.record, mapping, {
      line: event.line,
      today: options.today,
      idColumn,
    });
    if (!mapped.ok) {
      counts.recordErrors++;
      yield recordErrorItem(mapped);
      continue;
    }
    const id = mapped.employee.externalId;
    const first = seen.get(id);
    if (first !== undefined) {
      counts.recordErrors++;
      const message = `line ${event.line}: ${idColumn} already appears on line ${first}`;
      yield { kind: 'record_error', externalId: id, code: 'duplicate_id', message };
      continue;
    }
    seen.set(id, event.line);
    counts.employees++;
    yield { kind: 'employee', employee: mapped.employee };
  }
  if (!mapping) {
    throw new ConnectorError('invalid_payload', `${file.name} has no header row`, false);
  }

  const after = await session.stat(path);
  if (bytes < file.size || after.size !== file.size || after.mtime !== file.mtime) {
    throw new ConnectorError(
      'truncated',
      `${file.name} changed or was cut off while it was read (${bytes} of ${file.size} bytes, ` +
        `${after.size} bytes now); it is probably still being uploaded`,
      true,
    );
  }
  log.info({ connector: 'csv-sftp', file: file.name, bytes, ...counts }, 'csv-sftp file read');
}

/** A header no row can be read with (no work_email or name column, a column twice, not UTF-8). */
function unusableHeader(name: string, problems: readonly HeaderProblem[]): ConnectorError {
  const blocking = problems.filter((p) => p.code !== 'unknown_column').map((p) => p.message);
  return new ConnectorError(
    'invalid_payload',
    `${name} cannot be imported, nothing was changed: ${blocking.join('; ')}. ` +
      'The columns are those of the CSV upload (docs/connectors/csv-sftp.md)',
    false,
  );
}
