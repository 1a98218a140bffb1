import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CompanyOptions } from './company.ts';

/** Where an emulator's CLI writes, and what stops it besides SIGINT/SIGTERM. */
export interface CliIo {
  stdout?: { write(text: string): unknown };
  stderr?: { write(text: string): unknown };
  /** Stops the emulator (besides SIGINT/SIGTERM). */
  signal?: AbortSignal;
}

/** The options every emulator takes (`--port --host --employees --seed --today`). */
export const COMMON_USAGE = `  --port N             port to listen on (default 0 = any free port)
  --host H             address to bind (default 127.0.0.1)
  --employees N        company size, every status included (default 250, max 200000)
  --seed S             generation seed (default 1)
  --today YYYY-MM-DD   reference date for start/termination dates (default today)
`;

const COMMON_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  employees: { type: 'string' },
  seed: { type: 'string' },
  today: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** `--name` as a non-negative integer, or undefined when absent. */
export function integerOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a non-negative integer`);
  return Number(value);
}

/** `--name N` as an integer of at least 1 (a page size), or undefined when absent. */
export function positiveIntegerOption(values: CliValues, name: string): number | undefined {
  const value = integerOption(textOption(values, name), name);
  if (value === 0) throw new Error(`--${name} must be at least 1`);
  return value;
}

/** `--name N` as a request budget where 0 means no limit (Infinity); undefined when absent. */
export function rateLimitOption(values: CliValues, name: string): number | undefined {
  const limit = integerOption(textOption(values, name), name);
  return limit === 0 ? Number.POSITIVE_INFINITY : limit;
}

/** What the common options parse to. */
export interface CommonCliOptions {
  port?: number;
  host?: string;
  company: CompanyOptions;
}

/** Parsed flags, as node:util parseArgs returns them. */
export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** A string flag's value, or undefined when absent or empty. */
export function textOption(values: CliValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A repeatable string flag's (`multiple: true`) non-empty values, in order; [] when absent. */
export function listOption(values: CliValues, name: string): string[] {
  const value = values[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.filter((item): item is string => typeof item === 'string' && item !== '');
}

/** One emulator's CLI: its usage, its own flags, how they become options, and its banner. */
export interface EmulatorCliSpec<Options, Emulator extends { close(): Promise<void> }> {
  /** `rollcall emulator <name>` usage: a first line; the common options are appended. */
  usage: string;
  /** The vendor's own flags (node:util parseArgs format). */
  options?: NonNullable<ParseArgsConfig['options']>;
  /**
   * Builds the emulator's options from the common ones and the vendor flags; throws (or rejects)
   * on bad input. May be async to read files named by flags.
   */
  build(common: CommonCliOptions, values: CliValues): Options | Promise<Options>;
  start(options: Options): Promise<Emulator>;
  /** The lines printed once it listens: URL (any scheme), credentials, company. */
  banner(emulator: Emulator, options: Options): string[];
}

/**
 * Runs an emulator until SIGINT/SIGTERM (or `io.signal`), printing its banner. Resolves with an
 * exit code: 0 after a clean stop (or `--help`), 2 for bad arguments or a failed start.
 */
export async function runEmulatorCli<Options, Emulator extends { close(): Promise<void> }>(
  spec: EmulatorCliSpec<Options, Emulator>,
  argv: readonly string[],
  io: CliIo = {},
): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const usage = `${spec.usage.trimEnd()}\n\n${COMMON_USAGE}`;
  let options: Options;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { ...COMMON_OPTIONS, ...spec.options },
      strict: true,
    });
    if (values['help'] === true) {
      stdout.write(usage);
      return 0;
    }
    const str = (name: string): string | undefined => textOption(values, name);
    const port = integerOption(str('port'), 'port');
    const size = integerOption(str('employees'), 'employees');
    const seed = integerOption(str('seed'), 'seed');
    const host = str('host');
    const today = str('today');
    const common: CommonCliOptions = {
      ...(port !== undefined ? { port } : {}),
      ...(host !== undefined ? { host } : {}),
      company: {
        ...(size !== undefined ? { size } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(today !== undefined ? { today } : {}),
      },
    };
    options = await spec.build(common, values);
  } catch (error) {
    stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }

  let emulator: Emulator;
  try {
    emulator = await spec.start(options);
  } catch (error) {
    stderr.write(
      `Could not start the emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  stdout.write([...spec.banner(emulator, options), 'Press Ctrl+C to stop.', ''].join('\n'));
  await untilStopped(io.signal);
  await emulator.close();
  return 0;
}

function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop);
  });
}
