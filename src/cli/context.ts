import type { Store } from '../db/database.ts';
import { openMigratedStore } from '../db/database.ts';
import type { Config } from '../config.ts';
import { loadConfig } from '../config.ts';

/**
 * What every command shares: configuration from the environment, and a migrated store that is
 * opened for the command and closed after it. No command needs a running server.
 */
export async function withStore<T>(fn: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = await openMigratedStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  });
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}

/** One JSON document on stdout (and nothing else there), stable for scripts. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** A plain aligned table for humans; `--json` is the stable format. */
export function printTable(
  headers: string[],
  rows: (string | number | null | undefined)[][],
): void {
  const cells = rows.map((row) =>
    row.map((cell) => (cell === null || cell === undefined ? '' : String(cell))),
  );
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...cells.map((row) => row[i]?.length ?? 0)),
  );
  const format = (row: string[]): string =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  printLine(format(headers));
  printLine(format(widths.map((w) => '-'.repeat(w))));
  for (const row of cells) printLine(format(row));
}

/** A failure the command reports and exits with; `exitCode` 1 for failures, 2 for usage errors. */
export class CommandFailed extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = 'CommandFailed';
  }
}
